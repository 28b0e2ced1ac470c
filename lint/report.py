"""The HTML report: one self-contained file (no network) to look at a corpus's debris.

Totals per rule as a chart, the worst documents, and each document with its debris
highlighted and the proposed fix inline, filterable by rule. The page's script builds
everything from one embedded JSON blob, so the file works offline and from file://.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources
from pathlib import Path

from . import __version__
from .jsonl import RecordError, parse_record
from .settings import Settings
from .sources import kind_of, read_bytes
from .textcodec import Normalised, decode

MAX_DOCUMENTS = 300  # the worst ones; a corpus of millions is summarised, not dumped


def _offsets(text: str) -> list[int]:
    from .document import _ROW_BREAK

    return [0] + [m.end() for m in _ROW_BREAK.finditer(text)]


def _to_offset(starts: list[int], loc: dict, n: int) -> int:
    row = min(max(loc["row"], 1), len(starts))
    return min(starts[row - 1] + loc["column"] - 1, n)


def _texts(path: str, records: set[int], settings: Settings | None) -> dict[int | None, str]:
    """The normalised text of a file, or of the wanted records of a JSONL file."""
    try:
        text = decode(read_bytes(path)).text
    except Exception:  # the check already reported why it cannot be read
        return {}
    if kind_of(path) != "jsonl":
        return {None: Normalised.of(text).text}
    out = {}
    field, idf = (settings.text_field, settings.id_field) if settings else ("text", "id")
    for number, line in enumerate(text.splitlines(), 1):
        if number in records:
            try:
                out[number] = Normalised.of(parse_record(number, line, field, idf).text).text
            except RecordError:
                pass
    return out


def _document(path, record, text, findings, unsafe):
    starts = _offsets(text)
    marks = []
    for f in findings:
        a = _to_offset(starts, f["location"], len(text))
        b = _to_offset(starts, f["end_location"], len(text))
        fix = f.get("fix")
        shown = fix and (fix["applicability"] == "safe" or unsafe)
        replacement = None
        if shown and len(fix["edits"]) == 1:
            e = fix["edits"][0]
            ea, eb = _to_offset(starts, e["location"], len(text)), _to_offset(starts, e["end_location"], len(text))
            if (ea, eb) == (a, b):
                replacement = e["content"]
        marks.append({"start": a, "end": max(b, a), "code": f["code"], "message": f["message"],
                      "fix": None if not fix else fix["applicability"], "replacement": replacement})
    name = path if record is None else f"{path} (record {record})"
    return {"name": name, "text": text, "marks": marks}


def build_data(results, rules: list[dict], unsafe: bool = False, settings: Settings | None = None) -> dict:
    counts = Counter(f["code"] for r in results for f in r.findings)
    per_doc: dict[tuple[str, int | None], list[dict]] = {}
    for r in results:
        for f in r.findings:
            per_doc.setdefault((r.path, f.get("record")), []).append(f)
    worst = sorted(per_doc.items(), key=lambda kv: (-len(kv[1]), kv[0][0], kv[0][1] or 0))[:MAX_DOCUMENTS]
    wanted: dict[str, set] = {}
    for (path, record), _ in worst:
        wanted.setdefault(path, set()).add(record)
    texts = {p: _texts(p, recs, settings) for p, recs in wanted.items()}
    docs = []
    for (path, record), findings in worst:
        text = texts.get(path, {}).get(record)
        if text is not None:
            docs.append(_document(path, record, text, findings, unsafe))
    names = {r["code"]: r["name"] for r in rules}
    return {
        "version": __version__,
        "totals": {"files": len(results), "documents": sum(r.documents for r in results),
                   "findings": sum(counts.values()), "documents_with_findings": len(per_doc)},
        "rules": [{"code": c, "name": names.get(c, c), "count": n} for c, n in counts.most_common()],
        "documents": docs,
        "truncated": max(0, len(per_doc) - len(docs)),
    }


def render_html(data: dict) -> str:
    template = resources.files("corpuslint").joinpath("report_assets/report.html").read_text(encoding="utf-8")
    # "</" inside the JSON would end the script element early.
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("/*DATA*/null", blob).replace("{{VERSION}}", html.escape(__version__))


def write_report(results, output: str, rules: list[dict], unsafe: bool = False) -> None:
    Path(output).write_text(render_html(build_data(results, rules, unsafe)), encoding="utf-8")
