"""A JSON array of findings, shaped like ruff's (the public contract, see README)."""
import json

from ..located import public


def render(findings, **_):
    return json.dumps([public(f) for f in findings], ensure_ascii=False, indent=2) + "\n"
