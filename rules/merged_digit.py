import regex

from corpuslint.rule import Edit, Fix, Rule

from . import lexicon
from .merged_words import FUNCTION_WORD_ZIPF, fenced_code, in_code_like_chunk, inside, stands_alone, word_start

# A number (digits, optional decimal or thousands groups) glued to a word.
# Not after letters, hyphens or dots ("mp3", "GPT-4o", "v2.0beta") and not
# followed by more letters or digits of the same token.
_NUMBER_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-.,/:])(\d+(?:[.,:]\d+)*(?:-\d+)?%?)(\p{L}[\p{Ll}\p{M}]+)(?![\p{L}\p{M}\p{N}_])")
# A parenthesis holding a figure or several words, glued to the next word: "(5/5)lors".
# "(re)lire" and "ami(e)s" hold a bare fragment and stay quiet.
_BRACKET_WORD = regex.compile(
    r"\(([^()\n]{1,40})\)(\p{Ll}[\p{Ll}\p{M}]+)(?![\p{L}\p{M}\p{N}_])")
_FIGURE_OR_WORDS = regex.compile(r"\d|\s")
# French "à" glued to a year or a count, before a space: "Fondée en 2019à Gand", "de 10à 12 ans".
# ("5à7", an after-work drink in Québec, has no space after it.)
_NUMBER_A = regex.compile(r"(?<![\p{L}\p{M}\p{N}_\-.,/:])(\d+)(à)(?=[ \u00a0\u202f]+[\p{L}\p{N}])"
                        # ... and English "a" glued to a price before its unit: "$4.50a pound", "£3a head"
                        r"|(?<=[$£€¥₹])(\d+(?:[.,]\d\d)?)(a)(?=[ \u00a0]+(?:pound|kilo|head|person|week|month|year"
                        r"|day|night|hour|piece|dozen|litre|liter|bag|box|bottle|ticket|session|class|lesson|go|pop)\b)")
# Units, ordinals and multipliers that are written glued to a number on purpose.
# International symbols plus the ordinal suffixes of the languages we see most.
_MONTHS = frozenset("""janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
    décembre decembre january february march april may june july august september october november december
    """.split())
_YEAR = regex.compile(r"(?:19|20)\d\d")
_YEAR_WORD_ZIPF = 3.0
_YEAR_NAME_ZIPF, _YEAR_NAME_LEN = 4.0, 4  # "Tour" 5.4; "2024Edition"-like product names are rare
# Units written out, which take a space after a figure ("3 heures"); the abbreviations glue on purpose.
_UNITS = frozenset("""secondes minutes heures jours semaines mois années ans siècles fois euros dollars
    kilomètres mètres kilos tonnes litres personnes habitants millions milliards
    seconds minutes hours days weeks months years decades centuries times euros dollars pounds
    kilometres kilometers metres meters miles kilos tonnes litres liters people million billion""".split())
