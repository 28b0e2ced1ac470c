"""The real pre-commit runs our hooks from this repository (pre-commit try-repo) in a throwaway git repo."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

ARTICLE = (
    "Les abeilles sauvages et le climat\n\n"
    "Une étude publiée cette semaine montre que les abeilles sauvages souffrent des vagues de chaleur.   \n"
    "Les chercheurs ont suivi des colonies pendant trois ans, de mai à septembre.\n"
)
FIXED = ARTICLE.replace("chaleur.   \n", "chaleur.\n")


def _pre_commit() -> str:
    exe = Path(sys.executable).with_name("pre-commit")
    return str(exe) if exe.exists() else shutil.which("pre-commit") or pytest.skip("pre-commit not installed")


def test_hooks_with_real_pre_commit(tmp_path):
    repo = tmp_path / "corpus"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    (repo / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (repo / "notes.csv").write_text("a,b  \n", encoding="utf-8")  # not matched by the hooks' files regex
    git("add", ".")

    def hook(name):
        return subprocess.run([_pre_commit(), "try-repo", str(ROOT), name, "--all-files", "--verbose"],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    r = hook("corpuslint")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "CL101" in r.stdout and "article.txt:3:" in r.stdout
    assert (repo / "article.txt").read_text(encoding="utf-8") == ARTICLE

    r = hook("corpuslint-fix")
    assert r.returncode == 1, r.stdout + r.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in r.stdout
    assert (repo / "article.txt").read_text(encoding="utf-8") == FIXED
    assert (repo / "notes.csv").read_text(encoding="utf-8") == "a,b  \n"

    r = hook("corpuslint")
    assert r.returncode == 0, r.stdout + r.stderr
