"""SARIF 2.1.0, for GitHub code scanning and other SARIF consumers. Columns are code points."""
from pathlib import Path

from .. import __version__
from . import dumps

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(filename: str) -> str:
    p = Path(filename)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _region(loc, end):
    return {"startLine": loc["row"], "startColumn": loc["column"],
            "endLine": end["row"], "endColumn": end["column"]}


def _rule(info):
    docs = info.get("docs", {})
    text = "\n\n".join(f"## {k}\n{v}" for k, v in docs.items() if k != "summary")
    return {
        "id": info["code"],
        "name": info["name"],
        "shortDescription": {"text": info["summary"] or info["name"]},
        "fullDescription": {"text": info["summary"] or info["name"]},
        "help": {"text": text or info["summary"], "markdown": text or info["summary"]},
        "defaultConfiguration": {"level": "warning", "enabled": bool(info["default"])},
        "properties": {"category": info["category"], "languages": info["languages"], "fix": info["fix"]},
    }


def _result(f, index):
    uri = _uri(f["filename"])
    res = {
        "ruleId": f["code"],
        "level": LEVELS.get(f["severity"], "warning"),
        "message": {"text": f["message"]},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": _region(f["location"], f["end_location"]),
        }}],
        "partialFingerprints": {"corpuslint/v1": f.get("_fingerprint", "")},
    }
    if index is not None:
        res["ruleIndex"] = index
    if "record" in f:
        res["properties"] = {"record": f["record"]}
        # Rows are inside the record's text; the record is the file's line.
        res["locations"][0]["physicalLocation"]["region"] = {"startLine": f["record"]}
    elif f.get("fix"):
        res["fixes"] = [{
            "description": {"text": f["fix"].get("message") or "corpuslint fix"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{"deletedRegion": _region(e["location"], e["end_location"]),
                                  "insertedContent": {"text": e["content"]}} for e in f["fix"]["edits"]],
            }],
        }]
    return res


def render(findings, rules=None, **_):
    rules = rules or []
    index = {r["code"]: i for i, r in enumerate(rules)}
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "corpuslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/corpuslint/",
                "rules": [_rule(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index.get(f["code"])) for f in findings],
        }],
    }
    return dumps(doc, indent=2) + "\n"
