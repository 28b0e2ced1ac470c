"""The records of one JSONL chunk: linted, fixed, and written back byte for byte.

Lines are cut at ``\\n`` bytes only (as JSON Lines defines them, so a raw U+2028 inside a
string does not split a record) and decoded one by one: a line that is not valid JSON, has
no text field, or is not valid in the file's encoding is reported with its record number
and kept exactly as it was. A record whose text is unchanged keeps its original bytes.
"""
from __future__ import annotations

import codecs
import difflib
import re
from dataclasses import dataclass, field

from . import cache
from .engine import RuleCrash
from .jsonl import RecordError, parse_record
from .linter import Linter
from .located import located
from .settings import Settings
from .sources import Target
from .stream import Chunk, read_chunk
from .textcodec import DecodeError, Normalised

_BOM = codecs.BOM_UTF8
_HUNK = re.compile(r"^@@ -(\d+)((?:,\d+)?) \+(\d+)((?:,\d+)?) @@", re.M)


@dataclass
class ChunkResult:
    path: str
    index: int = 0
    findings: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    documents: int = 0
    fixed: int = 0
    unconverged: int = 0
    out: bytes | None = None   # fix/diff: the chunk's new bytes, None when no record changed
    diff: str = ""             # diff: hunks only (the file header is the caller's), rows of the file
    crashed: bool = False      # a rule raised: the file must not be rewritten


class Records:
    """Lints and fixes records one line at a time, collecting into a ChunkResult."""

    def __init__(self, target: Target, job, res: ChunkResult):
        self.path, self.job, self.res = target.path, job, res
        self.settings: Settings = target.settings
        self.linter = Linter.for_path(self.settings, target.path)

    def record(self, number: int, body: str) -> str | None:
        """Lint one line (without its break); returns the new line in fix/diff mode if it changed."""
        if not body.strip():
            return None
        try:
            rec = parse_record(number, body, self.settings.text_field, self.settings.id_field)
        except RecordError as exc:
            self.error(number, str(exc))
            return None
        res, linter, path = self.res, self.linter, self.path
        for key in rec.duplicate_keys:  # JSON readers disagree on which value wins: say so, lint on
            res.notices.append(f"{path}:{number}: record {number}: duplicate key {key!r} (the last value is kept)")
        res.documents += 1
        if self.job.mode == "check":
            doc, found = linter.check_text(rec.text, path=path, record=number, doc_id=rec.doc_id)
            if found:
                res.findings += [located(f, doc, path) for f in found]
            return None
        try:
            outcome = linter.fix_text(rec.text, unsafe=self.job.unsafe, path=path, record=number, doc_id=rec.doc_id)
        except DecodeError as exc:  # a fix that cannot be written back faithfully: keep the record
            self.error(number, f"{exc}; record kept as is")
            return None
        if outcome.remaining:
            doc = linter.document(Normalised.of(outcome.text).text, path=path, record=number, doc_id=rec.doc_id,
                                  markdown=outcome.markdown, lang=outcome.lang)
            res.findings += [located(f, doc, path) for f in outcome.remaining]
        res.fixed += outcome.applied
        res.unconverged += 0 if outcome.converged else 1
        return rec.with_text(outcome.text) if outcome.text != rec.text else None

    def error(self, number: int, message: str) -> None:
        self.res.errors.append(f"{self.path}:{number}: record {number}: {message}")


def lint_chunk(target: Target, job, chunk: Chunk, encoding: str) -> ChunkResult:
    """Lint the records of ``chunk`` (decoded line by line with ``encoding``); never raises RuleCrash."""
    res = ChunkResult(target.path, chunk.index)
    data = read_chunk(chunk)
    use_cache = job.mode == "check" and job.use_cache
    if use_cache:
        linter = Linter.for_path(target.settings, target.path)
        croot = cache.cache_root(target.settings.root, job.cache_dir)
        ckey = cache.key(data, target.settings.fingerprint(), ",".join(linter.codes), "jsonl-chunk",
                         encoding, str(chunk.first_record), str(chunk.start))
        hit = cache.get(croot, ckey)
        if hit is not None:
            path = target.path
            res.findings = [{"filename": path, **f} for f in hit["findings"]]
            res.errors = [e.replace("\x00", path) for e in hit["errors"]]
            res.documents = hit["documents"]
            return res
    try:
        _lint_lines(target, job, chunk, data, encoding, res)
    except RuleCrash as exc:
        msg = str(exc)
        return ChunkResult(target.path, chunk.index, errors=[msg if msg.startswith(target.path) else
                                                             f"{target.path}: {msg}"], crashed=True)
    if use_cache:
        path = target.path
        cache.put(croot, ckey, {"findings": [{k: v for k, v in f.items() if k != "filename"} for f in res.findings],
                                "errors": [e.replace(path, "\x00", 1) for e in res.errors],
                                "documents": res.documents})
    return res


def _lint_lines(target: Target, job, chunk: Chunk, data: bytes, encoding: str, res: ChunkResult) -> None:
    records = Records(target, job, res)
    fixing = job.mode != "check"
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the chunk ends with a break: nothing after it
    changed: dict[int, bytes] = {}
    offset = chunk.start
    for i, raw in enumerate(lines):
        number = chunk.first_record + i
        body_bytes = raw[:-1] if raw.endswith(b"\r") else raw
        bom = b""
        if offset == 0 and body_bytes.startswith(_BOM) and encoding == "utf-8":
            bom, body_bytes = _BOM, body_bytes[len(_BOM):]
        try:
            body = body_bytes.decode(encoding)
        except UnicodeDecodeError as exc:
            bad = body_bytes[exc.start:exc.start + 4].hex(" ")
            records.error(number, f"not valid {encoding}: byte(s) {bad} at offset {offset + len(bom) + exc.start}")
            offset += len(raw) + 1
            continue
        new = records.record(number, body)
        if fixing and new is not None:
            try:
                changed[i] = bom + new.encode(encoding) + raw[len(bom) + len(body_bytes):]
            except UnicodeEncodeError as exc:
                records.error(number, f"the fixed text cannot be written in {encoding} ({exc.reason}); kept as is")
        offset += len(raw) + 1
    if not changed:
        return
    has_break = data.endswith(b"\n")
    new_lines = [changed.get(i, raw) for i, raw in enumerate(lines)]
    res.out = b"\n".join(new_lines) + (b"\n" if has_break else b"")
    if job.mode == "diff":
        res.diff = hunks(lines, new_lines, chunk.first_record, encoding)


def hunks(old: list[bytes], new: list[bytes], first_record: int, encoding: str) -> str:
    """Unified-diff hunks of one chunk, numbered as rows of the whole file."""
    a = [ln.decode(encoding, "replace") + "\n" for ln in old]
    b = [ln.decode(encoding, "replace") + "\n" for ln in new]
    body = "".join(list(difflib.unified_diff(a, b, n=3))[2:])  # drop the ---/+++ header
    shift = first_record - 1
    if not shift:
        return body
    return _HUNK.sub(lambda m: f"@@ -{int(m[1]) + shift}{m[2]} +{int(m[3]) + shift}{m[4]} @@", body)


def lint_text_lines(target: Target, job, text: str) -> tuple[ChunkResult, str]:
    """A whole JSONL text already decoded (stdin, UTF-16 files): returns the result and the new text."""
    res = ChunkResult(target.path)
    records = Records(target, job, res)
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        body = line[:-1] if line.endswith("\r") else line
        new = records.record(number, body)
        out.append(line if new is None else new + line[len(body):])
    return res, "\n".join(out)
