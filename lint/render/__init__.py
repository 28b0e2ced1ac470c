"""Output formats, one module each: text, concise, json, jsonl, github, sarif; plus statistics."""
from __future__ import annotations

import importlib
import json

FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif")


def render(fmt: str, findings: list[dict], **ctx) -> str:
    module = importlib.import_module(f"corpuslint.render.{fmt}_format")
    return module.render(findings, **ctx)


def dumps(obj, **kw) -> str:
    """JSON text that is valid UTF-8: a file name that is not (its bytes kept as lone surrogates)
    is written with \\u escapes, which read back to the same bytes with os.fsencode."""
    text = json.dumps(obj, ensure_ascii=False, **kw)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, ensure_ascii=True, **kw)
    return text
