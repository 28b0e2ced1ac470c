"""Where the time goes when corpuslint lints a JSONL corpus: per rule, and per engine stage.

Runs in one process on the first MB of a corpus: every rule's ``check`` is timed (and the
record parsing, language detection, document building and finding placement around
them), so the table says which rules dominate and how fast each would be alone. Times are CPU
time of this process (time.process_time): on a shared, loaded machine wall time would count the
other processes too.

    python benchmarks/rule_profile.py benchmarks/data/corpus-20mb.jsonl --mb 2 [--grammar] [--fix]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from corpuslint.jsonl import parse_record
from corpuslint.linter import Linter
from corpuslint.located import located
from corpuslint.settings import Overrides, settings_for
from corpuslint.textcodec import Normalised

WARM_UP = 10  # documents linted before timing starts


def sample(path: Path, mb: float) -> list[str]:
    out, size = [], 0
    with open(path, "rb") as fh:
        for raw in fh:
            out.append(raw.decode("utf-8").rstrip("\n"))
            size += len(raw)
            if size >= mb * 1e6:
                break
    return out


def profile(path: Path, mb: float, grammar: bool, fix: bool) -> tuple[dict, dict, int, int, float]:
    settings = settings_for(str(path), Overrides(no_grammar=not grammar))
    linter = Linter.for_path(settings, str(path))
    rule_time: dict[str, float] = defaultdict(float)
    stage: dict[str, float] = defaultdict(float)

    def timed(rule):
        check = rule.check

        def run(doc):
            t = time.process_time()
            found = list(check(doc))
            rule_time[rule.code] += time.process_time() - t
            return found
        return run

    for rule in linter.rules:
        rule.check = timed(rule)
    lang_of = linter.language_of

    def language_of(text):
        t = time.process_time()
        try:
            return lang_of(text)
        finally:
            stage["language detection"] += time.process_time() - t
    linter.language_of = language_of

    lines = sample(path, mb)
    for body in lines[:WARM_UP]:  # lexicons and packs load on first use: not the hot path
        linter.check_text(parse_record(0, body, settings.text_field, settings.id_field).text)
    rule_time.clear()
    stage.clear()
    nbytes = sum(len(ln.encode("utf-8")) + 1 for ln in lines)
    findings = 0
    t_all = time.process_time()
    for number, body in enumerate(lines, 1):
        t = time.process_time()
        rec = parse_record(number, body, settings.text_field, settings.id_field)
        stage["JSON record parsing"] += time.process_time() - t
        if fix:
            outcome = linter.fix_text(rec.text, unsafe=True, path=str(path), record=number, doc_id=rec.doc_id)
            doc = linter.document(Normalised.of(outcome.text).text, path=str(path), record=number,
                                  markdown=outcome.markdown, lang=outcome.lang)
            found = outcome.remaining
        else:
            doc, found = linter.check_text(rec.text, path=str(path), record=number, doc_id=rec.doc_id)
        t = time.process_time()
        findings += len([located(f, doc, str(path)) for f in found])
        stage["placing findings (rows, JSON shape)"] += time.process_time() - t
    total = time.process_time() - t_all
    names = {r.code: r.name for r in linter.rules}
    return {names[c] and f"{c} {names[c]}": v for c, v in rule_time.items()}, dict(stage), len(lines), nbytes, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--mb", type=float, default=2.0, help="MB of the corpus to profile (default 2)")
    ap.add_argument("--grammar", action="store_true", help="with the grammar rules")
    ap.add_argument("--fix", action="store_true", help="profile --fix --unsafe-fixes (re-lints to a fixed point)")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    rules, stages, docs, nbytes, total = profile(args.corpus, args.mb, args.grammar, args.fix)
    print(f"{docs} documents, {nbytes / 1e6:.2f} MB, {total:.2f}s in one process "
          f"({nbytes / 1e6 / total:.2f} MB per CPU second, {docs / total:.0f} docs per CPU second)"
          f"{' --fix --unsafe-fixes' if args.fix else ''}{' with grammar' if args.grammar else ''}\n")
    print_table(rules, stages, nbytes, docs, total, args.top)


def print_table(rules: dict, stages: dict, nbytes: int, docs: int, total: float, top: int = 20,
                out=sys.stdout) -> None:
    rows = sorted([*rules.items(), *((f"[engine] {k}", v) for k, v in stages.items())], key=lambda kv: -kv[1])
    accounted = sum(rules.values()) + sum(stages.values())
    rows.append(("[engine] the rest (phases, sorting, fixer, Document lines)", max(0.0, total - accounted)))
    out.write("| rule or stage | seconds | share | µs/doc | MB/s alone |\n|---|---:|---:|---:|---:|\n")
    for name, sec in rows[:top] + ([rows[-1]] if len(rows) > top else []):
        alone = nbytes / 1e6 / sec if sec > 0 else float("inf")
        out.write(f"| {name} | {sec:.2f} | {sec / total:.0%} | {sec / max(docs, 1) * 1e6:,.0f} | {alone:,.1f} |\n")


if __name__ == "__main__":
    main()
