#!/usr/bin/env python3
"""Time every default rule on a folder of texts: which rules make the linter (and the dev-corpus gate) slow.

Each rule runs alone over every document (the dirty.txt of each case, or every *.txt / *.md);
the first call is timed apart, since most of a slow rule's cost is often a resource loaded once.

    python benchmarks/rule_timing.py [FOLDER ...] [--repeat N] [--top K]

Defaults to tests/devcorpus. The CL5xx grammar rules share one engine pass per document (and a
slip cache), so the first of them carries most of their common cost. Prints, per rule: first call (ms), then mean ms per document and
documents per second over --repeat further passes, slowest first.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corpuslint import language, registry
from corpuslint.document import Document

ROOT = Path(__file__).resolve().parent.parent


def documents(folders: list[Path]) -> list[Document]:
    docs = []
    for folder in folders:
        files = sorted(folder.glob("*/dirty.txt")) or sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
        for f in files:
            text = f.read_text(encoding="utf-8")
            docs.append(Document(text, path=str(f), lang=language.detect(text), markdown=f.suffix == ".md"))
    return docs


def fresh(doc: Document) -> Document:
    # Documents cache their line index: a new one per pass keeps that cost in the measurement.
    return Document(doc.text, path=doc.path, lang=doc.lang, markdown=doc.markdown)


def time_rule(rule, docs: list[Document], repeat: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    first = fresh(docs[0])
    if rule.applies_to(first):
        list(rule.check(first))
    first_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    n = 0
    for _ in range(repeat):
        for d in docs:
            d = fresh(d)
            if rule.applies_to(d):
                list(rule.check(d))
                n += 1
    per_doc = (time.perf_counter() - t0) * 1000 / max(n, 1)
    return first_ms, per_doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "devcorpus"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--top", type=int, default=0, help="show only the K slowest rules")
    args = ap.parse_args(argv)
    docs = documents(args.folders)
    if not docs:
        print("no documents", file=sys.stderr)
        return 2
    table = registry.all_rules()
    rows = []
    for code in registry.resolve(table):
        first_ms, per_doc = time_rule(table[code](), docs, args.repeat)
        rows.append((per_doc, first_ms, code, table[code].name))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"{len(docs)} documents, {len(rows)} rules, {total:.1f} ms per document for all rules together")
    print(f"{'code':7} {'rule':28} {'first ms':>9} {'ms/doc':>8} {'docs/s':>8}")
    for per_doc, first_ms, code, name in rows[:args.top or None]:
        rate = 1000 / per_doc if per_doc else float("inf")
        print(f"{code:7} {name[:28]:28} {first_ms:9.1f} {per_doc:8.2f} {rate:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
