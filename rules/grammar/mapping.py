"""Upstream rule -> corpuslint category (and so code), and which fixes are mechanical.

Each backend names its rule families differently: Grammalecte by option (``gn``, ``conj``,
``nbsp``…), Harper by lint kind (``Agreement``, ``Spelling``…), LanguageTool by category id
(``GRAMMAR``, ``TYPOS``…) and issue type. The tables below put each family in one of
corpuslint's categories; ``None`` drops it (engine-internal families).
"""
from __future__ import annotations

import regex

from .slip import (AGREEMENT, CONFUSION, GRAMMAR, REPETITION, SPELLING, STYLE, TYPOGRAPHY, VERB_FORM,
                   Slip)

# Grammalecte options (gc_options.py), plus "spell" for its spell checker.
GRAMMALECTE_GROUPS: dict[str, str] = {
    "gn": AGREEMENT, "ppas": AGREEMENT, "conj": AGREEMENT,
    "infi": VERB_FORM, "imp": VERB_FORM, "inte": VERB_FORM, "vmode": VERB_FORM,
    "conf": CONFUSION, "loc": CONFUSION,
    "date": GRAMMAR,
    "ocr": SPELLING, "spell": SPELLING,
    "bs": STYLE, "pleo": STYLE, "eleu": STYLE, "neg": STYLE, "redon1": STYLE, "redon2": STYLE, "mc": STYLE,
    **{opt: TYPOGRAPHY for opt in ("typo", "apos", "eepi", "esp", "tab", "nbsp", "tu", "maj", "minis", "num",
                                   "virg", "poncfin", "unit", "nf", "liga", "chim", "mapos")},
}
# Grammalecte rules that run whatever the options ("" option) are named by their prefix.
GRAMMALECTE_RULE_PREFIXES = (("doublon", REPETITION), ("eepi", TYPOGRAPHY), ("num", TYPOGRAPHY),
                             ("typo", TYPOGRAPHY))
# Which Grammalecte options each category switches on (upstream defaults decide within it).
GRAMMALECTE_OPTIONS_BY_CATEGORY: dict[str, tuple[str, ...]] = {}
for _opt, _cat in GRAMMALECTE_GROUPS.items():
    GRAMMALECTE_OPTIONS_BY_CATEGORY.setdefault(_cat, ())
    GRAMMALECTE_OPTIONS_BY_CATEGORY[_cat] += (_opt,)

# Harper lint kinds (harper-core's LintKind).
HARPER_KINDS: dict[str, str] = {
    "Repetition": REPETITION,
    "Agreement": AGREEMENT,
    # "Usage" is Harper's house opinion as often as a slip ("pled", "snuck", "damages" outside a
    # court, "fed up of"): style, off by default.
    "Grammar": GRAMMAR, "WordOrder": GRAMMAR, "Usage": STYLE, "Nonstandard": GRAMMAR,
    "Eggcorn": CONFUSION, "Malapropism": CONFUSION,
    "Spelling": SPELLING, "Typo": SPELLING, "BoundaryError": SPELLING,
    "Capitalization": TYPOGRAPHY, "Formatting": TYPOGRAPHY, "Punctuation": TYPOGRAPHY,
    "Style": STYLE, "Enhancement": STYLE, "Readability": STYLE, "Redundancy": STYLE,
    "WordChoice": STYLE, "Regionalism": STYLE, "Miscellaneous": STYLE,
}
# Harper rules whose kind files them elsewhere than what they catch.
HARPER_RULES: dict[str, str] = {
    "ToTo": REPETITION, "TheTheToThatThe": REPETITION, "ModalOf": CONFUSION,
    "WereWhere": CONFUSION,            # filed as a typo, it is a confusion of two words
    "OpenCompounds": GRAMMAR,          # "alot", "infront", "eachother": a closed list of non-words
    "OneOfTheSingular": AGREEMENT,     # filed as usage, it is number agreement
    # Opinions filed as grammar: "criteria is", and the indefinite article (corpuslint's own
    # a/an check in patterns_en is the one that reports it: Harper's misreads letters and
    # abbreviations, "an SUV", "a unanimous", "Plan A").
    "CriteriaPhenomena": STYLE, "AnA": STYLE, "ThenThan": STYLE,
}

