"""Results cache: a file's findings keyed by its bytes, its settings and corpuslint's version.

One small JSON file per entry under ``<root>/.corpuslint_cache/<version>/``; writes are
atomic so concurrent runs never read half an entry. A corrupt entry is a miss.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from . import __version__

DIRNAME = ".corpuslint_cache"


def cache_root(root: str, override: str | None = None) -> Path:
    return Path(override) if override else Path(root) / DIRNAME


def key(data: bytes, *parts: str) -> str:
    h = hashlib.sha256()
    for p in (__version__, *parts):
        h.update(p.encode())
        h.update(b"\x1f")
    h.update(data)
    return h.hexdigest()


def _path(root: Path, k: str) -> Path:
    return root / __version__ / k[:2] / f"{k}.json"


def get(root: Path, k: str) -> dict | None:
    try:
        return json.loads(_path(root, k).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def put(root: Path, k: str, value: dict) -> None:
    p = _path(root, k)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Automatically created by corpuslint.\n*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False)
        os.replace(tmp, p)
    except OSError:
        pass  # a read-only tree still lints, just without a cache
