"""Word frequencies for the word rules (CL4xx), from wordfreq's offline lists.

One dictionary per language, loaded lazily once per process (about 0.2 s and
40 MB per language). Frequencies are on the Zipf scale: 7 is "de"/"the", 3 is
a word seen once per million words, 0 means "not in the list".
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Languages tried when a document's language is unknown or mixed: the
# corpus is French first, English second.
FALLBACK_LANGS = ("fr", "en")
# Brands, names and borrowings cross languages: a token known in any of these
# is not a merge, whatever the document's language.
SHARED_LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def _available() -> dict[str, str]:
    """Language -> wordfreq list file, the large list where there is one (wordfreq's "best").

    Found without importing wordfreq, whose import (a tokenizer, langcodes) costs more than reading
    a list: a one-article run feels it."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return {}
    out: dict[str, str] = {}
    for size in ("small", "large"):  # large last: it wins
        for folder in spec.submodule_search_locations:
            for path in sorted(Path(folder, "data").glob(f"{size}_*.msgpack.gz")):
                out[path.name.split(".")[0].split("_", 1)[1]] = str(path)
    return out


def _read_cbpack(path: str) -> list[list[str]]:
    """wordfreq's "cBpack" list: gzipped msgpack, a header, then one word list per centibel."""
    import zlib

    import msgpack

    with open(path, "rb") as fh:
        data = msgpack.unpackb(zlib.decompress(fh.read(), wbits=31), raw=False)  # 31: a gzip stream
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack list")
    return data[1:]


@lru_cache(maxsize=None)
def _zipf_table(lang: str) -> dict[str, float]:
    # Our own copy of the list: wordfreq's get_frequency_dict would keep a second one alive.
    buckets = _read_cbpack(_available()[lang])
    words = itertools.chain.from_iterable(buckets)
    zipfs = itertools.chain.from_iterable(itertools.repeat((900 - i) / 100, len(b)) for i, b in enumerate(buckets))
    return dict(zip(words, zipfs))  # a rarer duplicate, if any, would win: the lists hold none


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


@lru_cache(maxsize=8)
def frequent_words(langs: tuple[str, ...], min_zipf: float) -> frozenset[str]:
    """The listed words of at least ``min_zipf`` in any of ``langs`` (as spelt in the lists)."""
    return frozenset(w for lang in dict.fromkeys(langs) if supported(lang)
                     for w, z in _zipf_table(lang).items() if z >= min_zipf)


def is_unknown(word: str, langs) -> bool:
    """Absent from every list in ``langs`` and from the shared English/French lists."""
    return best_zipf(word, tuple(langs) + SHARED_LANGS) == 0.0


# -- word-formation evidence, computed on demand for the rare candidate splits --

_STEM_ZIPF = 3.5     # a stem counts when it is an ordinary word on its own
_COMMON_ZIPF = 2.0   # the word shapes that letter sequences are counted in


class _Ordered:
    """Prefix look-ups in one list, forwards or on words spelt backwards (for endings).

    The first look-ups search the list joined as one text (a few milliseconds each, at C speed);
    once they add up, a sorted index is built (0.1-0.3 s) and bisected. A one-article run never
    pays for the index; a corpus run pays once."""

    SCANS_BEFORE_INDEX = 24

    def __init__(self, lang: str, backwards: bool):
        self.lang, self.backwards, self.scans = lang, backwards, 0
        self.index: list[str] | None = None

    def starting(self, head: str) -> list[str]:
        """Listed words (backwards ones spelt backwards) starting with ``head``, in order."""
        if self.index is None and self.scans < self.SCANS_BEFORE_INDEX:
            self.scans += 1
            return sorted(re.findall(f"\n({re.escape(head)}[^\n]*)", _joined(self.lang, self.backwards)))
        if self.index is None:
            words = _zipf_table(self.lang)
            self.index = sorted(w[::-1] for w in words) if self.backwards else sorted(words)
        return _starting_with(self.index, head)


@lru_cache(maxsize=None)
def _ordered(lang: str, backwards: bool) -> _Ordered:
    return _Ordered(lang, backwards)


@lru_cache(maxsize=None)
def _joined(lang: str, backwards: bool) -> str:
    """"\nword\nword\n": every listed word on its own line, spelt backwards if asked."""
    words = _zipf_table(lang)
    return "\n" + "\n".join(w[::-1] for w in words) + "\n" if backwards else "\n" + "\n".join(words) + "\n"


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
    rests = [w[n:] for w in _ordered(lang, False).starting(part) if len(w) > n + 2]
    hits = sum(1 for r in rests if table.get(r, 0.0) >= _STEM_ZIPF)
    return hits, hits / max(len(rests), 1)


@lru_cache(maxsize=4096)
def suffix_family(part: str, lang: str) -> tuple[int, float]:
    """Like ``prefix_family`` for endings: high for inflections ("-ai", "-aient", "-ing")."""
    table, n = _zipf_table(lang), len(part)
    stems = [w[n:][::-1] for w in _ordered(lang, True).starting(part[::-1]) if len(w) > n + 2]
    hits = sum(1 for s in stems if table.get(s, 0.0) >= _STEM_ZIPF)
    return hits, hits / max(len(stems), 1)


@lru_cache(maxsize=8192)
def inner_count(letters: str, lang: str) -> int:
    """Occurrences of a letter sequence inside the language's common words."""
    return _common_words(lang).count(letters)


def words_starting(head: str, lang: str) -> list[str]:
    """Listed words that start with ``head`` (in alphabetical order)."""
    return _ordered(lang, False).starting(head)


def words_ending(tail: str, lang: str) -> list[str]:
    """Listed words that end with ``tail`` (ordered by their reversed spelling)."""
    return [w[::-1] for w in _ordered(lang, True).starting(tail[::-1])]


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
    n = _joined(lang, False).count("\n" + letter) + _joined(lang, True).count("\n" + letter)
    return n / max(len(_zipf_table(lang)), 1)
