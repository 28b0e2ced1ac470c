"""English homophones typed for one another where the words around leave one reading.

- "there" for "their" before "own" or a superlative and a noun ("gave there best years"), unless a
  verb before it makes "there" existential ("Is there best practice…"), or after a verb that takes an
  object and before a plural noun ("had there chances"; not a span of time: "spent there years");
- "your" for "you're" before "about to", "going to", "not going" ("your about to win");
- "weather" for "whether" before a subject pronoun or "or not" ("weather you book or not"), unless an
  article, a preposition or an adjective before it makes it the noun ("the weather you get");
- "its" for "it's" before an article, "not", "been" or an adverb ("its almost always worth it"), or
  before "worth" and a verb in -ing ("its worth booking");
- "your" for "you're" before an adverb ("if your unsure", "your always welcome", "your welcome.");
- "it's" for "its" after a preposition or after a verb that takes an object ("from it's plant",
  "would limit it's growth"; not after a verb of saying or thinking: "showed it's possible");
- "you're" for "your" after a preposition or a verb that takes an object, before a plain word ("bring
  you're bike", "with you're family"; not before a participle, an adjective or an adverb);
- "it's" for "its" and "who's" for "whose" before "own" ("gets it's own vet", "who's own wedding");
  "it's" after a verb of having or holding ("has it's off days", "traces it's roots") or after "at"
  ("at it's best");
- "your" and "their" for "you're" and "they're" before a state that ends the clause ("your in luck",
  "tell us their fine in lessons");
- "effected" for "affected" after an adverb of degree ("badly effected");
- "to" for "too" between a copula and an adjective of degree before "to" or a stop ("was to nervous
  to come");
- "loose" for "lose" after a modal or a negation ("will not loose access"), after "to" before
  what is lost ("to loose track"), or after "and" before its object ("turn customers away and loose a
  day's takings"; not "let loose a"), or after an adverb of frequency before what is lost ("always
  loose count").

Harper's own lints (ThereToTheir, YourToYoure) rely on its tagger and miss these frames; the
frames here are narrow so that each reading is certain.
"""
from __future__ import annotations

import regex

from .slip import CONFUSION, Slip

_SUPERLATIVES = """own best worst biggest largest greatest highest lowest latest newest oldest strongest
    weakest youngest fastest hardest toughest closest deepest finest brightest smallest longest nearest
    richest poorest happiest earliest cheapest dearest proudest""".split()
# A verb or a word that makes "there" existential or locative ("is there", "get there", "up there").
_EXISTENTIAL = r"""is|are|was|were|be|been|being|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|remains?|seems?|
    will|would|could|should|might|may|must|get|got|go|went|gone|out|over|up|down|in|from|back|here"""
_THERE = regex.compile(
    r"(?<![\p{L}'’])(?<!\b(?i:" + _EXISTENTIAL.replace("\n", "").replace(" ", "") + r")\s+)"
    r"(?P<w>[Tt]here)\s+(?:" + "|".join(_SUPERLATIVES) + r")\s+\p{Ll}{3,}(?![\p{L}'’])")
# "Harbourside had there chances", "they missed there flights": after a verb that takes an object, a
# plural noun makes "there" the possessive. Not before a span of time ("spent there years", "lived
# there decades ago": "there" is a place).
_THERE_OBJECT = regex.compile(
    r"(?<![\p{L}'’])(?:had|have|has|having|lost|lose|losing|took|take|taking|made|make|making|missed|miss|"
    r"wasted|waste|raised|raise|played|won|earned|gave|give|showed|show|shared|share|sold|sell|cast|placed|"
    r"put|lay|laid|booked|paid|cut|doubled|halved)\s+(?P<w>there)\s+(?P<noun>\p{Ll}{3,}s)(?![\p{L}'’])")
_TIMES = frozenset("""seconds minutes hours days nights weeks weekends months years decades centuries moments times
    mornings evenings afternoons summers winters seasons""".split())
_YOUR = regex.compile(r"(?<![\p{L}'’])(?P<w>[Yy]our)\s+(?:about\s+to|going\s+to|not\s+going)\b")
_NOUN_BEFORE = r"""the|this|that|a|any|such|what|good|bad|fine|nice|cold|warm|hot|wet|dry|mild|stormy|
    of|in|for|by|with|despite|whatever|our|your|their|his|her|its|my"""
