"""Where texts come from and go back to: file discovery, reading, atomic writing.

Kinds: plain text (.txt and anything else given explicitly), Markdown (.md, .markdown),
JSONL corpora (.jsonl, .jsonl.gz: one document per line).
"""
from __future__ import annotations

import gzip
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .settings import Overrides, Settings, settings_for


class SourceError(OSError):
    """A file that cannot be linted or written; the message names it."""


def kind_of(path: str) -> str:
    name = path.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return "jsonl"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


@dataclass(frozen=True)
class Target:
    path: str          # as the user will see it
    settings: Settings


def discover(paths: list[str], overrides: Overrides) -> list[Target]:
    """Expand files and folders (recursively, include/exclude globs) into lint targets.

    Files named explicitly are always linted (like ruff), folders are filtered.
    """
    out: list[Target] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise SourceError(f"{raw}: no such file or directory")
        if p.is_file():
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                out.append(Target(raw, settings_for(raw, overrides)))
            continue
        for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
            here = settings_for(os.path.join(dirpath, "_"), overrides)
            dirnames[:] = sorted(d for d in dirnames if not here.is_excluded(Path(d)))
            for name in sorted(filenames):
                fp = Path(dirpath) / name
                if fp.is_symlink() and not fp.exists():
                    continue
                if here.is_excluded(Path(name)) or not here.is_included(fp):
                    continue
                key = os.path.realpath(fp)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Target(str(fp), here))
    return out


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.lower().endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise SourceError(f"{path}: not a valid gzip file: {exc}") from None
    return data


def fingerprint(path: str) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


def atomic_write(path: str, data: bytes, expect: tuple[int, int, int] | None = None) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it.

    ``expect`` is the file's (size, mtime, inode) when it was read: if the file changed
    meanwhile, nothing is written. The file's permission bits are kept.
    """
    if path.lower().endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise SourceError(f"{path}: cannot stat: {exc.strerror}") from None
    if not os.access(path, os.W_OK):
        raise SourceError(f"{path}: file is read-only; not fixed")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".corpuslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        if expect is not None and fingerprint(path) != expect:
            raise SourceError(f"{path}: changed while being linted; not fixed")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
