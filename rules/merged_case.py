from functools import lru_cache
from pathlib import Path

import regex

from corpuslint.rule import Edit, Fix, Rule

from . import lexicon
from .merged_words import (CASE_STEP, SHORT_FUNCTION_WORDS, STOP_STEP, chunk_bounds, fenced_code, in_code_like_chunk,
                           stands_alone,
                           inside, matches_at, quoted_alone, word_start)

# A word (capitalised or lowercase, three letters or more) glued to a
# capitalised word: exactly one lower->Upper step, so "McDonald", "iPhone",
# "eBay", "OpenAI", "InflectionAI", "macOS" and "BlaBlaCar" never match.
_CASE_MERGE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-])(\p{Lu}?\p{Ll}{2,}\p{Ll})(\p{Lu}\p{Ll}+)(?![\p{L}\p{M}\p{N}_\-])")
# Lowercase left part ("coach|Marta"): an ordinary word; the right part may be a name.
_LOWER_LEFT_ZIPF = 3.5
_NAME_ZIPF = 2.5
# ... or a long, rarer word ("l'historienne|Mathilde") before a listed name.
_RARE_LEFT_ZIPF, _RARE_LEFT_LEN = 3.0, 8
# A capitalised part of three letters that is neither a function word nor a given name ends a brand
# ("team|Lab", "easy|Jet"); a lost space glues a word to a name or to a sentence's first word.
_BRAND_TAIL_LEN, _FUNCTION_ZIPF = 3, 6.0
# A long ordinary word ("constructeur|Xenta") may meet a name no list knows: a product, a firm.
_LONG_LEFT = 6
# Short words that start brands in lower case before a common word ("forScore", "theScore", "myFitness").
_BRAND_PREFIXES, _BRAND_WORD_ZIPF = frozenset({"for", "the", "my", "you", "our", "one", "all", "get"}), 4.0
# The heads of camelCase identifiers that programs print and docs quote.
_IDENTIFIER_HEADS = frozenset("""max min get set has num new old tmp str int user item page total current default
    enable disable show hide use allow request response file data api app""".split())
