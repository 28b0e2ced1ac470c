#!/usr/bin/env python3
"""Score corpuslint on dirty/clean article pairs (tests/devcorpus/), in process, for tuning and CI.

The figures follow /work/shared/EVAL.md:

  recall        share of gold hunks (debris spans of dirty.txt) that a finding overlaps
  precision     share of findings that overlap a gold hunk widened by one character each side
  closure       1 - sum lev(fixed, clean) / sum lev(dirty, clean) over debris cases,
                with safe fixes only and with unsafe fixes too
  damage        sum lev(fixed, clean) over clean controls (dirty == clean)
  harmed        cases the fix moved further from clean than the dirty text was
  category      per debris category, the share of annotated items a finding overlaps

Gold hunks are the meta.json spans ([a, b) code-point offsets of dirty.txt, a zero-width span
widened to the characters either side); a case without spans falls back to the character diff.

    python tests/devscore.py [CASES] [--unsafe] [--verbose] [--json OUT] [--only ID...] [--ignore CODE...]

prints the summary, then (with --verbose) every miss and false positive per case and a
per-rule table, so a rule author can see what to tune.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

DEFAULT_CASES = Path(__file__).resolve().parent / "devcorpus"

try:
    from rapidfuzz.distance import Levenshtein as _lev

    def lev(a: str, b: str) -> int:
        return _lev.distance(a, b)
except ImportError:  # pragma: no cover - rapidfuzz is a test dependency
    def lev(a: str, b: str) -> int:
        if a == b:
            return 0
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]


# -- cases and gold ------------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    dirty: str
    clean: str
    meta: dict

    @property
    def control(self) -> bool:
        return self.dirty == self.clean

    @property
    def lang(self) -> str | None:
        """The language to lint with: the annotated one, or None (detect) for mixed cases."""
        lang = self.meta.get("lang")
        return lang if lang in ("fr", "en") else None


@dataclass(frozen=True, order=True)
class Hunk:
    start: int
    end: int
    category: str = "?"


def load_cases(root: Path, only: set[str] | None = None) -> list[Case]:
    cases = []
    for d in sorted(p for p in root.iterdir() if p.is_dir() and (p / "dirty.txt").exists()):
        if only and d.name not in only:
            continue
        meta_path = d / "meta.json"
        cases.append(Case(
            d.name,
            (d / "dirty.txt").read_text(encoding="utf-8"),
            (d / "clean.txt").read_text(encoding="utf-8"),
            json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {},
        ))
    return cases


def apply_spans(dirty: str, items: list[dict]) -> str:
    """dirty with every annotated span replaced: must give clean.txt exactly."""
    out, pos = [], 0
    for it in sorted(items, key=lambda x: tuple(x["span"])):
        a, b = it["span"]
        if a < pos:
            raise ValueError(f"overlapping spans at {a}")
        out += [dirty[pos:a], it.get("replacement", "")]
        pos = b
    out.append(dirty[pos:])
    return "".join(out)


def _widen(a: int, b: int) -> tuple[int, int]:
    return (max(0, a - 1), a + 1) if a == b else (a, b)


def gold_hunks(case: Case) -> list[Hunk]:
    items = case.meta.get("debris") or []
    if items and all("span" in it for it in items):
        return sorted(Hunk(*_widen(*it["span"]), it.get("category", "?")) for it in items)
    if case.control:
        return []
    # No spans: the character diff dirty -> clean, neighbouring edits merged.
    raw = [_widen(i1, i2) for tag, i1, i2, _j1, _j2 in
           SequenceMatcher(None, case.dirty, case.clean, autojunk=False).get_opcodes() if tag != "equal"]
    merged: list[list[int]] = []
    for a, b in sorted(raw):
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [Hunk(a, b) for a, b in merged]


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


# -- the linter, in process ----------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    code: str
    start: int
    end: int


class Backend:
    """corpuslint's Python API: the runner API if present, else the Linter, else engine + fixer.

    Each variant is (name, check(text, path, lang) -> findings, fix(text, path, lang, unsafe) -> text).
    Selecting rules (``ignore``) needs settings, so it skips the runner API.
    """

    def __init__(self, ignore: tuple[str, ...] = ()):
        ignore = tuple(ignore)
        for make in ((_linter_api,) if ignore else (_runner_api, _linter_api)):
            try:
                self.name, self._check, self._fix = make(ignore)
                return
            except ImportError:
                continue
        self.name, self._check, self._fix = _engine_api(ignore)

    def check(self, case: Case) -> list[Hit]:
        hits = []
        for f in self._check(case.dirty, f"{case.id}.txt", case.lang):
            code, start, end = (f["code"], f["start"], f["end"]) if isinstance(f, dict) else (f.code, f.start, f.end)
            hits.append(Hit(code, start, max(end, start + 1)))  # a zero-width finding marks one character
        return hits

    def fix(self, case: Case, unsafe: bool) -> str:
        return self._fix(case.dirty, f"{case.id}.txt", case.lang, unsafe)


def _runner_api(_ignore):
    from corpuslint.api import lint_text  # type: ignore[import-not-found]

    def check(text, path, lang):
        return _findings_of(lint_text(text, path=path, lang=lang, unsafe=False, fix=False))

    def fix(text, path, lang, unsafe):
        return _fixed_text_of(lint_text(text, path=path, lang=lang, unsafe=unsafe, fix=True), text)

    return "corpuslint.api.lint_text", check, fix


def _linter_api(ignore):
    from corpuslint.fixer import fix_to_fixed_point
    from corpuslint.document import looks_like_markdown
    from corpuslint.linter import Linter
    from corpuslint.settings import Settings

    linter = Linter(Settings(ignore=ignore))
    memo: dict = {}

    def findings(text, path, lang):
        # The check and both fix runs start from the same dirty text: lint it once.
        key = (text, path, lang)
        if key not in memo:
            if len(memo) > 64:
                memo.clear()
            memo[key] = linter.check(linter.document(text, path=path, lang=lang[0], markdown=lang[1], guessed=lang[1]))
        return memo[key]

    # Like the CLI (and the public scorer, which never passes --lang): language and Markdown are
    # detected from the dirty text, once, not read from meta.json.
    def kind(text):
        return linter.language_of(text), looks_like_markdown(text)

    def check(text, path, lang):
        return findings(text, path, kind(text))

    def fix(text, path, lang, unsafe):
        k = kind(text)
        return fix_to_fixed_point(text, lambda t: findings(t, path, k), unsafe).text

    return "corpuslint.linter.Linter", check, fix


def _engine_api(ignore):
    from corpuslint import language, registry
    from corpuslint.document import Document
    from corpuslint.engine import lint
    from corpuslint.fixer import fix_to_fixed_point

    table = registry.all_rules()
    rules = [table[c]() for c in registry.resolve(table, ignore=ignore)]

    def doc(text, path, lang):
        return Document(text, path=path, lang=lang or language.detect(text))

    def check(text, path, lang):
        return lint(doc(text, path, lang), rules)

    def fix(text, path, lang, unsafe):
        lang = lang or language.detect(text)
        return fix_to_fixed_point(text, lambda t: lint(doc(t, path, lang), rules), unsafe).text

    return "engine+fixer", check, fix


def _findings_of(result):
    if isinstance(result, tuple):
        result = next((x for x in result if isinstance(x, list)), [])
    return result if isinstance(result, list) else getattr(result, "findings", [])


def _fixed_text_of(result, original: str) -> str:
    if isinstance(result, str):
        return result
    if isinstance(result, tuple):
        return next((x for x in result if isinstance(x, str)), original)
    for attr in ("fixed", "text", "output"):
        value = getattr(result, attr, None)
        if isinstance(value, str):
            return value
    return original


# -- scoring -------------------------------------------------------------------------------------

@dataclass
class CaseScore:
    id: str
    kind: str
    hunks: list[Hunk]
    hits: list[Hit]
    missed: list[Hunk]
    false_hits: list[Hit]
    lev_dirty: int
    lev_safe: int
    lev_unsafe: int
    fixed_safe: str
    fixed_unsafe: str


@dataclass
class Report:
    backend: str
    seconds: float
    cases: list[CaseScore] = field(default_factory=list)

    def _sum(self, f, controls: bool | None = None) -> int:
        return sum(f(c) for c in self.cases if controls is None or (c.kind == "clean_control") == controls)

    @property
    def recall(self) -> float:
        total = self._sum(lambda c: len(c.hunks))
        return 1.0 if not total else 1 - self._sum(lambda c: len(c.missed)) / total

    @property
    def precision(self) -> float:
        total = self._sum(lambda c: len(c.hits))
        return 1.0 if not total else 1 - self._sum(lambda c: len(c.false_hits)) / total

    def closure(self, unsafe: bool) -> float:
        before = self._sum(lambda c: c.lev_dirty, controls=False)
        after = self._sum(lambda c: c.lev_unsafe if unsafe else c.lev_safe, controls=False)
        return 1.0 if not before else 1 - after / before

    def damage(self, unsafe: bool) -> int:
        return self._sum(lambda c: c.lev_unsafe if unsafe else c.lev_safe, controls=True)

    def harmed(self, unsafe: bool) -> list[str]:
        return [c.id for c in self.cases if (c.lev_unsafe if unsafe else c.lev_safe) > c.lev_dirty]

    def category_recall(self) -> dict[str, tuple[int, int]]:
        seen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for c in self.cases:
            for h in c.hunks:
                seen[h.category][1] += 1
                seen[h.category][0] += h not in c.missed
        return {k: (v[0], v[1]) for k, v in sorted(seen.items())}

    def by_rule(self) -> dict[str, tuple[int, int]]:
        """code -> (findings, false positives)."""
        total, wrong = Counter(), Counter()
        for c in self.cases:
            total.update(h.code for h in c.hits)
            wrong.update(h.code for h in c.false_hits)
        return {code: (total[code], wrong[code]) for code in sorted(total)}

    def summary(self) -> dict:
        return {
            "backend": self.backend,
            "cases": len(self.cases),
            "controls": sum(c.kind == "clean_control" for c in self.cases),
            "hunks": self._sum(lambda c: len(c.hunks)),
            "findings": self._sum(lambda c: len(c.hits)),
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "closure_safe": round(self.closure(False), 4),
            "closure_unsafe": round(self.closure(True), 4),
            "damage_safe": self.damage(False),
            "damage_unsafe": self.damage(True),
            "harmed_safe": self.harmed(False),
            "harmed_unsafe": self.harmed(True),
            "category_recall": {k: f"{a}/{b}" for k, (a, b) in self.category_recall().items()},
            "by_rule": {k: {"findings": a, "false": b} for k, (a, b) in self.by_rule().items()},
            "seconds": round(self.seconds, 2),
        }


def score_case(case: Case, backend: Backend) -> CaseScore:
    hunks = gold_hunks(case)
    hits = backend.check(case)
    missed = [h for h in hunks if not any(overlaps(x.start, x.end, h.start, h.end) for x in hits)]
    false_hits = [x for x in hits if not any(overlaps(x.start, x.end, h.start - 1, h.end + 1) for h in hunks)]
    safe, unsafe = backend.fix(case, False), backend.fix(case, True)
    return CaseScore(case.id, case.meta.get("kind", "debris" if not case.control else "clean_control"),
                     hunks, hits, missed, false_hits, lev(case.dirty, case.clean),
                     lev(safe, case.clean), lev(unsafe, case.clean), safe, unsafe)


def score(cases: list[Case], backend: Backend | None = None) -> Report:
    backend = backend or Backend()
    t0 = time.perf_counter()
    scores = [score_case(c, backend) for c in cases]
    return Report(backend.name, time.perf_counter() - t0, scores)


# -- output --------------------------------------------------------------------------------------

def _show(text: str, width: int = 70) -> str:
    s = repr(text)
    return s if len(s) <= width else s[:width - 4] + "…" + s[-3:]


def _changes(fixed: str, clean: str, limit: int = 4) -> list[str]:
    """What the fix did wrong: (fixed text, clean text) pairs where they differ."""
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, fixed, clean, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(f"fixed {_show(fixed[max(0, i1 - 12):i2 + 12], 50)} want {_show(clean[max(0, j1 - 12):j2 + 12], 50)}")
    return out[:limit] + ([f"... {len(out) - limit} more"] if len(out) > limit else [])


def render(report: Report, cases: list[Case], verbose: bool, unsafe: bool, only: set[str] | None = None,
           label: str = "devcorpus") -> str:
    s = report.summary()
    lines = [
        f"{label}: {s['cases']} cases ({s['controls']} controls), {s['hunks']} gold hunks, "
        f"{s['findings']} findings  [{s['backend']}, {s['seconds']}s]",
        f"recall {s['recall']:.3f}  precision {s['precision']:.3f}  "
        f"closure safe {s['closure_safe']:.3f} / unsafe {s['closure_unsafe']:.3f}",
        f"damage on controls: safe {s['damage_safe']}, unsafe {s['damage_unsafe']}   "
        f"harmed: safe {s['harmed_safe'] or 'none'}, unsafe {s['harmed_unsafe'] or 'none'}",
        "category recall: " + ", ".join(
            f"{k} {a}/{b}" for k, (a, b) in report.category_recall().items()),
    ]
    if not verbose:
        return "\n".join(lines)
    by_id = {c.id: c for c in cases}
    lines.append("\nper rule (findings / false positives):")
    for code, (n, bad) in sorted(report.by_rule().items(), key=lambda kv: -kv[1][1]):
        lines.append(f"  {code:8} {n:4} / {bad}")
    for cs in report.cases:
        if only is not None and cs.id not in only:
            continue
        case = by_id[cs.id]
        lev_fixed = cs.lev_unsafe if unsafe else cs.lev_safe
        harmed = lev_fixed > cs.lev_dirty
        if not (cs.missed or cs.false_hits or harmed or (case.control and lev_fixed)):
            continue
        lines.append(f"\n== {cs.id} ({cs.kind}, {case.meta.get('lang')}): {len(cs.hunks) - len(cs.missed)}/"
                     f"{len(cs.hunks)} found, {len(cs.false_hits)} false, lev {cs.lev_dirty} -> "
                     f"safe {cs.lev_safe} / unsafe {cs.lev_unsafe}{'  HARMED' if harmed else ''}")
        for h in cs.missed:
            lines.append(f"  miss  {h.category:32} {_show(case.dirty[h.start:h.end])}")
        for x in cs.false_hits:
            ctx = case.dirty[max(0, x.start - 15):x.start] + "[" + case.dirty[x.start:x.end] + "]" + \
                case.dirty[x.end:x.end + 15]
            lines.append(f"  false {x.code:32} {_show(ctx)}")
        if case.control or harmed:
            for ch in _changes(cs.fixed_unsafe if unsafe else cs.fixed_safe, case.clean):
                lines.append(f"  fix   {ch}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    ap.add_argument("--unsafe", action="store_true", help="show fix problems of the unsafe run (default: safe)")
    ap.add_argument("--verbose", "-v", action="store_true", help="misses and false positives per case")
    ap.add_argument("--only", nargs="+", metavar="ID", help="score only these cases")
    ap.add_argument("--json", type=Path, help="write the summary and per-case results here")
    ap.add_argument("--ignore", nargs="+", default=[], metavar="CODE",
                    help="leave out these rules or prefixes (e.g. CL5 to score without grammar)")
    args = ap.parse_args(argv)
    cases = load_cases(args.cases, set(args.only) if args.only else None)
    if not cases:
        print(f"no cases under {args.cases}", file=sys.stderr)
        return 2
    try:
        report = score(cases, Backend(tuple(args.ignore)))
    except Exception as exc:  # a rule crashed: say which, so it can be left out with --ignore
        if type(exc).__name__ != "RuleCrash":
            raise
        print(f"{exc}\n(score without it: --ignore CODE)", file=sys.stderr)
        return 3
    print(render(report, cases, args.verbose, args.unsafe, label=args.cases.name))
    if args.json:
        data = report.summary()
        data["per_case"] = {cs.id: {
            "missed": [[h.start, h.end, h.category] for h in cs.missed],
            "false": [[x.code, x.start, x.end] for x in cs.false_hits],
            "lev_dirty": cs.lev_dirty, "lev_safe": cs.lev_safe, "lev_unsafe": cs.lev_unsafe,
        } for cs in report.cases}
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
