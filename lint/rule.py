"""The Rule base class. A rule module defines one subclass: its code, name, docs and check.

Docs live in the class docstring, in four Markdown sections, as ruff does:
``## What it does``, ``## Why is this bad?``, ``## Example``, ``## Fix safety``.
"""
from __future__ import annotations

import inspect
from typing import ClassVar, Iterable

import regex

from .document import Document
from .finding import Applicability, Edit, Finding, Fix, Severity

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety")
_SECTION = regex.compile(r"^##\s+(.+?)\s*$", regex.M)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]                      # kebab-case
    category: ClassVar[str]                  # hygiene, boilerplate, structure, words, layout, grammar
    languages: ClassVar[tuple[str, ...]] = ("*",)
    default_enabled: ClassVar[bool] = True
    fix_applicability: ClassVar[str] = "none"  # safe | unsafe | sometimes | none
    severity: ClassVar[Severity] = Severity.WARNING
    # Rules of a later phase see the findings of earlier phases in ``doc.prior``.
    phase: ClassVar[int] = 0

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    def applies_to(self, doc: Document) -> bool:
        return "*" in self.languages or doc.lang in self.languages

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None,
                severity: Severity | None = None, **extra) -> Finding:
        return Finding(self.code, self.name, message, start, end,
                       severity or self.severity, fix, extra)

    # -- docs -------------------------------------------------------------
    @classmethod
    def docs(cls) -> dict[str, str]:
        """The docstring's sections by title."""
        text = inspect.cleandoc(cls.__doc__ or "")
        parts = _SECTION.split(text)
        out = {"summary": parts[0].strip()}
        for title, body in zip(parts[1::2], parts[2::2]):
            out[title] = body.strip()
        return out

    @classmethod
    def summary(cls) -> str:
        return cls.docs()["summary"].split("\n")[0]

    @classmethod
    def info(cls) -> dict:
        return {
            "code": cls.code, "name": cls.name, "category": cls.category,
            "languages": list(cls.languages), "default": cls.default_enabled,
            "fix": cls.fix_applicability, "summary": cls.summary(),
        }


def line_removal(line, doc: Document) -> tuple[int, int]:
    """The span that removes ``line`` and its line break.

    A line standing alone as a paragraph also takes one of the blank lines around it, so that
    removing it does not leave a double blank line where the article had one.
    """
    lines, i = doc.lines, line.index
    prev_blank = i > 0 and lines[i - 1].is_blank
    next_blank = i + 1 < len(lines) and lines[i + 1].is_blank
    if line.has_break:
        if (prev_blank or i == 0) and next_blank:
            return line.start, lines[i + 1].end_with_break
        if prev_blank and i + 1 == len(lines):  # last paragraph of the text
            return lines[i - 1].start, line.end + 1
        return line.start, line.end + 1
    if line.start > 0:  # last line without a final newline: take the break(s) before it
        start = line.start - 1
        if prev_blank and i >= 2:
            start = lines[i - 2].end
        return start, line.end
    return line.start, line.end


__all__ = ["Rule", "Edit", "Finding", "Fix", "Severity", "Applicability", "Document", "line_removal", "DOC_SECTIONS"]
