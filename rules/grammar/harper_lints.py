"""Where Harper's lints are weaker than their kind suggests, and how corpuslint narrows them.

- MassNouns: Harper's dictionary marks hundreds of nouns as mass nouns that news prose counts
  every day ("each flatbread", "a hearing", "a listing"). Only nouns that standard English never
  counts are reported as agreement slips ("an advice", "informations"), and the fix drops the
  article instead of Harper's rewrites ("an advice" -> "an tip"); the others are style (CL512).
- Pronoun agreement: "items from it are imported", "show you photos" (the pronoun is an object, not the subject),
  "variable i is" (a lowercase i is a letter or a name, not the pronoun), "Is she right?" (a
  question: the word after the pronoun is no verb to agree).
- Whom: "some of whom had been there" (after a preposition "whom" is right).
"""
from __future__ import annotations

from dataclasses import replace

import regex

from .slip import Slip

# Nouns that standard English does not count: "an advice", "a furniture", "informations".
UNCOUNTABLE = frozenset("""advice information equipment furniture luggage baggage homework housework
    machinery software hardware feedback wildlife clothing jewellery jewelry cutlery crockery garbage
    rubbish underwear evidence knowhow""".split())
_ARTICLE_NOUN = regex.compile(r"(?i)^(?:a|an|each|every|one|another)\s+(\p{L}+)$")
_PREPOSITIONS = (r"(?:by|to|of|with|for|from|in|on|at|about|into|onto|over|under|through|after|before|without"
                 r"|among|between|behind|beside|against|during|towards?|upon|within|across|around|near|like|than)")
_PREPOSITION_OBJECT = regex.compile(rf"(?i)\b{_PREPOSITIONS}\s+(?:it|him|her|them|me|us|you)\s+$")
# "some of whom had been there": after a preposition "whom" is right, whatever verb follows.
_AFTER_PREPOSITION = regex.compile(rf"(?i)\b{_PREPOSITIONS}\s+$")
_LOWERCASE_I = regex.compile(r"(?<![\p{L}'’])i\s+$")
# "What surprised us most was…": an object-only pronoun is never the subject of the verb after it.
_OBJECT_PRONOUN = regex.compile(r"(?i)(?<![\p{L}'’])(?:us|them|him|me|whom)\s+(?:(?:most|all|both|too|again|\p{L}+ly)\s+)?$")
# "Ask any installer to show you photos": after a verb that takes two objects the pronoun is the first.
_SECOND_OBJECT = regex.compile(
    r"(?i)(?<![\p{L}'’])(?:show|give|send|tell|offer|bring|lend|teach|pay|buy|hand|owe|promise)(?:s|ed|ing|n)?"
    r"\s+(?:you|her|it)\s+$")
# "Is she right?", "Does he know?": an auxiliary before the pronoun asks a question; the word
# after the pronoun is a complement or a bare infinitive, not a verb to agree.
_INVERTED = regex.compile(
    r"(?i)(?<![\p{L}'’])(?:is|are|was|were|am|do|does|did|has|have|had|can|could|will|would|shall|should|may"
    r"|might|must)(?:n['’]t)?\s+(?:he|she|it|they|we|you|i)\s+$")
PRONOUN_AGREEMENT = ("harper:PronounInflectionBe", "harper:PronounVerbAgreement")


def mass_noun_ok(span: str) -> bool:
    """Is Harper's mass-noun lint on ``span`` about a noun that is never counted?"""
    words = span.split()
    noun = words[-1].lower() if words else ""
    return noun in UNCOUNTABLE or noun.endswith("s") and noun[:-1] in UNCOUNTABLE


def pronoun_subject_ok(text: str, start: int) -> bool:
    """False when the pronoun before the verb is an object ("from it are", "surprised us most was"),
    a lowercase i, or the subject of a question ("Is she right?")."""
    before = text[max(0, start - 40):start]
    return not (_PREPOSITION_OBJECT.search(before) or _LOWERCASE_I.search(before) or _OBJECT_PRONOUN.search(before)
                or _INVERTED.search(before) or _SECOND_OBJECT.search(before))


def whom_ok(text: str, start: int) -> bool:
    """False when Harper's "whom" -> "who" lint reads a "whom" that follows a preposition."""
    return not _AFTER_PREPOSITION.search(text, max(0, start - 20), start)


def refine(slip: Slip, text: str) -> Slip:
    """Harper's suggestions made safe to apply where they are not."""
    if slip.upstream == "harper:MassNouns":
        if not mass_noun_ok(text[slip.start:slip.end]):
            return replace(slip, group="Style")   # "each flatbread": an opinion, CL512 (off)
        m = _ARTICLE_NOUN.match(text[slip.start:slip.end])
        if m:  # "an advice" -> "advice": Harper offers "an tip"
            return replace(slip, suggestions=(m[1],))
    return slip
