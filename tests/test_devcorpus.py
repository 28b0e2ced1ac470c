"""The dev corpus (tests/devcorpus/) as a quality gate: corpuslint's scores on it must not regress.

The corpus is our own set of dirty/clean article pairs, written independently of the public
sample (French, English, Markdown and edge cases, with clean controls full of traps). The
figures are those of /work/shared/EVAL.md, computed by tests/devscore.py; run
``python tests/devscore.py --verbose`` to see what a failing threshold is made of.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import devscore

CORPUS = Path(__file__).parent / "devcorpus"

# Floors: what the default rules reach today, rounded down a little (EVAL.md's targets are
# recall and precision 0.90, closure 0.85 unsafe / 0.50 safe). Raise them as rules improve;
# never lower them to make a rule change pass. When new blind batches join the corpus, the floors
# are re-measured on the grown corpus (batches 25-26 brought unsafe closure from 0.923 to 0.915;
# with batches 27-34 and the rules they taught it is 0.929, and the floor rises to 0.92; with
# batches 35-40 it is 0.959 / 0.697, and the floors rise to 0.95 / 0.68; with batches 41-52 it
# is 0.956 / 0.690, and the floors stay; with batches 53-60 it is 0.955 / 0.689, with 61-64
# 0.953 / 0.682, and they stay; batches 65-72, whose edge pages' widgets are partly missed, bring
# it to 0.947 / 0.678 while the older cases stay at 0.953 / 0.682, and the floors go to 0.94 / 0.67;
# with 73-76 and the rules they taught it is 0.948 / 0.678, and the floors stay).
FLOORS = {"recall": 0.95, "precision": 0.97, "closure_unsafe": 0.94, "closure_safe": 0.67}

CASES = devscore.load_cases(CORPUS)


def _load_make_case():
    spec = importlib.util.spec_from_file_location("make_case", CORPUS / "make_case.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_case = _load_make_case()
CATEGORIES = make_case.CATEGORIES


# -- the corpus itself ---------------------------------------------------------------------------

def test_corpus_shape():
    langs = [c.meta["lang"] for c in CASES]
    controls = [c for c in CASES if c.meta["kind"] == "clean_control"]
    assert len(CASES) >= 40
    assert len(controls) >= 8
    assert langs.count("fr") >= 18 and langs.count("en") >= 12
    used = {it["category"] for c in CASES for it in c.meta["debris"]}
    assert used == CATEGORIES, f"categories without a case: {sorted(CATEGORIES - used)}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_spans_turn_dirty_into_clean(case):
    meta = case.meta
    assert meta["id"] == case.id
    assert meta["lang"] in ("fr", "en", "mixed") and meta["kind"] in ("debris", "clean_control", "edge")
    items = meta["debris"]
    if meta["kind"] == "clean_control":
        assert items == [] and case.dirty == case.clean
        return
    assert 3 <= len(items) <= 8
    assert devscore.apply_spans(case.dirty, items) == case.clean
    for it in items:
        a, b = it["span"]
        assert it["category"] in CATEGORIES
        assert 0 <= a < b <= len(case.dirty)
        # The excerpt locates the item the way the public scorer does (first occurrence).
        at = case.dirty.find(it["dirty_excerpt"])
        assert at >= 0 and at < b and a < at + len(it["dirty_excerpt"]), it


def test_cases_are_built_from_their_sources():
    """dirty.txt, clean.txt and meta.json are generated from _src/*.case: edit the source, rebuild."""
    for src in sorted((CORPUS / "_src").glob("*.case")):
        built = make_case.parse(src)
        case_dir = CORPUS / src.stem
        assert (case_dir / "dirty.txt").read_text(encoding="utf-8") == built["dirty"], src.name
        assert (case_dir / "clean.txt").read_text(encoding="utf-8") == built["clean"], src.name
        assert json.loads((case_dir / "meta.json").read_text(encoding="utf-8")) == built["meta"], src.name
    assert {p.stem for p in (CORPUS / "_src").glob("*.case")} == {c.id for c in CASES}


# -- corpuslint's scores -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report():
    return devscore.score(CASES)


def _why(report, only: set[str] | None = None, unsafe: bool = True) -> str:
    return "\n" + devscore.render(report, CASES, verbose=True, unsafe=unsafe, only=only)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_floor(report, metric):
    value = {"recall": report.recall, "precision": report.precision,
             "closure_unsafe": report.closure(True), "closure_safe": report.closure(False)}[metric]
    assert value >= FLOORS[metric], f"{metric} {value:.3f} < {FLOORS[metric]}" + _why(report)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_no_damage_on_clean_controls(report, unsafe):
    damaged = {c.id for c in report.cases if c.kind == "clean_control"
               and (c.lev_unsafe if unsafe else c.lev_safe)}
    assert report.damage(unsafe) == 0, _why(report, damaged, unsafe)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_no_case_is_harmed(report, unsafe):
    assert report.harmed(unsafe) == [], _why(report, set(report.harmed(unsafe)), unsafe)


def test_scorer_counts_hunks_and_findings():
    """The scorer itself: a perfect and an empty linter on one case give the expected figures."""
    case = next(c for c in CASES if c.meta["kind"] == "debris")

    class Oracle:
        name = "oracle"

        def __init__(self, perfect):
            self.perfect = perfect

        def check(self, c):
            if not self.perfect:
                return []
            return [devscore.Hit("GOLD", *it["span"]) for it in c.meta["debris"]]

        def fix(self, c, unsafe):
            return c.clean if self.perfect else c.dirty

    good = devscore.score([case], Oracle(True))
    assert (good.recall, good.precision, good.closure(True), good.harmed(True)) == (1.0, 1.0, 1.0, [])
    bad = devscore.score([case], Oracle(False))
    assert (bad.recall, bad.closure(False)) == (0.0, 0.0)


def test_gold_hunks_fall_back_to_the_diff_without_spans():
    case = devscore.Case("t", "Le  chat dort..\nFooter\n", "Le chat dort.\n", {"debris": [{"category": "x"}]})
    hunks = devscore.gold_hunks(case)
    # Edits one character apart are one hunk, as in the public scorer.
    assert [case.dirty[h.start:h.end] for h in hunks] == [" ", ".\nFooter\n"]
