"""Word frequencies for the word rules (CL4xx), from wordfreq's offline lists.

One dictionary per language, loaded lazily once per process (about 0.2 s and
40 MB per language). Frequencies are on the Zipf scale: 7 is "de"/"the", 3 is
a word seen once per million words, 0 means "not in the list".
"""
from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache

# Languages tried when a document's language is unknown or mixed: the
# corpus is French first, English second.
FALLBACK_LANGS = ("fr", "en")
# Brands, names and borrowings cross languages: a token known in any of these
# is not a merge, whatever the document's language.
SHARED_LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def _available() -> dict[str, str]:
    import wordfreq

    return wordfreq.available_languages("best")


@lru_cache(maxsize=None)
def _zipf_table(lang: str) -> dict[str, float]:
    import wordfreq

    # Read the packed list ourselves: wordfreq's get_frequency_dict would
    # keep a second, cached copy of the list alive.
    table: dict[str, float] = {}
    for index, bucket in enumerate(wordfreq.read_cBpack(_available()[lang])):
        table.update(dict.fromkeys(bucket, (900 - index) / 100))
    return table


def supported(lang: str) -> bool:
    return lang in _available()


def base_lang(lang: str | None) -> str:
    """'fr-FR' -> 'fr'; None -> 'und'."""
    return (lang or "und").replace("_", "-").split("-")[0].lower()


def doc_langs(lang: str | None) -> tuple[str, ...]:
    """The lexicons to use for a document: its language, or French and English when unknown/mixed."""
    code = base_lang(lang)
    if supported(code):
        return (code,)
    return FALLBACK_LANGS


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of one word (no tokenisation: hyphenated forms are not in the lists)."""
    key = unicodedata.normalize("NFC", word).casefold()
    return _zipf_table(lang).get(key, 0.0)


@lru_cache(maxsize=1 << 16)  # the same words recur from one document to the next
def best_zipf(word: str, langs: tuple[str, ...]) -> float:
    return max((zipf(word, lang) for lang in langs), default=0.0)


def is_unknown(word: str, langs) -> bool:
    """Absent from every list in ``langs`` and from the shared English/French lists."""
    return best_zipf(word, tuple(langs) + SHARED_LANGS) == 0.0


def preload(langs=FALLBACK_LANGS) -> None:
    """Load lexicons up front (workers call it before forking to share the pages)."""
    for lang in langs:
        if supported(lang):
            _zipf_table(lang)


# -- word-formation evidence, computed on demand for the rare candidate splits --

_STEM_ZIPF = 3.5     # a stem counts when it is an ordinary word on its own
_COMMON_ZIPF = 2.0   # the word shapes that letter sequences are counted in


@lru_cache(maxsize=None)
def _sorted_words(lang: str, backwards: bool) -> list[str]:
    """The listed words in order, spelt backwards for ending look-ups (0.1-0.3 s, once)."""
    words = _zipf_table(lang)
    return sorted(w[::-1] for w in words) if backwards else sorted(words)


def _starting_with(words: list[str], head: str) -> list[str]:
    return words[bisect.bisect_left(words, head):bisect.bisect_left(words, head + "\U0010ffff")]


@lru_cache(maxsize=None)
def _common_words(lang: str) -> str:
    table = _zipf_table(lang)
    return "\n".join(w for w, z in table.items() if z >= _COMMON_ZIPF)


@lru_cache(maxsize=4096)
def prefix_family(part: str, lang: str) -> tuple[int, float]:
    """How productive ``part`` is as the first half of listed words.

    Returns (n, share): n listed words are ``part`` + another ordinary word
    ("anti" + "taches"), a share ``share`` of all listed words starting with ``part``.
    Prefixes and verb stems score high; ordinary words that merely happen to
    start a few compounds score low.
    """
    table, n = _zipf_table(lang), len(part)
    rests = [w[n:] for w in _starting_with(_sorted_words(lang, False), part) if len(w) > n + 2]
    hits = sum(1 for r in rests if table.get(r, 0.0) >= _STEM_ZIPF)
    return hits, hits / max(len(rests), 1)


@lru_cache(maxsize=4096)
def suffix_family(part: str, lang: str) -> tuple[int, float]:
    """Like ``prefix_family`` for endings: high for inflections ("-ai", "-aient", "-ing")."""
    table, n = _zipf_table(lang), len(part)
    stems = [w[n:][::-1] for w in _starting_with(_sorted_words(lang, True), part[::-1]) if len(w) > n + 2]
    hits = sum(1 for s in stems if table.get(s, 0.0) >= _STEM_ZIPF)
    return hits, hits / max(len(stems), 1)


@lru_cache(maxsize=8192)
def inner_count(letters: str, lang: str) -> int:
    """Occurrences of a letter sequence inside the language's common words."""
    return _common_words(lang).count(letters)


def words_starting(head: str, lang: str) -> list[str]:
    """Listed words that start with ``head`` (in alphabetical order)."""
    return _starting_with(_sorted_words(lang, False), head)


def words_ending(tail: str, lang: str) -> list[str]:
    """Listed words that end with ``tail`` (ordered by their reversed spelling)."""
    return [w[::-1] for w in _starting_with(_sorted_words(lang, True), tail[::-1])]


@lru_cache(maxsize=4096)
def alternation(a: str, b: str, lang: str) -> int:
    """How many listed stems of three letters or more take both endings ``a`` and ``b``.

    Inflections alternate on thousands of stems ("-s"/"-nt", "-ait"/"-a"); letters that
    merely follow a shared beginning do not ("less|ened" and "less|energy": "-d"/"-rgy", none).
    """
    table = _zipf_table(lang)
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    stems = (w[:len(w) - len(longer)] for w in words_ending(longer, lang)) if longer else iter(table)
    return sum(1 for s in stems if len(s) >= 3 and table.get(s + shorter, 0.0) > 0.0)


def zipf_table(lang: str) -> dict[str, float]:
    """The whole list: casefolded NFC word -> Zipf frequency."""
    return _zipf_table(lang)


@lru_cache(maxsize=64)
def letter_share(letter: str, lang: str) -> float:
    """The share of listed words that start or end with ``letter`` (French "à": 0.0003, "a": 0.14)."""
    table = _zipf_table(lang)
    n = len(words_starting(letter, lang)) + len(_starting_with(_sorted_words(lang, True), letter))
    return n / max(len(table), 1)