_WEATHER = regex.compile(
    r"(?<![\p{L}'’])(?<!\b(?i:" + _NOUN_BEFORE.replace("\n", "").replace(" ", "") + r")\s+)"
    r"(?P<w>[Ww]eather)\s+(?:you|he|she|they|we|it|or\s+not)\b")
# After a modal or a negation "loose" can only be the verb; after "to" only before an object that is
# lost ("to loose an arrow" is the archaic "release").
_LOOSE = regex.compile(
    r"(?i)\b(?:will|would|could|can|might|may|must|should|not|never|cannot|won['’]t|['’]ll)\s+(?P<w>loose)\b"
    r"|\bto\s+(?P<w>loose)\s+(?:track|sight|touch|weight|money|time|interest|patience|control|heart|faith|"
    r"hope|access|out|their|his|her|its|your|our|my|the)\b"
    r"|(?<!\b(?i:let|lets|letting|cut|cuts|cutting|break|breaks|broke|breaking|turn|turned|set|sets|hang|hangs|hung|and)\s+)"
    r"\band\s+(?P<w>loose)\s+(?:a|an|the|their|his|her|its|our|your|my|some|all|any|weight|money|track|sight)\b")

# "always loose count": after an adverb of frequency, before what is lost.
_LOOSE_ADVERB = regex.compile(
    r"(?i)\b(?:always|often|sometimes|never|usually|easily|quickly|soon|regularly|constantly)\s+(?P<w>loose)\s+"
    r"(?:count|track|sight|touch|weight|money|interest|patience|control|heart|faith|hope|access|my|your|their"
    r"|his|her|its|our)\b")
# "it's own", "who's own": "it is own" and "who is own" cannot be; the possessive was meant.
_OWN = regex.compile(r"(?<![\p{L}'’])(?P<w>[Ii]t['’]s|[Ww]ho['’]s)\s+own(?![\p{L}'’-])(?!\s+goals?\b)")
# "has it's off days", "traces it's roots", "at it's best": "it is" follows no verb of having or
# holding, nor "at".
_ITS_HAVE = regex.compile(
    r"(?<![\p{L}'’])(?:has|have|had|having|gets|got|traces|traced|trace|tracing|owes|owed|earned|earns|marks"
    r"|marked|celebrates|celebrated|celebrating|at)\s+(?P<w>it['’]s)\s+(?!(?:been|not|a|an|the)\b)\p{Ll}")
# "your in luck", "tell us their fine in lessons": a possessive takes a noun, not a state that ends
# the clause ("their fine work", "your right to vote" stay).
_STATE_AFTER = (r"(?=\s*(?:[.,;!?]|$|(?:in|at|with|for|and|but|now|again|here|there|today)\b))")
_YOUR_STATE = regex.compile(r"(?<![\p{L}'’])(?P<w>[Yy]our)\s+in\s+luck\b")
_THEIR_STATE = regex.compile(
    r"(?<![\p{L}'’])(?P<w>[Tt]heir)\s+(?:not\s+going\s+to|going\s+to|about\s+to|(?:fine|okay|ok|unsure|happy|safe|unable"
    r"|able|sure|ready|scared|nervous|worried)" + _STATE_AFTER + r")")
# "badly effected": an adverb of degree qualifies "affected" ("changes were effected" stays).
_EFFECTED = regex.compile(
    r"(?i)\b(?:badly|adversely|negatively|severely|seriously|directly|heavily|hardest|worst|deeply|greatly"
    r"|disproportionately|particularly|directly|most|least|hugely|significantly)\s+(?P<w>effected)\b")
# "She was to nervous to come": between a copula and an adjective (never a verb) before "to" or a stop,
# "to" is "too".
_TOO_ADJECTIVES = r"""nervous|busy|late|early|big|small|tired|scared|shy|young|old|expensive|difficult|hard|high|low|
    heavy|weak|afraid|ill|sick|dangerous|risky|complicated|far|much|many|good|few|little|quiet|loud|steep|narrow|
    wide|tight|short|deep|shallow|hot|cold|busy|full|soon|fast|slowly|quickly|often"""
