"""Which side of an agreement conflict to fix.

Grammalecte reports one conflict as alternatives with the same rule id ("leur" -> "leurs" or
"produits" -> "produit"). Taking the first alternative blindly makes some texts worse: in
"La salade, légère et généreux" the first alternative is "légère" -> "léger", and in "Une tarte
généreux" it is "Une" -> "Un". An alternative is dropped when

- it changes a determiner's gender (the noun's gender is in the dictionary, not in doubt),
- it replaces a word by another word rather than another form of it ("portions" -> "portés",
  "fiches" -> "fichés": accents alone make another word),
- or the checker, run again on the text with the alternative applied, still finds an agreement
  slip on the changed word ("La salade, léger").

A conflict one of whose alternatives only changes accents is dropped whole: the checker took a
noun for a participle ("fiches produits" -> "fichés" or "produites"). A subject pronoun is the
last alternative tried ("ils joue": the verb, not "il"), and so is a gender change on the noun
right after its determiner ("les communes concernés": the participle, not "communs"). The first
surviving alternative is reported with its fix; when none survives, the conflict is
reported without one.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

import unicodedata

import regex

from .mapping import categorize
from .slip import AGREEMENT, CONFUSION, Slip

_ACTION = regex.compile(r"_a\d+_\d+$")
_GENDER_PAIRS = {frozenset(p) for p in (("un", "une"), ("le", "la"), ("ce", "cette"), ("cet", "cette"),
                                        ("du", "de la"), ("au", "à la"), ("mon", "ma"), ("ton", "ta"),
                                        ("son", "sa"), ("quel", "quelle"), ("aucun", "aucune"),
                                        ("certain", "certaine"), ("nul", "nulle"), ("tout", "toute"))}
_SUBJECT_PRONOUNS = frozenset("je tu il elle on nous vous ils elles i you he she it we they".split())
NEAR = 40   # alternatives of one conflict sit within a few words of each other


def conflict_key(slip: Slip) -> tuple | None:
    return (slip.backend, _ACTION.sub("", slip.rule)) if _ACTION.search(slip.rule) else None


def accent_only(word: str, repl: str) -> bool:
    """``repl`` differs from ``word`` by accents alone ("fiches" / "fichés"): another word, not a form."""
    return word != repl and _bare(word) == _bare(repl)


def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _inflection(word: str, repl: str) -> bool:
    """Is ``repl`` another form of ``word`` (a changed ending), not another word?"""
    w, r = word.lower(), repl.lower()
    if frozenset((w, r)) in _GENDER_PAIRS or accent_only(w, r):
        return False
    common = 0
    for a, b in zip(w, r):
        if a != b:
            break
        common += 1
    return common >= max(2, min(len(w), len(r)) - 3) and common >= len(w) - 3


def pronoun_side(slips: tuple[Slip, ...], text: str) -> tuple[Slip, ...]:
    """Two confusions on neighbouring words, each reading the other as right ("On peu commencer":
    "On" -> "Ont", "peu" -> "peut"), are one slip: the subject pronoun's side goes, unless a subject
    stands before it ("ils on tous eu": "on" is the auxiliary "ont")."""
    conf = sorted((s for s in slips if categorize(s) == CONFUSION), key=lambda s: s.start)
    drop = set()
    for a, b in zip(conf, conf[1:]):
        if text[a.end:b.start].isspace():
            if (text[a.start:a.end].lower() == "on"
                    and _PLURAL_SUBJECT_BEFORE.search(text, max(0, a.start - 8), a.start)):
                drop.add(id(b))  # "ils on tous eu": "on" has its subject before it, so it is "ont"
                continue
            for s in (a, b):
                if text[s.start:s.end].lower() in _SUBJECT_PRONOUNS:
                    drop.add(id(s))
    return tuple(s for s in slips if id(s) not in drop) if drop else slips


_PLURAL_SUBJECT_BEFORE = regex.compile(r"(?i)(?:^|[^\p{L}])(?:ils|elles)\s+$")


def groups(slips: Iterable[Slip]) -> list[list[Slip]]:
    """The alternatives of each conflict with two or more of them, in text order."""
    out: list[list[Slip]] = []
    for s in sorted(slips, key=lambda s: s.start):
        k = conflict_key(s)
        if k is None or categorize(s) != AGREEMENT:
            continue
        for g in out:
            if conflict_key(g[0]) == k and s.start - g[-1].end < NEAR:
                g.append(s)
                break
        else:
            out.append([s])
    return [g for g in out if len({(s.start, s.end) for s in g}) > 1]


def resolve(slips: tuple[Slip, ...], text: str, recheck: Callable[[str], list[Slip]]) -> tuple[Slip, ...]:
    """``slips`` with each conflict reduced to the alternative to apply (or to none)."""
    drop, strip = set(), set()
    for group in groups(slips):
        if any(s.suggestions and accent_only(text[s.start:s.end], s.suggestions[0]) for s in group):
            # One side reads a noun as a participle ("fiches" -> "fichés" beside "produits"): the
            # checker misparsed a compound ("fiches produits"); the whole conflict is a false alarm.
            drop.update(id(s) for s in group)
            continue
        good = [s for s in group if s.suggestions and _inflection(text[s.start:s.end], s.suggestions[0])
                and _settles(s, text, recheck)]
        # A subject pronoun is seldom the slip: "ils joue" is "ils jouent" rather than "il joue"; nor is
        # the gender of a noun after its determiner: "les communes concernés" is "concernées".
        good.sort(key=lambda s: (text[s.start:s.end].lower() in _SUBJECT_PRONOUNS, _noun_gender(s, text)))
        keep = good[0] if good else group[0]
        drop.update(id(s) for s in group if s is not keep)
        if not good:
            strip.add(id(keep))
    return tuple(replace(s, suggestions=()) if id(s) in strip else s for s in slips if id(s) not in drop)


_DETERMINER_BEFORE = regex.compile(
    r"(?i)(?:^|[^\p{L}])(?:le|la|les|l['’]|un|une|des|du|ce|cet|cette|ces|son|sa|ses|mon|ma|mes|ton|ta|tes|notre"
    r"|nos|votre|vos|leur|leurs)\s*$")


def _noun_gender(slip: Slip, text: str) -> bool:
    """The alternative changes the gender of the word right after a determiner: a noun's own."""
    return "genre" in slip.message and bool(_DETERMINER_BEFORE.search(text, max(0, slip.start - 12), slip.start))


def _settles(slip: Slip, text: str, recheck: Callable[[str], list[Slip]]) -> bool:
    repl = slip.suggestions[0]
    fixed = text[:slip.start] + repl + text[slip.end:]
    end = slip.start + len(repl)
    return not any(categorize(s) == AGREEMENT and s.start < end and slip.start < s.end for s in recheck(fixed))
