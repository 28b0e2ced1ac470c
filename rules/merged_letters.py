from functools import lru_cache

import regex

from corpuslint.rule import Edit, Fix, Rule

from . import lexicon
from .merged_case import given_names
from .merged_words import (CASE_STEP, FUNCTION_WORD_ZIPF, SHORT_FUNCTION_WORDS, TOP_WORD_ZIPF, WORD_ZIPF, Split,
                           best_split, chunk_bounds, fenced_code, in_code_like_chunk, inside, listed_relative,
                           matches_at, quoted_alone, reads_as_one_word, word_start)

# All-lowercase tokens of five letters or more. Not glued to digits, hyphens
# (compound parts) or a following apostrophe (elided forms: "jusqu’", "aujourd’").
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-])\p{Ll}[\p{Ll}\p{M}]{4,}(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
# A brand or name with a capital inside, glued to a short function word: "GitHubou".
_CAMEL_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-])(?:\p{L}[\p{L}\p{M}]*?)?\p{Ll}\p{Lu}[\p{L}\p{M}]*\p{Ll}{2}(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
# A capitalised word (a name, often the last part of a hyphenated place name) glued to a
# function word: "Châtillon-sur-Chalaronneet".
_NAME_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_])\p{Lu}\p{Ll}[\p{Ll}\p{M}]{4,}(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
# An acronym glued to a lowercase word: "l'ASVELsamedi". The word must be common (four
# letters or more) or a function word, so that "URLs", "SMSing", "CDrom" stay quiet.
_ACRONYM_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-])(\p{Lu}{2,})(\p{Ll}[\p{Ll}\p{M}]+)(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
_ACRONYM_WORD_ZIPF, _ACRONYM_WORD_LEN = 4.0, 4
_ACRONYM_TAIL_WORD_ZIPF = 2.5
_UNLISTED_ACRONYM_LEN = 3  # an unlisted one needs a top word after it ("SNDEen", "SNCFet")
_UNLISTED_TAIL_WORD_ZIPF = 4.0  # "SND|Een": "een" is Dutch, 3.0 in the shared lists
# ... or a long word, which no acronym takes as an ending: "PCGspokesperson".
_ACRONYM_LONG_WORD_LEN, _ACRONYM_LONG_WORD_ZIPF = 8, 3.0
# A capitalised common word (the last of a name: "Commerce Department", "Parish Council") glued to
# the verb its subject takes: "Departmenthas", "Councilmeets", "Forumsaid". Names end in none of
# these; shorter verbs ("met": "Ahmet", "had": "Fahad") do.
_SUBJECT_VERB_TAILS = ("has", "said", "says", "told", "added", "meets", "wants", "plans", "warned", "confirmed",
                       "announced", "agreed", "voted", "decided", "insists", "admits", "expects")
_SUBJECT_LEFT_ZIPF, _SUBJECT_LEFT_LEN = 4.0, 4
# A word glued to a negated auxiliary: "maintainersdon't", "theycan't".
_NEGATED_AUX = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-'’])(\p{Ll}{3,}?)(don|doesn|didn|isn|aren|wasn|weren|can|couldn|won|wouldn|shouldn"
    r"|haven|hasn|hadn|mustn)['’]t(?![\p{L}])")
