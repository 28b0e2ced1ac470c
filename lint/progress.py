"""A progress bar on stderr for long runs, and the closing summary's per-code line.

The bar appears only on a terminal, outside CI (``CI`` set), without ``--quiet``, and only
once a run has lasted a second (``--progress on`` forces it, ``off`` hides it). It shows
the share of input bytes done, documents, documents/s, findings and the time left.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from collections import Counter
from typing import TextIO

DELAY = 1.0       # seconds before the bar appears: short runs never flash one
REDRAW = 0.1      # seconds between redraws


def wanted(mode: str, quiet: bool, stream: TextIO) -> bool:
    if mode == "on":
        return True
    if mode == "off" or quiet or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Called once per finished piece of work: ``progress(nbytes, piece)``."""

    def __init__(self, enabled: bool, stream: TextIO | None = None, delay: float = DELAY):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.delay = delay
        self.total = 0
        self.done = 0
        self.documents = 0
        self.findings = 0
        self.fixed = 0
        self.start = time.perf_counter()
        self._drawn = False
        self._last = 0.0

    @classmethod
    def for_cli(cls, mode: str, quiet: bool, stream: TextIO | None = None) -> "Progress":
        """``--progress auto|on|off``: ``on`` draws at once, ``auto`` once a run has lasted DELAY."""
        stream = stream or sys.stderr
        return cls(wanted(mode, quiet, stream), stream, delay=0.0 if mode == "on" else DELAY)

    def begin(self, total_bytes: int) -> None:
        self.total = total_bytes
        self.start = time.perf_counter()

    def __call__(self, nbytes: int, piece) -> None:
        self.done += nbytes
        self.documents += piece.documents
        self.findings += len(piece.findings)
        self.fixed += piece.fixed
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.start >= self.delay and now - self._last >= REDRAW:
            self._last = now
            self._draw(now)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def line(self, now: float | None = None, width: int = 100) -> str:
        """The bar's text (without the carriage return), at most ``width`` characters."""
        spent = max(1e-9, (now or time.perf_counter()) - self.start)
        share = min(1.0, self.done / self.total) if self.total else 0.0
        rate = self.documents / spent
        if 0 < share < 1:
            eta = _clock(spent * (1 - share) / share)
        else:
            eta = "0:00" if share >= 1 else "--:--"
        stats = (f" {share:4.0%} {_mb(self.done)}/{_mb(self.total)} · {self.documents:,} docs · "
                 f"{rate:,.0f} docs/s · {self.findings:,} findings · ETA {eta}")
        room = width - len(stats) - 2
        if room >= 10:
            bar_w = min(30, room)
            full = int(share * bar_w)
            return "[" + "#" * full + "-" * (bar_w - full) + "]" + stats
        return stats.strip()[:width]

    def _draw(self, now: float) -> None:
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r" + self.line(now, width).ljust(width) + "\r")
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            width = shutil.get_terminal_size((100, 20)).columns - 1
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._drawn = False

    def write(self, text: str) -> None:
        """Print a message (a note, an error) without tearing the bar."""
        self.clear()
        self.stream.write(text)

    def close(self) -> None:
        self.clear()


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e5 else f"{n / 1e3:,.0f} kB"


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def by_code(counts: Counter, limit: int = 12) -> str:
    """'CL101 1,204 · CL303 12 · …': the closing summary's findings per code, most frequent first."""
    top = counts.most_common(limit)
    text = " · ".join(f"{code} {n:,}" for code, n in top)
    rest = len(counts) - len(top)
    return text + (f" · {rest} more code{'s' * (rest != 1)}" if rest > 0 else "")
