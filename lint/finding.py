"""Findings, edits and fixes: what a rule reports about a document.

Offsets are code-point offsets into ``Document.text`` (end exclusive). Renderers
turn them into rows and columns; rules never deal with rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Applicability(str, Enum):
    """How sure a fix is. ``safe`` cannot change the article's meaning."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``content``."""

    start: int
    end: int
    content: str = ""

    def __post_init__(self):
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range {self.start}..{self.end}")

    @classmethod
    def deletion(cls, start: int, end: int) -> "Edit":
        return cls(start, end, "")

    @classmethod
    def insertion(cls, at: int, content: str) -> "Edit":
        return cls(at, at, content)


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    message: str = ""

    @classmethod
    def safe(cls, *edits: Edit, message: str = "") -> "Fix":
        return cls(tuple(sorted(edits)), Applicability.SAFE, message)

    @classmethod
    def unsafe(cls, *edits: Edit, message: str = "") -> "Fix":
        return cls(tuple(sorted(edits)), Applicability.UNSAFE, message)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    # Free-form details, e.g. the upstream rule id of a grammar engine.
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        """Offset form, used by the cache and by workers."""
        return {
            "code": self.code, "name": self.name, "message": self.message,
            "start": self.start, "end": self.end, "severity": self.severity.value,
            "fix": None if self.fix is None else {
                "applicability": self.fix.applicability.value,
                "message": self.fix.message,
                "edits": [[e.start, e.end, e.content] for e in self.fix.edits],
            },
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        fix = d.get("fix")
        return cls(
            d["code"], d["name"], d["message"], d["start"], d["end"], Severity(d["severity"]),
            None if fix is None else Fix(
                tuple(Edit(s, e, c) for s, e, c in fix["edits"]),
                Applicability(fix["applicability"]), fix.get("message", ""),
            ),
            d.get("extra") or {},
        )
