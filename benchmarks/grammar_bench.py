"""Grammar backend speed: words per second per core, warm and cold; one article cold; a cached re-run.

    .venv/bin/python benchmarks/grammar_bench.py [--seeds DIR] [--devset DIR] [--rounds N]

- per backend, one process (= one core), CPU time: "cold" is the first pass over the corpus
  including loading the engine, "warm" the best of N later passes (the slip cache is bypassed);
- "article cold": ``corpuslint check --no-cache FILE`` on the ~1,000-word French seed, in a fresh
  process: imports, every default rule (grammar included: Grammalecte loads), no cache;
- "article re-run": the same command with the results cache warm (the article is unchanged).
  Bytecode is compiled first, as an installed package has it.

Targets (issue 6): Grammalecte >= 3,000 and Harper >= 10,000 words/s per core warm; one
article < 2 s cold; re-run < 0.3 s.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"



def words(text: str) -> int:
    return len(text.split())


def corpus(seeds: Path, devset: Path) -> dict[str, list[str]]:
    """Paragraph texts per language."""
    out: dict[str, list[str]] = {"fr": [], "en": []}
    for p in sorted(seeds.glob("*.txt")):
        out["fr"] += [x for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
    for meta in sorted(devset.glob("*/meta.json")):
        lang = json.loads(meta.read_text(encoding="utf-8")).get("lang")
        if lang in out:
            for name in ("dirty.txt", "clean.txt"):
                text = (meta.parent / name).read_text(encoding="utf-8")
                out[lang] += [x.replace("\n", " ") for x in text.split("\n\n") if x.strip()]
    return out


def bench_backend(name: str, paragraphs: list[str], rounds: int) -> dict:
    """Runs in a child process so that "cold" includes loading the engine."""
    code = f"""
import json, sys, time
from corpuslint.rules.grammar import config, engine
from corpuslint.rules.grammar.slip import DEFAULT_CATEGORIES
paras = json.load(sys.stdin)
cfg = config.GrammarConfig(cache_dir=None)
st = engine._State(cfg)
backend = st.backends[{name!r}]
if not backend.available():
    print(json.dumps(None)); sys.exit()
lang = backend.languages[0] if backend.languages[0] != "*" else "en"
n = sum(len(p.split()) for p in paras)
cpu, wall = [], []
for _ in range({rounds} + 1):
    t, w = time.process_time(), time.perf_counter()
    for p in paras:
        backend.check(p, lang, DEFAULT_CATEGORIES)
    cpu.append(time.process_time() - t)
    wall.append(time.perf_counter() - w)
print(json.dumps({{"words": n, "cold": cpu[0], "warm": min(cpu[1:]), "warm_wall": min(wall[1:])}}))
"""
    res = subprocess.run([sys.executable, "-c", code], input=json.dumps(paragraphs), capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "OMP_NUM_THREADS": "1"})
    if res.returncode:
        raise SystemExit(res.stderr)
    return json.loads(res.stdout.strip().splitlines()[-1])


def article(path: Path, cache_dir: str | None) -> tuple[float, int]:
    """Wall time of ``corpuslint check FILE`` in a fresh process (every default rule, grammar on)."""
    cmd = [sys.executable, "-m", "corpuslint", "check", "--format", "json", "--jobs", "1"]
    cmd += ["--cache-dir", cache_dir] if cache_dir else ["--no-cache"]
    # Bytecode as an installed package has it (pip compiles it): this shell may forbid writing it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t = time.perf_counter()
    res = subprocess.run([*cmd, str(path)], capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t
    if res.returncode not in (0, 1):
        raise SystemExit(res.stderr)
    return wall, len(json.loads(res.stdout))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--devset", type=Path, default=SHARED / "devset")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    paras = corpus(args.seeds, args.devset)
    print("words per second per core (CPU time of one process; wall time in brackets)")
    print(f"{'backend':<14}{'words':>8}{'cold w/s':>12}{'warm w/s':>12}{'(warm wall)':>14}")
    for name, lang in (("grammalecte", "fr"), ("harper", "en")):
        r = bench_backend(name, paras[lang], args.rounds)
        if r is None:
            print(f"{name:<14}  not installed")
            continue
        print(f"{name:<14}{r['words']:>8}{r['words'] / r['cold']:>12,.0f}{r['words'] / r['warm']:>12,.0f}"
              f"{r['words'] / r['warm_wall']:>14,.0f}")
    print("languagetool    needs a server (grammar.languagetool.url): not measured here")
    # The ~1,000-word article: the seed closest to 1,000 words.
    seeds = sorted(args.seeds.glob("*.txt"), key=lambda p: abs(words(p.read_text(encoding="utf-8")) - 1000))
    if not seeds:
        return
    art = seeds[0]
    n = words(art.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as cache:
        article(art, None)  # writes bytecode if missing; not counted
        cold = min(article(art, None) for _ in range(args.rounds))
        article(art, cache)  # fills the results cache
        warm = min(article(art, cache) for _ in range(args.rounds))
    print(f"article {art.name} ({n} words), `corpuslint check FILE` in a fresh process, default rules,"
          f" grammar on (best of {args.rounds}):")
    print(f"  cold start, no cache: {cold[0]:.2f} s wall ({cold[1]} findings)   target < 2 s")
    print(f"  re-run, unchanged article: {warm[0]:.2f} s wall ({warm[1]} findings)   target < 0.3 s")

if __name__ == "__main__":
    main()
