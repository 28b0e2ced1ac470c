"""JSONL corpora as a stream of byte ranges: read without holding the file, write atomically.

A large corpus is cut into chunks of about ``CHUNK_BYTES`` that end on a line break, so
records never straddle two chunks. The reader counts line breaks as it goes, so every chunk
knows the number of its first record. Workers get the chunk's byte range and read it
themselves (``read_chunk``); only gzip-compressed corpora, which cannot be read from the
middle, ship the decompressed bytes with the chunk.
"""
from __future__ import annotations

import codecs
import gzip
import os
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .sources import SourceError, temp_name

CHUNK_BYTES = 1 << 20       # ~1 MiB: many tasks per core (balance), little memory in flight
GZIP_LEVEL = 6              # gzip's own default: level 9 costs 3x the time for ~1% of size
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Chunk:
    path: str
    index: int              # 0-based position in its file
    start: int              # byte offset of the chunk (in the decompressed stream for .gz)
    end: int
    first_record: int       # 1-based line number of the chunk's first line
    weight: int             # bytes of the file on disk this chunk accounts for (progress)
    data: bytes | None = None  # only for .gz: the decompressed bytes


def is_gzip(path: str) -> bool:
    return path.lower().endswith(".gz")


def open_source(path: str) -> BinaryIO:
    try:
        return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None


def head(path: str, n: int = 8192) -> bytes:
    """The first ``n`` (decompressed) bytes."""
    with open_source(path) as fh:
        try:
            return fh.read(n)
        except (OSError, EOFError) as exc:
            raise SourceError(f"{path}: not a valid gzip file: {exc}") from None


def line_encoding(encoding: str | None) -> str | None:
    """The codec to decode single lines with, or None when lines cannot be cut at b'\\n' bytes."""
    enc = encoding or "utf-8"
    try:
        name = codecs.lookup(enc).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    if name.startswith("utf-8"):
        return "utf-8"
    try:
        ok = '\n{}":,\\ '.encode(name) == b'\n{}":,\\ '
    except UnicodeError:
        ok = False
    return name if ok else None


def streamable(first_bytes: bytes, encoding: str | None) -> bool:
    """Can the file be cut into line-aligned byte ranges and decoded line by line?"""
    if line_encoding(encoding) is None:
        return False
    return not any(first_bytes.startswith(b) for b in _UTF16_32_BOMS)


def chunk_bytes() -> int:
    """The chunk size: ``CORPUSLINT_CHUNK_BYTES`` if set (tuning, tests), else ``CHUNK_BYTES``."""
    try:
        return max(1, int(os.environ.get("CORPUSLINT_CHUNK_BYTES", "")))
    except ValueError:
        return CHUNK_BYTES


def chunks(path: str, size: int | None = None) -> Iterator[Chunk]:
    """Line-aligned chunks of ``path``, in order. Reads the file once, sequentially."""
    size = size or chunk_bytes()
    gz = is_gzip(path)
    with open_source(path) as fh:
        raw = fh.fileobj if gz else fh
        pos, record, index, carry, consumed = 0, 1, 0, b"", 0
        while True:
            try:
                block = fh.read(size)
            except (OSError, EOFError) as exc:
                raise SourceError(f"{path}: not a valid gzip file: {exc}") from None
            buf = carry + block if carry else block
            if block:
                cut = buf.rfind(b"\n") + 1
                if cut == 0:  # one line longer than a chunk: read on
                    carry = buf
                    continue
                piece, carry = buf[:cut], buf[cut:]
            else:  # end of file: the last line may lack its break
                if not buf:
                    return
                piece, carry = buf, b""
            now = raw.tell()
            yield Chunk(path, index, pos, pos + len(piece), record, now - consumed, piece if gz else None)
            consumed = now
            pos += len(piece)
            record += piece.count(b"\n")
            index += 1
            if not block:
                return


def read_chunk(chunk: Chunk) -> bytes:
    if chunk.data is not None:
        return chunk.data
    want = chunk.end - chunk.start
    parts, got = [], 0
    try:
        with open(chunk.path, "rb") as fh:
            while got < want:
                part = os.pread(fh.fileno(), want - got, chunk.start + got)
                if not part:
                    raise SourceError(f"{chunk.path}: changed while being linted; not fixed (it shrank)")
                parts.append(part)
                got += len(part)
    except OSError as exc:
        if isinstance(exc, SourceError):
            raise
        raise SourceError(f"{chunk.path}: cannot read: {exc.strerror or exc}") from None
    return parts[0] if len(parts) == 1 else b"".join(parts)


class CorpusWriter:
    """Writes a fixed corpus to a temporary file beside its destination, as the chunks come.

    ``commit`` renames it over the destination in one atomic step; ``discard`` removes it.
    In place (through symlinks), the source must not have changed since it was opened
    (size, mtime, inode, device) and must be writable. The destination is gzip-compressed
    when its name ends in ``.gz``. The temporary file is named like every corpuslint
    temporary file, so that one left by a killed run is swept by the next run.
    """

    def __init__(self, source: str, dest: str | None = None):
        self.source = source
        self.in_place = dest is None or os.path.realpath(dest) == os.path.realpath(source)
        self.dest = os.path.realpath(source) if self.in_place else dest
        try:
            st = os.stat(source)
        except OSError as exc:
            raise SourceError(f"{source}: cannot stat: {exc.strerror}") from None
        if self.in_place and (not st.st_mode & 0o222 or not os.access(self.dest, os.W_OK)):
            raise SourceError(f"{source}: file is read-only; not fixed")
        self.mode = st.st_mode & 0o7777
        self.expect = _stat_key(st)
        folder = os.path.dirname(os.path.abspath(self.dest))
        self.tmp = os.path.join(folder, temp_name())
        try:
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as exc:
            raise SourceError(f"{self.dest}: cannot write in {folder}: {exc.strerror}") from None
        self._file = os.fdopen(fd, "wb")
        self._out: BinaryIO = (gzip.GzipFile(fileobj=self._file, mode="wb", compresslevel=GZIP_LEVEL, mtime=0)
                               if is_gzip(self.dest) else self._file)

    def write(self, data: bytes) -> None:
        self._out.write(data)

    def commit(self) -> None:
        try:
            if self._out is not self._file:
                self._out.close()
            self._file.flush()
            os.fchmod(self._file.fileno(), self.mode)
            os.fsync(self._file.fileno())
            self._file.close()
            if self.in_place:
                try:
                    now = _stat_key(os.stat(self.dest))
                except FileNotFoundError:
                    raise SourceError(f"{self.source}: deleted while being linted; not fixed") from None
                if now != self.expect:
                    raise SourceError(f"{self.source}: changed while being linted; not fixed")
            os.replace(self.tmp, self.dest)
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError) and not isinstance(exc, SourceError):
                raise SourceError(f"{self.dest}: cannot write: {exc.strerror or exc}; not fixed") from None
            raise

    def discard(self) -> None:
        try:
            if self._out is not self._file:
                self._out.close()
            self._file.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev
