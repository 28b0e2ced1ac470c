"""Lints (and fixes) many files: in parallel on all cores, with the results cache.

A text file is one task. A JSONL corpus is streamed: cut into line-aligned byte ranges
(``stream.chunks``) that workers read and lint themselves, so one large file keeps every
core busy and memory stays bounded whatever its size. Results come back in file order,
as they are ready (``results``); a corpus being fixed is written chunk by chunk to a
temporary file that replaces it atomically at the end (or goes to ``--output``).

A task never raises: what goes wrong is an error string in its result, named with the
file (and record), and the other files go on.
"""
from __future__ import annotations

import difflib
import itertools
import multiprocessing
import os
import stat
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterator

from . import cache
from .corpus import ChunkResult, lint_chunk, lint_text_lines
from .engine import RuleCrash
from .linter import Linter
from .located import located
from .settings import Settings
from .sources import SourceError, Target, atomic_write, kind_of, read_source
from .stream import CorpusWriter, chunks, head, line_encoding, read_chunk, streamable
from .textcodec import DecodeError, Normalised, decode, looks_binary


@dataclass(frozen=True)
class Job:
    mode: str = "check"          # check | fix | diff
    unsafe: bool = False
    encoding: str | None = None
    use_cache: bool = True
    cache_dir: str | None = None
    output: str | None = None    # fix: write the fixed file here instead of in place


@dataclass
class FileResult:
    path: str
    findings: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    fixed: int = 0
    changed: bool = False
    diff: str = ""
    documents: int = 0
    unconverged: int = 0


def process(target: Target, job: Job) -> FileResult:
    """One file, linted (and fixed) in this process; a JSONL corpus is still streamed."""
    return run([target], job, jobs=1)[0]


def _process_whole(target: Target, job: Job) -> FileResult:
    """One file read whole: text, Markdown, and JSONL that cannot be cut at b"\n" (UTF-16)."""
    res = FileResult(target.path)
    try:
        data, stamp = read_source(target.path)
    except (SourceError, OSError) as exc:
        res.errors.append(str(exc))
        return res
    if looks_binary(data, job.encoding):
        res.notices.append(f"{target.path}: binary file skipped")
        return res
    try:
        _process_bytes(target, job, data, res, stamp)
    except (SourceError, DecodeError, RuleCrash) as exc:
        msg = str(exc)
        res.errors.append(msg if msg.startswith(target.path) else f"{target.path}: {msg}")
        res.findings, res.changed, res.diff = [], False, ""
    return res