_NEGATED_LEFT_ZIPF = 2.0
# French: "fin", "début", "mi" glued to a month: "finavril", "débutjuillet".
_MONTH_MERGE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-])(fin|début|mi|courant)(janvier|février|mars|avril|mai|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre)(?![\p{L}\p{M}\p{N}_\-])")
# A product code (capitals and a figure) glued to one of the commonest words: "PS5et", "RTX4090and".
_CODE_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-])(\p{Lu}{2,}\d{1,4})(\p{Ll}{2,})(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
_CODE_WORD_ZIPF = 6.5
# A road, a model or a grade (one capital and a figure) glued to an ordinary word: "A8restait",
# "F1racing"; the word is long enough that no model suffix reads as one ("A4s", "M3i").
_SHORT_CODE_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-])(\p{Lu}\d{1,4})(\p{Ll}{4,})(?![\p{L}\p{M}\p{N}_\-'’ʼ])")
_ADDRESS_LIKE = regex.compile(r"[/@#_=\\<>{}|`\[]|://|www\.")  # the token sits in a path, handle or code
_NAME_TAIL_ZIPF = 7.0   # "et", "le", "de", "the", "and", "of"; not "us" (6.0), "an" (6.5)
# Function words that end no compound or surname ("-with", "-will", "-like", "-time" do: "Ledwith").
_LONG_TAILS = frozenset("which that from their there where were when this these those about into than they been "
                        "have dont dans pour avec sont mais était".split())
_NAME_LEFT_ZIPF = 4.5   # ... or a three-letter one after a common word ("Team|was")
# Function words that end no brand, after an unlisted camelCase one ("PhotoPills|qui", "DataBricks|and").
# ("-que" ends too many words: "BioMagique".) Names with a particle ("LaRoque", "DiMarco") are not brands.
_CAMEL_TAILS = ("which", "that", "with", "dans", "pour", "avec", "qui", "and", "the")
# A listed camelCase name ("McCarthy" 3.2, "DiCaprio" 3.0) glued to the verb that reports its words.
_SPEECH_TAILS, _SPEECH_NAME_ZIPF = ("said", "says", "told", "added", "wrote"), 2.5
# A listed camelCase name ("McKinsey" 2.8, "LinkedIn" 4.6) glued to a common word of four letters or
# more: "McKinseystudy". Not the endings brands take ("YouTubers", "iPhoneography").
_CAMEL_HEAD = regex.compile(r"(?<=^\p{L}*\p{Ll}\p{Lu}\p{L}*?\p{Ll})(?=\p{Ll}{4})")
_CAMEL_NAME_ZIPF, _CAMEL_WORD_ZIPF, _CAMEL_WORD_LEN = 2.5, 4.5, 4
_CAMEL_ENDINGS = frozenset("ers ography ification ifying ified isms ists like less land ville".split())
_PARTICLE_NAME = regex.compile(r"(?:Mc|Mac|Di|De|Da|Du|Dos|Des|Del|La|Le|Van|Von|St|O)\p{Lu}")
_APOSTROPHES = "'’ʼ"
# A brand written with a lowercase prefix ("iPhone" 4.4, "eBay" 4.0) must be well known to be cut from
# the word after it: "iMu" ("imu" 2.3) is the head of "iMuse", not a brand of its own.
_PREFIXED_BRAND_ZIPF = 3.0
# Frequent merges are in the lists themselves ("andthat" 1.2, "etle" 1.9, "dansle" 1.9);
# rare real words made of two function words score higher ("thereof" 3.7, "sinon" 5.1).
_LISTED_MERGE_ZIPF = 2.3
_LOWER_RUN = regex.compile(r"\p{Ll}[\p{Ll}\p{M}]{4,}")
# ... or a function word and a common word, the token being far rarer than the word.
_LISTED_PART_ZIPF, _LISTED_GAP = 4.0, 3.0
# The web's commonest lost spaces are listed as words of their own ("inthe" 2.6, "dela" 3.3): two of
# the very commonest words, no word's inflection ("laque", "laques" 2.3, is lacquer) nor a doubling
# ("lala").
_TOP_PAIR_ZIPF, _TOP_PAIR_LISTED_ZIPF, _TOP_PAIR_INFLECTED_ZIPF = 7.0, 3.5, 2.0
# "club's", "don't", "we'll": the word an English clitic forms must be listed.
_CLITIC_ZIPF = 3.0
# A sentence opener glued to the next word ("Chaquedossier", "Eachpanel"): the opener is one of
# the commonest words (chaque 5.6, each 5.7, dans 6.9); a name that starts like a word ("Goodwin")
# rarely also ends in a long common one, and names recur.
_OPENER_ZIPF, _OPENER_RIGHT_LEN = 5.0, 4
_SENTENCE_BEFORE = regex.compile(r"(?:^|[.!?…:]|\n)[ \t\u00a0«“\"'‘(\-–—•*]*$")
# French elision glued to the word before: "dansl'après-midi", "etd'autres". The word before is a
# function word, and the word plus the letter is no word ("quel'", "aujourd'" stay quiet).
# Found from the apostrophe (a scan from every lowercase letter costs half a millisecond a page).
_ELISION_MERGE = regex.compile(r"(?<=\p{Ll}\p{Ll}[ldnmstcj])['’](?=\p{L})")
_ELISION_LEFT_ZIPF, _ELISION_JOINED_ZIPF = 5.0, 2.5
# ... or a long ordinary word before a common elided word: "4,2 milliardsd’euros".
_ELISION_LONG_LEFT, _ELISION_LONG_LEFT_ZIPF, _ELISION_RIGHT_ZIPF = 6, 4.0, 4.5
# A name glued to "à" or "où", which end no French name: "Denfert-Rochereauà", "Tinqueuxoù".
_NAME_ACCENTED_TAIL = regex.compile(r"(?<![\p{L}\p{M}\p{N}_])(\p{Lu}[\p{Ll}\p{M}]{3,}?)(à|où)(?![\p{L}\p{M}\p{N}_'’])")
# French numerals that form solid compounds ("millefeuilles", "centfeuilles", "millepertuis").
_NUMERAL_PREFIXES = {"fr": frozenset({"cent", "mille"})}
# A surname glued to the word after it, right after a listed given name ("Priya Shahstole").
_GIVEN_NAME_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?)[ \u00a0]$")
_SURNAME_LEFT_ZIPF = 2.0   # the surname is listed somewhere ("shah" 3.8, "rolland" 3.5)
_SURNAME_WORD_ZIPF = 4.0   # the word is an ordinary one ("stole" 4.2, "termine" 4.4)
_SURNAME_WORD_LEN = 5
_SURNAME_SUFFIX_FAMILY = 1  # "fore|warned" is one listed word + "warned"; "-ville" ends 179
# Languages that write compounds as one word: an unknown token there is a compound.
_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb", "no", "fi", "hu", "is", "et", "af"})


class MergedLetters(Rule):
    """Two words glued together where a space was lost ("marcheet", "thekitchen").

    ## What it does
    Finds lowercase tokens that are in no lexicon but read as two words of the document's
    language: "marcheet" (marche et), "thekitchen" (the kitchen), "werealready" (were already),
    "grippeaviaire" (grippe aviaire). The likeliest cut wins (the product of the two words'
    frequencies); a part of three letters or less must be a function word, a rarer word is
    accepted beside a function word or another long word. The token is left alone when that cut
    is word formation: a productive prefix or ending ("sur" + "mortalité", "définir" + "ai",
    "expression" + "less"), or a listed relative across the cut ("démolis|ses" ~ "démolissent",
    "factuel|le" ~ "actuelle"); but a past participle takes no ending, so a common word after one is
    the next word ("analysedmore"). Also finds merges common enough to be listed ("andthat",
    "thecity": far rarer than their words; two of the very commonest even when the lists know the
    token as a web misspelling: "inthe", "dela"), a clitic glued to the next word ("club'sbiggest"), a
    brand, name, acronym or capitalised common word glued to a word ("GitHubou", "Chalaronneet",
    "ASVELsamedi", "Teamwas"), a capitalised common word glued to the verb of its subject
    ("Departmenthas", "Councilmeets"), an acronym glued to a long word ("PCGspokesperson"), a word
    glued to a negated auxiliary ("maintainersdon't"), French "fin" or "début" glued to a month
    ("finavril"), a product code glued to one of the commonest words ("PS5et") or a
    road or model code to an ordinary word ("A8restait"), a name glued to "à" or "où"
    ("Tinqueuxoù"), a surname glued to an ordinary word after a listed given name ("Priya
    Shahstole"; not "-ville", "-worth" and other endings that make surnames), a capitalised
    sentence opener glued to the next word ("Chaquedossier", "Eachpanel"), and in French an elided
    article or pronoun glued to the word before ("dansl'après-midi"). A plural determiner before
    the token takes an "s" into the first word ("les députésont" -> "députés ont"). French numerals that form solid compounds ("centfeuilles") stay. A token
    written twice in the document is taken for a word (a command, a coinage, a name), as are
    tokens in addresses, code, shell commands and quotes. Uses wordfreq's lists for the
    document's language (French and English when the language is unknown or mixed); silent for
    languages that write compounds as one word (German, Dutch, the Nordic languages, Hungarian).

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
        # Most tokens are ordinary words: one set difference (at C speed) leaves the few to judge.
        # (Lowercase runs are a superset of the tokens, and faster to find; _occurrences checks.)
        rare = set(_LOWER_RUN.findall(text)).difference(lexicon.frequent_words(shared, _LISTED_MERGE_ZIPF))
        for m in _occurrences(text, rare):
            word = m.group()
            listed = lexicon.best_zipf(word, shared)
            if (listed >= _LISTED_MERGE_ZIPF or in_code_like_chunk(text, m.start(), m.end())
                    or quoted_alone(text, m.start(), m.end())):
                continue
            if listed:
                split = best_split(word, langs)
                if split is None or not _listed_merge(listed, split):
                    continue
            else:
                split = _clitic_split(text, m.start(), word, langs) or best_split(word, langs)
            if split is not None:
                split = _number_agreement(text, m.start(), word, split)
            if (split is not None and not _recurs(text, word)
                    and split.left not in _NUMERAL_PREFIXES.get(split.lang, ())):
                yield self._finding(m.start(), m.end(), word, split)
        pairs = _top_pair_pattern(langs)
        for m in pairs.finditer(text) if pairs is not None else ():
            word = m.group()
            split = next(sp for lang in langs if (sp := _top_pair_split(word, lang)) is not None)
            if not in_code_like_chunk(text, m.start(), m.end()) and not quoted_alone(text, m.start(), m.end()):
                yield self._finding(m.start(), m.end(), word, split)
        for m in matches_at(_CAMEL_TOKEN, CASE_STEP, text):
            if m.group()[:2] in SHORT_FUNCTION_WORDS and m.group()[2:3].isupper():
                continue  # "deLyon" is "de Lyon" (merged-case), not a brand "deLy" + "on"
            split = _brand_split(m.group(), langs, shared) or _camel_tail_split(m.group(), langs)
            if split is not None and not in_code_like_chunk(text, m.start(), m.end()):
                yield self._finding(m.start(), m.end(), m.group(), split)
        for m in _NAME_TOKEN.finditer(text):
            split = (_brand_split(m.group(), langs, shared, name=True) or _opener_split(text, m, langs)
                     or _subject_verb_split(m.group(), langs)
                     or _surname_split(text, m, langs, shared) or _named_elsewhere_split(text, m, langs))
            if split is not None and not in_code_like_chunk(text, m.start(), m.end()) and not _recurs(text, m.group()):
                yield self._finding(m.start(), m.end(), m.group(), split)
        for m in _ACRONYM_TOKEN.finditer(text):
            split = (_acronym_split(m.group(1), m.group(2), langs, shared)
                     or _unlisted_acronym_split(m.group(1), m.group(2), langs, shared))
            if split is not None and not in_code_like_chunk(text, m.start(), m.end()) and not _recurs(text, m.group()):
                yield self._finding(m.start(), m.end(), m.group(), split)

        if "en" in langs and ("n't" in text or "n’t" in text):
            for m in _NEGATED_AUX.finditer(text):
                left, aux = m.groups()
                if (lexicon.zipf(left, "en") >= _NEGATED_LEFT_ZIPF and lexicon.is_unknown(left + aux, langs)
                        and not in_code_like_chunk(text, m.start(), m.end())):
                    yield self._finding(m.start(), m.end(), m.group(), Split(left, m.group()[len(left):], "en", 0.0))
        if "fr" in langs:
            for m in _MONTH_MERGE.finditer(text):
                yield self._finding(m.start(), m.end(), m.group(), Split(m.group(1), m.group(2), "fr", 0.0))
        for pattern, floor in ((_CODE_TOKEN, _CODE_WORD_ZIPF), (_SHORT_CODE_TOKEN, WORD_ZIPF)):
            for m in pattern.finditer(text):
                code, word = m.groups()
                z = max(lexicon.zipf(word, lang) for lang in langs)
                if (z >= floor and lexicon.is_unknown(m.group().lower(), langs)
                        and not _ADDRESS_LIKE.search(text, *chunk_bounds(text, m.start(), m.end()))):
                    yield self._finding(m.start(), m.end(), m.group(), Split(code, word, langs[0], z))
        if "fr" in langs and ("à" in text or "où" in text):
            for m in _NAME_ACCENTED_TAIL.finditer(text):
                if lexicon.is_unknown(m.group().lower(), langs) and not _recurs(text, m.group()):
                    name, tail = m.groups()
                    yield self._finding(m.start(), m.end(), m.group(), Split(name, tail, "fr", 0.0))
        if "fr" in langs and ("'" in text or "’" in text):
            for m in _ELISION_MERGE.finditer(text):
                at = m.start() - 1  # the elided letter
                start = word_start(text, at)
                left, letter = text[start:at], text[at]
                if (start and (text[start - 1].isalnum() or text[start - 1] in "_-")) or not left.islower():
                    continue
                end = _word_end(text, m.end())
                z = lexicon.zipf(left, "fr")
                if ((z >= _ELISION_LEFT_ZIPF or len(left) >= _ELISION_LONG_LEFT and z >= _ELISION_LONG_LEFT_ZIPF
                     and lexicon.zipf(text[m.end():end], "fr") >= _ELISION_RIGHT_ZIPF)
                        and lexicon.best_zipf(left + letter, shared) < _ELISION_JOINED_ZIPF
                        and not in_code_like_chunk(text, start, m.end())):
                    yield self._finding(start, end, text[start:end], Split(left, text[at:end], "fr", 0.0))

    def _finding(self, start, end, word, split):
        at = start + len(split.left)
        return self.finding(
            start, end,
            f"merged words: '{word}' reads as '{split.left} {split.right}'",
            Fix.unsafe(Edit.insertion(at, " "), message=f"Split into '{split.left} {split.right}'"),
        )


def _occurrences(text: str, words: set[str]) -> list:
    """The token matches of ``words`` in ``text``, in order (found with str.find: they are few)."""
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            m = _TOKEN.match(text, i)
            if m is not None and m.end() == i + len(word) and text[i - 2:i] != "-\n":  # "gigan-⏎tesque" is CL404's
                out.append(m)
            i = text.find(word, i + 1)
    return sorted(out, key=lambda m: m.start())


def _listed_merge(listed: float, split: Split) -> bool:
    """A listed token that is a frequent merge: two function words ("dansle"), or a function word
    and a common word far more frequent than the token ("thecity" 1.2: "the" 7.7, "city" 5.6)."""
    low, high = sorted((lexicon.zipf(split.left, split.lang), lexicon.zipf(split.right, split.lang)))
    return high >= FUNCTION_WORD_ZIPF and (low >= FUNCTION_WORD_ZIPF or low >= _LISTED_PART_ZIPF
                                           and low - listed >= _LISTED_GAP)


# "les députésont" is "députés ont", not "député sont": a plural determiner before the token
# takes the "s" into the first word, a singular one leaves it to the second.
_PLURAL_DETERMINER = regex.compile(
    r"(?i:les|des|ces|mes|tes|ses|nos|vos|leurs|plusieurs|quelques|certains|certaines|these|those|many)"
    r"[ \u00a0]+$")
_DETERMINER_SPAN = 14


def _number_agreement(text: str, start: int, word: str, split: Split) -> Split:
    cut = len(split.left)
    plural_before = _PLURAL_DETERMINER.search(text, max(0, start - _DETERMINER_SPAN), start) is not None
    if not plural_before or split.left.endswith("s") or not split.right.startswith("s"):
        return split
    left, right = word[:cut + 1], word[cut + 1:]
    zl, zr = lexicon.zipf(left, split.lang), lexicon.zipf(right, split.lang)
    if len(right) >= 2 and zl >= WORD_ZIPF and zr >= WORD_ZIPF:
        return Split(left, right, split.lang, min(zl, zr), zl + zr)
    return split


def _top_pair_split(word: str, lang: str) -> Split | None:
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        if (left != right and lexicon.zipf(left, lang) >= _TOP_PAIR_ZIPF
                and lexicon.zipf(right, lang) >= _TOP_PAIR_ZIPF):
            return Split(left, right, lang, min(lexicon.zipf(left, lang), lexicon.zipf(right, lang)))
    return None


@lru_cache(maxsize=None)
def _top_pair_pattern(langs: tuple[str, ...]):
    """The listed tokens that are two of the commonest words glued, as one alternation. (A token
    more frequent in the other language is a word there: "lest".)"""
    shared = tuple(dict.fromkeys(langs + lexicon.SHARED_LANGS))
    words = set()
    for lang in langs:
        if not lexicon.supported(lang):
            continue
        top = [w for w in lexicon.frequent_words((lang,), _TOP_PAIR_ZIPF) if len(w) >= 2 and w.isalpha()]
        for left in top:
            for right in top:
                w = left + right
                z = lexicon.zipf(w, lang)
                if (left != right and _LISTED_MERGE_ZIPF <= z < _TOP_PAIR_LISTED_ZIPF
                        and all(lexicon.zipf(w, o) < max(z, _LISTED_MERGE_ZIPF) for o in shared if o != lang)
                        and lexicon.zipf(w + "s", lang) < _TOP_PAIR_INFLECTED_ZIPF):
                    words.add(w)
    if not words:
        return None
    alternation = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}_'’-])(?:{alternation})(?![\p{{L}}\p{{M}}\p{{N}}_'’-])")


def _recurs(text: str, word: str) -> bool:
    """Written twice or more: a coinage, a command or a name ("debuild", "mailname"); a lost
    space is a one-off."""
    if text.casefold().count(word.casefold()) < 2:
        return False  # the common case, without building a pattern
    pattern = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])"
    return sum(1 for _ in zip(range(2), regex.finditer(pattern, text, regex.I))) > 1


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


def _brand_split(token: str, langs, shared, name: bool = False) -> Split | None:
    """"GitHubou" -> "GitHub ou": a listed capitalised word or brand, then a function word.

    A plain capitalised ``name`` is held to more: names end in "-et", "-an", "-us", "-is" at will
    ("Moulinet", "Delawarean", "Copernicus"), so the function word must be among the very
    commonest and the token must end like no listed word ("Moulinet" ~ "robinet").
    """
    if not lexicon.is_unknown(token, langs):
        return None
    for n in (2, 3, 4, 5):
        left, tail = token[:-n], token[-n:]
        if n > 3 and not (tail in _LONG_TAILS if not name else _common_word_tail(left, tail, langs[0])):
            continue  # "Irelandwhich": a longer function word only after a common word; "eBayhave" after a brand
        # "LumenS|can": the cut must fall between two lowercase letters.
        if not tail.islower() or not left[-1].islower() or lexicon.best_zipf(left, shared) == 0.0:
            continue
        if left[0].islower() and lexicon.best_zipf(left, shared) < _PREFIXED_BRAND_ZIPF:
            continue  # "iMuse" is a brand of its own, not "iMu" + "se"; "iPhoneou" is "iPhone" + "ou"
        for lang in langs:
            z = lexicon.zipf(tail, lang)
            if z >= FUNCTION_WORD_ZIPF and not reads_as_one_word(left.lower(), tail, lang):
                if name and (z < _NAME_TAIL_ZIPF and not _common_word_tail(left, tail, lang)
                             or listed_relative(token.lower(), len(left), lang) or _demonym(left, tail)):
                    return None
                return Split(left, tail, lang, z)
    return None


def _camel_tail_split(token: str, langs) -> Split | None:
    """"PhotoPillsqui" -> "PhotoPills qui": a camelCase brand no list knows, glued to a function word
    that ends no name (see _CAMEL_TAILS)."""
    if not lexicon.is_unknown(token, langs):
        return None
    for tail in _SPEECH_TAILS:  # "McCarthysaid": a listed name, then the verb that reports it
        left = token[:-len(tail)]
        if token.endswith(tail) and left[-1:].islower() and lexicon.best_zipf(left, langs) >= _SPEECH_NAME_ZIPF:
            return Split(left, tail, "en", 0.0)
    common = _listed_camel_then_word(token, langs)
    if common is not None:
        return common
    if _PARTICLE_NAME.match(token):
        return None
    for tail in _CAMEL_TAILS:
        left = token[:-len(tail)]
        if (token.endswith(tail) and left[-1:].islower() and any(c.isupper() for c in left[1:])
                and any(lexicon.zipf(tail, lang) > 0 for lang in langs)):
            return Split(left, tail, next(lang for lang in langs if lexicon.zipf(tail, lang) > 0), 0.0)
    return None


def _listed_camel_then_word(token: str, langs) -> Split | None:
    """"McKinseystudy" -> "McKinsey study": a listed camelCase name, then a common word of its own."""
    for m in _CAMEL_HEAD.finditer(token):
        left, right = token[:m.end()], token[m.end():]
        if (len(right) >= _CAMEL_WORD_LEN and lexicon.best_zipf(left, langs) >= _CAMEL_NAME_ZIPF
                and right not in _CAMEL_ENDINGS):
            lang = max(langs, key=lambda lang: lexicon.zipf(right, lang))
            if lexicon.zipf(right, lang) >= _CAMEL_WORD_ZIPF:
                return Split(left, right, lang, 0.0)
    return None


def _common_word_tail(left: str, tail: str, lang: str) -> bool:
    """"Teamwas", "Irelandwhich": a common word (not only a name), then a function word of three
    letters ("was" 6.9, "and" 7.5) or a longer one that ends no compound ("which", "dans"); names
    that end like one ("Maginot", "Chaumenot") start with no common word."""
    if len(tail) > 3:
        return tail in _LONG_TAILS and lexicon.zipf(left, lang) >= _NAME_LEFT_ZIPF
    return (len(tail) == 3 and lexicon.zipf(tail, lang) >= TOP_WORD_ZIPF
            and lexicon.zipf(left, lang) >= _NAME_LEFT_ZIPF)


def _opener_split(text: str, m: regex.Match, langs) -> Split | None:
    """"Chaquedossier" -> "Chaque dossier": at a sentence start, a capitalised common opener glued
    to a common word of four letters or more (the caller skips tokens written twice)."""
    token = m.group()
    if (not lexicon.is_unknown(token.lower(), langs)
            or not _SENTENCE_BEFORE.search(text, max(0, m.start() - 6), m.start())):
        return None
    split = best_split(token.lower(), langs)
    if (split is None or len(split.right) < _OPENER_RIGHT_LEN
            or lexicon.zipf(split.left, split.lang) < _OPENER_ZIPF
            or lexicon.zipf(split.right, split.lang) < WORD_ZIPF):
        return None
    return Split(token[:len(split.left)], split.right, split.lang, split.score)


def _surname_split(text: str, m: regex.Match, langs, shared) -> Split | None:
    """"Priya Shahstole" -> "Shah stole": after a listed given name, an unknown token that is a
    listed name and an ordinary word of five letters or more. The word must end at most one other
    listed word ("fore|warned"; "-ville", "-worth", "-field" end hundreds and make surnames:
    "Bandeville", "Dunworth") and be no given name ("Fitzmartin")."""
    token = m.group()
    before = _GIVEN_NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
    if (before is None or before.group(1) not in given_names() or len(token) < 4 + _SURNAME_WORD_LEN
            or not lexicon.is_unknown(token, langs)):
        return None
    for cut in range(len(token) - _SURNAME_WORD_LEN, 3, -1):  # the longest word first
        left, right = token[:cut], token[cut:]
        if lexicon.best_zipf(left, shared) < _SURNAME_LEFT_ZIPF or right.capitalize() in given_names():
            continue
        for lang in langs:
            z = lexicon.zipf(right, lang)
            if z >= _SURNAME_WORD_ZIPF and lexicon.suffix_family(right, lang)[0] <= _SURNAME_SUFFIX_FAMILY:
                return Split(left, right, lang, z)
    return None


# Function words that end no name, glued to a name the text writes alone elsewhere ("Dumas|dès").
_NAMED_TAILS = frozenset("est dès les des aux sur par qui que une pour dans avec depuis sont était mais vers sans "
                         "chez puis the and was has had are were with from which that this will said says".split())
_NAMED_HEAD_LEN = 4
_NAMED_TAIL_ZIPF = 5.0  # common in the text's language ("dès" 5.4, "depuis" 5.9)
_GOES_ON_LOWER = regex.compile(r"[ \t\u00a0]+[\p{Ll}\d]")


def _named_elsewhere_split(text: str, m: regex.Match, langs) -> Split | None:
    """"Théo Dumasdès la reprise" -> "Dumas dès": an unlisted token, a function word that ends no name
    after a head the text writes alone elsewhere ("Dumas"), and the sentence goes on in lower case."""
    token = m.group()
    if not _GOES_ON_LOWER.match(text, m.end()) or not lexicon.is_unknown(token, langs):
        return None
    for n in range(3, min(7, len(token) - _NAMED_HEAD_LEN + 1)):
        head, tail = token[:-n], token[-n:]
        if tail not in _NAMED_TAILS or not head[-1].islower():
            continue
        alone = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}_-]){regex.escape(head)}(?![\p{{L}}\p{{M}}\p{{N}}_])")
        lang = max(langs, key=lambda code: lexicon.zipf(tail, code))
        if lexicon.zipf(tail, lang) >= _NAMED_TAIL_ZIPF and alone.search(text) is not None:
            return Split(head, tail, lang, lexicon.zipf(tail, lang))  # a function word of the text's language
    return None


def _word_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalpha() or text[i] in "-" and i + 1 < len(text) and text[i + 1].isalpha()):
        i += 1
    return i


def _demonym(left: str, tail: str) -> bool:
    """"Villeroyen", "Troyen", "Vendéen": a place that ends in a vowel, then the demonym ending."""
    return tail == "en" and left[-1].lower() in "aeiouyéè"


def _acronym_split(acronym: str, word: str, langs, shared) -> Split | None:
    """"ASVELsamedi" -> "ASVEL samedi": a listed acronym, then a common word."""
    if not lexicon.is_unknown(acronym + word, langs) or lexicon.best_zipf(acronym, shared) == 0.0:
        return None
    # "JPMorgan", "HTMLElement": the last capital may start the word ("DPE|est": "eest" is no word).
    if lexicon.best_zipf(acronym[-1] + word, shared) >= _ACRONYM_TAIL_WORD_ZIPF:
        return None
    for lang in langs:
        z = lexicon.zipf(word, lang)
        if (z >= FUNCTION_WORD_ZIPF or z >= _ACRONYM_WORD_ZIPF and len(word) >= _ACRONYM_WORD_LEN
                or _long_word(word, z)):
            return Split(acronym, word, lang, z)
    return None


def _long_word(word: str, z: float) -> bool:
    return len(word) >= _ACRONYM_LONG_WORD_LEN and z >= _ACRONYM_LONG_WORD_ZIPF


def _unlisted_acronym_split(acronym: str, word: str, langs, shared) -> Split | None:
    """"SNDEen" -> "SNDE en": an acronym no list knows, then one of the very commonest words."""
    if len(acronym) < _UNLISTED_ACRONYM_LEN or not lexicon.is_unknown(acronym + word, langs) \
            or lexicon.best_zipf(acronym[-1] + word, langs) >= _UNLISTED_TAIL_WORD_ZIPF:
        return None
    for lang in langs:
        z = lexicon.zipf(word, lang)
        if z >= _NAME_TAIL_ZIPF or _long_word(word, z):
            return Split(acronym, word, lang, z)
    return None


def _subject_verb_split(token: str, langs) -> Split | None:
    """"Departmenthas" -> "Department has": a capitalised common word, then a verb of its subject."""
    if "en" not in langs or not lexicon.is_unknown(token, langs):
        return None
    for tail in _SUBJECT_VERB_TAILS:
        left = token[:-len(tail)]
        if (token.endswith(tail) and len(left) >= _SUBJECT_LEFT_LEN
                and lexicon.zipf(left.lower(), "en") >= _SUBJECT_LEFT_ZIPF):
            return Split(left, tail, "en", lexicon.zipf(tail, "en"))
    return None
