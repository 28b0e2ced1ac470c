"""The language of one segment: the document's, unless the segment is clearly another.

Live blogs quote English in French articles, guides quote French terms in English: a French
checker on an English quote cries wolf on every word. Evidence is counted with the same
function words as document detection (corpuslint.language).
"""
from __future__ import annotations

from collections import Counter

import regex

from corpuslint.language import FUNCTION_WORDS

_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")
# Tokens shared by several languages carry no evidence.
_SHARED = {w for w, n in Counter(w for ws in FUNCTION_WORDS.values() for w in ws).items() if n > 1}

UNKNOWN = ("", "und", "mixed", "mul", "zxx", "auto")


def primary(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def counts(text: str) -> Counter:
    c: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if "'" in w or "’" in w:
            if w.split("'")[0].split("’")[0] in ("l", "d", "qu", "n", "s", "c", "j", "m", "t"):
                c["fr"] += 1
            continue
        if w in _SHARED:
            continue
        for lang, words in FUNCTION_WORDS.items():
            if w in words:
                c[lang] += 1
    return c


def segment_language(text: str, doc_lang: str | None) -> str | None:
    """The language to check ``text`` as, or None when it cannot be told."""
    base = primary(doc_lang)
    c = counts(text)
    best, n = (c.most_common(1) or [("", 0)])[0]
    if base and base not in UNKNOWN:
        mine = c.get(base, 0)
        if best != base and n >= 3 and n >= 2 * max(mine, 1):
            return best
        return base
    runner_up = max([v for k, v in c.items() if k != best] or [0])
    if n >= 2 and n >= 2 * max(runner_up, 1):
        return best
    return None
