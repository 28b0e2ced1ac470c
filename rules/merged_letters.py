import regex

from corpuslint.rule import Edit, Fix, Rule

from . import lexicon
from .merged_words import (CASE_STEP, FUNCTION_WORD_ZIPF, WORD_ZIPF, Split, best_split, fenced_code,
                           in_code_like_chunk, inside, matches_at, reads_as_one_word)

# All-lowercase tokens of five letters or more. Not glued to digits, hyphens
# (compound parts) or a following apostrophe (elided forms: "jusqu’", "aujourd’").
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-])\p{Ll}[\p{Ll}\p{M}]{4,}(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
# A brand or name with a capital inside, glued to a short function word: "GitHubou".
_CAMEL_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-])\p{L}[\p{L}\p{M}]*?\p{Ll}\p{Lu}[\p{L}\p{M}]*\p{Ll}{2}(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
_APOSTROPHES = "'’ʼ"
_OPEN_QUOTE_BEFORE = regex.compile(r"[«“\"‘][ \u00a0\u202f]?$")
_CLOSE_QUOTE_AFTER = regex.compile(r"[ \u00a0\u202f]?[»”\"’]")
# Frequent merges are in the lists themselves ("andthat" 1.2, "etle" 1.9, "dansle" 1.9);
# rare real words made of two function words score higher ("thereof" 3.7, "sinon" 5.1).
_LISTED_MERGE_ZIPF = 2.3
# ... or a function word and a common word, the token being far rarer than the word.
_LISTED_PART_ZIPF, _LISTED_GAP = 4.0, 3.0
# "club's", "don't", "we'll": the word an English clitic forms must be listed.
_CLITIC_ZIPF = 3.0
# Languages that write compounds as one word: an unknown token there is a compound.
_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb", "no", "fi", "hu", "is", "et", "af"})


class MergedLetters(Rule):
    """Two lowercase words glued together where a space was lost ("marcheet").

    ## What it does
    Finds lowercase tokens that are in no lexicon but read as two frequent words of the document's
    language: "marcheet" (marche et), "échouerle" (échouer le), "stationsand" (stations and).
    A short part must be a function word ("et", "le", "and", "the"); productive prefixes and
    inflections ("sur" + "mortalité", "définir" + "ai") and junctions that are common inside words
    are not split. Also finds merges common enough to be listed ("andthat", "dansle": rare tokens
    made of two function words), a clitic glued to the next word ("club'sbiggest") and a brand
    glued to a function word ("GitHubou"). Uses wordfreq's lists for the document's language
    (French and English when the language is unknown or mixed); silent for languages that write
    compounds as one word (German, Dutch, the Nordic languages, Hungarian).

    ## Why is this bad?
    Extractors drop the space at a tag boundary (`marche</a> et`). The glued token is a
    non-word: it breaks search, tokenisation and any dictionary-based quality filter.

    ## Example
    Bad: `la marcheet la course`
    Good: `la marche et la course`

    ## Fix safety
    Unsafe: the split is the likeliest reading, not a certain one (a rare word, a name or a typo
    can look like two words).
    """

    code = "CL402"
    name = "merged-letters"
    category = "words"
    fix_applicability = "unsafe"

    def applies_to(self, doc):
        return lexicon.base_lang(doc.lang) not in _COMPOUNDING

    def check(self, doc):
        code = fenced_code(doc)
        return (f for f in self._merges(doc) if not inside(code, f.start))

    def _merges(self, doc):
        text = doc.text
        langs = lexicon.doc_langs(doc.lang)
        shared = tuple(langs) + lexicon.SHARED_LANGS
        for m in _TOKEN.finditer(text):
            word = m.group()
            listed = lexicon.best_zipf(word, shared)
            if (listed >= _LISTED_MERGE_ZIPF or in_code_like_chunk(text, m.start(), m.end())
                    or _quoted_alone(text, m.start(), m.end())):
                continue
            if listed:
                split = best_split(word, langs)
                if split is None or not _listed_merge(listed, split):
                    continue
            else:
                split = _clitic_split(text, m.start(), word, langs) or best_split(word, langs)
            if split is not None and not _recurs(text, word):
                yield self._finding(m.start(), m.end(), word, split)
        for m in matches_at(_CAMEL_TOKEN, CASE_STEP, text):
            split = _brand_split(m.group(), langs, shared)
            if split is not None and not in_code_like_chunk(text, m.start(), m.end()):
                yield self._finding(m.start(), m.end(), m.group(), split)

    def _finding(self, start, end, word, split):
        at = start + len(split.left)
        return self.finding(
            start, end,
            f"merged words: '{word}' reads as '{split.left} {split.right}'",
            Fix.unsafe(Edit.insertion(at, " "), message=f"Split into '{split.left} {split.right}'"),
        )


def _listed_merge(listed: float, split: Split) -> bool:
    """A listed token that is a frequent merge: two function words ("dansle"), or a function word
    and a common word far more frequent than the token ("thecity" 1.2: "the" 7.7, "city" 5.6)."""
    low, high = sorted((lexicon.zipf(split.left, split.lang), lexicon.zipf(split.right, split.lang)))
    return high >= FUNCTION_WORD_ZIPF and (low >= FUNCTION_WORD_ZIPF or low >= _LISTED_PART_ZIPF
                                           and low - listed >= _LISTED_GAP)


def _recurs(text: str, word: str) -> bool:
    """Written twice or more: a coinage, a command or a name ("debuild", "mailname"); a lost
    space is a one-off."""
    pattern = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])"
    return sum(1 for _ in zip(range(2), regex.finditer(pattern, text, regex.I))) > 1


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """« coronapistes », "doomscrolling": a word quoted on its own is a coinage or a mention,
    written as one word on purpose."""
    before = _OPEN_QUOTE_BEFORE.search(text, max(0, start - 3), start)
    return bool(before and _CLOSE_QUOTE_AFTER.match(text, end, end + 3))


def _clitic_split(text: str, start: int, word: str, langs) -> Split | None:
    """"club'sbiggest" -> "club's biggest": the token's head completes the word before the apostrophe."""
    if start < 2 or text[start - 1] not in _APOSTROPHES:
        return None
    m = regex.search(r"\p{L}+$", text[max(0, start - 30):start - 1])
    if not m:
        return None
    for lang in langs:
        for k in (1, 2):
            head, rest = word[:k], word[k:]
            if (lexicon.zipf(f"{m.group()}'{head}", lang) >= _CLITIC_ZIPF
                    and lexicon.zipf(rest, lang) >= WORD_ZIPF and len(rest) >= 4):
                return Split(head, rest, lang, lexicon.zipf(rest, lang))
    return None


def _brand_split(token: str, langs, shared) -> Split | None:
    """"GitHubou" -> "GitHub ou": a listed capitalised word or brand, then a function word."""
    if not lexicon.is_unknown(token, langs):
        return None
    for n in (2, 3):
        left, tail = token[:-n], token[-n:]
        # "LumenS|can": the cut must fall between two lowercase letters.
        if not tail.islower() or not left[-1].islower() or lexicon.best_zipf(left, shared) == 0.0:
            continue
        for lang in langs:
            if lexicon.zipf(tail, lang) >= FUNCTION_WORD_ZIPF and not reads_as_one_word(left.lower(), tail, lang):
                return Split(left, tail, lang, lexicon.zipf(tail, lang))
    return None