def _process_bytes(target: Target, job: Job, data: bytes, res: FileResult, stamp) -> None:
    settings, path = target.settings, target.path
    kind = kind_of(path)
    linter = Linter.for_path(settings, path)
    croot = cache.cache_root(settings.root, job.cache_dir)
    ckey = cache.key(data, settings.fingerprint(), ",".join(linter.codes), kind, job.encoding or "")
    if job.mode == "check" and job.use_cache:
        hit = cache.get(croot, ckey)
        if hit is not None:
            res.findings = [{"filename": path, **f} for f in hit["findings"]]
            res.errors = [e.replace("\x00", path) for e in hit["errors"]]
            res.documents = hit["documents"]
            return
    decoded = decode(data, job.encoding)
    if kind == "jsonl":
        new_text = _jsonl(decoded.text, path, linter, settings, job, res)
    else:
        new_text = _text(decoded.text, path, linter, job, res, markdown=True if kind == "markdown" else None)
    if job.mode == "check" and job.use_cache and not res.errors:
        cache.put(croot, ckey, {"findings": [{k: v for k, v in f.items() if k != "filename"} for f in res.findings],
                                "errors": [], "documents": res.documents})
    if new_text is None or new_text == decoded.text:
        if job.mode == "fix" and job.output:  # --output always receives the file, fixed or not
            atomic_write_new(job.output, data)
        return
    res.changed = True
    if job.mode == "diff":
        res.diff = "".join(difflib.unified_diff(
            decoded.text.splitlines(keepends=True), new_text.splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}"))
    elif job.mode == "fix":
        out = decoded.encode(new_text)
        if job.output:
            atomic_write_new(job.output, out)
        else:
            atomic_write(path, out, expect=stamp)


def atomic_write_new(path: str, data: bytes) -> None:
    if not os.path.exists(path):
        open(path, "xb").close()
    atomic_write(path, data)


def _text(text: str, path: str, linter: Linter, job: Job, res: FileResult, markdown: bool | None) -> str | None:
    res.documents = 1
    if job.mode == "check":
        doc, found = linter.check_text(text, path=path, markdown=markdown)
        res.findings = [located(f, doc, path) for f in found]
        return None
    outcome = linter.fix_text(text, unsafe=job.unsafe, path=path, markdown=markdown)
    doc = linter.document(Normalised.of(outcome.text).text, path=path, markdown=outcome.markdown)
    res.findings = [located(f, doc, path) for f in outcome.remaining]
    res.fixed = outcome.applied
    res.unconverged = 0 if outcome.converged else 1
    return outcome.text


def _jsonl(text: str, path: str, linter: Linter, settings: Settings, job: Job, res: FileResult) -> str | None:
    part, new = lint_text_lines(Target(path, settings), job, text)
    absorb(res, _piece(part))
    return None if job.mode == "check" else new


def process_stdin(text: str, path: str, settings: Settings, job: Job) -> tuple[FileResult, str]:
    """Lint text read from stdin; returns the result and the (possibly fixed) text."""
    res = FileResult(path)
    linter = Linter.for_path(settings, path)
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            new = _jsonl(text, path, linter, settings, job, res)
        else:
            new = _text(text, path, linter, job, res, markdown=True if kind == "markdown" else None)
    except (RuleCrash, DecodeError) as exc:
        res.errors.append(str(exc))
        return res, text
    new = text if new is None else new
    if job.mode == "diff" and new != text:
        res.changed = True
        res.diff = "".join(difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True),
                                                fromfile=f"a/{path}", tofile=f"b/{path}"))
    res.changed = new != text
    return res, new


# -- scheduling: files and corpus chunks, in order, on all cores -------------------------

Step = tuple  # ("file", target, weight) | ("open" | "close", target) | ("chunk", target, Chunk) | ("fail", target, msg)
WINDOW_PER_JOB = 3  # tasks in flight per worker: every core stays busy, little waits in memory


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _streams(target: Target, job: Job) -> bool:
    """Is this a JSONL corpus that can be cut into byte ranges (regular file, line-wise codec)?"""
    if kind_of(target.path) != "jsonl" or line_encoding(job.encoding) is None:
        return False
    try:
        if not stat.S_ISREG(os.stat(target.path).st_mode):
            return False  # FIFOs and the like: the whole-file path reports them
        first = head(target.path)
    except (SourceError, OSError):
        return False
    return not looks_binary(first, job.encoding) and streamable(first, job.encoding)


def _plan(targets: list[Target], job: Job) -> Iterator[Step]:
    for t in targets:
        if not _streams(t, job):
            yield ("file", t, _file_size(t.path))
            continue
        yield ("open", t)
        try:
            for c in chunks(t.path):
                yield ("chunk", t, c)
        except SourceError as exc:
            yield ("fail", t, str(exc))
        yield ("close", t)


def _work(kind: str, target: Target, job: Job, payload):
    if kind == "file":
        return _process_whole(target, job)
    try:
        return lint_chunk(target, job, payload, line_encoding(job.encoding))
    except OSError as exc:  # the file shrank or vanished under us
        return ChunkResult(target.path, payload.index, errors=[str(exc)], crashed=True)


def _piece(part: ChunkResult) -> FileResult:
    return FileResult(part.path, findings=part.findings, errors=part.errors, notices=part.notices,
                      documents=part.documents, fixed=part.fixed, unconverged=part.unconverged)


def absorb(into: FileResult, piece: FileResult) -> None:
    into.findings += piece.findings
    into.errors += piece.errors
    into.notices += piece.notices
    into.fixed += piece.fixed
    into.documents += piece.documents
    into.unconverged += piece.unconverged
    into.changed = into.changed or piece.changed
    into.diff += piece.diff


@dataclass
class _Corpus:
    """What the parent knows of a corpus while its chunks come back."""
    writer: CorpusWriter | None = None
    failed: bool = False     # a rule crashed or reading failed: the file is not rewritten
    changed: bool = False
    diffed: bool = False


