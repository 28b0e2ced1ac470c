"""Where findings go as they arrive: written at once, counted, never all held in memory.

The text, concise, jsonl, github and json formats are written piece by piece (the json
array is opened, filled and closed by hand, byte for byte what ``render("json")`` gives);
only sarif, one nested document, is held until the end. A baseline is applied on the way.
"""
from __future__ import annotations

from collections import Counter
from typing import TextIO

from . import baseline
from .located import public
from .render import dumps, render

STREAMING = ("text", "concise", "jsonl", "github", "json")


class FindingSink:
    def __init__(self, fmt: str, out: TextIO | None, *, rules: list[dict], color: bool = False,
                 known: dict[str, Counter] | None = None):
        """``out`` None: count only (e.g. the fixed text goes to stdout instead)."""
        self.fmt, self.out, self.rules, self.color = fmt, out, rules, color
        self.left = None if known is None else {k: Counter(v) for k, v in known.items()}
        self.held: list[dict] | None = None if fmt in STREAMING else []
        self.count = 0
        self.by_code: Counter = Counter()
        self.names: dict[str, str] = {}
        self.fixable: Counter = Counter()
        self.safe = self.unsafe = 0
        self._json_items = 0

    def add(self, findings: list[dict]) -> None:
        if self.left is not None:
            findings = baseline.new_only(findings, self.left)
        if not findings:
            return
        self.count += len(findings)
        for f in findings:
            code = f["code"]
            self.by_code[code] += 1
            self.names.setdefault(code, f["name"])
            fix = f.get("fix")
            if fix:
                self.fixable[code] += 1
                self.safe += fix["applicability"] == "safe"
                self.unsafe += fix["applicability"] == "unsafe"
        if self.out is None:
            return
        if self.held is not None:
            self.held += findings
        elif self.fmt == "json":
            self._json(findings)
        else:
            self.out.write(render(self.fmt, findings, rules=self.rules, color=self.color))

    def _json(self, findings: list[dict]) -> None:
        parts = []
        for f in findings:
            item = dumps(public(f), indent=2)
            parts.append("  " + item.replace("\n", "\n  "))
        self.out.write(("[\n" if not self._json_items else ",\n") + ",\n".join(parts))
        self._json_items += len(parts)

    def close(self) -> None:
        if self.out is None:
            return
        if self.held is not None:
            self.out.write(render(self.fmt, self.held, rules=self.rules, color=self.color))
        elif self.fmt == "json":
            self.out.write("\n]\n" if self._json_items else "[]\n")
        self.out.flush()
