"""How fast can a Python linter with this many rules be? Floors and ceilings on one core.

Issue 4 asks for 10 MB/s per core with the default rules. This script measures, on the same
records as the benchmark, what the pieces cost that no rule logic can avoid, so the gap can be
read as engine overhead or as the cost of scanning the text once per rule:

1. reading the JSONL records and splitting each text into lines (the floor of any Python tool);
2. one C-speed regex scan of every document per default rule, with the cheapest real prefilter
   there is (merged-case's lower-to-upper step, ``\\p{Ll}\\p{Lu}``): the ceiling of any design in
   which each rule looks at the text at least once;
3. the same scans with one combined alternation per rule family (the design that would be needed);
4. corpuslint itself, with one trivial rule (engine, language detection, output) and with every
   default rule, in one process (``-j 1``), start-up excluded (measured on a one-record file).

All figures are CPU time of this process tree (user + system), so load from other processes does
not skew them.

    python benchmarks/ceiling.py [benchmarks/data/corpus-20mb.jsonl] [--mb 5]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_corpus import DATA  # noqa: E402

from corpuslint.registry import all_rules  # noqa: E402

CLI = [sys.executable, "-m", "corpuslint", "check", "--quiet", "--no-cache", "-j", "1", "--no-grammar",
       "--format", "jsonl"]
STEP = regex.compile(r"\p{Ll}\p{Lu}")


def head(src: Path, mb: float, dst: Path) -> Path:
    size = 0
    with open(src, "rb") as fh, open(dst, "wb") as out:
        for raw in fh:
            out.write(raw)
            size += len(raw)
            if size >= mb * 1e6:
                break
    return dst


def cpu_of_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli_cpu(path: Path, select: str) -> float:
    before = cpu_of_children()
    subprocess.run([*CLI, "--select", select, "-o", "/dev/null", str(path)], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cpu_of_children() - before


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=DATA / "corpus-20mb.jsonl")
    ap.add_argument("--mb", type=float, default=5.0, help="MB of the corpus to use (default 5)")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: not found (run benchmarks/build_corpus.py or benchmarks/run.py first)")
    rules = [r for r in all_rules().values() if r.default_enabled and not r.code.startswith("CL5")]
    families = sorted({r.code[:3] for r in rules})
    with tempfile.TemporaryDirectory() as tmp:
        sample = head(args.corpus, args.mb, Path(tmp) / "sample.jsonl")
        one = head(args.corpus, 0, Path(tmp) / "one.jsonl")
        mb = sample.stat().st_size / 1e6
        records = sample.read_text(encoding="utf-8").splitlines()

        t = time.process_time()
        texts = [json.loads(line)["text"] for line in records]
        for text in texts:
            text.split("\n")
        parse = time.process_time() - t

        t = time.process_time()
        for text in texts:
            for _ in rules:
                STEP.search(text)
        scans = time.process_time() - t

        t = time.process_time()
        for text in texts:
            for _ in families:
                STEP.search(text)
        family_scans = time.process_time() - t

        rows = [("read records and split lines", parse),
                (f"+ one regex scan per default rule ({len(rules)} rules)", parse + scans),
                (f"+ one regex scan per rule family ({len(families)} families)", parse + family_scans)]
        for label, select in (("corpuslint, one trivial rule (CL101)", "CL101"),
                              ("corpuslint, every default rule", "ALL")):
            start_up = cli_cpu(one, select)
            rows.append((f"{label}, start-up excluded", max(1e-9, cli_cpu(sample, select) - start_up)))

    print(f"{mb:.1f} MB, {len(records):,} documents of {args.corpus.name}, one core, CPU seconds\n")
    print("| stage | CPU seconds | MB per CPU second |")
    print("|---|---:|---:|")
    for label, sec in rows:
        print(f"| {label} | {sec:.2f} | {mb / sec:.1f} |")


if __name__ == "__main__":
    main()