class _Assembly:
    """Turns step results, in plan order, into FileResult pieces; writes fixed corpora."""

    def __init__(self, job: Job, on_done: Callable[[int, FileResult], None] | None):
        self.job, self.on_done = job, on_done
        self.open: dict[str, _Corpus] = {}

    def handle(self, step: Step, result) -> Iterator[FileResult]:
        kind, path = step[0], step[1].path
        if kind == "file":
            yield self._tick(step[2], result)
        elif kind == "open":
            corpus = self.open[path] = _Corpus()
            if self.job.mode == "fix":
                try:
                    corpus.writer = CorpusWriter(path, self.job.output)
                except SourceError as exc:
                    corpus.failed = True
                    yield FileResult(path, errors=[str(exc)])
        elif kind == "chunk":
            yield self._tick(step[2].weight, self._chunk(self.open[path], step[2], result))
        elif kind == "fail":
            self.open[path].failed = True
            yield FileResult(path, errors=[step[2]])
        else:
            yield self._close(path, self.open.pop(path))

    def _chunk(self, corpus: _Corpus, chunk, part: ChunkResult) -> FileResult:
        piece = _piece(part)
        if part.crashed:
            corpus.failed = True
        elif corpus.writer is not None and not corpus.failed:
            corpus.writer.write(part.out if part.out is not None else read_chunk(chunk))
        if part.out is not None:
            corpus.changed = True
        if part.diff:
            head_ = "" if corpus.diffed else f"--- a/{part.path}\n+++ b/{part.path}\n"
            piece.diff, piece.changed, corpus.diffed = head_ + part.diff, True, True
        return piece

    def _close(self, path: str, corpus: _Corpus) -> FileResult:
        piece = FileResult(path, changed=corpus.changed and not corpus.failed)
        w = corpus.writer
        if w is not None:
            if corpus.failed or (w.in_place and not corpus.changed):
                w.discard()  # nothing to write: the file keeps its bytes and its mtime
            else:
                try:
                    w.commit()
                except SourceError as exc:
                    piece.errors.append(str(exc))
                    piece.changed = False
        return piece

    def _tick(self, weight: int, piece: FileResult) -> FileResult:
        if self.on_done is not None:
            self.on_done(weight, piece)
        return piece

    def abandon(self) -> None:
        for corpus in self.open.values():
            if corpus.writer is not None:
                corpus.writer.discard()
        self.open.clear()


def results(targets: list[Target], job: Job, jobs: int | None = None,
            on_done: Callable[[int, FileResult], None] | None = None) -> Iterator[FileResult]:
    """Results as they are ready, in target order; a corpus yields one piece per chunk.

    ``on_done(nbytes, piece)`` is called for each piece with the bytes of input it covers
    (for a progress bar). Pieces of one path add up (see ``run``).
    """
    jobs = jobs or os.cpu_count() or 1
    steps = _plan(targets, job)
    ahead, work = [], 0
    for step in steps:  # peek: a single task is run here, without a pool
        ahead.append(step)
        work += step[0] in ("file", "chunk")
        if work >= 2:
            break
    steps = itertools.chain(ahead, steps)
    assembly = _Assembly(job, on_done)
    try:
        if jobs <= 1 or work < 2:
            for step in steps:
                done = _work(step[0], step[1], job, step[2]) if step[0] in ("file", "chunk") else None
                yield from assembly.handle(step, done)
            return
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        try:
            window: deque = deque()
            busy = 0
            for step in steps:
                fut = pool.submit(_work, step[0], step[1], job, step[2]) if step[0] in ("file", "chunk") else None
                window.append((step, fut))
                busy += fut is not None
                while busy >= jobs * WINDOW_PER_JOB:
                    done_step, fut = window.popleft()
                    busy -= fut is not None
                    yield from assembly.handle(done_step, fut.result() if fut else None)
            while window:
                done_step, fut = window.popleft()
                yield from assembly.handle(done_step, fut.result() if fut else None)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        assembly.abandon()


def run(targets: list[Target], job: Job, jobs: int | None = None) -> list[FileResult]:
    """Every target's whole result, in target order (holds every finding: see ``results``)."""
    merged: dict[str, FileResult] = {}
    for piece in results(targets, job, jobs):
        if piece.path in merged:
            absorb(merged[piece.path], piece)
        else:
            merged[piece.path] = piece
    return [merged[t.path] for t in targets]
