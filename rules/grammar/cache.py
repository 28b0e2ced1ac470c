"""Slips cached by segment content + backend + version + options.

Two levels: an in-process LRU (a fixer re-lints the same text up to ten times) and files
under ``.corpuslint_cache/grammar/`` (re-running on an edited article re-checks only the
paragraphs that changed). A cache hit never loads a grammar engine.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from .slip import Slip

FORMAT = 3   # bump when the stored slip layout changes


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The cached slips are already mapped and filtered: a change to the code that decides
    which slips survive (any module of this package) must miss the old entries."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def key(backend: str, version: str, signature: str, lang: str, text: str) -> str:
    h = hashlib.sha256()
    for part in (str(FORMAT), _code_digest(), backend, version, signature, lang, text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class SlipCache:
    def __init__(self, directory: str | os.PathLike | None, max_entries: int = 20000):
        self.directory = Path(directory) if directory else None
        self.max_entries = max_entries
        self._memory: OrderedDict[str, tuple[Slip, ...]] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, k: str) -> tuple[Slip, ...] | None:
        found = self._memory.get(k)
        if found is not None:
            self._memory.move_to_end(k)
            self.hits += 1
            return found
        if self.directory is not None:
            try:
                rows = json.loads((self.directory / k[:2] / f"{k}.json").read_text(encoding="utf-8"))
                found = tuple(Slip.from_list(r) for r in rows)
            except (OSError, ValueError, TypeError):
                found = None
            if found is not None:
                self._remember(k, found)
                self.hits += 1
                return found
        self.misses += 1
        return None

    def put(self, k: str, slips) -> None:
        slips = tuple(slips)
        self._remember(k, slips)
        if self.directory is None:
            return
        folder = self.directory / k[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Atomic: parallel workers may write the same paragraph.
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([s.to_list() for s in slips], fh, ensure_ascii=False)
            os.replace(tmp, folder / f"{k}.json")
        except OSError:
            pass  # a read-only tree still lints, only slower

    def _remember(self, k: str, slips: tuple[Slip, ...]) -> None:
        self._memory[k] = slips
        self._memory.move_to_end(k)
        while len(self._memory) > self.max_entries:
            self._memory.popitem(last=False)
