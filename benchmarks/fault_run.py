"""The long fault run behind the README's "Guarantees": too slow for the test suite.

    .venv/bin/python benchmarks/fault_run.py            # everything (about 15-30 minutes on 2 cores)
    .venv/bin/python benchmarks/fault_run.py --only kill --kills 50

Parts (each prints one line of JSON; the script exits 1 if any guarantee broke):
  kill        SIGKILL `--fix` at random moments, many times, over a few hundred files and a
              multi-chunk JSONL corpus; after every kill each file must be its original bytes or
              its fully fixed bytes; temporary files left are counted, then swept by the next run.
  concurrent  two `--fix` runs on one tree at once, several rounds: only whole, fixed files.
  many        100,000 small files in one run: every one fixed, none lost, no temporary file.
  longline    a 50 MB single line (every default rule but grammar, which costs ~100 s/MB): time
              and peak memory.
Work happens in a temporary folder (or --dir), removed afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_crash_safety import (SEL, check_whole, corpuslint, fixed_bytes, make_tree,  # noqa: E402
                               startup_time, temp_files)


def lost_bytes(originals: dict, fixed: dict) -> int:
    """Bytes of user text in files that are neither their original nor their fixed bytes."""
    lost = 0
    for path, before in originals.items():
        now = path.read_bytes() if path.exists() else b""
        if now not in (before, fixed[path]):
            lost += max(len(before), 1)
    return lost


def part_kill(work: Path, kills: int, files: int, seed: int) -> dict:
    tree = work / "kill"
    originals = make_tree(tree, files, seed=seed, jsonl_mb=4)
    fixed, full = fixed_bytes(tree, originals, work / "kill-ref")
    rng = random.Random(seed)
    start = startup_time(tree)
    out = {"part": "kill", "files": len(originals), "kills": 0, "kills_mid_write": 0, "checks": 0, "bytes_lost": 0,
           "temp_left_beside_texts": 0, "temp_left_beside_corpus": 0, "full_run_s": round(full, 2)}
    for k in range(kills):
        before = {path: path.read_bytes() for path in originals}
        pending = sum(before[path] != fixed[path] for path in originals)
        p = corpuslint("check", "--fix", "--no-cache", "-j", rng.choice(["1", "2"]), *SEL, tree)
        time.sleep(rng.uniform(0.05 if k % 4 == 0 else 0.8 * start, full))  # some kills during start-up too
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        out["kills"] += 1
        out["bytes_lost"] += lost_bytes(originals, fixed)
        if out["bytes_lost"]:
            break
        check_whole(originals, fixed)
        out["checks"] += len(originals)
        written = sum(path.read_bytes() != before[path] for path in originals)
        out["kills_mid_write"] += 0 < written < pending  # landed between two writes of this run
        for t in temp_files(tree):  # texts: unnamed until the rename; the JSONL stream: named throughout
            out["temp_left_beside_corpus" if t.parent == tree else "temp_left_beside_texts"] += 1
        for path in rng.sample(sorted(originals), len(originals) // 2):
            path.write_bytes(originals[path])
    p = corpuslint("check", "--fix", "--no-cache", *SEL, tree)
    _, err = p.communicate()
    out["final_exit"] = p.returncode
    out["final_all_fixed"] = all(path.read_bytes() == fixed[path] for path in originals)
    out["temp_left_at_end"] = len(temp_files(tree))
    out["ok"] = (out["bytes_lost"] == 0 and out["final_exit"] == 0 and out["final_all_fixed"]
                 and out["temp_left_at_end"] == 0)
    return out


def part_concurrent(work: Path, rounds: int, seed: int) -> dict:
    tree = work / "concurrent"
    originals = make_tree(tree, 300, seed=seed + 1, jsonl_mb=3)
    fixed, _ = fixed_bytes(tree, originals, work / "concurrent-ref")
    out = {"part": "concurrent", "files": len(originals), "rounds": 0, "bytes_lost": 0, "refused_by_stamp": 0,
           "unexpected_errors": []}
    for _ in range(rounds):
        runs = [corpuslint("check", "--fix", "--no-cache", "-j", j, *SEL, tree) for j in ("1", "2")]
        for p in runs:
            _, err = p.communicate()
            for line in err.decode().splitlines():
                if line.startswith("error:"):
                    if "changed while being linted; not fixed" in line:
                        out["refused_by_stamp"] += 1
                    else:
                        out["unexpected_errors"].append(line)
        out["rounds"] += 1
        out["bytes_lost"] += sum(len(b) for p, b in originals.items() if p.read_bytes() != fixed[p])
        for path, data in originals.items():
            path.write_bytes(data)
    out["temp_left"] = len(temp_files(tree))
    out["ok"] = out["bytes_lost"] == 0 and not out["unexpected_errors"] and out["temp_left"] == 0
    return out


def part_many(work: Path, count: int) -> dict:
    tree = work / "many"
    for i in range(count):
        folder = tree / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        (folder / f"f{i:06d}.txt").write_bytes(f"Fichier  {i}.\n".encode() if i % 2 else f"Fichier {i}.\n".encode())
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "corpuslint", "check", "--fix", "--no-cache", *SEL, str(tree)],
                       capture_output=True, text=True)
    took = time.perf_counter() - t0
    wrong = sum(1 for i in range(count)
                if (tree / f"d{i // 1000:03d}" / f"f{i:06d}.txt").read_bytes() != f"Fichier {i}.\n".encode())
    out = {"part": "many", "files": count, "seconds": round(took, 1), "exit": r.returncode,
           "files_per_s": round(count / took), "wrong_files": wrong, "temp_left": len(temp_files(tree)),
           "summary": r.stderr.strip().splitlines()[-1:] if r.stderr else []}
    out["ok"] = r.returncode == 0 and wrong == 0 and out["temp_left"] == 0
    return out


def part_longline(work: Path, mb: int) -> dict:
    p = work / "longline.txt"
    sentence = "Le chat dort sur le canapé du salon, très calme ; il rêve (beaucoup). "
    n = mb * 1_000_000 // len(sentence)
    p.write_text(sentence * n + "Fin  du texte.", encoding="utf-8")
    before = p.read_bytes()
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "corpuslint", "check", "--fix", "--no-cache", "--no-grammar", "-j", "1",
                        str(p)], capture_output=True, text=True)
    took = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    after = p.read_bytes()
    expected = before.replace("Fin  du".encode(), "Fin du".encode())
    out = {"part": "longline", "mb": mb, "seconds": round(took, 1), "exit": r.returncode,
           "peak_rss_mb": round(peak_mb), "fixed_as_expected": after == expected,
           "stderr_tail": r.stderr.strip().splitlines()[-2:]}
    out["ok"] = r.returncode in (0, 1) and "Traceback" not in r.stderr
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["kill", "concurrent", "many", "longline"], action="append")
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--many", type=int, default=100_000)
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dir", help="work here instead of a temporary folder")
    args = ap.parse_args()
    parts = args.only or ["kill", "concurrent", "many", "longline"]
    work = Path(args.dir or tempfile.mkdtemp(prefix="corpuslint-fault-"))
    work.mkdir(parents=True, exist_ok=True)
    ok = True
    try:
        for part in parts:
            t0 = time.perf_counter()
            if part == "kill":
                res = part_kill(work, args.kills, args.files, args.seed)
            elif part == "concurrent":
                res = part_concurrent(work, args.rounds, args.seed)
            elif part == "many":
                res = part_many(work, args.many)
            else:
                res = part_longline(work, args.mb)
            res["wall_s"] = round(time.perf_counter() - t0, 1)
            print(json.dumps(res, ensure_ascii=False), flush=True)
            ok = ok and res["ok"]
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