_GLUED_SUFFIXES = frozenset("""
    st nd rd th er ère re res ers e es ème èmes eme emes è nde ndes nds
    am pm h hr hrs min mn sec ms ns s j d yr yrs yo
    mm cm dm m km nm µm mi ft in inch inches yd
    mg g kg t lb lbs oz ml cl dl l hl
    kb mb gb tb pb ko mo go to kbps mbps gbps bps bit bits fps dpi ppi px pt pts
    hz khz mhz ghz kw kwh mw mwh gw gwh w wh v kv mv mah a ma va db
    cv ch hp bhp tr rpm mph kmh kph
    k m bn md mds mrd mrds mln mio eur usd ht ttc
    x p i ii iii iv ieme ième aine
""".split())
_CLOCK = regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_CLOCK_SUFFIXES = frozenset("am pm h hr hrs min mn sec s ms z utc gmt".split())
# A one-digit number glued to a word is often a name ("7up", "4chan", "9gag"):
# only very frequent words count after it.
_ONE_DIGIT_ZIPF = 5.5
_WORD_ZIPF = 4.0
_LONG_WORD, _LONG_WORD_ZIPF = 6, 3.0
_VERY_LONG_WORD, _VERY_LONG_WORD_ZIPF = 9, 2.0  # "120distilleries": no unit or suffix is that long
_ONE_DIGIT_LOWER_ZIPF = 4.5  # a lowercase word of five letters or more after one digit ("2costs" 5.0)
# ... though the lists also know a one-digit number glued to the very commonest words ("2and"): text
# speak names with them ("2you", "4ever") are listed apart.
_TOP_WORD_AFTER_DIGIT = 7.0
_ONE_DIGIT_NAMES = frozenset("you u me be ever go all".split())
# A function word glued to a number of two digits or more: "Pour les52 choristes", "since the2019 season"
# ("in2", "de2" read as identifiers).
_WORD_NUMBER = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-.'’@#/])(\p{Ll}{2,5})(\d{2,}(?:[.,]\d+)?)(?![\p{L}\p{M}\p{N}_])")
_LETTER_DIGITS = regex.compile(r"\p{Ll}\d\d")
_FUNCTION_BEFORE_NUMBER = {
    "fr": frozenset("""les des de du le la au aux en sur dans pour par et avec sans vers entre ses ces nos vos
        leurs""".split()),
    "en": frozenset("the of in on at by for to and from with than over under into some about".split()),
}
_UNIT_WORD_ZIPF = 6.5  # "and", "the", "et", "de": only the commonest words after a unit ("3mlof" stays)
# An ordinal glues to no word, so an ordinary word of four letters or more after one was cut off it:
# "la 62eminute", "the 5thround".
_ORDINALS = frozenset("e er ère re ème eme è nd nde rd st th".split())
_ORDINAL_WORD_ZIPF, _ORDINAL_WORD_LEN = 4.0, 4
_SCORE = regex.compile(r"\d{1,3}-\d{1,3}")
_CURRENCY_SIGNS = "$£€¥₹"
_MONEY_SIGN = regex.compile(r"[$£€¥₹]\d")
_MONEY_WORD_ZIPF = 4.0  # "per" 5.1, "in" 7.5; a sign then a figure then a word is no unit ("$5bn" is listed)
_NUMBER_CODE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-.,/:])(\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?)"
    r"(FCFA|CFA|EUR|USD|GBP|CHF|CAD|AUD|JPY|MAD|XOF|XAF|DZD|TND)(?![\p{L}\p{M}\p{N}_])")
# A numbered heading glued to its first word ("4.Le gaura"), where the document's other numbered
# headings have the space ("3. L'achillée"): at least two of them, so a house style of "1.Intro" stays.
_HEADING_GLUED = regex.compile(r"^(\d{1,2}[.)])(\p{Lu}\p{Ll}+)", regex.M)
_HEADING_SPACED = regex.compile(r"^\d{1,2}[.)][ \t\u00a0]+\p{Lu}", regex.M)
_SPACED_HEADINGS = 2


