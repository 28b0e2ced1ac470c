"""Lints (and fixes) many files: in parallel on all cores, with the results cache.

Each file is one task; a task never raises: what goes wrong is an error string in its
result, named with the file (and record), and the other files go on.
"""
from __future__ import annotations

import difflib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from . import cache
from .engine import RuleCrash
from .jsonl import RecordError, parse_record
from .linter import Linter
from .located import located
from .settings import Settings
from .sources import SourceError, Target, atomic_write, fingerprint, kind_of, read_bytes
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
    res = FileResult(target.path)
    try:
        data = read_bytes(target.path)
        stamp = fingerprint(target.path)
    except (SourceError, OSError) as exc:
        res.errors.append(str(exc))
        return res
    if looks_binary(data):
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
        new_text = _text(decoded.text, path, linter, job, res, markdown=kind == "markdown")
    if job.mode == "check" and job.use_cache and not res.errors:
        cache.put(croot, ckey, {"findings": [{k: v for k, v in f.items() if k != "filename"} for f in res.findings],
                                "errors": [], "documents": res.documents})
    if new_text is None or new_text == decoded.text:
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


def _text(text: str, path: str, linter: Linter, job: Job, res: FileResult, markdown: bool) -> str | None:
    res.documents = 1
    if job.mode == "check":
        doc, found = linter.check_text(text, path=path, markdown=markdown)
        res.findings = [located(f, doc, path) for f in found]
        return None
    outcome = linter.fix_text(text, unsafe=job.unsafe, path=path, markdown=markdown)
    doc = linter.document(Normalised.of(outcome.text).text, path=path, markdown=markdown)
    res.findings = [located(f, doc, path) for f in outcome.remaining]
    res.fixed = outcome.applied
    res.unconverged = 0 if outcome.converged else 1
    return outcome.text


def _jsonl(text: str, path: str, linter: Linter, settings: Settings, job: Job, res: FileResult) -> str | None:
    out: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        brk = line[len(body):]
        if not body.strip():
            out.append(line)
            continue
        try:
            rec = parse_record(number, body, settings.text_field, settings.id_field)
        except RecordError as exc:
            res.errors.append(f"{path}:{number}: record {number}: {exc}")
            out.append(line)
            continue
        res.documents += 1
        if job.mode == "check":
            doc, found = linter.check_text(rec.text, path=path, record=number, doc_id=rec.doc_id)
            res.findings += [located(f, doc, path) for f in found]
            continue
        outcome = linter.fix_text(rec.text, unsafe=job.unsafe, path=path, record=number, doc_id=rec.doc_id)
        doc = linter.document(Normalised.of(outcome.text).text, path=path, record=number, doc_id=rec.doc_id)
        res.findings += [located(f, doc, path) for f in outcome.remaining]
        res.fixed += outcome.applied
        res.unconverged += 0 if outcome.converged else 1
        out.append((rec.with_text(outcome.text) if outcome.text != rec.text else body) + brk)
    return None if job.mode == "check" else "".join(out)


def process_stdin(text: str, path: str, settings: Settings, job: Job) -> tuple[FileResult, str]:
    """Lint text read from stdin; returns the result and the (possibly fixed) text."""
    res = FileResult(path)
    linter = Linter.for_path(settings, path)
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            new = _jsonl(text, path, linter, settings, job, res)
        else:
            new = _text(text, path, linter, job, res, markdown=kind == "markdown")
    except RuleCrash as exc:
        res.errors.append(str(exc))
        return res, text
    new = text if new is None else new
    if job.mode == "diff" and new != text:
        res.changed = True
        res.diff = "".join(difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True),
                                                fromfile=f"a/{path}", tofile=f"b/{path}"))
    res.changed = new != text
    return res, new


def _work(args):
    return process(*args)


def run(targets: list[Target], job: Job, jobs: int | None = None) -> list[FileResult]:
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(targets) <= 1:
        return [process(t, job) for t in targets]
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, len(targets) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=min(jobs, len(targets)), mp_context=ctx) as pool:
        return list(pool.map(_work, [(t, job) for t in targets], chunksize=chunk))