_SHORT_MERGE = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-])(\p{Ll}{2}|à)(\p{Lu}\p{Ll}{2,})(?![\p{L}\p{M}\p{N}_])")
_SHORT_RIGHT_ZIPF = 3.0
# A name written glued on purpose ("inDesign" 2.3, "deGrasse" 2.6) is listed that often; the lists also
# hold the scrapers' own debris, rarer ("deParis" 1.5, "deSaint" 1.7, "laMaison" 1.7).
_GLUED_NAME_ZIPF = 2.0
# English prepositions head brands in lower case, however rarely listed ("inReach" 1.3, "atHome").
_GLUED_BRAND_HEADS = frozenset({"in", "at", "of"})
_DAY_PREPOSITIONS = frozenset({"on", "in", "by", "at"})
# In running prose, a preposition glued to a name of two words or more: "founder ofRuang Lama".
_NAME_PREPOSITIONS = _DAY_PREPOSITIONS | SHORT_FUNCTION_WORDS
_PROSE_BEFORE = regex.compile(r"\p{Ll}[\p{Ll}\p{M}'’-]*[ \t\u00a0]+$")
_NAME_GOES_ON = regex.compile(r"[ \t\u00a0]+\p{Lu}\p{Ll}+\b")
_DAYS_AND_MONTHS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split())
# Capitalised left part ("Microsoft|Les"): a known word or name, glued to a
# function word that starts the next sentence. Brands are made of content
# words ("Mid|Journey", "Venture|Beat", "Hugging|Face") and stay quiet.
_CAPITAL_LEFT_ZIPF = 3.0
# Sentence openers are the very top of the list ("Les" 7.3, "Il" 7.0, "The" 7.7,
# "And" 7.4); "Plus" (6.7) and "One" (6.5) also end brand names (DisneyPlus,
# AppleOne), hence the second test: the new sentence must go on in lower case.
_OPENER_ZIPF = 6.5
_GOES_ON = regex.compile(r"[ \t\u00a0]+[\p{Ll}\d]")
# A sentence glued to the next after its full stop ("testing.The 14-inch"):
# a lowercase word, a stop, a capitalised word, then the sentence goes on.
_STOP_MERGE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-.])(\p{L}?\p{Ll}{2,})([.!?])(\p{Lu}\p{Ll}+)(?=[ \t\u00a0]+[\p{Ll}\d])")
# Addresses, handles, file names and code ("os.Path", "example.Com/x") are not sentences.
_CODE_CHUNK = regex.compile(r"[/@#_=\\<>{}|()\[\]]|://|www\.|\p{N}|\.\p{L}+\.")
_STOP_LEFT_ZIPF = 3.0
_STOP_RIGHT_ZIPF = 3.0
# An English possessive glued to the name after it: "Alphabet’sWaymo", "the club'sChairman".
_POSSESSIVE_MERGE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-])(\p{L}[\p{L}\p{M}]+['’]s)(\p{Lu}\p{Ll}{2,})(?![\p{L}\p{M}\p{N}_])")
# A word glued to the next after its comma ("lineup,which", "l'UGent,la"): edited prose always puts
# a space there; numbers ("1,5"), initials ("N,N-") and mojibake ("immune,â€") do not count.
_COMMA_STEP = regex.compile(r"\p{Ll}[)»”’]?,(?=\p{L})")
_COMMA_RIGHT = regex.compile(r"\p{L}[\p{L}\p{M}]*(?![\p{L}\p{M}\p{N}_\u0080-\u009f€™œž])")
_COMMA_LEFT_STOP = regex.compile(r"[\p{N}_.,]")
_COMMA_RIGHT_ZIPF = 3.0


# A function word glued to the name or brand after it: "ourYouTube", "etPowerPoint", "surDoctolib",
# "laCour des comptes". Closed lists: French articles, prepositions and determiners start no brand
# in lower case; English possessives neither. Not "the" or "my" (theScore, myGov), nor the words that
# start code identifiers (onClick, toString, forEach, andThen), except before a listed camelCase brand.
_FUNCTION_LEFT = {
    "fr": frozenset("""la le les un une des du au aux et ou sur sous dans avec pour par chez vers sans selon
        entre ses son sa ces cette mes mon ma nos vos leur leurs""".split()),
    "en": frozenset("our your their his her its".split()),
}
_BEFORE_LISTED_BRAND = frozenset("""the my and or of in on at to for with from by via into""".split())
_FUNCTION_MERGE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-'’])(\p{Ll}{2,12})(\p{Lu}[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]*)*)(?![\p{L}\p{M}\p{N}_])")
_CAMEL_PARTS = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]{2,}")
# ... or to an acronym, with its figure: "lesCM2", "laSNCF", "duCHU" (French only: English code names
# glue a preposition to an acronym on purpose, "toJSON").
_FUNCTION_ACRONYM = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-'’])(\p{Ll}{2,6})(\p{Lu}{2,}\d*)(?![\p{L}\p{M}\p{N}_])")
_LISTED_BRAND_ZIPF = 3.0     # "youtube" 4.7, "powerpoint" 3.2
_FUNCTION_RIGHT_ZIPF = 2.0   # "doctolib" 2.0, "cour" 5.1
_JOINED_NAME_ZIPF = 3.0      # "desjardins" 3.6 is a name; "lacour" 2.7 is written "Lacour"
_LONG_LEFT_WORD, _COMMON_LEFT_ZIPF = 4, 4.0  # an ordinary word before a listed camelCase brand

# A name glued to a name: a given name and the surname after it ("PriyaShah"), or a word and the
# given name that opens a full name ("la NantaiseLou Berthier"). Given names come from a list.
_GIVEN_NAMES_FILE = Path(__file__).with_name("data") / "given-names.txt"
_SURNAME_AFTER = regex.compile(r"[ \t\u00a0]+\p{Lu}\p{Ll}+")
_SURNAME_WORD_ZIPF = 4.5  # "Shah" 3.8 reads as a surname; "Health" 5.6 is a word (a brand's "MaxHealth")
_NAME_LEFT_ZIPF = 2.5


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    lines = _GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


class MergedCase(Rule):
    """A word glued to the capitalised word that follows it ("MicrosoftLes", "coachMarta").

    ## What it does
    Finds tokens with one lower-to-upper step inside that are in no lexicon and read as two
    words: a lowercase word glued to a capitalised word or name ("coachMarta",
    "constructeurXenta" when the word is long), a two-letter preposition or article glued to a
    known capitalised word ("inPhoenix", "deLyon", "àMarie-Jo"; not "on", "to", "is", which start
    code identifiers such as onClick, but "onSaturday": a day or a month names no code), a French
    article or preposition glued to an acronym ("lesCM2", "laSNCF"), a word or name glued to a
    capitalised function word that starts the next sentence ("MicrosoftLes"), and a name glued to
    a name: a listed given name and a surname ("PriyaShah"), or a word and the given name that
    opens a full name ("la NantaiseLou Berthier", "setterDanny McAllister"; the list is
    `rules/data/given-names.txt`). Also finds two sentences glued at their full stop
    ("testing.The 14-inch display"), words at a comma ("lineup,which") and an English possessive
    glued to the name after it ("Alphabet’sWaymo"), outside addresses, file names, numbers and
    code. CamelCase brands stay quiet: they are listed (YouTube, LinkedIn, PowerPoint, DeepMind,
    HoloLens), their second part is a content word (MidJourney, VentureBeat), or their shape
    differs (iPhone, eBay, OpenAI, xAI, McKinsey, DiCaprio, macOS). Needs a wordfreq list for
    the document's language (French and English when it is unknown or mixed).

    ## Why is this bad?
    The space (and often the full stop) between two sentences or two words was lost at a tag
    boundary. The glued token is a non-word that breaks search and sentence splitting.

    ## Example
    Bad: `pourrait rejoindre MicrosoftLes membres du conseil`
    Good: `pourrait rejoindre Microsoft Les membres du conseil`

    ## Fix safety
    Unsafe: the split is the likeliest reading; an unlisted brand or a name with a dot can have the
    same shape. The fix only inserts a space; a full stop lost with it is not restored.
    """

    code = "CL401"
    name = "merged-case"
    category = "words"
    fix_applicability = "unsafe"

    def check(self, doc):
        langs = lexicon.doc_langs(doc.lang)
        code = fenced_code(doc)
        for finding in (*self._case_merges(doc.text, langs), *self._stop_merges(doc.text, langs),
                        *self._comma_merges(doc.text, langs), *self._possessive_merges(doc.text, langs)):
            if not inside(code, finding.start):
                yield finding

    def _stop_merges(self, text, langs):
        if "." not in text and "!" not in text and "?" not in text:
            return
        shared = tuple(langs) + lexicon.SHARED_LANGS
        for m in matches_at(_STOP_MERGE, STOP_STEP, text):
            left, stop, right = m.groups()
            a, b = chunk_bounds(text, m.start(), m.end())
            if _CODE_CHUNK.search(text, a, b):
                continue
            if lexicon.best_zipf(left, shared) < _STOP_LEFT_ZIPF or lexicon.best_zipf(right, shared) < _STOP_RIGHT_ZIPF:
                continue
            yield self.finding(
                m.start(), m.end(),
                f"sentences glued together: '{m.group()}' needs a space after '{stop}'",
                Fix.unsafe(Edit.insertion(m.start(3), " "), message=f"Insert a space after '{stop}'"),
            )

    def _possessive_merges(self, text, langs):
        if "en" not in langs or ("'s" not in text and "’s" not in text):
            return
        for m in _POSSESSIVE_MERGE.finditer(text):
            owner, right = m.group(1), m.group(2)
            # No floor on the name: a possessive is always followed by a space ("Waymo" is 1.9).
            if (not lexicon.is_unknown(owner + right, langs)
                    or in_code_like_chunk(text, m.start(), m.end())):
                continue
            yield self.finding(
                m.start(), m.end(),
                f"merged words: '{m.group()}' reads as '{owner} {right}'",
                Fix.unsafe(Edit.insertion(m.start(2), " "), message=f"Split into '{owner} {right}'"),
            )

    def _comma_merges(self, text, langs):
        if "," not in text:
            return
        shared = tuple(langs) + lexicon.SHARED_LANGS
        for step in _COMMA_STEP.finditer(text):
            comma = step.end() - 1
            start = word_start(text, step.start() + 1)
            right = _COMMA_RIGHT.match(text, comma + 1)
            if (right is None or step.start() + 1 - start < 2
                    or start and _COMMA_LEFT_STOP.match(text[start - 1])):
                continue
            a, b = chunk_bounds(text, start, right.end())
            if (_CODE_CHUNK.search(text, a, b) or quoted_alone(text, start, right.end())
                    or lexicon.best_zipf(right.group(), shared) < _COMMA_RIGHT_ZIPF):
                continue
            token = text[start:right.end()]
            yield self.finding(
                start, right.end(),
                f"words glued together: '{token}' needs a space after ','",
                Fix.unsafe(Edit.insertion(comma + 1, " "), message="Insert a space after ','"),
            )

    def _case_merges(self, text, langs):
        short = list(self._short_merges(text, langs))
        yield from short
        yield from self._function_word_merges(text, langs, {f.start for f in short})
        yield from self._acronym_after_function_word(text, langs)
        for m in matches_at(_CASE_MERGE, CASE_STEP, text):
            left, right = m.group(1), m.group(2)
            if self._is_merge(left, right, langs):
                if left[0].isupper() and not _GOES_ON.match(text, m.end()):
                    continue
            elif not _names(text, m, left, right, langs):
                continue
            if in_code_like_chunk(text, m.start(), m.end()):
                continue
            yield self._split(m, left, right)

    def _short_merges(self, text, langs):
        shared = tuple(langs) + lexicon.SHARED_LANGS
        for m in matches_at(_SHORT_MERGE, CASE_STEP, text):
            left, right = m.group(1), m.group(2)
            # "inthe" is listed, as a frequent typo: before one of the commonest words ("The", "Les")
            # the glued token is a typo whatever the lists say; "inOui", "inDesign" are names, listed
            # more often than the scrapers' "deParis". No name starts with "à" and a capital:
            # "àParis" is a lost space even where the lists know it.
            if (left in _DAY_PREPOSITIONS and right.lower() in _DAYS_AND_MONTHS
                    and not in_code_like_chunk(text, m.start(), m.end())):
                yield self._split(m, left, right)  # "onSaturday", "inMarch": a day or a month is no code name
                continue
            if (left in _NAME_PREPOSITIONS and lexicon.is_unknown(left + right, langs)
                    and _names_follow(text, m) and not in_code_like_chunk(text, m.start(), m.end())):
                yield self._split(m, left, right)  # "co-founder ofRuang Lama", "the building onMain Street"
                continue
            if (left not in SHORT_FUNCTION_WORDS
                    or left != "à" and not lexicon.is_unknown(left + right, langs)
                    and (lexicon.best_zipf(left + right, shared) >= _GLUED_NAME_ZIPF or left in _GLUED_BRAND_HEADS)
                    and lexicon.best_zipf(right, shared) < _OPENER_ZIPF
                    or lexicon.best_zipf(right, shared) < _SHORT_RIGHT_ZIPF
                    or in_code_like_chunk(text, m.start(), m.end())):
                continue
            yield self._split(m, left, right)

    def _acronym_after_function_word(self, text, langs):
        if "fr" not in langs:
            return
        for m in matches_at(_FUNCTION_ACRONYM, CASE_STEP, text):
            left, right = m.group(1), m.group(2)
            if left in _FUNCTION_LEFT["fr"] and stands_alone(text, m.start(), m.end()):
                yield self._split(m, left, right)

    def _function_word_merges(self, text, langs, taken):
        shared = tuple(langs) + lexicon.SHARED_LANGS
        lefts = frozenset().union(*(_FUNCTION_LEFT.get(lang, ()) for lang in langs))
        for m in matches_at(_FUNCTION_MERGE, CASE_STEP, text):
            left, right = m.group(1), m.group(2)
            if m.start() in taken:
                continue
            camel = not right.istitle()
            listed = lexicon.best_zipf(right, shared)
            if camel and listed >= _LISTED_BRAND_ZIPF:
                ok = (left in lefts or "en" in langs and left in _BEFORE_LISTED_BRAND
                      or len(left) >= _LONG_LEFT_WORD and lexicon.best_zipf(left, shared) >= _COMMON_LEFT_ZIPF
                      and lexicon.is_unknown(left + right, langs))  # "watch|YouTube"
            elif camel:
                ok = left in lefts and len(_CAMEL_PARTS.findall(right)) >= 2  # "fondation|OpenGrid"
            else:
                ok = (left in lefts and (listed >= _FUNCTION_RIGHT_ZIPF or right in given_names())
                      and lexicon.best_zipf(left + right, shared) < _JOINED_NAME_ZIPF)
            if ok and not in_code_like_chunk(text, m.start(), m.end()) and not quoted_alone(text, m.start(), m.end()):
                yield self._split(m, left, right)

    def _split(self, m, left: str, right: str):
        return self.finding(
            m.start(), m.end(),
            f"merged words: '{m.group()}' reads as '{left} {right}'",
            Fix.unsafe(Edit.insertion(m.start(2), " "), message=f"Split into '{left} {right}'"),
        )

    @staticmethod
    def _is_merge(left: str, right: str, langs) -> bool:
        if not lexicon.is_unknown(left + right, langs):
            return False
        shared = tuple(langs) + lexicon.SHARED_LANGS
        if left[0].islower():
            if left in _BRAND_PREFIXES and lexicon.best_zipf(right, shared) >= _BRAND_WORD_ZIPF:
                return False  # "forScore", "theScore", "myWorld": a brand made of a short word and a common one
            if left in _IDENTIFIER_HEADS and right not in given_names():
                return False  # "maxConnections", "userName", "getItem": a program's identifier named in prose
            if (len(right) <= _BRAND_TAIL_LEN and right not in given_names()
                    and lexicon.best_zipf(right, shared) < _FUNCTION_ZIPF):
                return False  # "teamLab", "easyJet", "cloudBox": a brand's short last part, no name
            z, named = lexicon.best_zipf(left, langs), lexicon.best_zipf(right, shared) >= _NAME_ZIPF
            return (z >= _LOWER_LEFT_ZIPF and (named or len(left) >= _LONG_LEFT)
                    or z >= _RARE_LEFT_ZIPF and len(left) >= _RARE_LEFT_LEN and named)
        return (lexicon.best_zipf(left, shared) >= _CAPITAL_LEFT_ZIPF
                and lexicon.best_zipf(right, langs) >= _OPENER_ZIPF)


def _names(text: str, m, left: str, right: str, langs) -> bool:
    """"PriyaShah", "NantaiseLou Berthier", "setterDanny McAllister": a listed given name glued to a
    surname, or a word glued to the given name that opens a full name."""
    if left == right or not lexicon.is_unknown(left + right, langs):
        return False
    given = given_names()
    shared = tuple(langs) + lexicon.SHARED_LANGS
    if right in given and _SURNAME_AFTER.match(text, m.end()):
        return lexicon.best_zipf(left, shared) >= _NAME_LEFT_ZIPF  # "Nantaise|Lou Berthier", "setter|Danny McAllister"
    if not left[0].isupper():
        return False
    return left in given and lexicon.best_zipf(right, shared) < _SURNAME_WORD_ZIPF  # "Priya|Shah"


def _names_follow(text: str, m) -> bool:
    """A lowercase word before, a capitalised word after: the glued part opens a name in a sentence
    ("the co-founder ofRuang Lama said"); a title in capitals ("Using onClick Events") is no prose."""
    return (_PROSE_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
            and _NAME_GOES_ON.match(text, m.end()) is not None)
