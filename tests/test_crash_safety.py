"""Crash safety of --fix: killed at random moments, run twice at once, or failing mid-write, it
leaves every file either as it was or fully fixed, and no temporary file behind.

The suite runs a short version (a few hundred files, a dozen kills). benchmarks/fault_run.py
runs the long one (hundreds of kills, 100,000 files, a 50 MB line).
"""
from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpuslint import sources
from corpuslint.sources import TEMP_PREFIX

SEL = ["--select", "CL101,CL102"]
TEMP = re.compile(r"^\.corpuslint-(\d+)-[0-9a-f]+\.tmp$")


def make_tree(root: Path, files: int, seed: int = 0, jsonl_mb: float = 0.0) -> dict[Path, bytes]:
    """``files`` articles with fixable debris (some CRLF, some without final newline), plus an
    optional JSONL corpus of ``jsonl_mb`` megabytes; returns their bytes."""
    rng = random.Random(seed)
    words = "le chat dort sur un canapé très doux pendant que la pluie tombe dehors sans bruit".split()
    out = {}
    for i in range(files):
        folder = root / f"part{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        lines = []
        for j in range(rng.randint(10, 80)):
            ws = [rng.choice(words) for _ in range(rng.randint(4, 16))]
            if rng.random() < 0.3:
                ws[rng.randrange(len(ws))] += "  "  # a space run (CL102) ...
            lines.append(" ".join(ws).capitalize() + "." + ("   " if rng.random() < 0.2 else ""))  # ... trailing (CL101)
        nl = "\r\n" if i % 5 == 0 else "\n"
        text = nl.join(lines) + ("" if i % 11 == 0 else nl)
        p = folder / f"article{i:04d}.txt"
        p.write_bytes(text.encode())
        out[p] = p.read_bytes()
    if jsonl_mb:
        import json

        p = root / "corpus.jsonl"
        with open(p, "w", encoding="utf-8") as fh:
            n = 0
            while fh.tell() < jsonl_mb * 1e6:  # long records: the cost is in the bytes, not per record
                ws = [rng.choice(words) for _ in range(rng.randint(400, 1600))]
                fh.write(json.dumps({"id": n, "text": " ".join(ws) + ("  fin." if n % 3 == 0 else " fin.")},
                                    ensure_ascii=False) + "\n")
                n += 1
        out[p] = p.read_bytes()
    return out


def corpuslint(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "corpuslint", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True, **kw)


def fixed_bytes(tree: Path, originals: dict[Path, bytes], tmp: Path) -> tuple[dict[Path, bytes], float]:
    """What a complete, uninterrupted --fix makes of every file (run on a copy), and its time."""
    copy = tmp / "reference"
    shutil.copytree(tree, copy)
    t0 = time.perf_counter()
    p = corpuslint("check", "--fix", "--no-cache", "-j", "1", *SEL, copy)
    _, err = p.communicate(timeout=600)
    took = time.perf_counter() - t0
    assert p.returncode == 0, err.decode()[-2000:]
    out = {path: (copy / path.relative_to(tree)).read_bytes() for path in originals}
    assert sum(out[p] != originals[p] for p in originals) > len(originals) // 2  # most files need a fix
    return out, took


