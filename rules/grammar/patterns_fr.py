"""corpuslint's own French checks, for slips Grammalecte lets through:

- a plural numeral: "trentes minutes" -> "trente" (trente, quarante… douze, quatre never take
  an -s; "vingt" and "cent" sometimes do and are not judged);
- "a" for "à" before a number that ends the clause: "en tout, a deux." ("il en a deux" has a
  pronoun before "a");
- a plural subject whose verb, after a relative clause set off by commas, is singular: "Les
  joueurs, qui avaient dominé la première période, a perdu" -> "ont". The subject is a plural
  determiner and a lowercase noun at the start of a sentence (not a title: « Les Échos, qui…,
  a publié »); the verb follows the second comma directly, and an inverted reporting verb
  ("a expliqué l'entraîneur", "dit-il") is not a verb of that subject.
"""
from __future__ import annotations

import regex

from .slip import AGREEMENT, CONFUSION, Slip

_NUMERAL_PLURAL = regex.compile(
    r"(?<![\p{L}'’-])(?P<num>(?i:trente|quarante|cinquante|soixante|douze|treize|quatorze|quinze|seize|quatre))"
    r"s(?![\p{L}'’])(?=[\s-]+\p{L})")
_A_NUMBER = regex.compile(
    r"(?<=,\s+)(?P<a>a)\s+(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|cent|plusieurs)"
    r"(?=\s*(?:[.,;:!?)…]|$))")
_SINGULAR_TO_PLURAL = {
    "a": "ont", "est": "sont", "était": "étaient", "sera": "seront", "serait": "seraient", "avait": "avaient",
    "aura": "auront", "aurait": "auraient", "fait": "font", "doit": "doivent", "devait": "devaient",
    "peut": "peuvent", "pouvait": "pouvaient", "va": "vont", "allait": "allaient", "reste": "restent",
    "restait": "restaient", "semble": "semblent", "semblait": "semblaient", "vient": "viennent",
    "venait": "venaient", "demeure": "demeurent", "paraît": "paraissent", "risque": "risquent",
}
_INSERTED_CLAUSE = regex.compile(
    r"(?:^|(?<=[.!?…]\s+))(?P<subject>(?:Les|Ces|Des|Mes|Tes|Ses|Nos|Vos|Leurs)\s+\p{Ll}[\p{L}-]*[sx]"
    r"(?:\s+\p{Ll}[\p{L}-]*[sx])?)\s*,\s*"
    r"(?:qui|que|qu['’]|dont|où|lesquels|lesquelles)\b[^,.!?;:«»()\n]{3,150},\s*"
    r"(?P<verb>" + "|".join(sorted(_SINGULAR_TO_PLURAL, key=len, reverse=True)) + r")(?![\p{L}'’-])"
    r"(?!\s+(?:\p{Ll}+é\s+\p{Lu}|dit\b|déclaré|expliqué|ajouté|précisé|souligné|indiqué|estimé|affirmé|"
    r"assuré|confié|rappelé|reconnu|résumé|insisté|poursuivi|lancé|raconté|noté|observé|commenté|"
    r"prévenu|conclu|regretté|déploré|jugé|martelé|tranché|détaillé|analysé|relevé|fait\s+valoir|"
    r"fait\s+savoir))")


def check(text: str) -> list[Slip]:
    out = []
    for m in _NUMERAL_PLURAL.finditer(text):
        num = m.group("num")
        out.append(Slip(m.start(), m.end("num") + 1, "corpuslint", "numeral-plural", AGREEMENT,
                        f"Le nombre « {num} » est invariable.", (num,)))
    for m in _A_NUMBER.finditer(text):
        out.append(Slip(m.start("a"), m.end("a"), "corpuslint", "a-for-à", CONFUSION,
                        "Préposition « à » (et non le verbe « a ») devant ce nombre.", ("à",)))
    for m in _INSERTED_CLAUSE.finditer(text):
        verb = m.group("verb")
        plural = _SINGULAR_TO_PLURAL[verb]
        out.append(Slip(m.start("verb"), m.end("verb"), "corpuslint", "inserted-clause-agreement", AGREEMENT,
                        f"Le sujet « {m.group('subject')} » est au pluriel : « {plural} ».", (plural,)))
    return sorted(out, key=lambda s: (s.start, s.end))