_TO_TOO = regex.compile(
    r"(?<![\p{L}'’])(?:is|was|were|are|be|been|being|feel|feels|felt|seem|seems|seemed|looked|looks|got|get|gets"
    r"|far|way|much|all)\s+(?P<w>to)\s+(?:" + _TOO_ADJECTIVES.replace("\n", "").replace(" ", "") + r")"
    r"(?=\s*(?:[.,;!?]|to\b|for\b))")

# "its almost always worth it": the possessive takes a noun, never an article, "not" or an adverb.
_ITS = regex.compile(
    r"(?<![\p{L}'’])(?P<w>[Ii]ts)\s+(?:a|an|the|not|been|almost|always|never|just|really|quite|too|also|going"
    r"|getting)(?![\p{L}'’-])")

# "its worth booking": the possessive "its worth" takes no verb in -ing; "it is worth doing" does.
_ITS_WORTH = regex.compile(r"(?<![\p{L}'’])(?P<w>[Ii]ts)\s+worth\s+\p{Ll}{2,}ing(?![\p{L}'’-])")
# "if your unsure", "your always welcome": "your" before an adverb that qualifies a verb, or before
# "welcome" ending the clause, is "you're". Not "your very own", "your right", "your welcome pack".
_YOUR_ADVERB = regex.compile(
    r"(?<![\p{L}'’])(?P<w>[Yy]our)\s+(?:always|never|not|probably|definitely|absolutely|already|certainly"
    r"|obviously|currently|actually|unsure|welcome(?=\s*(?:[.!,;]|$|to\b)))(?![\p{L}'’-])")
# "from it's Malaysian plant", "would limit it's growth": after a preposition, or after a verb that
# takes an object (not a verb of saying or thinking: "showed it's possible"), "it's" is the possessive.
_ITS_PREPOSITIONS = r"""of|from|with|into|onto|by|in|on|through|across|within|without|under|toward|towards|among
    |during|despite|via|throughout|behind|beyond|inside|outside|against|upon|alongside"""
_ITS_OBJECT_VERBS = r"""limit|limits|limited|limiting|boost|boosts|boosted|boosting|expand|expands|expanded|expanding
    |lose|loses|lost|losing|shut|shuts|shutting|close|closes|closed|closing|earn|earns|earned|earning|cut|cuts|cutting
    |raise|raises|raised|raising|increase|increases|increased|increasing|reduce|reduces|reduced|reducing|protect
    |protects|protected|protecting|defend|defends|defended|defending|improve|improves|improved|improving|double
    |doubled|doubling|halve|halved|sell|sells|sold|selling|launch|launches|launched|launching|update|updates|updated
    |revamp|revamped|strengthen|strengthened|weaken|weakened|keep|keeps|kept|keeping|maintain|maintains|maintained
    |lower|lowered|slash|slashed|trim|trimmed|extend|extends|extended|renew|renewed|shrink|shrank|shrunk
    |review|reviews|reviewed|reviewing|restructure|restructured|upgrade|upgraded|retain|retained|regain|regained
    |abandon|abandoned|scrap|scrapped|fund|funded|grow|grows|grew|growing|relaunch|relaunched|rebrand|rebranded"""
_ITS_CONTRACTION = regex.compile(
    r"(?<![\p{L}'’])(?:(?i:" + _ITS_PREPOSITIONS.replace("\n", "").replace(" ", "") + r")"
    r"|(?i:" + _ITS_OBJECT_VERBS.replace("\n", "").replace(" ", "") + r")(?:\s+(?:down|up|back|off|out))?)"
    r"\s+(?P<w>it['’]s)\s+(?!(?:not|been|a|an|the|going|gonna|got|about|as|so|very|too|just|only|still|also"
    r"|because|that|what|how|why|where|when|worth|hard|easy|clear|true|possible|likely|time|all|over|up|down|off"
    r"|out|in|on|here|there|now|never|always|done|gone|fine|ok|okay)\b)\p{L}")