class MergedDigit(Rule):
    """A number glued to the word that follows it ("100qui", "2024pour").

    ## What it does
    Finds a number directly followed by a frequent word of the document's language, with no space:
    "Maia 100qui montre", "octobre 2024pour 549 euros", "50%des", a day glued to its month
    ("le 15mai"), a count to a unit written out ("3heures", "10years"), a year or a score to any
    ordinary word ("since 2023amid", "84-79devant", "a 7-5win"), a unit glued to one of the
    commonest words ("400gand", "10kmet"), an ordinal glued to an ordinary word ("la 62eminute"), a
    sum glued to an ordinary word or to its currency's code ("£185per month", "5 000FCFA"), a
    number glued to French "à" ("en 2019à Gand"; not
    "5à7", an after-work drink), a function word glued to the number after it ("pour les52
    choristes", "since the2019 season"), a bracketed figure glued to the next word: "(5/5)lors"
    ("(re)lire" and "ami(e)s" stay quiet), and a numbered heading glued to its first word ("4.Le
    gaura") where the document's other numbered headings have the space. Units, ordinals and
    multipliers that are glued on purpose stay quiet ("100m", "17h", "1er", "2e", "3nm", "64Go",
    "10x", "4G", "3D", "60km/h"), as do tokens inside addresses, handles, identifiers and code,
    and names the lexicon knows ("4chan"). Needs a wordfreq list for the document's language
    (French and English when unknown).

    ## Why is this bad?
    The space was lost at a tag boundary (`100</span>qui`). The glued token is neither a number
    nor a word: it breaks number extraction, search and tokenisation.

    ## Example
    Bad: `les accélérateurs Cobalt 100 et Maia 100qui montrent`
    Good: `les accélérateurs Cobalt 100 et Maia 100 qui montrent`

    ## Fix safety
    Unsafe: the space is the likeliest repair, but a glued token can be a product name. Safe for
    a numbered heading: the document's own headings show the space.
    """

    code = "CL403"
    name = "merged-digit"
    category = "words"
    fix_applicability = "sometimes"

    def check(self, doc):
        text = doc.text
        langs = lexicon.doc_langs(doc.lang)
        code = fenced_code(doc)
        found = list(self._numbers(text, langs))
        if "fr" in langs and "à" in text or "en" in langs and _MONEY_SIGN.search(text):
            found += self._number_a(text)
        if ")" in text:
            found += self._brackets(text, langs)
        found += self._headings(text)
        found += self._word_numbers(text, langs)
        return [f for f in found if not inside(code, f.start)]

    def _headings(self, text):
        glued = list(_HEADING_GLUED.finditer(text))
        if not glued or len(_HEADING_SPACED.findall(text)) < _SPACED_HEADINGS:
            return
        for m in glued:
            yield self.finding(
                m.start(), m.end(),
                f"merged words: numbered heading '{m.group()}' needs a space after '{m.group(1)}'",
                Fix.safe(Edit.insertion(m.start(2), " "), message="Insert a space after the number"),
            )

    def _word_numbers(self, text, langs):
        words = frozenset().union(*(_FUNCTION_BEFORE_NUMBER.get(lang, ()) for lang in langs))
        for step in _LETTER_DIGITS.finditer(text):  # rare: only there can the full pattern match
            m = _WORD_NUMBER.match(text, word_start(text, step.start() + 1))
            if m is None:
                continue
            word, number = m.groups()
            if word not in words or not stands_alone(text, m.start(), m.end()):
                continue
            yield self.finding(m.start(), m.end(), f"merged words: '{m.group()}' reads as '{word} {number}'",
                               Fix.unsafe(Edit.insertion(m.start(2), " "), message=f"Split into '{word} {number}'"))

    def _number_a(self, text):
        for m in _NUMBER_A.finditer(text):
            if in_code_like_chunk(text, m.start(), m.end()):
                continue
            number, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            yield self.finding(m.start(), m.end(), f"merged words: '{m.group()}' reads as '{number} {word}'",
                               Fix.unsafe(Edit.insertion(m.end() - 1, " "), message=f"Split into '{number} {word}'"))

    def _brackets(self, text, langs):
        for m in _BRACKET_WORD.finditer(text):
            word = m.group(2)
            if not _FIGURE_OR_WORDS.search(m.group(1)) or not _frequent(word, langs, one_digit=False):
                continue
            yield self.finding(
                m.start(2) - 1, m.end(),
                f"merged words: '){word}' needs a space after the bracket",
                Fix.unsafe(Edit.insertion(m.start(2), " "), message="Insert a space after the bracket"),
            )

    def _numbers(self, text, langs):
        for m in _NUMBER_CODE.finditer(text):  # "5 000FCFA", "120EUR": a sum and its currency's code
            if not in_code_like_chunk(text, m.start(), m.end()):
                split = f"{m.group(1)} {m.group(2)}"
                yield self.finding(m.start(), m.end(), f"merged words: '{m.group()}' reads as '{split}'",
                                   Fix.unsafe(Edit.insertion(m.start(2), " "), message=f"Split into '{split}'"))
        for m in _NUMBER_WORD.finditer(text):
            number, word = m.group(1), m.group(2)
            money = m.start() > 0 and text[m.start() - 1] in _CURRENCY_SIGNS
            if money and word.islower() and len(word) >= 3 and lexicon.best_zipf(word, langs) >= _MONEY_WORD_ZIPF:
                unit = ""  # "£185per month", "$30,000in damages": a sum, then an ordinary word
            else:
                unit = ("" if self._is_merge(number, word, langs)
                        else None if len(number) == 1 and not lexicon.is_unknown(number + word.lower(), langs)
                        else _unit_then_word(word, langs))  # "4chan" is listed: no "4ch" + "an"
            if unit is None or in_code_like_chunk(text, m.start(), m.end()):
                continue
            at = m.start(2) + len(unit)
            left, right = number + unit, word[len(unit):]
            yield self.finding(
                m.start(), m.end(),
                f"merged words: '{m.group()}' reads as '{left} {right}'",
                Fix.unsafe(Edit.insertion(at, " "), message=f"Split into '{left} {right}'"),
            )

    @staticmethod
    def _is_merge(number: str, word: str, langs) -> bool:
        lower = word.lower()
        if _CLOCK.fullmatch(number):  # "1:12:09to": after a time, only time units glue on purpose
            return len(word) >= 2 and lower not in _CLOCK_SUFFIXES and _frequent(word, langs, one_digit=False)
        if len(word) < 2 or lower in _GLUED_SUFFIXES:
            return False
        if lower in _MONTHS and number.isdigit() and 1 <= int(number) <= 31:
            return True  # "le 15mai": a date lost its space (short months are below the word floor)
        if _SCORE.fullmatch(number) and word.islower() and len(word) >= 3 \
                and lexicon.best_zipf(lower, langs) >= _YEAR_WORD_ZIPF:
            return True  # "a 7-5win": a score, then an ordinary word
        if _YEAR.fullmatch(number) and word.islower() and len(word) >= 3 \
                and lexicon.best_zipf(lower, langs) >= _YEAR_WORD_ZIPF:
            return True  # "since 2023amid": a year, then an ordinary word
        if (_YEAR.fullmatch(number) and word[0].isupper() and word[1:].islower() and len(word) >= _YEAR_NAME_LEN
                and lexicon.best_zipf(lower, langs) >= _YEAR_NAME_ZIPF):
            return True  # "the 2019Tour of Britain": a year, then a capitalised common word
        if lower in _UNITS:
            return True  # "3heures", "10years": a count and its unit, written apart in both languages
        # "4chan", "7up": listed names. (wordfreq folds longer numbers to zeros,
        # and "00ans" is listed as a frequent web misspelling, so only one digit is checked.)
        if (len(number) == 1 and not lexicon.is_unknown(number + lower, langs)
                and not (word.islower() and lower not in _ONE_DIGIT_NAMES
                         and lexicon.best_zipf(lower, langs) >= _TOP_WORD_AFTER_DIGIT)):
            return False  # "4chan", "7up"; but "Terminal 2and Terminal 3": "and" names nothing
        return _frequent(word, langs, one_digit=len(number) == 1)


