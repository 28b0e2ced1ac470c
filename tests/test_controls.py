"""Clean controls (tests/controls/): realistic articles without any debris, full of traps.

French and English news, sport results, recipes, finance, tech brands in camelCase, live blogs
with times and years alone on a line, verse with refrains, dialogue, Q&A, addresses, tables,
Markdown with code, emoji, and correct but tricky grammar ("had had", "nous nous", "what it is
is"). A careful editor would leave every byte as it is, so the default configuration (every
default rule, grammar on) must report nothing, and fixing with unsafe fixes must change nothing.
A finding here is a false positive: fix the rule in general and add the trap to its fixture.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpuslint.runner import Job, run
from corpuslint.settings import Settings
from corpuslint.sources import Target

CONTROLS = Path(__file__).parent / "controls"
FILES = sorted(p for p in CONTROLS.iterdir() if p.suffix in (".txt", ".md", ".jsonl"))
SETTINGS = Settings(root=str(CONTROLS))  # the defaults, as `corpuslint check` uses them


def _targets(paths):
    return [Target(str(p), SETTINGS) for p in paths]


@pytest.fixture(scope="module")
def checked() -> dict:
    """One in-process run over every control (one Linter, grammar engines loaded once)."""
    results = run(_targets(FILES), Job(mode="check", use_cache=False), jobs=1)
    return {Path(r.path).name: r for r in results}


def _shown(path: Path, finding: dict) -> str:
    text = path.read_text(encoding="utf-8")
    if "record" in finding:
        text = json.loads(text.split("\n")[finding["record"] - 1])["text"]
    row, col = finding["location"]["row"], finding["location"]["column"]
    line = text.split("\n")[row - 1]
    return f"{finding['code']} {path.name}:{row}:{col} {finding['message']!r} in {line[max(0, col - 40):col + 40]!r}"


def test_controls_cover_languages_and_formats():
    names = [p.name for p in FILES]
    assert len(FILES) >= 30
    assert sum(n.startswith("fr-") for n in names) >= 15
    assert sum(n.startswith("en-") for n in names) >= 12
    assert sum(n.endswith(".md") for n in names) >= 3
    records = [json.loads(line) for p in FILES if p.suffix == ".jsonl"
               for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 4 and {r["lang"] for r in records} == {"fr", "en"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_control_has_no_finding(path, checked):
    result = checked[path.name]
    assert not result.errors
    assert result.documents >= 1
    assert not result.findings, "\n".join(_shown(path, f) for f in result.findings)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_unsafe_fix_leaves_control_byte_identical(path, tmp_path, checked):
    out = tmp_path / path.name
    (result,) = run(_targets([path]), Job(mode="fix", unsafe=True, use_cache=False, output=str(out)), jobs=1)
    assert not result.errors
    assert result.fixed == 0
    assert out.read_bytes() == path.read_bytes()
