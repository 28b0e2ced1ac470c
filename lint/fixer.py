"""Applies fixes: non-overlapping edits, re-linted to a fixed point with a cap.

Works on normalised text (``\\n`` breaks); sources map the result back to the
file's own line endings, encoding and BOM.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .finding import Applicability, Edit, Finding, Fix
from .textcodec import Normalised

MAX_ITERATIONS = 10


@dataclass
class FixOutcome:
    text: str
    applied: int            # fixes applied, all iterations
    converged: bool          # False when the cap was hit while fixes kept coming
    remaining: list[Finding]  # findings on the final text
    markdown: bool = False    # how the text was read (set by the linter)
    lang: str = "und"


def applicable(f: Finding, unsafe: bool) -> bool:
    if f.fix is None or not f.fix.edits:
        return False
    if f.fix.applicability is Applicability.SAFE:
        return True
    return unsafe and f.fix.applicability is Applicability.UNSAFE


def choose(findings: list[Finding], unsafe: bool) -> list[Fix]:
    """The applicable fixes that do not overlap an earlier-chosen fix (by start)."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    fixes = sorted((f.fix for f in findings if applicable(f, unsafe)), key=lambda x: (x.start, x.end))
    for fix in fixes:
        lo, hi = fix.start, fix.end
        # Two insertions at one point, or an insertion touching a replaced range, also conflict.
        if any(lo < b and a < hi or lo == hi and a <= lo <= b or a == b and lo <= a <= hi for a, b in taken):
            continue
        taken.append((lo, hi))
        chosen.append(fix)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts, pos = [], 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError("overlapping edits")
        parts.append(text[pos:e.start])
        parts.append(e.content)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_to_fixed_point(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False,
                       max_iterations: int = MAX_ITERATIONS) -> FixOutcome:
    """Lint, apply what may be applied, re-lint, until nothing changes or the cap is hit.

    ``text`` may carry CRLF or CR breaks: rules see LF text, edits are mapped back so that
    untouched line endings keep their bytes.
    """
    applied = 0
    norm = Normalised.of(text)
    findings = lint(norm.text)
    for _ in range(max_iterations):
        fixes = choose(findings, unsafe)
        new = norm.apply([e for fix in fixes for e in fix.edits]) if fixes else text
        if new == text:
            return FixOutcome(text, applied, True, findings)
        applied += len(fixes)
        text = new
        norm = Normalised.of(text)
        findings = lint(norm.text)
    return FixOutcome(text, applied, not choose(findings, unsafe), findings)
