"""What a backend reports, before it becomes a corpuslint finding.

A ``Slip`` is backend-neutral and position-relative to the checked segment (code points),
so that it can be cached by segment content and reused in any file.
"""
from __future__ import annotations

from dataclasses import dataclass

# corpuslint's grammar categories, one rule (code) each.
REPETITION = "repetition"
AGREEMENT = "agreement"
VERB_FORM = "verb-form"
CONFUSION = "confusion"
GRAMMAR = "grammar"
TYPOGRAPHY = "typography"
SPELLING = "spelling"
STYLE = "style"

CATEGORY_CODES = {
    REPETITION: "CL501", AGREEMENT: "CL502", VERB_FORM: "CL503", CONFUSION: "CL504", GRAMMAR: "CL505",
    TYPOGRAPHY: "CL510", SPELLING: "CL511", STYLE: "CL512",
}
CATEGORIES = tuple(CATEGORY_CODES)
# The quiet default: real slips only. Typography, spelling and style are opt-in (select the code).
DEFAULT_CATEGORIES = frozenset({REPETITION, AGREEMENT, VERB_FORM, CONFUSION, GRAMMAR})


@dataclass(frozen=True)
class Slip:
    start: int                 # code points into the checked segment
    end: int
    backend: str               # grammalecte | harper | languagetool | corpuslint
    rule: str                  # the upstream rule id
    group: str                 # the upstream family: Grammalecte option, Harper lint kind, LT category
    message: str
    suggestions: tuple[str, ...] = ()   # replacements for segment[start:end]

    @property
    def upstream(self) -> str:
        return f"{self.backend}:{self.rule}"

    def to_list(self) -> list:
        return [self.start, self.end, self.backend, self.rule, self.group, self.message, list(self.suggestions)]

    @classmethod
    def from_list(cls, row: list) -> "Slip":
        s, e, backend, rule, group, message, sugg = row
        return cls(s, e, backend, rule, group, message, tuple(sugg))
