"""Precision guards applied to every backend's slips (the default profile must stay quiet).

Grammar checkers reason from a dictionary and part-of-speech guesses; they cry wolf where
those guesses are weak. A slip is dropped when:

- it sits in a heading-like segment (short, no final punctuation): headlines are telegraphic
  ("Un partenariat devenu dépendance"); only doubled words are reported there;
- one of its words, or a word within two of it, is foreign to the segment's language ("la green
  room"; wordfreq frequencies) or unknown to the backend's own dictionary (a lowercase word its
  spell checker rejects, such as "ultraportables": the checker guessed its part of speech);
- an agreement slip follows a closing quote in the same clause: « Les Heures claires » s'impose —
  a plural title is a singular subject;
- an agreement slip follows a number and a unit ("120 mm croisée": the adjective agrees with
  the noun before the measure);
- it is a known false alarm of an upstream rule in a fixed phrase ("bon marché", "ou non");
- it is a doubled word that grammar allows ("had had", "nous nous").
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .slip import AGREEMENT, CONFUSION, GRAMMAR, REPETITION, VERB_FORM

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*|\d+(?:[.,]\d+)*")
COMPARED_LANGUAGES = ("en", "fr", "de", "es", "it")
FOREIGN_MARGIN = 1.0      # zipf points (a factor of 10 in frequency)
NEIGHBOURS = 2            # words either side of a slip that must be known and native
HEADING_WORDS = 12
# Doubled words that are grammatical (dropped) or often are (reported, fix not automatic).
GRAMMATICAL_DOUBLES = {"en": frozenset({"had", "that"}), "fr": frozenset({"nous", "vous"})}
AMBIGUOUS_DOUBLES = {"en": frozenset({"is", "do", "does", "in", "what"}), "fr": frozenset({"fait", "que"})}
# Known false alarms of upstream rules in fixed phrases:
# (language, upstream id pattern, span pattern, text before, text after).
UPSTREAM_EXCEPTIONS = (
    # "que ce soit le cas ou non": an alternative, not the relative "où".
    ("fr", r"conf_où_ou", r"(?i)ou", r"", r"^\s+(?:non|pas)\b"),
    # "bon marché", "meilleur marché" are invariable.
    ("fr", r"_(?:gn|ppas)_", r"(?i)bon|meilleur", r"", r"^\s+marché\b"),
    # "infirmière en chef", "rédactrice en chef": a fixed phrase, not a noun to feminise.
    ("fr", r"_gn_", r"(?i)chef", r"\ben\s+$", r""),
    # After a collective noun ("une trentaine [d'œuvres] jamais montrées") French agrees with
    # the sense as well as with the form (accord sylleptique): both are correct.
    ("fr", r"_(?:gn|ppas|conj)_", r".+",
     r"(?i)\b(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine"
     r"|millier|majorité|minorité|plupart|moitié|partie|nombre|foule|multitude|tiers|quart)\b[^.!?;:]{0,30}$", r""),
)
_EXCEPTIONS = tuple((lang, regex.compile(rule), regex.compile(span), regex.compile(before), regex.compile(after))
                    for lang, rule, span, before, after in UPSTREAM_EXCEPTIONS)
_LAST_QUOTE = regex.compile(r"([»”\"])[^.!?;:»”“«\"]{0,40}$")
_UNITS = r"(?:[mcdkµ]?m[²³23]?|[km]?g|t|[mcd]?l|h|min|s|ms|°C?|%|‰|€|\$|£|[kMG]W[h]?|W|V|[KMGT][oB]|ha|px)"
_NUMBER_UNIT = regex.compile(r"\d\s*" + _UNITS + r"\.?\s+$")
_SENTENCE_END = ".!?…:;"
_WORD_CATEGORIES = (AGREEMENT, VERB_FORM, CONFUSION, GRAMMAR)


@lru_cache(maxsize=65536)
def is_foreign(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency

    w = word.lower().strip("'’-")
    if len(w) < 2 or lang not in COMPARED_LANGUAGES or w.isdigit():
        return False
    # The small lists (zipf >= 3) load in milliseconds; rarer words carry no evidence here.
    own = zipf_frequency(w, lang, wordlist="small")
    other = max(zipf_frequency(w, o, wordlist="small") for o in COMPARED_LANGUAGES if o != lang)
    # A common word of the segment's language ("non" in French) needs much stronger evidence.
    return other >= own + (FOREIGN_MARGIN if own < 5.0 else 2 * FOREIGN_MARGIN)


def _window(text: str, start: int, end: int, n: int) -> list:
    """The word tokens of the slip and ``n`` on each side."""
    tokens = list(_TOKEN.finditer(text))
    inside = [i for i, m in enumerate(tokens) if m.start() < max(end, start + 1) and start < m.end()]
    if not inside:
        inside = [i for i, m in enumerate(tokens) if m.end() <= start][-1:]
    if not inside:
        return []
    return tokens[max(inside[0] - n, 0):inside[-1] + n + 1]


def is_heading(text: str) -> bool:
    t = text.strip()
    return bool(t) and t[-1] not in _SENTENCE_END and len(t.split()) <= HEADING_WORDS


def doubled_word(span_text: str) -> str | None:
    parts = span_text.split()
    if len(parts) == 2 and parts[0].lower() == parts[1].lower():
        return parts[0].lower()
    return None


def keep(category: str, text: str, start: int, end: int, lang: str, upstream: str = "",
         unknown: tuple[tuple[int, int], ...] = ()) -> bool:
    """False when the slip is most likely a false alarm. ``unknown``: spans of words that the
    backend's dictionary does not know."""
    span = text[start:end]
    for ex_lang, rule, span_re, before, after in _EXCEPTIONS:
        if (ex_lang == lang and rule.search(upstream) and span_re.fullmatch(span)
                and before.search(text[max(0, start - 30):start]) and after.match(text[end:])):
            return False
    if category == REPETITION:
        word = doubled_word(span)
        return not (word and word in GRAMMATICAL_DOUBLES.get(lang, ()))
    if category not in _WORD_CATEGORIES:
        return True
    if is_heading(text):
        return False
    for tok in _window(text, start, end, NEIGHBOURS):
        word = tok.group()
        if is_foreign(word, lang):
            return False
        if word[:1].islower() and any(a <= tok.start() and tok.end() <= b for a, b in unknown):
            return False
    if category == AGREEMENT:
        before = text[:start]
        if _after_closing_quote(before) or _NUMBER_UNIT.search(before[-20:]):
            return False
    return True


def _after_closing_quote(before: str) -> bool:
    """Does a quotation close shortly before, in the same clause?"""
    m = _LAST_QUOTE.search(before[-60:])
    if not m:
        return False
    if m.group(1) != '"':
        return True
    # A straight quote closes when it is the second of a pair.
    return before.count('"') % 2 == 0


def ambiguous_double(span_text: str, lang: str) -> bool:
    word = doubled_word(span_text)
    return bool(word and word in AMBIGUOUS_DOUBLES.get(lang, ()))
