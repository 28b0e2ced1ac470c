"""Output formats, one module each: text, concise, json, jsonl, github, sarif; plus statistics."""
from __future__ import annotations

import importlib

FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif")


def render(fmt: str, findings: list[dict], **ctx) -> str:
    module = importlib.import_module(f"corpuslint.render.{fmt}_format")
    return module.render(findings, **ctx)
