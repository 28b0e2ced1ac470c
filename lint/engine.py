"""Runs selected rules over one document: phases, language filter, prose scope, suppressions."""
from __future__ import annotations

from typing import Iterable

import regex

from .document import Document
from .finding import Finding
from .rule import Rule

_DIRECTIVE = regex.compile(r"<!--\s*corpuslint:\s*(disable|enable)(?:\s*=\s*([A-Za-z0-9_,\s-]+?))?\s*-->")


class RuleCrash(RuntimeError):
    """A rule raised: reported with the rule's code so users can --ignore it."""


def lint(doc: Document, rules: Iterable[Rule]) -> list[Finding]:
    rules = [r for r in rules if r.applies_to(doc)]
    findings: list[Finding] = []
    for phase in sorted({r.phase for r in rules}):
        doc.prior = list(findings)
        for rule in (r for r in rules if r.phase == phase):
            try:
                found = list(rule.check(doc))
            except Exception as exc:  # pragma: no cover - exercised through a broken test rule
                raise RuleCrash(f"rule {rule.code} ({rule.name}) failed on {doc.path}: {exc!r}") from exc
            findings.extend(found)
    findings = [f for f in findings if 0 <= f.start <= f.end <= len(doc.text)]
    if doc.markdown:
        findings = [f for f in findings if not doc.in_skipped(f.start, max(f.end, f.start + 1))]
        findings = _apply_directives(doc, findings)
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return _dedupe(findings)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.code, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def suppressed_ranges(text: str) -> list[tuple[int, int, frozenset[str] | None]]:
    """(start, end, codes or None for all) from disable/enable comments; unclosed runs to the end."""
    open_: dict[str | None, int] = {}
    out = []
    for m in _DIRECTIVE.finditer(text):
        codes = [c.strip().upper() for c in (m.group(2) or "").split(",") if c.strip()] or [None]
        for c in codes:
            if m.group(1) == "disable":
                open_.setdefault(c, m.start())
            elif c in open_:
                out.append((open_.pop(c), m.end(), None if c is None else frozenset([c])))
    for c, start in open_.items():
        out.append((start, len(text), None if c is None else frozenset([c])))
    return out


def _apply_directives(doc: Document, findings: list[Finding]) -> list[Finding]:
    ranges = suppressed_ranges(doc.text)
    if not ranges:
        return findings

    def hidden(f: Finding) -> bool:
        for a, b, codes in ranges:
            if a <= f.start < b and (codes is None or any(f.code.startswith(c) for c in codes)):
                return True
        return False

    return [f for f in findings if not hidden(f)]