def _unit_then_word(word: str, langs) -> str | None:
    """"400gand" -> "g": a unit glued on purpose, then one of the commonest words glued by accident."""
    if word.lower() in _GLUED_SUFFIXES or word.lower() in _CLOCK_SUFFIXES:
        return None  # "1min 42sec": the whole word is the unit ("m" + "in" is no reading)
    for n in (1, 2, 3):
        unit, rest = word[:n].lower(), word[n:]
        if unit in _GLUED_SUFFIXES and len(rest) >= 2 and rest.islower() \
                and lexicon.best_zipf(rest, langs) >= _UNIT_WORD_ZIPF:
            return word[:n]
        if (unit in _ORDINALS and len(rest) >= _ORDINAL_WORD_LEN and rest.islower()
                and lexicon.best_zipf(rest, langs) >= _ORDINAL_WORD_ZIPF):
            return word[:n]
    return None


def _frequent(word: str, langs, one_digit: bool) -> bool:
    """Frequent enough to be a word of its own after a figure."""
    # A capitalised word after a number ("2023Les") must be a function word:
    # "5Go", "3Com" and product names are capitalised too.
    floor = _WORD_ZIPF if word.islower() else FUNCTION_WORD_ZIPF
    if word.islower() and len(word) >= _LONG_WORD:
        floor = _VERY_LONG_WORD_ZIPF if len(word) >= _VERY_LONG_WORD else _LONG_WORD_ZIPF  # "140tirages"
    if len(word) <= 3:
        floor = FUNCTION_WORD_ZIPF
    if one_digit and not (word.islower() and len(word) >= _LONG_WORD):
        # "7up", "4chan", "9gag"; but "2slices", "2costs": names are short
        floor = max(floor, _ONE_DIGIT_LOWER_ZIPF if word.islower() and len(word) >= 5 else _ONE_DIGIT_ZIPF)
    return lexicon.best_zipf(word.lower(), langs) >= floor
