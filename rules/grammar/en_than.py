"""English "then" typed for "than" after a comparison: "more expensive then we expected".

"then" after a comparative is often right ("Prices were higher then, and wages lower", "It got
better then worse", "they saw each other then left"), so the comparison must be certain and
what follows must continue it:

- "rather then", "anything other then": only a comparison reads there;
- "more/less/fewer + adjective + then" before a noun phrase, a pronoun or a number, where
  Harper's tagger also read an adjective or adverb after "more" ("more people then the bus
  came" is a sequence);
- "more/less" and an adjective known by its ending (-ive, -ous, -able, -al…) before a lowercase
  word ("more expensive then conventional chicken");
- a bare comparative ("more then", "higher then") only before a number or a word that ends a
  comparison ("than expected", "than ever", "than before", "than anyone"), or before a noun phrase
  of one word that ends the clause ("lower then the competition.").

Skipped when "than" follows in the same sentence ("higher then than now"), before "then-"
(the then-president) or a punctuation mark.
"""
from __future__ import annotations

import regex

from .slip import CONFUSION, Slip

_COMPARATIVES = ("better worse bigger smaller larger higher lower greater faster slower cheaper dearer "
                 "older younger stronger weaker richer poorer wider narrower deeper longer shorter "
                 "heavier lighter easier harder safer riskier busier healthier happier hotter colder "
                 "warmer cooler further farther lesser quicker tougher smarter louder quieter taller "
                 "more less fewer").split()
# What may follow "than" in a comparison and hardly ever follows the adverb "then".
_ENDS_COMPARISON = (r"\d|[$£€¥]|(?:expected|anticipated|usual|ever|before|previously|planned|forecast|"
                    r"predicted|hoped|feared|thought|average|normal|ideal|necessary|needed|required|"
                    r"half|double|twice|anyone|anything|anybody|anywhere|most|those|last|"
                    r"him|them|us|me|mine|hers|yours|theirs|ours)\b")   # object pronouns start no clause
_NOUN_PHRASE = (_ENDS_COMPARISON + r"|(?:the|a|an|his|her|their|its|our|my|your|this|that|these|any|"
                r"we|i|you|he|she|they|it)\b")
_THEN = r"\s+(?P<then>then)(?![\p{L}-])\s+(?="
_PATTERNS = (
    regex.compile(r"(?i)\brather" + _THEN + r"\p{L})"),
    regex.compile(r"(?i)\b(?:anything|anyone|anybody|nothing|no\s+one|nobody|someone|something|somebody|"
                  r"everything|everyone|none|little|few)\s+other" + _THEN + r"\p{L})"),
    regex.compile(r"(?i)\b(?:" + "|".join(_COMPARATIVES) + ")" + _THEN + f"(?:{_ENDS_COMPARISON}))"),
)
_MORE_ADJECTIVE = regex.compile(
    r"(?i)\b(?:more|less|fewer)\s+(?!and\b|or\b|then\b)\p{L}+" + _THEN + f"(?:{_NOUN_PHRASE}))")
# "lower then the competition.": a bare comparative, then a short noun phrase that ends the clause;
# a sequence goes on with its verb ("better then the rain came").
_SHORT_OBJECT = regex.compile(
    r"(?i)\b(?:" + "|".join(_COMPARATIVES) + ")" + _THEN +
    r"(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|most|other|any)\s+"
    r"\p{L}[\p{L}'’-]*\s*(?:[.,;!?)]|$))", regex.M)
# "far more expensive then conventional chicken": "more" and an adjective by its ending, then a
# lowercase word: a comparison goes on ("became more dominant, then faded" has its comma).
_MORE_SUFFIXED = regex.compile(
    r"(?i)\b(?:more|less)\s+\p{L}+(?:ive|ous|ful|able|ible|al|ic|ent|ant)" + _THEN + r"(?-i:\p{Ll}))")
_PATTERNS += (_MORE_ADJECTIVE, _SHORT_OBJECT, _MORE_SUFFIXED)
_SENTENCE_REST = regex.compile(r"[^.!?;:\n]*")


def check(text: str, tagged: frozenset[int] = frozenset()) -> list[Slip]:
    """``tagged``: starts of the "then"s that Harper's ThenThan lint reports (its tagger saw an
    adjective or adverb after "more"/"less")."""
    out, seen = [], set()
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span("then")
            if s in seen or regex.search(r"(?i)\bthan\b", _SENTENCE_REST.match(text, e).group()):
                continue
            if pattern is _MORE_ADJECTIVE and s not in tagged:
                continue
            seen.add(s)
            repl = "Than" if m.group("then")[0] == "T" else "than"
            out.append(Slip(s, e, "corpuslint", "then-for-than", CONFUSION,
                            "A comparison takes “than”, not “then”.", (repl,)))
    return sorted(out, key=lambda sl: sl.start)
