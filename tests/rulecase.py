"""textlint-style helpers: run one rule on a text, fix it with that rule alone."""
from __future__ import annotations

from corpuslint.document import Document
from corpuslint.engine import lint
from corpuslint.fixer import fix_to_fixed_point
from corpuslint.registry import all_rules


def rule_instance(code: str):
    return all_rules()[code]()


def findings(code: str, text: str, lang: str = "fr", markdown: bool = False):
    rule = rule_instance(code)
    return [f for f in lint(Document(text, lang=lang, markdown=markdown), [rule]) if f.code == code]


def fixed(code: str, text: str, lang: str = "fr", markdown: bool = False, unsafe: bool = True) -> str:
    rule = rule_instance(code)
    out = fix_to_fixed_point(text, lambda t: lint(Document(t, lang=lang, markdown=markdown), [rule]), unsafe)
    return out.text


def flagged_texts(code: str, text: str, **kw) -> list[str]:
    return [text[f.start:f.end] for f in findings(code, text, **kw)]
