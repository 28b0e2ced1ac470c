"""Quoted mentions: a button label, a slogan or a title quoted inside a sentence.

In "cliquez sur « Abonnez-vous » puis validez" or "le message « Téléchargez l'application »
apparaît", the quoted words are mentioned, not used: they belong to another utterance. A
checker that reads through the quotes makes "Abonnez-vous" a verb of the sentence and blames
the words at its edges ("suffit", "Téléchargez"). A quotation is a mention when a word comes
right before its opening quote; a quotation after a colon, a comma or at the start of a
sentence is reported speech, checked as usual.
"""
from __future__ import annotations

import regex

_PAIRS = regex.compile(r"«[^«»\n]{1,120}»|“[^“”\n]{1,120}”|„[^„“”\n]{1,120}[“”]|\x22[^\x22\n]{1,120}\x22")
_WORD_BEFORE = regex.compile(r"[\p{L}\p{N}]\s*$")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*")


def mentions(text: str) -> list[tuple[int, int]]:
    """Spans (quotes included) of the quotations that a word introduces."""
    out = []
    for m in _PAIRS.finditer(text):
        if m.group()[0] == '"' and text.count('"', 0, m.start()) % 2:
            continue  # a closing straight quote, not an opening one
        if _WORD_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            out.append((m.start(), m.end()))
    return out


def at_mention_edge(text: str, start: int, end: int) -> bool:
    """Does the slip sit on the first or last word of a mention, straddle its quotes, or is
    it the first word after one?"""
    for a, b in mentions(text):
        inner = [w.span() for w in _WORD.finditer(text, a + 1, b - 1)]
        if not inner:
            continue
        if start < a < end or start < b - 1 < end:
            return True  # the span straddles a quote
        first, last = inner[0], inner[-1]
        if start < first[1] and first[0] < max(end, start + 1) or start < last[1] and last[0] < max(end, start + 1):
            return True
        after = _WORD.search(text, b)
        if after and not text[b:after.start()].strip() and start < after.end() and after.start() < max(end, start + 1):
            return True
    return False
