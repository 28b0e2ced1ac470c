"""Baselines: record today's findings so that a CI gate fails only on new debris.

A finding is known by its fingerprint (code + flagged text + its line's text + record id),
not by its row, so it survives lines moving up or down. Identical findings are counted.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

VERSION = 1


class BaselineError(ValueError):
    pass


def _key(filename: str) -> str:
    return Path(os.path.relpath(os.path.abspath(filename))).as_posix()


def build(findings: list[dict]) -> dict:
    per_file: dict[str, Counter] = {}
    for f in findings:
        per_file.setdefault(_key(f["filename"]), Counter())[f["_fingerprint"]] += 1
    return {"version": VERSION, "tool": "corpuslint",
            "findings": {k: dict(sorted(v.items())) for k, v in sorted(per_file.items())}}


def write(findings: list[dict], path: str) -> int:
    data = build(findings)
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)
    return sum(sum(v.values()) for v in data["findings"].values())


def load(path: str) -> dict[str, Counter]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), dict):
        raise BaselineError(f"baseline {path}: not a corpuslint baseline (version {VERSION})")
    return {k: Counter(v) for k, v in data["findings"].items()}


def new_only(findings: list[dict], left: dict[str, Counter]) -> list[dict]:
    """The findings the baseline does not record. ``left`` is consumed (a streaming caller passes the
    same counters batch after batch, so each recorded finding excuses one occurrence in all)."""
    out = []
    for f in findings:
        c = left.get(_key(f["filename"]))
        fp = f["_fingerprint"]
        if c and c[fp] > 0:
            c[fp] -= 1
        else:
            out.append(f)
    return out