def temp_files(tree: Path) -> list[Path]:
    return [p for p in tree.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def check_whole(originals, fixed) -> tuple[int, int]:
    """Every file is its original bytes or its fixed bytes; returns (original, fixed) counts."""
    n_orig = n_fixed = 0
    for path, before in originals.items():
        now = path.read_bytes()
        assert now in (before, fixed[path]), f"{path}: {len(now)} bytes, neither original nor fixed"
        n_orig += now == before != fixed[path]
        n_fixed += now == fixed[path] != before
    return n_orig, n_fixed


def startup_time(tree: Path) -> float:
    """How long a run takes before it could write anything (imports, config, rules)."""
    empty = tree.parent / "empty.txt"
    empty.write_bytes(b"")
    t0 = time.perf_counter()
    corpuslint("check", "--no-cache", *SEL, empty).communicate(timeout=600)
    empty.unlink()
    return time.perf_counter() - t0


def kill_at_random(tree, originals, fixed, kills: int, full: float, seed: int = 1, jobs=(1, 2)) -> dict:
    """SIGKILL ``--fix`` runs at random moments within ``full`` seconds (an uninterrupted run's
    time); after each kill, check every file, then reset half of them so the next run has work."""
    rng = random.Random(seed)
    stats = {"kills": 0, "kills_mid_run": 0, "temp_left": 0}
    start = startup_time(tree)
    for k in range(kills):
        before = {path: path.read_bytes() for path in originals}
        pending = sum(before[path] != fixed[path] for path in originals)
        p = corpuslint("check", "--fix", "--no-cache", "-j", rng.choice(jobs), *SEL, tree)
        time.sleep(rng.uniform(0.8 * start, full))  # mostly after start-up, while files are written
        os.killpg(p.pid, signal.SIGKILL)  # the run and its workers, as an OOM kill or a power cut
        p.wait()
        stats["kills"] += 1
        check_whole(originals, fixed)
        written = sum(path.read_bytes() != before[path] for path in originals)
        stats["kills_mid_run"] += 0 < written < pending  # the kill landed between two writes
        for t in temp_files(tree):  # a kill between naming and renaming: swept by the next run
            m = TEMP.match(t.name)
            assert m, t
            stats["temp_left"] += 1
        for path in rng.sample(sorted(originals), len(originals) // 2):
            path.write_bytes(originals[path])  # give the next run work everywhere
    return stats


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX signals")
def test_sigkill_at_random_moments_leaves_only_whole_files(tmp_path):
    tree = tmp_path / "tree"
    originals = make_tree(tree, 200, jsonl_mb=1.5)  # the corpus spans two stream chunks
    fixed, full = fixed_bytes(tree, originals, tmp_path)
    stats = kill_at_random(tree, originals, fixed, kills=10, full=full)
    if not stats["kills_mid_run"]:  # rare on a loaded machine: all kills before or after the writes
        stats = kill_at_random(tree, originals, fixed, kills=10, full=full, seed=2)
    assert stats["kills_mid_run"] >= 1, stats  # some kills did land while files were being written
    # The next complete run fixes everything and sweeps what killed runs left.
    p = corpuslint("check", "--fix", "--no-cache", *SEL, tree)
    _, err = p.communicate(timeout=600)
    assert p.returncode == 0, err.decode()[-2000:]
    assert all(path.read_bytes() == fixed[path] for path in originals)
    assert temp_files(tree) == []


def test_two_concurrent_fix_runs_leave_only_whole_files(tmp_path):
    tree = tmp_path / "tree"
    originals = make_tree(tree, 100, seed=2, jsonl_mb=1.5)
    fixed, _ = fixed_bytes(tree, originals, tmp_path)
    for round_ in range(2):
        a = corpuslint("check", "--fix", "--no-cache", "-j", "1", *SEL, tree)
        b = corpuslint("check", "--fix", "--no-cache", "-j", "1", *SEL, tree)
        errs = [p.communicate(timeout=600)[1].decode() for p in (a, b)]
        for p, err in zip((a, b), errs):
            assert p.returncode in (0, 2), err[-2000:]
            for line in err.splitlines():  # the only complaint allowed: the other run got there first
                if line.startswith("error:"):
                    assert "changed while being linted; not fixed" in line, line
        assert all(path.read_bytes() == fixed[path] for path in originals), round_
        assert temp_files(tree) == []
        for path, data in originals.items():
            path.write_bytes(data)


# -- faults injected in-process: the disk fills up, fsync fails, rename fails --------------------

@pytest.mark.parametrize("where", ["write", "fsync", "replace", "link"])
def test_a_failing_write_leaves_the_original_and_no_temp_file(cli, tmp_path, monkeypatch, where):
    p = tmp_path / "a.txt"
    raw = "Le chat dort  ici.   \nFin.\n".encode()
    p.write_bytes(raw)
    other = tmp_path / "b.txt"
    other.write_bytes(raw)

    def boom(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    calls = {"n": 0}

    def first_only(real):
        def wrapped(*a, **kw):
            calls["n"] += 1
            if calls["n"] == 1:
                boom()
            return real(*a, **kw)
        return wrapped

    if where == "write":
        monkeypatch.setattr(sources, "_write_all", first_only(sources._write_all))
    elif where == "fsync":
        monkeypatch.setattr(sources.os, "fsync", first_only(os.fsync))
    elif where == "replace":
        monkeypatch.setattr(sources.os, "replace", first_only(os.replace))
    else:  # naming the unnamed temporary file fails
        if not sources._UNNAMED_OK[0]:
            pytest.skip("O_TMPFILE is not available here")
        monkeypatch.setattr(sources, "_link_unnamed", first_only(sources._link_unnamed))
    code, _, err = cli("check", "--no-cache", "-j", "1", *SEL, "--fix", str(p), str(other))
    assert code == 2 and f"error: {p}: cannot write: No space left on device; not fixed" in err, err
    assert p.read_bytes() == raw                       # the original, untouched
    assert other.read_bytes() == b"Le chat dort ici.\nFin.\n"  # the next file is fixed
    assert temp_files(tmp_path) == []


def test_the_temporary_file_is_unnamed_until_the_rename(tmp_path, monkeypatch):
    """On Linux, while the fixed bytes are written and flushed, no temporary name exists."""
    if not sources._UNNAMED_OK[0]:
        pytest.skip("O_TMPFILE is not available here: named temporary files are used (and swept)")
    p = tmp_path / "a.txt"
    p.write_bytes(b"old")
    seen = []
    real_fsync = os.fsync

    def spying_fsync(fd):
        seen.append(sorted(os.listdir(tmp_path)))
        return real_fsync(fd)

    monkeypatch.setattr(sources.os, "fsync", spying_fsync)
    sources.atomic_write(str(p), b"new")
    assert p.read_bytes() == b"new"
    assert seen and seen[0] == ["a.txt"]  # during the data fsync: only the original is there
    assert os.listdir(tmp_path) == ["a.txt"]


def test_falls_back_to_a_named_temporary_file_when_linking_is_refused(tmp_path, monkeypatch):
    """Kernels or sandboxes that refuse linkat on an unnamed file: the bytes are rewritten into
    a named temporary file (swept if a kill leaves it), and the write still succeeds."""
    if not sources._UNNAMED_OK[0]:
        pytest.skip("O_TMPFILE is not available here")

    class NoLinkat:
        def linkat(self, *a):
            return -1

    def no_link(*a, **kw):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(sources, "_libc", NoLinkat())
    monkeypatch.setattr(sources.os, "link", no_link)
    monkeypatch.setattr(sources, "_UNNAMED_OK", [True])  # restored afterwards
    p = tmp_path / "a.txt"
    p.write_bytes(b"old")
    p.chmod(0o640)
    sources.atomic_write(str(p), b"new bytes")
    assert p.read_bytes() == b"new bytes" and (p.stat().st_mode & 0o777) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]
    assert sources._UNNAMED_OK[0] is False  # later writes go straight to named files
    sources.atomic_write(str(p), b"again")
    assert p.read_bytes() == b"again" and os.listdir(tmp_path) == ["a.txt"]
