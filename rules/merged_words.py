"""How merged words are recognised: shared by merged-case (CL401), merged-letters (CL402), merged-digit (CL403).

A merge is two words whose separating space was lost at a tag boundary
("marche</p><p>et" -> "marcheet"). We propose a split only when the token as a
whole is in no lexicon and both parts are words of the document's language (a
short part must be a function word, the top of the frequency list), choosing
the likeliest cut, and only when that cut is not word formation: a productive
prefix or ending, or a listed word of the same family across the cut.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import lexicon

# Zipf thresholds. A part of one to three letters must be as frequent as
# "et", "le", "qui", "and", "the" (all >= 6.5); longer parts need only be
# ordinary words ("échouer" is 3.6, "stations" 4.3), or rarer ones
# ("aviaire" 3.1) beside a function word or another long part.
FUNCTION_WORD_ZIPF = 6.0
# Two-letter prepositions and articles that a capitalised word gets glued to ("in|Phoenix",
# "de|Lyon"): merged-case reports those; "on", "to" and "is" stay out (onClick, toString, isEmpty).
SHORT_FUNCTION_WORDS = frozenset({"in", "at", "of", "de", "en", "au", "du", "la", "le", "et", "à"})
WORD_ZIPF = 3.5
RARE_WORD_ZIPF = 2.5
LONG_PART = 6
LONG_RARE_ZIPF, LONG_RARE_LEN, TOP_WORD_ZIPF = 2.0, 8, 6.5  # see part_is_word
TAIL_LEFT_ZIPF = 4.5  # see _function_word_tail
# A two-letter tail must be among the very commonest words ("de" 7.7, "of" 7.4; not "ne" 6.7,
# "an" 6.5), its junction rare inside words ("es|de" 5, "le|in" 10; "ti|on" thousands) and no
# common word may go on from the left part ("deny|in": "denying"). Measured on 20,000 rare listed
# words taken for unknown: +2 French splits (names) and +3 English ("sortof", "usedto", "docsis").
TWO_LETTER_TAIL_ZIPF, TWO_LETTER_TAIL_JUNCTION, TWO_LETTER_TAIL_LEFT_LEN = 7.0, 10, 4
TWO_LETTER_LEFT_ZIPF = 3.5
TWO_LETTER_TAIL_GOES_ON_ZIPF = 2.0  # "santé|e" goes on in "santée" (1.2), a misspelling
BORROWED_MARGIN = 1.0
SHORT_PART = 3
# A one-letter part is a function word that seldom starts (or ends) a listed
# word: French "à" starts 24 of 311,000, "a" and "y" thousands.
ONE_LETTER_SHARE = 0.001
# Word-formation evidence (see is_affix_like), measured on the fr/en lists. A
# prefix is productive when a large share of the words it starts are prefix +
# word: "over" 0.78, "sur" 0.51, "entre" 0.57, against "the" 0.18, "le" 0.17,
# "de" 0.16; "re" and "un" start so many (1,455 and 1,146) that the share is moot.
# Endings likewise: "-less" 0.88, "-ai" 0.48, "-ait" 0.25, against "-on" 0.07, "-et" 0.10;
# an ending must also end many words: "-with" (14: "forthwith"), "-not" (17) and "-how" (25)
# are function words glued on, "-time" (87) and "-out" (124) are compound heads.
PREFIX_FAMILY, PREFIX_SHARE, PREFIX_FAMILY_ANY = 10, 0.3, 1000
SUFFIX_FAMILY, SUFFIX_SHARE = 30, 0.25
# A listed word that shares the token's letters across the cut is a relative: a
# stem reaching two letters into the right part ("démolis|ses" ~ "démolissent"), or
# an ending reaching two letters into the left part ("factuel|le" ~ "actuelle"),
# the pair differing in its last (first) three letters at most. A stem relative
# counts only when the two endings alternate on many stems ("-s"/"-nt": 2,350).
RELATIVE_REACH, RELATIVE_SPAN, ALTERNATION = 2, 3, 10
RELATIVE_EXTRA = 4   # a relative is at most this many letters longer than the token
RELATIVES_SCANNED = 30
# "isse" occurs 576 times in common French words, "anne" 132; a merge's
# junction is usually rare: "heet" 3, "erle" 18, "nsan" 7, "ftle" 0.
JUNCTION_COUNT = 30

# A whitespace-delimited chunk with these is an address, a handle, a tag, an
# identifier, a file name, a call or a man page ("debuild(1)", "f(x[n])"): its
# tokens are not prose.
_CODE_LIKE = regex.compile(r"[/@#_=\\<>{}|`\[]|://|www\.|\w\.\p{L}|\p{L}\d|\d\p{L}+\d|\p{L}\(\p{N}\)|\p{L}\(\)")
# A shell prompt starts a command line: "$ debuild -sa".
_PROMPT = regex.compile(r"[ \t\u00a0]*\$[ \t\u00a0]+\S")
_SPACE = regex.compile(r"\s")
_FENCE = regex.compile(r"^ {0,3}(?:`{3,}|~{3,})[^\n]*$", regex.M)


@dataclass(frozen=True)
class Split:
    left: str
    right: str
    lang: str
    score: float  # the rarer part's Zipf frequency
    likelihood: float = 0.0  # the sum of the parts' Zipf frequencies (log of their product)


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
    line = text.rfind("\n", 0, start) + 1
    if _PROMPT.match(text, line, end):
        return True
    before = text[max(0, a - 3):a].strip()
    return before.endswith(("@", "#"))


_OPEN_QUOTE_BEFORE = regex.compile(r"[«“\"‘][ \u00a0\u202f]?$")
_CLOSE_QUOTE_AFTER = regex.compile(r"[ \u00a0\u202f]?[»”\"’]")


_TOKEN_EDGE = regex.compile(r"[,.;:!?)»”\"'’(«“]")


def stands_alone(text: str, start: int, end: int) -> bool:
    """Only spaces and punctuation around the token: "les52" in a sentence, not in "/les52/" (a path)
    or "x.the2019" (code). For tokens that ``in_code_like_chunk`` would call code for their figure."""
    a, b = chunk_bounds(text, start, end)
    return not _TOKEN_EDGE.sub("", text[a:start] + text[end:b])


def quoted_alone(text: str, start: int, end: int) -> bool:
    """« coronapistes », "doomscrolling", « nom,prénom »: a token quoted on its own is a coinage
    or a mention, written so on purpose."""
    before = _OPEN_QUOTE_BEFORE.search(text, max(0, start - 3), start)
    return bool(before and _CLOSE_QUOTE_AFTER.match(text, end, end + 3))


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


def part_is_word(part: str, lang: str, other: str = "", before_other: bool = False) -> bool:
    """Frequent enough to be one of the two words of a merge (``other`` is the second part, which
    follows this one when ``before_other``)."""
    z = lexicon.zipf(part, lang)
    if len(part) == 1:
        return z >= FUNCTION_WORD_ZIPF and lexicon.letter_share(part, lang) < ONE_LETTER_SHARE
    if len(part) <= SHORT_PART:
        # A short word counts if it is a function word, or an ordinary word before one ("key|and").
        return z >= FUNCTION_WORD_ZIPF or (before_other and z >= TAIL_LEFT_ZIPF and len(other) >= 3
                                             and lexicon.zipf(other, lang) >= TOP_WORD_ZIPF)
    if z >= WORD_ZIPF:
        return True
    if z < RARE_WORD_ZIPF:
        # A long rare word after one of the commonest words ("les|épluchures"): a merge, not a coinage.
        return (z >= LONG_RARE_ZIPF and len(part) >= LONG_RARE_LEN and lexicon.zipf(other, lang) >= TOP_WORD_ZIPF
                and not _borrowed(part, lang, z))
    if _borrowed(part, lang, z):
        return False
    return lexicon.zipf(other, lang) >= FUNCTION_WORD_ZIPF or min(len(part), len(other)) >= LONG_PART


def _borrowed(part: str, lang: str, z: float) -> bool:
    """A rare part that is a common word of another language ("build" is 3.0 in French,
    5.0 in English): a loanword, as likely a piece of a name or a command ("de|build")."""
    return any(lexicon.zipf(part, other) >= z + BORROWED_MARGIN for other in lexicon.SHARED_LANGS if other != lang)


def is_affix_like(left: str, right: str, lang: str) -> bool:
    """Word formation rather than a merge: a productive prefix or ending.

    "surmortalité" is "sur" + "mortalité" and "définirai" is "définir" + "ai",
    yet both are words; the lexicon tells us half the words "sur" starts are
    "sur" + a word, and "ai" ends hundreds of listed verb forms.
    """
    n, share = lexicon.prefix_family(left, lang)
    if n >= PREFIX_FAMILY and share >= PREFIX_SHARE or n >= PREFIX_FAMILY_ANY:
        return True
    n, share = lexicon.suffix_family(right, lang)
    return n >= SUFFIX_FAMILY and share >= SUFFIX_SHARE


def listed_relative(word: str, cut: int, lang: str) -> str | None:
    """A listed word of the token's family across the cut, if any (see RELATIVE_REACH).

    "démolisses" is not listed but "démolissent" is: the token is an inflection,
    not "démolis" + "ses". "thekitchen" has no such relative.
    """
    table = lexicon.zipf_table(lang)

    def related(w: str) -> bool:
        return w != word and len(w) <= len(word) + RELATIVE_EXTRA and table.get(w, 0.0) > 0.0

    for j in range(max(cut + RELATIVE_REACH, len(word) - RELATIVE_SPAN), len(word)):
        for w in lexicon.words_starting(word[:j], lang)[:RELATIVES_SCANNED]:
            if related(w) and lexicon.alternation(word[j:], w[j:], lang) >= ALTERNATION:
                return w
    for i in range(min(cut - RELATIVE_REACH, RELATIVE_SPAN), 0, -1):
        for w in lexicon.words_ending(word[i:], lang)[:RELATIVES_SCANNED]:
            if related(w):
                return w
    return None


def reads_as_one_word(left: str, right: str, lang: str) -> bool:
    """The letters around the junction ("ss|es", "n|ne") are common inside words."""
    return lexicon.inner_count(left[-2:] + right[:2], lang) > JUNCTION_COUNT


def candidate_splits(word: str, lang: str):
    """Every cut whose two parts are words, likeliest first (the product of the parts' frequencies)."""
    found = []
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if part_is_word(left, lang, right, before_other=True) and part_is_word(right, lang, left):
            zl, zr = lexicon.zipf(left, lang), lexicon.zipf(right, lang)
            found.append(Split(left, right, lang, min(zl, zr), zl + zr))
    return sorted(found, key=lambda s: s.likelihood, reverse=True)


def best_split(word: str, langs) -> Split | None:
    """The likeliest two-word reading of an unknown lowercase token, or None when it reads as one word.

    Only the likeliest cut is judged: when it is word formation (a productive
    prefix or ending, or a listed relative), the token is taken for a word.
    """
    best = None
    for lang in langs:
        found = candidate_splits(word, lang)
        if found and (best is None or found[0].likelihood > best.likelihood):
            best = found[0]
    if best is None:
        return None
    if best.score >= FUNCTION_WORD_ZIPF:
        # Two function words ("dansle", "andthat") seldom form a word; only a junction
        # common inside words ("ss|es") says otherwise. ("sises", "located", slips through.)
        return None if reads_as_one_word(best.left, best.right, best.lang) else best
    if _function_word_tail(best):
        return best  # "key|and": the commonest words are no ending, whatever words end like them
    if _participle_then_word(best):
        return best  # "analysed|more": a past participle takes no ending
    if is_affix_like(best.left, best.right, best.lang) or listed_relative(word, len(best.left), best.lang):
        return None
    return best


# A past participle ends its word: a common word after it is the next word, not an ending
# ("analysed|more", "signées|hier"). Not the endings that do follow one ("tired|ness", "heated|ly"),
# nor place-name parts ("Fried|land"). Measured on the lists' rare words: gerunds and plurals start
# too many compounds ("meeting|house", "sports|writer") to join them.
_PARTICIPLE = {"en": regex.compile(r"\p{L}{3,}ed"), "fr": regex.compile(r"\p{L}{3,}(?:ées?|és)")}
_AFTER_PARTICIPLE = frozenset("""less ness ship hood wise ward wards like ling able ably ment ments fully some ever
    time times self selves fold free proof worthy ways land lands town field fields wood woods worth burn bank
    hill hills well gate ford bridge stone house houses room rooms""".split())
PARTICIPLE_RIGHT_LEN, PARTICIPLE_RIGHT_ZIPF, PARTICIPLE_ZIPF = 4, 4.0, 3.0


def _participle_then_word(split: Split) -> bool:
    left, right, lang = split.left, split.right, split.lang
    pattern = _PARTICIPLE.get(lang)
    if (pattern is None or not pattern.fullmatch(left) or len(right) < PARTICIPLE_RIGHT_LEN
            or right in _AFTER_PARTICIPLE or lexicon.zipf(right, lang) < PARTICIPLE_RIGHT_ZIPF):
        return False
    # The verb is listed too ("analyse|d", "sign|ées"): "speed" is no participle.
    stems = (left[:-2], left[:-1]) if lang == "en" else (left[:left.rindex("é")] + "er",)
    return lexicon.zipf(left, lang) >= PARTICIPLE_ZIPF and any(lexicon.zipf(v, lang) >= PARTICIPLE_ZIPF for v in stems)


def _function_word_tail(split: Split) -> bool:
    """An ordinary word, then one of the commonest words: three letters or more ("key|and"), or
    two with a junction no word has inside ("fêtes|de")."""
    left, right, lang = split.left, split.right, split.lang
    if len(left) < 3 or lexicon.zipf(left, lang) < (TAIL_LEFT_ZIPF if len(right) >= 3 else TWO_LETTER_LEFT_ZIPF):
        return False
    if len(right) >= 3:
        return lexicon.zipf(right, lang) >= TOP_WORD_ZIPF
    # ... and no listed word goes on from the left part with the tail's first letter: "sommeil|la"
    # is "sommeiller" inflected, "fêtes|de" continues no word.
    return (len(right) == 2 and len(left) >= TWO_LETTER_TAIL_LEFT_LEN
            and lexicon.zipf(right, lang) >= TWO_LETTER_TAIL_ZIPF
            and lexicon.inner_count(left[-2:] + right, lang) <= TWO_LETTER_TAIL_JUNCTION
            and not any(w != left + right and lexicon.zipf(w, lang) >= TWO_LETTER_TAIL_GOES_ON_ZIPF
                        for w in lexicon.words_starting(left + right[0], lang)))


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
