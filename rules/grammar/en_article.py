"""English indefinite article: "a overstretched budget" -> "an", "an unique" -> "a".

The choice follows the sound, not the letter, so only words whose first sound the spelling
tells for certain are judged:

- "a" before a lowercase word starting with a, e, i, o, a silent h (hour, honest, honour,
  heir) or "un-", "up-", "ul-", "um-", "urg-", "urb-", "utt-"… -> "an"; except the "you" and
  "w" sounds: eu-, ewe, one, once, uni- (unique, university), use, usual, utility, urine…
- "an" before a lowercase common word starting with a consonant other than h (an historic,
  an hotel are older usage) or with such a "you" sound -> "a".

Not judged: capitalised words and abbreviations ("an SUV", "a UFO", "an MP"), letters and
labels ("Plan A", "vitamin A", "type a"), digits, words with a single-letter prefix
("an x-ray", "an s-bend"), rare or foreign words, "a other" (the fix is "another").
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .slip import GRAMMAR, Slip

_ARTICLE = regex.compile(
    r"(?<![\p{L}\p{N}'’.&/@#_<%\\-])(?P<art>a|an|A|An)[ \t]+(?P<word>[a-z][a-z'’-]*)(?![\p{L}\p{N}/_])")
_SENTENCE_START = regex.compile(r"(?:^|[.!?…]\s+|[\n«“\x22(]\s*)$")
# Words after "a/an" that show it is a letter or a label, not an article ("a and b", "Plan a").
_FUNCTION_WORDS = frozenset("""a an and or of in on at as if is it its into onto upon until unless even ever
    each either else also again all am an are any only our out off up us i ie eg etc was were
    other others own""".split())
_LABELS = regex.compile(
    r"(?i)\b(?:letter|plan|type|grade|vitamin|section|part|point|option|category|class|level|row|column|"
    r"group|size|exhibit|appendix|annex|item|figure|table|step|line|box|question|series|model|version|"
    r"pool|block|wing|floor|gate|platform|zone|division|phase|stage|route|paragraph|article|clause)\s+$")
# A vowel letter with a consonant sound ("a unique", "a European", "a one-off").
_YOU_OR_W_SOUND = regex.compile(
    r"^(?:eu|ewe|ouija|one(?:$|[-’'s])|once|uni(?![mnd])|unan|unary|us[eua]|ut[eio]|ur[iae]|ubiq|uk|uvu)")
# Vowel letters whose sound is certain ("an ultimate", "an upset", "an unknown").
_VOWEL_SOUND = regex.compile(r"^(?:[aio]|e(?!u|we)|un(?!i)|uni[mn]|up|ug|ul|um|urg|urb|utt|udd|ush)")
_SILENT_H = regex.compile(r"^(?:hour|honest|honou?r|heir)")
MIN_ZIPF = 1.8          # "overstretched" (2.1) is English; rarer words may be foreign or names
MIN_ZIPF_CONSONANT = 3.0


@lru_cache(maxsize=16384)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _english(word: str, threshold: float) -> bool:
    from .filters import is_foreign

    return _zipf(word) >= threshold and not is_foreign(word, "en")


def wanted(word: str) -> str | None:
    """The article that ``word`` takes for certain ("a" or "an"), or None."""
    w = word.lower().replace("’", "'")
    if w in _FUNCTION_WORDS or regex.match(r"^[a-z][-']", w):
        return None
    if _SILENT_H.match(w):
        return "an"
    if _YOU_OR_W_SOUND.match(w):
        return "a"
    if _VOWEL_SOUND.match(w):
        return "an"
    if w[0] in "aeiouh" or w[0] == "y":
        return None
    # A consonant: the word must be a real word, not an abbreviation read as letters ("an smtp",
    # "an mri"): a vowel among its first letters.
    if len(w) >= 4 and regex.search(r"[aeiouy]", w[:3]) or len(w) == 3 and w[1] in "aeiouy":
        return "a"
    return None


def check(text: str) -> list[Slip]:
    out = []
    for m in _ARTICLE.finditer(text):
        art, word = m.group("art"), m.group("word")
        if art[0] == "A" and not _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
            continue  # a capital mid-sentence: a letter or a name ("grade A", "An Seo-young")
        if _LABELS.search(text[max(0, m.start() - 20):m.start()]):
            continue
        need = wanted(word)
        if need is None or need == art.lower():
            continue
        if not _english(word.split("-")[0], MIN_ZIPF if need == "an" else MIN_ZIPF_CONSONANT):
            continue
        repl = need if art[0] == "a" else need.capitalize()
        out.append(Slip(m.start("art"), m.end("art"), "corpuslint", "indefinite-article", GRAMMAR,
                        f"“{word}” takes the article “{need}”.", (repl,)))
    return out