# LanguageTool category ids (languagetool-core's Categories plus common language ones).
LANGUAGETOOL_CATEGORIES: dict[str, str] = {
    "GRAMMAR": GRAMMAR, "MISC": GRAMMAR, "SEMANTICS": GRAMMAR, "NONSTANDARD_PHRASES": GRAMMAR,
    "CONFUSED_WORDS": CONFUSION, "FALSE_FRIENDS": CONFUSION, "COLLOCATIONS": CONFUSION,
    "TYPOS": SPELLING, "COMPOUNDING": SPELLING,
    "TYPOGRAPHY": TYPOGRAPHY, "PUNCTUATION": TYPOGRAPHY, "CASING": TYPOGRAPHY,
    "STYLE": STYLE, "REDUNDANCY": STYLE, "PLAIN_ENGLISH": STYLE, "REPETITIONS_STYLE": STYLE,
    "WIKIPEDIA": STYLE, "GENDER_NEUTRALITY": STYLE, "REGIONALISMS": STYLE, "CREATIVE_WRITING": STYLE,
    "TEXT_ANALYSIS": STYLE,
}
LANGUAGETOOL_ISSUE_TYPES: dict[str, str] = {
    "misspelling": SPELLING, "typographical": TYPOGRAPHY, "whitespace": TYPOGRAPHY,
    "style": STYLE, "register": STYLE, "locale-violation": STYLE, "inconsistency": STYLE,
    "duplication": REPETITION, "grammar": GRAMMAR,
}
_LT_AGREEMENT = regex.compile(r"AGREEMENT|ACCORD|_SVA|SUBJECT_VERB|PLURAL|SINGULAR", regex.I)
_LT_VERB = regex.compile(r"INFINITI|VERB|CONJ|PARTICIP|GERUND|TENSE|IMPERATI", regex.I)
_LT_CONFUSION = regex.compile(r"CONFUSION|CONFUSED|_A_A$|HOMOPHONE", regex.I)

# Upstream rules whose suggestion is mechanical: a doubled word or doubled punctuation.
_MECHANICAL_RULES = regex.compile(
    r"^(?:grammalecte:(?:doublon|typo_ponctuation_superflue\d*|typo_virgules_points)"
    r"|harper:RepeatedWords"
    r"|languagetool:(?:\w*WORD_REPEAT_RULE|DOUBLE_PUNCTUATION|\w*DOUBLE_PUNCTUATION\w*))$")
_DOUBLED_WORD = regex.compile(r"^(\w+)\s+(\w+)$")
_PUNCT_ONLY = regex.compile(r"^[\p{P}\s]+$")


def categorize(slip: Slip) -> str | None:
    if slip.backend == "grammalecte":
        return _grammalecte(slip)
    if slip.backend == "harper":
        return HARPER_RULES.get(slip.rule) or HARPER_KINDS.get(slip.group, STYLE)
    if slip.backend == "languagetool":
        return _languagetool(slip)
    if slip.backend == "corpuslint":
        return slip.group
    return None


def _grammalecte(slip: Slip) -> str | None:
    if slip.rule == "doublon":
        return REPETITION
    if "__tu_" in slip.rule:
        # A hyphen in a compound ("assurance vie" / "assurance-vie") is a spelling convention that
        # usage and the 1990 reform leave open, whatever option the rule is filed under.
        return TYPOGRAPHY
    if slip.group in GRAMMALECTE_GROUPS:
        return GRAMMALECTE_GROUPS[slip.group]
    for prefix, cat in GRAMMALECTE_RULE_PREFIXES:
        if slip.rule.startswith(prefix):
            return cat
    return GRAMMAR if slip.group else None


def _languagetool(slip: Slip) -> str:
    rule = slip.rule
    if rule.endswith("WORD_REPEAT_RULE"):
        return REPETITION
    if "DOUBLE_PUNCTUATION" in rule or rule in ("WHITESPACE_RULE", "COMMA_PARENTHESIS_WHITESPACE"):
        return TYPOGRAPHY
    if rule.startswith(("MORFOLOGIK_RULE", "HUNSPELL_RULE")) or "SPELLER" in rule or "SPELLING" in rule:
        return SPELLING
    category, _, issue = slip.group.partition("/")
    cat = LANGUAGETOOL_CATEGORIES.get(category) or LANGUAGETOOL_ISSUE_TYPES.get(issue) or GRAMMAR
    if cat == GRAMMAR:
        if _LT_AGREEMENT.search(rule):
            return AGREEMENT
        if _LT_VERB.search(rule):
            return VERB_FORM
        if _LT_CONFUSION.search(rule):
            return CONFUSION
    return cat


def is_mechanical(slip: Slip, span_text: str, replacement: str) -> bool:
    """A doubled word collapsed to one, or doubled punctuation reduced: meaning cannot change."""
    if not _MECHANICAL_RULES.match(slip.upstream):
        return False
    m = _DOUBLED_WORD.match(span_text)
    if m:
        a, b = m.groups()
        return a.lower() == b.lower() and replacement in (a, b)
    if _PUNCT_ONLY.match(span_text) and replacement and _PUNCT_ONLY.match(replacement):
        kept = replacement.strip()
        return 0 < len(kept) < len(span_text.strip()) and set(kept) <= set(span_text)
    return False
