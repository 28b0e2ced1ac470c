from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run corpuslint in-process; returns (exit code, stdout, stderr)."""
    from corpuslint.cli import main

    def run(*args, stdin: str | None = None):
        if stdin is not None:
            import io
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def cli_json(cli):
    def run(*args):
        code, out, err = cli("check", "--format", "json", "--no-cache", *args)
        return code, json.loads(out), err

    return run


def run_subprocess(*args, cwd=None, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "corpuslint", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture
def seeds_copy(tmp_path):
    dst = tmp_path / "seeds"
    dst.mkdir()
    for p in SEEDS.glob("*.txt"):
        (dst / p.name).write_bytes(p.read_bytes())
    return dst
