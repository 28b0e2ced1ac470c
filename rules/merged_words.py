"""How merged words are recognised: shared by merged-case (CL401), merged-letters (CL402), merged-digit (CL403).

A merge is two words whose separating space was lost at a tag boundary
("marche</p><p>et" -> "marcheet"). We propose a split only when the token as a
whole is in no lexicon and both parts are frequent words of the document's
language; a short part must be a function word (the top of the frequency list).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import lexicon

# Zipf thresholds. A part of one to three letters must be as frequent as
# "et", "le", "qui", "and", "the" (all >= 6.5); longer parts need only be
# ordinary words ("échouer" is 3.6, "stations" 4.3).
FUNCTION_WORD_ZIPF = 6.0
WORD_ZIPF = 3.5
SHORT_PART = 3
# Word-formation evidence (see is_affix_like), measured on the fr/en lists:
# "anti" starts 205 listed compounds, "sur" 397, "hydro" 33 (24 %); "marche" 8;
# "-ai" ends 632 verb forms, "-aient" 694, while "-et" ends 262 words, "-le" 268.
PREFIX_FAMILY = 50
PREFIX_FAMILY_SHARED, PREFIX_SHARE = 10, 0.2
SUFFIX_FAMILY = 400
# "isse" occurs 576 times in common French words, "anne" 132; a merge's
# junction is usually rare: "heet" 3, "erle" 18, "nsan" 7, "ftle" 0.
JUNCTION_COUNT = 30

# A whitespace-delimited chunk with these is an address, a handle, a tag, an
# identifier or a file name: its tokens are not prose.
_CODE_LIKE = regex.compile(r"[/@#_=\\<>{}|`]|://|www\.|\w\.\p{L}|\p{L}\d|\d\p{L}+\d")
_SPACE = regex.compile(r"\s")
_FENCE = regex.compile(r"^ {0,3}(?:`{3,}|~{3,})[^\n]*$", regex.M)


@dataclass(frozen=True)
class Split:
    left: str
    right: str
    lang: str
    score: float  # the rarer part's Zipf frequency


def chunk_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited chunk around text[start:end]."""
    a = start
    while a > 0 and not _SPACE.match(text[a - 1]):
        a -= 1
    b = end
    while b < len(text) and not _SPACE.match(text[b]):
        b += 1
    return a, b


def in_code_like_chunk(text: str, start: int, end: int) -> bool:
    """URLs, e-mail addresses, @handles, #tags, file names, identifiers (also '@ handle')."""
    a, b = chunk_bounds(text, start, end)
    if _CODE_LIKE.search(text, a, b):
        return True
    before = text[max(0, a - 3):a].strip()
    return before.endswith(("@", "#"))


def fenced_code(doc) -> list[tuple[int, int]]:
    """Fenced code blocks of a plain-text document (Markdown documents skip them already)."""
    if doc.markdown or ("```" not in doc.text and "~~~" not in doc.text):
        return []
    fences = [m.start() for m in _FENCE.finditer(doc.text)]
    blocks = [(a, b) for a, b in zip(fences[::2], fences[1::2])]
    if len(fences) % 2:
        blocks.append((fences[-1], len(doc.text)))
    return blocks


def inside(blocks: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in blocks)


def part_is_word(part: str, lang: str) -> bool:
    z = lexicon.zipf(part, lang)
    return z >= (FUNCTION_WORD_ZIPF if len(part) <= SHORT_PART else WORD_ZIPF)


def is_affix_like(left: str, right: str, lang: str) -> bool:
    """Word formation rather than a merge: a productive prefix or an inflection.

    "surmortalité" is "sur" + "mortalité" and "définirai" is "définir" + "ai",
    yet both are words; the lexicon tells us "sur" starts hundreds of listed
    compounds and "ai" ends hundreds of listed verb forms.
    """
    n, share = lexicon.prefix_family(left, lang)
    if n >= PREFIX_FAMILY or n >= PREFIX_FAMILY_SHARED and share >= PREFIX_SHARE:
        return True
    return lexicon.suffix_family(right, lang)[0] >= SUFFIX_FAMILY


def reads_as_one_word(left: str, right: str, lang: str) -> bool:
    """The letters around the junction ("ss|es", "n|ne") are common inside words."""
    return lexicon.inner_count(left[-2:] + right[:2], lang) > JUNCTION_COUNT


def best_split(word: str, langs, *, min_part: int = 2) -> Split | None:
    """The most plausible two-word split of an unknown lowercase token, or None."""
    best = None
    for lang in langs:
        for i in range(min_part, len(word) - min_part + 1):
            left, right = word[:i], word[i:]
            if not (part_is_word(left, lang) and part_is_word(right, lang)):
                continue
            score = min(lexicon.zipf(left, lang), lexicon.zipf(right, lang))
            if best is not None and score <= best.score:
                continue
            if is_affix_like(left, right, lang) or reads_as_one_word(left, right, lang):
                continue
            best = Split(left, right, lang, score)
    return best


# Most documents have few case steps ("iPhone", "OpenAI"): scanning for the
# step first and matching the full pattern only there keeps the rules linear.
CASE_STEP = regex.compile(r"\p{Ll}\p{Lu}")
STOP_STEP = regex.compile(r"\p{Ll}[.!?]\p{Lu}")


def word_start(text: str, i: int) -> int:
    """Start of the run of letters that ends at text[i - 1]."""
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i


def matches_at(pattern, anchor, text: str):
    """``pattern`` matched from the start of each word holding an ``anchor`` match."""
    last = -1
    for a in anchor.finditer(text):
        start = word_start(text, a.start() + 1)
        if start == last:
            continue
        last = start
        m = pattern.match(text, start)
        if m:
            yield m