# "Please bring you're bike", "with you're family": after a preposition or a verb that takes an object,
# "you're" before a plain word is the possessive. Not before a participle, an adjective or an adverb
# ("keep you're" never opens "you're welcome": the comma is missing, and such words are listed).
_YOURE_OBJECT_VERBS = r"""bring|take|book|park|lock|leave|check|pack|wash|clean|renew|cancel|change|confirm
    |register|send|share|fill|enter|show|tell|update|protect|keep|lose|need|use|grab|collect|charge|secure"""
_YOURE_POSSESSIVE = regex.compile(
    r"(?<![\p{L}'’])(?:(?i:" + _ITS_PREPOSITIONS.replace("\n", "").replace(" ", "") + r"|for|to|about|at)"
    r"|(?i:" + _YOURE_OBJECT_VERBS.replace("\n", "").replace(" ", "") + r"))"
    r"\s+(?P<w>you['’]re)\s+(?!(?:not|been|a|an|the|going|gonna|about|as|so|very|too|just|only|still|also|all"
    r"|here|there|now|never|always|welcome|right|wrong|sure|ready|able|free|likely|unlikely|new|old|over|under"
    r"|in|on|out|up|down|off|back|done|fine|ok|okay|safe|happy|late|early|due|allowed|eligible|entitled|one"
    r"|looking|getting|doing|using|told|asked|invited)\b)(?![\p{L}]*(?:ing|ed|ly)\b)\p{Ll}{3,}\b")


def _plural_object(m: regex.Match) -> bool:
    from .patterns_en import plural_noun

    return m.group("noun") not in _TIMES and plural_noun(m.group("noun"))


# (pattern, right word, message, a check of the match or None)
_FRAMES = (
    (_THERE, "their", "“there” before a noun phrase: the possessive is “their”.", None),
    (_THERE_OBJECT, "their", "“there” before a plural noun after a verb: the possessive is “their”.",
     _plural_object),
    (_YOUR, "you're", "“your” before a verb: the contraction of “you are” is “you're”.", None),
    (_WEATHER, "whether", "A clause of choice takes “whether”, not “weather”.", None),
    (_LOOSE, "lose", "The verb is “lose”; “loose” means not tight.", None),
    (_LOOSE_ADVERB, "lose", "The verb is “lose”; “loose” means not tight.", None),
    (_OWN, None, "Before “own” the possessive is meant: “its”, “whose”.", None),
    (_ITS_HAVE, "its", "“it's” after a verb of having or after “at”: the possessive is “its”.", None),
    (_YOUR_STATE, "you're", "“your” before a state: the contraction of “you are” is “you're”.", None),
    (_THEIR_STATE, "they're", "“their” before a state: the contraction of “they are” is “they're”.", None),
    (_EFFECTED, "affected", "After an adverb of degree the verb is “affected” (“effected” means carried out).",
     None),
    (_TO_TOO, "too", "“to” before an adjective of degree: the adverb is “too”.", None),
    (_ITS, "it's", "“its” before an article, “not” or an adverb: the contraction of “it is” is “it's”.",
     None),
    (_ITS_WORTH, "it's", "“its worth” before a verb in -ing: the contraction of “it is” is “it's”.", None),
    (_YOUR_ADVERB, "you're", "“your” before an adverb: the contraction of “you are” is “you're”.", None),
    (_ITS_CONTRACTION, "its", "“it's” after a preposition or before an object: the possessive is “its”.", None),
    (_YOURE_POSSESSIVE, "your", "“you're” after a preposition or before an object: the possessive is “your”.",
     None),
)


def check(text: str) -> list[Slip]:
    out = []
    for pattern, right, message, accept in _FRAMES:
        for m in pattern.finditer(text):
            if accept is not None and not accept(m):
                continue
            word = m.group("w")
            # "it's own" -> "its", "who's own" -> "whose"
            fix = right or ("its" if word.lower().startswith("it") else "whose")
            repl = fix[0].upper() + fix[1:] if word[0].isupper() else fix
            out.append(Slip(m.start("w"), m.end("w"), "corpuslint", f"{word.lower()}-for-{fix}", CONFUSION,
                            message, (repl,)))
    return out
