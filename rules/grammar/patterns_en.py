"""corpuslint's own English checks, where the backend has none or a noisy one.

- a plural subject with a singular verb (below), also across a short relative clause
  ("Several residents who attended the meeting was supportive"), in the relative after a comma
  ("The cuts, which was described as…"), a prepositional phrase
  ("The results of the study was clear") or an aside between commas ("The plaintiffs, a group
  of manufacturers, argues");
- a person's name, then "who" and a plural verb: "Ward, who turn 34 next month" -> "turns";
- "it's" for the possessive before a plural noun and a verb ("it's members had"), before a word
  and a finite verb ("it's estimate was"), before a superlative or an ordinal and a noun ("it's
  weakest clue"), or before a plural noun after a preposition or a verb in -ing ("reviewing it's
  options");
- "were" for "where" before a clause that ends on its verb ("our resources were the demand is,");
- "it were" after a reporting verb ("Officials said it were too early");
- the apostrophe of "n't" before the "n" ("would'nt" -> "wouldn't");
- a singular noun that is never a collective with "were" ("The new feature were tested");
- "the number of …" and a mass noun ("the money") with a plural verb ("are", "were", "have");
- "who's" before a plural noun ("parents who's children need" -> "whose"), also after a hyphenated
  modifier ("customers who's fixed-price contracts are"), or before an uncounted noun and its verb
  ("residents who's data was");
- "except" for "accept" after "to" or a modal, before a determiner and with no "from";
- the indefinite article (en_article.py), "then" for "than" (en_than.py) and homophones in frames
  that leave one reading (en_homophones.py: there/their, your/you're, weather/whether, its/it's,
  loose/lose).

The plural-subject check:

Harper (0.2) has no subject-verb agreement for noun subjects ("The shares has now lost").
This narrow pattern covers the common scraped-news case without a parser:

    clause start + determiner + [possessive] + plural noun + has/is/was/does[n't] or a
    frequent verb in the third person singular ("The findings suggests")

The noun must look plural (an ``-s`` form whose singular is a common English word, not an
``-ss``/``-us``/``-is``/``-ics`` word, not a name) and the determiner must start a clause
("one of the shares has" is fine: the subject is "one").
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .slip import AGREEMENT, CONFUSION, GRAMMAR, VERB_FORM, Slip

_PATTERN = regex.compile(
    r"(?:^|(?<=[.!?;:(“\x22‘«—–]\s*)|(?<=\b(?:and|but|while|as|because|since|after|before|when|that|so|if|although|though|whereas|where)\s+)|(?<=,\s*))"
    r"(?P<subject>(?:[Tt]he|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Mm]y|[Yy]our)\s+"
    r"(?:[\p{L}-]+['’]s\s+)?(?:(?P<modifier>[a-z][a-z-]*[a-z])\s+)?(?P<noun>[a-z][a-z-]*[a-z]s))\s+"
    r"(?P<verb>has|is|was|does|hasn['’]t|isn['’]t|wasn['’]t|doesn['’]t|(?P<lexical>[a-z]+s))\b")
_PLURAL_VERB = {"has": "have", "is": "are", "was": "were", "does": "do",
                "hasn't": "haven't", "isn't": "aren't", "wasn't": "weren't", "doesn't": "don't"}
# Frequent verbs whose -s form is rarely a plural noun ("suggests", not "shows", "plans" or "reports"):
# after a plural subject they can only be a verb in the wrong person.
_LEXICAL_VERBS = {v + "s": v for v in """suggest indicate remain seem appear want make take give come
    include contain require reveal confirm expect continue hope believe argue warn tend know think allow
    become provide keep prove deserve depend differ exist happen involve reflect represent agree
    consider insist explain describe recognise recognize understand prefer feel stay""".split()}
_LEXICAL_VERBS.update({"says": "say", "goes": "go", "tries": "try", "gets": "get"})
# Singular nouns in -s that the suffix tests below do not catch.
_SINGULAR_S = frozenset("news means series species whereabouts headquarters crossroads lens gas bus maths "
                        "plus canvas chaos ethos cosmos atlas alias bias iris virus bonus campus "
                        "census status corpus focus genus thesis basis crisis analysis diagnosis "
                        "measles mumps diabetes herpes rabies billiards darts kudos".split())
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "ous", "os", "as", "ys")


@lru_cache(maxsize=8192)
def plural_noun(word: str) -> bool:
    """Does ``word`` look like the plural of a common English noun ("findings", not "news")?"""
    from wordfreq import zipf_frequency

    if word in _SINGULAR_S or word.endswith(_SINGULAR_ENDINGS):
        return False
    stems = [word[:-1]]
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    if word.endswith("ves"):  # "loaves", "knives", "wolves"
        stems += [word[:-3] + "f", word[:-3] + "fe"]
    if word.endswith("es"):
        stems.append(word[:-2])
    return zipf_frequency(word, "en") >= 2.5 and max(zipf_frequency(s, "en") for s in stems) >= 3.0


# A count noun's plural is common beside it ("examiner" 3.3 / "examiners" 3.0); an adjective's
# "-s" form is rarer or another word ("right" 6.3 / "rights" 4.9, "poor", "young"), and so are
# invariant plurals ("sheep", "fish", "aircraft").
_COUNT_PLURAL_GAP = 1.0


@lru_cache(maxsize=8192)
def count_noun(word: str) -> bool:
    """Does ``word`` look like a singular count noun ("examiner", "rota"), its plural in "-s" common?"""
    from wordfreq import zipf_frequency

    if len(word) < 3 or word.endswith("s"):
        return False
    z = zipf_frequency(word, "en")
    plural = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return z >= 2.0 and zipf_frequency(plural, "en") >= max(1.5, z - _COUNT_PLURAL_GAP)


def check(text: str, upstream: tuple[Slip, ...] = ()) -> list[Slip]:
    """corpuslint's English checks; ``upstream``: the backend's slips on the same text."""
    from . import en_article, en_homophones, en_than

    tagged = frozenset(s.start for s in upstream if s.upstream == "harper:ThenThan")
    return sorted(_plural_subject(text) + _relative_subject(text) + _pp_subject(text) + _apposition_subject(text)
                  + _name_who(text) + _its_possessive(text) + _it_were(text) + _were_for_where(text)
                  + _misplaced_not(text) + _singular_were(text) + _singular_heads(text) + _whose(text)
                  + _except_for_accept(text) + _singular_base_verb(text) + _to_past(text)
                  + en_article.check(text) + en_homophones.check(text) + en_than.check(text, tagged),
                  key=lambda s: (s.start, s.end))


# "The new feature were tested", "said the library were one of the busiest": a singular noun that is
# never a collective (British English lets "the council were", "the team were" stand) with "were".
# Not after "if", "as if", "as though", "wish", "suppose", "imagine" (the subjunctive "were").
_SINGULAR_NOUNS = frozenset("""feature report study survey plan bill law decision rule policy system device
    product model machine car vehicle building bridge road house site project programme program scheme proposal
    change increase rise fall drop budget figure price cost rate deal contract agreement treaty vote result
    outcome test trial investigation inquiry probe case lawsuit verdict ruling sentence fine library hospital
    museum station airport stadium school factory plant shop store restaurant hotel app website platform service
    update version phone camera screen battery engine roof wall road street park river lake beach forest fire storm
    flood drought heatwave outbreak virus vaccine drug treatment cure disease feature article book film movie
    album song show series episode game match race festival event concert exhibition""".split()) - {"series"}
_SINGULAR_WERE = regex.compile(
    r"(?<![\p{L}'’])(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Mm]y|[Yy]our)\s+"
    r"(?:(?P<mod>[a-z][a-z-]*)\s+)?(?P<noun>[a-z]+)\s+(?P<were>were)(?![\p{L}'’])")
_SUBJUNCTIVE_BEFORE = regex.compile(r"(?i)\b(?:if|as if|as though|wish|wished|suppose|supposing|imagine|even if|"
                                    r"what if|unless|than|whether)\b[^.!?;:]{0,60}$")
_NOT_A_SUBJECT_BEFORE = regex.compile(r"(?i)\b(?:of|for|with|to|from|in|on|at|by|about|than|like|and|or)\s+$")


def _singular_were(text: str) -> list[Slip]:
    out = []
    for m in _SINGULAR_WERE.finditer(text):
        if m.group("noun") not in _SINGULAR_NOUNS or (m.group("mod") or "").endswith("s"):
            continue
        before = text[max(0, m.start() - 80):m.start()]
        if _SUBJUNCTIVE_BEFORE.search(before) or _NOT_A_SUBJECT_BEFORE.search(before):
            continue  # "if the plan were…"; "the cost of the roof were" has another head
        out.append(Slip(m.start("were"), m.end("were"), "corpuslint", "singular-subject-were", AGREEMENT,
                        f"The subject “{text[m.start():m.end('noun')]}” is singular: the verb should be “was”.",
                        ("was",)))
    return out


# "The number of homes available to rent are up": "the number of" is singular ("a number of" is not),
# unless a relative clause or a second clause brings its own verb ("the number of people who are
# homeless has risen", "the number of cases fell and wards are empty").
_NUMBER_OF = regex.compile(
    r"(?<![\p{L}'’])[Tt]he\s+(?:total\s+|overall\s+)?number\s+of\s+(?:(?!(?:who|that|which|where|when|whose|and|or|but|while|as|because|since|if|than|so|yet)\b)"
    r"[\p{L}\p{N}'’-]+\s+){1,5}(?P<verb>are|were|have)(?![\p{L}'’])")
# "how the money are spent": a mass noun that is never plural, then a plural verb.
_MASS_NOUNS = "money|information|advice|equipment|furniture|evidence|research|knowledge|homework|luggage|baggage|software"
_MASS_ARE = regex.compile(
    r"(?<![\p{L}'’])(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Ii]ts|[Yy]our|[Mm]y|[Mm]uch|[Mm]ore|[Ll]ess)\s+"
    r"(?:" + _MASS_NOUNS + r")\s+(?P<verb>are|were)(?![\p{L}'’])")
_SINGULAR_OF = {"are": "is", "were": "was", "have": "has"}


def _singular_heads(text: str) -> list[Slip]:
    return [Slip(m.start("verb"), m.end("verb"), "corpuslint", "singular-head-plural-verb", AGREEMENT,
                 f"“{m.group().split()[0]} {m.group().split()[1]} …” is singular: the verb should be "
                 f"“{_SINGULAR_OF[m.group('verb')]}”.", (_SINGULAR_OF[m.group("verb")],))
            for pattern in (_NUMBER_OF, _MASS_ARE) for m in pattern.finditer(text)]


# "The examiner want to hear": a singular count noun opening a clause, then a verb in the plural
# before "to" or "that". Never a collective (British English lets "the team want to" stand), never
# after "that" ("insist that the student take": a subjunctive).
_BASE_VERB = regex.compile(
    r"(?:^|(?<=[.!?;(“\x22‘«—–]\s*)|(?<=\b(?:and|but|while|because|since|although|though|so|when)\s+)|(?<=,\s+))"
    r"(?P<det>[Tt]he|[Tt]his|[Ee]ach|[Ee]very)\s+(?P<noun>[a-z]+)\s+"
    r"(?P<verb>want|need|seem|appear|tend|hope|expect|refuse|decide|agree|try|say|think|know|believe|feel|insist)"
    r"\s+(?P<next>to|that)\b")
_COLLECTIVE = frozenset("""team government council committee board family crowd public club squad band staff police
    people audience jury party company firm couple majority minority group class cast crew army navy union
    management media press youth clergy cattle department ministry administration parliament congress senate
    opposition panel commission agency court league federation side nation country city""".split())
_THAT_VERBS = frozenset("say think know believe feel insist".split())
_THIRD_PERSON = {"try": "tries"}


def _singular_base_verb(text: str) -> list[Slip]:
    out = []
    for m in _BASE_VERB.finditer(text):
        noun, verb = m.group("noun"), m.group("verb")
        if noun in _COLLECTIVE or not count_noun(noun) or (m.group("next") == "that") != (verb in _THAT_VERBS):
            continue
        third = _THIRD_PERSON.get(verb, verb + "s")
        out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "singular-subject-base-verb", AGREEMENT,
                        f"The subject “{m.group('det')} {noun}” is singular: the verb should be “{third}”.",
                        (third,)))
    return out


# "they will be able to detected brain activity": after a verb that takes an infinitive, "to" is no
# preposition ("due to increased costs", "used to"), so a past form after it is a slip for the base.
_TO_PAST = regex.compile(
    r"(?<![\p{L}'’])(?:able|unable|want|wants|wanted|need|needs|needed|have|has|had|try|tries|tried|trying|"
    r"manage|manages|managed|decide|decides|decided|plan|plans|planned|hope|hopes|hoped|intend|intends|"
    r"intended|order|ought|seem|seems|seemed|fail|fails|failed|refuse|refuses|refused)\s+to\s+"
    r"(?P<verb>\p{Ll}{3,}ed)(?![\p{L}'’-])")
_BASE_ZIPF = 3.0


def _to_past(text: str) -> list[Slip]:
    out = []
    for m in _TO_PAST.finditer(text):
        base = _base_form(m.group("verb"))
        if base:
            out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "to-past-form", VERB_FORM,
                            f"After “to”, the verb takes its base form: “{base}”.", (base,)))
    return out


def _base_form(past: str) -> str | None:
    """"detected" -> "detect", "used" -> "use", "planned" -> "plan": the base of a regular past form,
    a listed verb (its "-ing" form is listed too); None for "need", "speed", "proceed"."""
    from wordfreq import zipf_frequency

    stem = past[:-2]
    for base in (stem, past[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if len(base) < 3 or zipf_frequency(base, "en") < _BASE_ZIPF:
            continue
        ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
        if zipf_frequency(ing, "en") >= _BASE_ZIPF or zipf_frequency(stem + "ing", "en") >= _BASE_ZIPF:
            return base
    return None


# "voted 5-2 to except a $4.2 million bid": the verb "except" (leave out) takes a "from"; without one,
# a determiner after "to except" means "accept".
_EXCEPT = regex.compile(
    r"(?<![\p{L}'’])(?:to|will|would|could|should|must|may|might|can|cannot|did|not|refused to|agreed to)\s+"
    r"(?P<verb>except)\s+(?:a|an|the|this|that|these|those|their|its|his|her|our|your|my)\s+[^.!?;\n]{0,80}")


def _except_for_accept(text: str) -> list[Slip]:
    return [Slip(m.start("verb"), m.end("verb"), "corpuslint", "except-for-accept", CONFUSION,
                 "“except” means “leave out”; to take or agree to something is “accept”.", ("accept",))
            for m in _EXCEPT.finditer(text) if not regex.search(r"\bfrom\b", m.group())]


# "parents who's children need", "a club who's members voted": "who is" cannot take a plural noun;
# "whose" can. ("who's friends with" is an idiom.)
_WHOSE = regex.compile(
    r"(?<![\p{L}'’])(?P<who>[Ww]ho['’]s)\s+(?:\p{Ll}+-\p{Ll}+\s+)?(?P<noun>\p{Ll}+)(?![\p{L}'’-])")
_IRREGULAR_PLURALS = frozenset("children people men women feet teeth lives wives families parents".split())


# "Volunteers, who's rota is organised": a singular count noun with its own verb right after. Not
# a word that "who is" takes ("who's right is moot", "who's top is decided tonight").
_WHO_IS = frozenset("right left top first last next best worst boss".split())
# Nouns never counted, with their own verb right after: "Residents who's data was exposed".
_UNCOUNTED = frozenset("data money information research equipment property land income savings software".split())
_VERB_AFTER = regex.compile(r"\s+(?:is|was|has|will|can|could|would|should|must|may|might)(?![\p{L}'’])")


def _whose(text: str) -> list[Slip]:
    out = []
    for m in _WHOSE.finditer(text):
        noun = m.group("noun")
        plural = noun in _IRREGULAR_PLURALS or noun.endswith("s") and plural_noun(noun)
        if noun == "friends" or not (plural or _VERB_AFTER.match(text, m.end()) and noun not in _WHO_IS
                                     and (count_noun(noun) or noun in _UNCOUNTED)):
            continue
        repl = "Whose" if m.group("who")[0] == "W" else "whose"
        out.append(Slip(m.start("who"), m.end("who"), "corpuslint", "whose", CONFUSION,
                        f"“{m.group('who')} {noun}”: the possessive is “{repl}”.", (repl,)))
    return out


# "would'nt", "does'nt": the apostrophe stands for the "o" of "not", so it goes before the "t".
_MISPLACED_NOT = regex.compile(
    r"(?i)(?<![\p{L}'’])(?P<verb>would|could|should|did|does|do|is|are|was|were|has|have|had|must|need|might|ai)"
    r"(?P<apo>['’])nt(?![\p{L}'’])")


def _misplaced_not(text: str) -> list[Slip]:
    return [Slip(m.start(), m.end(), "corpuslint", "misplaced-apostrophe", GRAMMAR,
                 "The apostrophe of “n’t” stands for the “o” of “not”.", (f"{m.group('verb')}n{m.group('apo')}t",))
            for m in _MISPLACED_NOT.finditer(text)]


# "Officials said it were too early": reported speech takes the indicative "was" (the subjunctive
# "were" follows "if", "as if", "wish", "as it were"). Not after a relative pronoun: in "Those who
# said it were wrong", "it" is the object and "were" belongs to "those".
_IT_WERE = regex.compile(
    r"(?<![\p{L}'’])(?:said|says|say|admitted|admits|added|claimed|claims|argued|argues|insisted|warned|"
    r"noted|stated|explained|believed|believes|thought|thinks|knew|knows|agreed|conceded|acknowledged|"
    r"reported|announced|confirmed|found|suggested)\s+(?:that\s+)?it\s+(?P<were>were)(?![\p{L}'’])")
_RELATIVE_BEFORE = regex.compile(r"(?i)\b(?:who|whom|that|which)\s+(?:[\p{L}'’]+\s+){0,3}$")


def _it_were(text: str) -> list[Slip]:
    return [Slip(m.start("were"), m.end("were"), "corpuslint", "it-were", AGREEMENT,
                 "“it” takes “was” here (“were” only after “if”, “as if” or “wish”).", ("was",))
            for m in _IT_WERE.finditer(text) if not _RELATIVE_BEFORE.search(text[max(0, m.start() - 50):m.start()])]


# "putting our resources were the demand is," -> "where": "were" cannot take a clause that ends
# on its own verb; a place clause ("where the demand is") can.
_WERE_PLACE = regex.compile(
    r"(?<![\p{L}'’])(?P<were>[Ww]ere)\s+(?:the|a|an|its|their|our|his|her|my|your|this|that|these|those)\s+"
    r"\p{Ll}[\p{Ll}-]*\s+(?:is|are|was|were|lies|lie|lay|lives|live|lived|belongs|belong|stands|stood|sits|sat)"
    r"(?=\s*(?:[,.;:!?)”\x22]|$))")


def _were_for_where(text: str) -> list[Slip]:
    return [Slip(m.start("were"), m.end("were"), "corpuslint", "were-for-where", CONFUSION,
                 "A place clause takes “where”, not “were”.", ("Where" if m.group("were")[0] == "W" else "where",))
            for m in _WERE_PLACE.finditer(text)]


# "it's members had", "it's shares have": "it is members" cannot be, so the possessive was meant.
_ITS = regex.compile(
    r"(?<![\p{L}'’])(?P<its>[Ii]t['’]s)\s+(?P<noun>[a-z][a-z-]*[a-z]s)\s+"
    r"(?:have|has|had|are|were|will|would|can|could|should|may|might|must|did|do|remain|remained)\b")


# "it's estimate was", "if it's file is copied": "it is" cannot take a bare word and then a finite verb;
# "as good as it's weakest one": nor a superlative and a noun ("it's best to wait" stays).
# The noun may have a modifier before it ("it's gameplay trailer has"), and after it a participial
# aside ("it's trailer, released in May, has") or an adverb of place ("it's shelf life online is").
_ITS_NOUN_VERB = regex.compile(
    r"(?<![\p{L}'’])(?P<its>[Ii]t['’]s)\s+(?P<noun>(?:\p{Ll}{3,}\s+)?\p{Ll}{3,})"
    r"(?:,\s+(?P<aside>\p{Ll}+ed\s[^,.;:!?()\n]{1,60}),)?(?:\s+(?:online|alone|overall|abroad|nationwide|worldwide))?\s+"
    r"(?:is|was|has|had|will|would|can|could|may|might|must"
    r"|remains|remained|seems|seemed|looks|looked|needs|needed)(?![\p{L}'’])")
_ITS_SUPERLATIVE = regex.compile(
    r"(?<![\p{L}'’])(?P<its>[Ii]t['’]s)\s+(?P<noun>(?:best|worst|biggest|largest|greatest|weakest|strongest|oldest"
    r"|newest|latest|highest|lowest|main|own|first|last|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"\s+(?!to\b|not\b|that\b|if\b|when\b|for\b|as\b|time\b|nature\b|place\b)\p{Ll}{3,})"
    r"(?![\p{L}'’])")
# "of it's members", "reviewing it's options": "it is" follows no preposition, and after a verb in
# -ing a plural noun cannot be its complement ("for" is also "because": it stays out).
_ITS_AFTER = regex.compile(
    r"(?<![\p{L}'’])(?:of|with|into|from|about|in|by|on|at|under|over|through|to|\p{Ll}{2,}ing)\s+"
    r"(?P<its>[Ii]t['’]s)\s+(?P<noun>[a-z][a-z-]*[a-z]s)(?![\p{L}'’])"
    # "your grinder and it's quirks.": after "and", a plural noun that ends the phrase ("and it's
    # years since…", "and it's miles better" are measures)
    r"|(?<![\p{L}'’])and\s+(?P<its>[Ii]t['’]s)\s+(?P<noun>[a-z][a-z-]*[a-z]s)(?=\s*[.,;:!?)]|\s+(?:and|or)\b)")
_MEASURES = frozenset("""years days months weeks hours minutes seconds decades centuries ages times miles metres
    meters kilometres kilometers inches feet yards pounds dollars euros points degrees percent""".split())
_NOT_A_NOUN = frozenset("""time been not just also still only really all what who why how where when that this so very too
    now always never often ever clear true hard easy worth likely possible unclear important here there one about
    said because unlikely obvious better worse enough""".split())


def _its_possessive(text: str) -> list[Slip]:
    out = []
    for m in _ITS.finditer(text):
        if not plural_noun(m.group("noun")):
            continue
        out.append(_its_slip(m))
    seen = {sl.start for sl in out}
    for m in _ITS_NOUN_VERB.finditer(text):
        words = m.group("noun").split()
        if m.start() in seen or any(w in _NOT_A_NOUN or w.endswith(("ing", "ly", "ed")) for w in words):
            continue
        seen.add(m.start())
        out.append(_its_slip(m))
    for m in _ITS_AFTER.finditer(text):
        if m.start("its") not in seen and plural_noun(m.group("noun")) and m.group("noun") not in _MEASURES:
            seen.add(m.start("its"))
            out.append(_its_slip(m))
    for m in _ITS_SUPERLATIVE.finditer(text):
        if m.start() not in seen and not m.group("noun").split()[-1].endswith(("ed", "ly")):
            out.append(_its_slip(m))
    return out


def _its_slip(m: regex.Match) -> Slip:
    repl = "Its" if m.group("its")[0] == "I" else "its"
    return Slip(m.start("its"), m.end("its"), "corpuslint", "its-possessive", AGREEMENT,
                f"“{m.group('its')} {m.group('noun')}”: the possessive is “{repl}”.", (repl,))


# The same subject with a relative clause before its verb: "Several residents who attended the
# meeting was supportive" -> "were". The clause is one verb in -ed and its object (a determiner and at
# most two words); verbs that take a whole clause ("residents who believed the mayor was honest")
# are left out, since the "was" may be theirs.
_RELATIVE_SUBJECT = regex.compile(
    r"(?:^|(?<=[.!?][\x22”’)]?\s+))(?P<subject>(?:Several|Many|Most|Both|Few|Some|Two|Three|Four|Five|Six|Seven"
    r"|Eight|Nine|Ten|Dozens of|Hundreds of|Thousands of|These|Those|The)\s+(?:[a-z][a-z-]*\s+)?(?P<noun>[a-z][a-z-]*[a-z]s))"
    r"\s+(?:who|that)\s+(?P<rel>[a-z]+ed)\s+(?:the|a|an|this|that|their|our|his|her|its)\s+(?:[a-z][a-z-]*\s+){1,2}?"
    r"(?P<verb>was|is|has|wasn['’]t|isn['’]t|hasn['’]t)\s+(?=[a-z])")
_CLAUSE_VERBS = frozenset("""believed claimed hoped assumed expected feared suspected argued insisted noticed
    learned decided suggested reported confirmed announced stated noted warned agreed realized realised
    discovered determined concluded guessed imagined supposed worried complained admitted explained added
    answered replied estimated predicted figured recognized recognised acknowledged asked wondered
    remembered proved proposed demanded required ensured indicated revealed showed signalled signaled
    alleged contended maintained implied assured promised pretended doubted denied""".split())


# The relative's own verb after a plural subject and a comma: "The cuts, which was described as…" -> "were".
_COMMA_RELATIVE = regex.compile(
    r"(?:^|(?<=[.!?][\x22”’)]?\s+))(?P<subject>(?:The|These|Those|Its|Their|Our|His|Her|My|Your)\s+"
    r"(?:[a-z][a-z-]*\s+)?(?P<noun>[a-z][a-z-]*[a-z]s)),\s+(?:which|who)\s+"
    r"(?P<verb>was|is|has|wasn['’]t|isn['’]t|hasn['’]t)\s+(?=[a-z])")


def _relative_subject(text: str) -> list[Slip]:
    out = []
    for m in _RELATIVE_SUBJECT.finditer(text):
        if m.group("rel") in _CLAUSE_VERBS or not plural_noun(m.group("noun")):
            continue
        out.append(_plural_subject_slip(m, _plural_auxiliary(m.group("verb"))))
    for m in _COMMA_RELATIVE.finditer(text):
        if plural_noun(m.group("noun")):
            out.append(_plural_subject_slip(m, _plural_auxiliary(m.group("verb"))))
    return out


# The subject with a short prepositional phrase before its verb: "The latest figures from the Local
# Government Association shows" -> "show". The phrase is a preposition and up to six words with no
# clause in them (no comma, conjunction or relative word: "the figures from the study that was…").
_PP_SUBJECT = regex.compile(
    r"(?:^|(?<=[.!?][\x22”’)]?\s+))(?P<subject>(?:The|These|Those|Its|Their|Our|His|Her|My|Your)\s+"
    r"(?:[a-z][a-z-]*\s+)?(?P<noun>[a-z][a-z-]*[a-z]s))\s+(?:of|from|in|at|for|on|with|by|about|across|under)\s+"
    r"(?P<phrase>(?:(?!(?:who|which|that|how|what|when|where|whether|if|because|and|or|but|is|are|was|were|has"
    r"|have|had)\b)[\p{L}\p{N}'’&.-]+\s+){1,6}?)"
    r"(?P<verb>has|is|was|does|(?P<lexical>[a-z]+s))\b(?!\s+(?:of|from|in|at|for|on|with|by)\b)")


_RELATIVE_THAT = regex.compile(r"(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should"
                                r"|do|does|did|\p{Ll}+ed)\b")
# The subject, then an apposition or an aside between commas: "The plaintiffs, a group of regional
# manufacturers, argues" -> "argue". A list ("The apples, the pears and…") is no aside.
_APPOSITION_SUBJECT = regex.compile(
    r"(?:^|(?<=[.!?][\x22”’)]?\s+))(?P<subject>(?:The|These|Those|Its|Their|Our|His|Her|My|Your)\s+"
    r"(?:[a-z][a-z-]*\s+)?(?P<noun>[a-z][a-z-]*[a-z]s)),\s+(?!(?:and|or|but|the|these|those)\b)"
    r"[^,.;:!?()\n]{3,80},\s+(?P<verb>has|is|was|does|(?P<lexical>[a-z]+s))\b")


def _apposition_subject(text: str) -> list[Slip]:
    out = []
    for m in _APPOSITION_SUBJECT.finditer(text):
        verb = m.group("verb")
        if m.group("lexical") and verb not in _LEXICAL_VERBS or not plural_noun(m.group("noun")):
            continue
        plural = _LEXICAL_VERBS[verb] if m.group("lexical") else _plural_auxiliary(verb)
        out.append(_plural_subject_slip(m, plural))
    return out


# One person, then "who" and a verb in the plural form: "Ward, who turn 34 next month" -> "turns".
# The person is a capitalised name not ending in -s (not "the Smiths") and not part of a pair
# ("Ward and Bell, who turn").
# Verbs a person does, not a team or a firm (British English writes "Arsenal, who play…").
_WHO_VERBS = frozenset("turn live work teach write sing study".split())
_NAME_WHO = regex.compile(
    r"(?<![\p{L}'’-]|\band\s|&\s)(?P<name>\p{Lu}\p{Ll}+(?:[^\S\n]+\p{Lu}\p{Ll}+)?),\s+who\s+(?P<verb>[a-z]+)\b")


def _name_who(text: str) -> list[Slip]:
    out = []
    for m in _NAME_WHO.finditer(text):
        name, verb = m.group("name"), m.group("verb")
        if verb not in _WHO_VERBS or name.endswith("s") or _AND_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        third = verb + ("es" if verb.endswith(("sh", "ch", "ss", "x", "o")) else "s")
        out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "who-agreement", AGREEMENT,
                        f"“who” stands for “{name}”, one person: the verb should be “{third}”.", (third,)))
    return out


_AND_BEFORE = regex.compile(r"\b(?:and|&|both|with)\s+(?:\p{Lu}\p{Ll}+\s+)?$")


# Verbs whose -s form is also a plural noun, taken for verbs only before "that" and a clause.
_REPORTING = {"shows": "show", "reports": "report", "finds": "find", "means": "mean", "claims": "claim",
              "states": "state", "warns": "warn", "notes": "note"}


def _pp_subject(text: str) -> list[Slip]:
    out = []
    for m in _PP_SUBJECT.finditer(text):
        verb = m.group("verb")
        if m.group("lexical"):
            if verb in _REPORTING and text.startswith(" that ", m.end("verb")) \
                    and not _RELATIVE_THAT.match(text, m.end("verb") + 6):
                pass  # "figures … shows that councils…": a verb ("the TV shows that aired": a noun)
            elif verb not in _LEXICAL_VERBS:
                continue
        if not plural_noun(m.group("noun")):
            continue
        plural = (_LEXICAL_VERBS.get(verb) or _REPORTING[verb]) if m.group("lexical") else _plural_auxiliary(verb)
        out.append(_plural_subject_slip(m, plural))
    return out


def _plural_auxiliary(verb: str) -> str:
    """"has" -> "have", "wasn’t" -> "weren’t" (the apostrophe kept as written)."""
    plural = _PLURAL_VERB[verb.replace("’", "'")]
    return plural.replace("'", "’") if "’" in verb else plural


def _plural_subject_slip(m: regex.Match, plural: str) -> Slip:
    return Slip(m.start("verb"), m.end("verb"), "corpuslint", "plural-subject-singular-verb", AGREEMENT,
                f"The subject “{m.group('subject')}” is plural: the verb should be “{plural}”.", (plural,))


# "A map of the new lane and the loading zones is available": after "and", the plural may close a
# complement ("of A and B") whose head, before "of", is the subject.
_OF_AND = regex.compile(r"(?i)\bof\s+[^.!?;:,\n]{1,60}\band\s+$")


def _plural_subject(text: str) -> list[Slip]:
    out = []
    for m in _PATTERN.finditer(text):
        if not plural_noun(m.group("noun")) or _OF_AND.search(text, max(0, m.start() - 80), m.start()):
            continue
        verb = m.group("verb")
        if m.group("lexical"):
            if verb not in _LEXICAL_VERBS:
                continue
            plural = _LEXICAL_VERBS[verb]
        else:
            plural = _plural_auxiliary(verb)
        out.append(_plural_subject_slip(m, plural))
    return out


# "the app carries on on the larger display": a phrasal verb's particle, then a preposition.
_PARTICLES = frozenset("on in up out off over down by through".split())
_PHRASAL_STEMS = """carry go move hold keep log come get take pass hang put turn sign check call count catch
    build bank drag live sleep work act pick tell pull dwell weigh look throw give cut set hit lay fill break
    show end shut sum hand sort wake stay follow pay plug sell grow stand stick run walk press push focus
    clock cash tune zoom close back head hit chip drop sit lean rely draw settle""".split()
_IRREGULAR = {"went", "gone", "held", "kept", "came", "got", "gotten", "took", "taken", "hung", "told",
              "dwelt", "threw", "thrown", "gave", "given", "laid", "broke", "broken", "shown", "sold", "grew",
              "grown", "stood", "stuck", "ran", "sat", "drew", "drawn", "caught", "built", "woke", "woken",
              "paid", "leant", "leaned"}


@lru_cache(maxsize=1)
def _phrasal_forms() -> frozenset[str]:
    forms = set(_IRREGULAR)
    for v in _PHRASAL_STEMS:
        base = v[:-1] if v.endswith("e") else v
        forms.update({v, v + "s", v + "es", base + "ed", base + "ing", v + "d"})
        if v.endswith("y"):
            forms.update({v[:-1] + "ies", v[:-1] + "ied"})
        if len(v) <= 4 and v[-1] not in "aeiouwy" and v[-2] in "aeiou":   # put -> putting
            forms.update({v + v[-1] + "ing", v + v[-1] + "ed"})
    return frozenset(forms)


def particle_then_preposition(text: str, start: int, word: str) -> bool:
    """Is the doubled ``word`` at ``start`` a particle after its verb ("carries on on")?"""
    if word not in _PARTICLES:
        return False
    m = regex.search(r"(\p{L}+)\s+$", text[max(0, start - 30):start])
    return bool(m) and m[1].lower() in _phrasal_forms()
