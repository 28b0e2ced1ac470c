"""The code table, rule docs, `corpuslint rule(s)`, and the README's generated rule table."""
from __future__ import annotations

import json
import re

from corpuslint.cli import rules_markdown
from corpuslint.registry import SelectionError, all_rules, builtin_rules, expand, resolve
from corpuslint.rule import DOC_SECTIONS

from conftest import ROOT

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_every_rule_is_documented_and_well_formed():
    names = set()
    for code, cls in builtin_rules().items():
        assert re.fullmatch(r"CL\d{3}", code), code
        assert KEBAB.match(cls.name), cls.name
        assert cls.name not in names, f"duplicate name {cls.name}"
        names.add(cls.name)
        assert cls.fix_applicability in ("safe", "unsafe", "sometimes", "none"), code
        assert cls.category and cls.languages, code
        docs = cls.docs()
        assert docs["summary"], f"{code} has no summary line"
        for section in DOC_SECTIONS:
            assert docs.get(section), f"{code} lacks the '## {section}' docs section"
        assert "Bad" in docs["Example"] or "bad" in docs["Example"].lower(), f"{code} example lacks a bad case"


def test_selection_resolution():
    rules = all_rules()
    assert expand("CL101", rules) == {"CL101"}
    assert expand("trailing-whitespace", rules) == {"CL101"}
    assert expand("ALL", rules) == set(rules)
    assert "CL101" in expand("CL1", rules)
    defaults = resolve(rules)
    assert all(rules[c].default_enabled for c in defaults)
    assert resolve(rules, select=["CL101"], ignore=["CL101"]) == []
    try:
        expand("ZZ9", rules)
    except SelectionError as exc:
        assert "ZZ9" in str(exc)
    else:
        raise AssertionError("unknown selector accepted")


def test_rule_and_rules_commands(cli):
    code, out, _ = cli("rule", "CL101")
    assert code == 0
    for section in DOC_SECTIONS:
        assert f"## {section}" in out
    assert "trailing-whitespace (CL101)" in out
    code, out, _ = cli("rules", "--format", "json")
    data = json.loads(out)
    assert code == 0 and {d["code"] for d in data} == set(builtin_rules())
    assert cli("rule", "CL999")[0] == 2


def test_readme_rule_table_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
    assert start in readme and end in readme
    table = readme.split(start, 1)[1].split(end, 1)[0]
    infos = [cls.info() for cls in all_rules().values()]
    assert table == rules_markdown(infos), "README rule table is stale: run `corpuslint rules --format markdown`"
