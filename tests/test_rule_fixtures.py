"""Fixture-driven rule tests: tests/fixtures/<CODE>.yml holds valid, invalid and trap cases.

Fixture format:
    lang: fr                 # default language of the cases (optional)
    markdown: false          # optional
    valid:                   # texts that must give no finding of this code (traps go here)
      - "..."                # or {text: ..., lang: en, markdown: true}
    invalid:
      - text: "..."
        flagged: ["..."]     # substrings that a finding must overlap
        count: 1             # optional: exact number of findings
        output: "..."        # optional: text after fixing with this rule (unsafe fixes included)
        safe_output: "..."   # optional: text after safe fixes only
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corpuslint.registry import builtin_rules
from rulecase import findings, fixed

FIXTURES = Path(__file__).parent / "fixtures"


def _cases():
    for code in sorted(builtin_rules()):
        path = FIXTURES / f"{code}.yml"
        if not path.exists():
            yield pytest.param(code, None, None, id=f"{code}-missing")
            continue
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(spec.get("valid", [])):
            yield pytest.param(code, spec, ("valid", case), id=f"{code}-valid-{i}")
        for i, case in enumerate(spec.get("invalid", [])):
            yield pytest.param(code, spec, ("invalid", case), id=f"{code}-invalid-{i}")


def _opts(spec, case):
    case = case if isinstance(case, dict) else {"text": case}
    return case, {"lang": case.get("lang", spec.get("lang", "fr")),
                  "markdown": case.get("markdown", spec.get("markdown", False))}


@pytest.mark.parametrize("code,spec,case", list(_cases()))
def test_fixture(code, spec, case):
    assert spec is not None, f"tests/fixtures/{code}.yml is missing: every rule needs fixtures"
    kind, raw = case
    case, kw = _opts(spec, raw)
    text = case["text"]
    found = findings(code, text, **kw)
    if kind == "valid":
        assert found == [], f"{code} flagged valid text: {[text[f.start:f.end] for f in found]}"
        assert fixed(code, text, **kw) == text
        return
    assert found, f"{code} found nothing in {text!r}"
    for f in found:  # a fix edits only what its finding covers (the span users see is what changes)
        for e in (f.fix.edits if f.fix else ()):
            assert f.start <= e.start and e.end <= f.end, (code, text[f.start:f.end], e)
    for sub in case.get("flagged", []):
        at = text.find(sub)
        assert at >= 0, f"fixture error: {sub!r} not in text"
        assert any(f.start < at + len(sub) and at < max(f.end, f.start + 1) for f in found), \
            f"{code} did not flag {sub!r}; flagged {[text[f.start:f.end] for f in found]}"
    if "count" in case:
        assert len(found) == case["count"], [text[f.start:f.end] for f in found]
    if "output" in case:
        out = fixed(code, text, unsafe=True, **kw)
        assert out == case["output"]
        assert fixed(code, out, unsafe=True, **kw) == out, "fix is not idempotent"
    if "safe_output" in case:
        assert fixed(code, text, unsafe=False, **kw) == case["safe_output"]
