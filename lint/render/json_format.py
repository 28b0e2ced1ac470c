"""A JSON array of findings, shaped like ruff's (the public contract, see README)."""
from ..located import public
from . import dumps


def render(findings, **_):
    return dumps([public(f) for f in findings], indent=2) + "\n"
