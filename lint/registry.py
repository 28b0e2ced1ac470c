"""Loads the code table into rule classes and resolves selections (codes, prefixes, ALL)."""
from __future__ import annotations

import importlib
import inspect
from functools import lru_cache

from .rule import Rule


class SelectionError(ValueError):
    pass


@lru_cache(maxsize=None)
def builtin_rules() -> dict[str, type[Rule]]:
    from corpuslint.rules.codes import CODE_TABLE

    out: dict[str, type[Rule]] = {}
    for code, module_name in CODE_TABLE.items():
        module = importlib.import_module(f"corpuslint.rules.{module_name}")
        found = [obj for obj in vars(module).values()
                 if inspect.isclass(obj) and issubclass(obj, Rule) and getattr(obj, "code", None) == code]
        if len(found) != 1:
            raise RuntimeError(f"code table: {code} -> {module_name} defines {len(found)} rules with that code")
        out[code] = found[0]
    return out


def all_rules(extra: dict[str, type[Rule]] | None = None) -> dict[str, type[Rule]]:
    rules = dict(builtin_rules())
    for code, cls in (extra or {}).items():
        # A user pack may extend a built-in rule (its class then derives from the built-in one).
        if code in rules and not issubclass(cls, rules[code]):
            raise SelectionError(f"rule code {code} is already taken by the built-in rule {rules[code].name}")
        rules[code] = cls
    return dict(sorted(rules.items()))


def expand(selector: str, rules: dict[str, type[Rule]]) -> set[str]:
    """A code, a code prefix, a rule name or ALL -> the codes it names."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return set(rules)
    hits = {c for c in rules if c.startswith(sel.upper())} or {c for c, r in rules.items() if r.name == sel}
    if not hits:
        raise SelectionError(f"unknown rule selector {selector!r} (see `corpuslint rules`)")
    return hits


def resolve(rules: dict[str, type[Rule]], select=None, extend_select=(), ignore=()) -> list[str]:
    """ruff's order: start from `select` (or the defaults), add `extend_select`, remove `ignore`."""
    if select:
        chosen: set[str] = set()
        for s in select:
            chosen |= expand(s, rules)
    else:
        chosen = {c for c, r in rules.items() if r.default_enabled}
    for s in extend_select:
        chosen |= expand(s, rules)
    for s in ignore:
        chosen -= expand(s, rules)
    return sorted(chosen)
