"""Findings placed in a file: rows, columns, the public JSON shape, baseline fingerprints."""
from __future__ import annotations

import hashlib

from .document import Document
from .finding import Finding


def _loc(doc: Document, offset: int) -> dict:
    row, col = doc.row_col(offset)
    return {"row": row, "column": col}


def located(f: Finding, doc: Document, filename: str) -> dict:
    """The public JSON object of a finding (see README, "Output schema")."""
    # A whole-line removal may take the line break before the line (the last line of a text);
    # the finding is shown where the debris starts, its fix edits keep the exact range.
    span = doc.text[f.start:f.end]
    start = f.start + len(span) - len(span.lstrip("\n")) if span.strip() else f.start
    out = {"filename": filename}
    if doc.record is not None:
        out["record"] = doc.record
        if doc.doc_id is not None:
            out["id"] = doc.doc_id
    out.update({
        "code": f.code,
        "name": f.name,
        "message": f.message,
        "severity": f.severity.value,
        "location": _loc(doc, start),
        "end_location": _loc(doc, f.end),
        "fix": None if f.fix is None else {
            "applicability": f.fix.applicability.value,
            "message": f.fix.message or None,
            "edits": [{"content": e.content, "location": _loc(doc, e.start), "end_location": _loc(doc, e.end)}
                      for e in f.fix.edits],
        },
        "docs": f"corpuslint rule {f.code}",
    })
    if f.extra:
        out["extra"] = f.extra
    line = doc.line_at(start)
    # Private keys (dropped by renderers): source line for the text format, baseline fingerprint.
    out["_line"] = line.text
    out["_span"] = doc.text[f.start:f.end]
    out["_fingerprint"] = fingerprint(f.code, doc.text[f.start:f.end], line.text, doc.doc_id)
    return out


def fingerprint(code: str, span: str, line: str, doc_id: str | None) -> str:
    """Independent of row and column, so that a finding survives lines moving up or down."""
    h = hashlib.sha256("\x1f".join([code, span, " ".join(line.split()), doc_id or ""]).encode())
    return h.hexdigest()[:20]


def public(d: dict) -> dict:
    return {k: v for k, v in d.items() if not k.startswith("_")}
