"""Where texts come from and go back to: file discovery, reading, crash-safe writing.

Kinds: plain text (.txt and anything else given explicitly), Markdown (.md, .markdown),
JSONL corpora (.jsonl, .jsonl.gz: one document per line).

Writing never leaves a half-written file: the new bytes go to a temporary file in the same
folder, are flushed to disk, and only then renamed over the original (one atomic step). On
Linux the temporary file has no name until that last moment (O_TMPFILE); a temporary file
that a killed run left behind is named ``.corpuslint-<pid>-<token>.tmp`` and is removed by
the next run that walks or writes that folder once process <pid> is gone.
"""
from __future__ import annotations

import ctypes
import errno
import gzip
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from .settings import Overrides, Settings, settings_for

TEMP_PREFIX = ".corpuslint-"
_TEMP_NAME = re.compile(r"^\.corpuslint-(\d+)-[0-9a-f]+\.tmp$")


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


# -- discovery ------------------------------------------------------------------------

def discover(paths: list[str], overrides: Overrides) -> list[Target]:
    """Expand files and folders (recursively, include/exclude globs) into lint targets.

    Files named explicitly are always linted (like ruff), folders are filtered. A named path
    that is missing, a symlink loop or not a regular file is still a target: reading it
    fails with an error naming it, and the other files go on. In folders, symlinks to
    folders are not followed, broken links and special files (FIFOs, sockets) are skipped.
    """
    out: list[Target] = []
    seen: set[str] = set()
    for raw in paths:
        if not os.path.isdir(raw):
            key = os.path.realpath(raw)
            if key not in seen:
                seen.add(key)
                out.append(Target(raw, settings_for(raw, overrides)))
            continue
        for folder, here, files, unlisted in _walk(raw, overrides):
            for name in files:
                fp = Path(folder) / name
                if name not in unlisted and (here.is_excluded(Path(name)) or not here.is_included(fp)):
                    continue
                key = os.path.realpath(fp)
                if key not in seen:
                    seen.add(key)
                    out.append(Target(str(fp), here))
    return out


def _walk(top: str, overrides: Overrides):
    """(folder, settings, sorted regular-file names, unlisted) for ``top`` and its subfolders.

    Like os.walk(followlinks=False) but with scandir's file types, so that special files
    are skipped without a stat each. A folder that cannot be listed is yielded as a file
    name of its parent: reading it then fails with an error naming it (os.walk would skip
    it silently, and its texts would go unlinted without a word).
    """
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            # Unreadable: passed on as a "file", so that reading it reports the folder.
            parent, name = os.path.split(folder)
            yield parent, settings_for(os.path.join(parent, "_"), overrides), [name], {name}
            continue
        here = settings_for(os.path.join(folder, "_"), overrides)
        files, dirs, names = [], [], []
        for e in entries:
            names.append(e.name)
            try:
                if e.is_dir(follow_symlinks=False):
                    if not here.is_excluded(Path(e.name)):
                        dirs.append(e.name)
                elif e.is_file(follow_symlinks=True):  # a link to a file counts, a broken one does not
                    files.append(e.name)
            except OSError:  # a symlink loop: e.is_file() cannot tell
                continue
        sweep_stale_temps(folder, names)
        yield folder, here, sorted(files), set()
        stack.extend(os.path.join(folder, d) for d in sorted(dirs, reverse=True))


# -- reading --------------------------------------------------------------------------

@dataclass(frozen=True)
class Stamp:
    """What a file was when it was read: checked again just before it is replaced."""

    size: int
    mtime_ns: int
    ino: int
    dev: int
    digest: bytes  # of the bytes on disk (compressed, for .gz)

    def same_stat(self, st: os.stat_result) -> bool:
        return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) == (self.size, self.mtime_ns, self.ino, self.dev)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _read_raw(path: str) -> tuple[bytes, Stamp]:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as exc:
        if os.path.isdir(path):  # a folder a walk could not list (see _walk)
            raise SourceError(f"{path}: cannot list folder: {_describe(exc)}") from None
        raise SourceError(f"{path}: cannot read: {_describe(exc)}") from None
    with os.fdopen(fd, "rb") as fh:
        try:
            for _ in range(3):  # a file being written to while we read: try again, then give up
                before = os.fstat(fd)
                if stat.S_ISDIR(before.st_mode):
                    raise SourceError(f"{path}: is a directory")
                if not stat.S_ISREG(before.st_mode):
                    raise SourceError(f"{path}: not a regular file (a FIFO, socket or device); skipped")
                fh.seek(0)
                data = fh.read()
                after = os.fstat(fd)
                if before.st_size == after.st_size == len(data) and before.st_mtime_ns == after.st_mtime_ns:
                    return data, Stamp(after.st_size, after.st_mtime_ns, after.st_ino, after.st_dev, _digest(data))
        except OSError as exc:
            if isinstance(exc, SourceError):
                raise
            raise SourceError(f"{path}: cannot read: {_describe(exc)}") from None
    raise SourceError(f"{path}: kept changing while being read; skipped")


def read_source(path: str) -> tuple[bytes, Stamp]:
    """The file's content (decompressed for .gz) and the stamp to pass to ``atomic_write``."""
    raw, stamp = _read_raw(path)
    if path.lower().endswith(".gz"):
        try:
            return gzip.decompress(raw), stamp
        except (OSError, EOFError) as exc:
            raise SourceError(f"{path}: not a valid gzip file: {exc}") from None
    return raw, stamp


def read_bytes(path: str) -> bytes:
    return read_source(path)[0]


def fingerprint(path: str) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


# -- writing --------------------------------------------------------------------------

def atomic_write(path: str, data: bytes, expect: Stamp | tuple[int, int, int] | None = None) -> None:
    """Replace ``path`` (through symlinks) with ``data`` in one atomic rename, or not at all.

    ``expect`` is what the file was when it was read (a Stamp from ``read_source``, or a
    ``fingerprint`` tuple): if the file changed or vanished meanwhile, nothing is written.
    Read-only files are refused, even for root. Permission bits (and, for root, owner) are
    kept. Every failure is a SourceError naming the file; the original is then untouched.
    """
    if path.lower().endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        raise SourceError(f"{path}: deleted while being linted; not fixed" if expect
                          else f"{path}: no such file or directory") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot stat: {_describe(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(f"{path}: not a regular file; not fixed")
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise SourceError(f"{path}: file is read-only; not fixed")
    folder = os.path.dirname(real)
    _sweep_once(folder)
    try:
        dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SourceError(f"{path}: cannot open its folder: {_describe(exc)}; not fixed") from None
    tmp_name = None
    try:
        fd, tmp_name = _temp_file(dir_fd)
        try:
            _write_all(fd, data)
            os.fchmod(fd, st.st_mode & 0o7777)
            if os.geteuid() == 0 and (st.st_uid, st.st_gid) != (os.fstat(fd).st_uid, os.fstat(fd).st_gid):
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except OSError:
                    pass
            os.fsync(fd)
            _check_unchanged(path, real, expect)
            if tmp_name is None:  # an unnamed O_TMPFILE: give it a name only now
                tmp_name = _link_unnamed(fd, dir_fd)
        finally:
            os.close(fd)
        if tmp_name is None:
            raise SourceError(f"{path}: could not name the temporary file; not fixed")
        os.replace(tmp_name, os.path.basename(real), src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        tmp_name = None
        try:
            os.fsync(dir_fd)  # make the rename itself durable
        except OSError:
            pass
    except SourceError:
        raise
    except OSError as exc:
        raise SourceError(f"{path}: cannot write: {_describe(exc)}; not fixed") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name, dir_fd=dir_fd)
            except OSError:
                pass
        os.close(dir_fd)


def _check_unchanged(path: str, real: str, expect) -> None:
    if expect is None:
        return
    try:
        now = os.stat(real)
    except FileNotFoundError:
        raise SourceError(f"{path}: deleted while being linted; not fixed") from None
    if isinstance(expect, tuple):
        if (now.st_size, now.st_mtime_ns, now.st_ino) != expect:
            raise SourceError(f"{path}: changed while being linted; not fixed")
        return
    # Stat first (cheap); then the bytes, because a same-size write within one clock tick
    # leaves size and mtime as they were.
    if not expect.same_stat(now):
        raise SourceError(f"{path}: changed while being linted; not fixed")
    try:
        with open(real, "rb") as fh:
            current = fh.read()
    except OSError as exc:
        raise SourceError(f"{path}: cannot re-read before writing: {_describe(exc)}; not fixed") from None
    if _digest(current) != expect.digest:
        raise SourceError(f"{path}: changed while being linted; not fixed")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def temp_name() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}.tmp"


_UNNAMED_OK = [hasattr(os, "O_TMPFILE")]
_AT_EMPTY_PATH = 0x1000
_libc = None


def _temp_file(dir_fd: int) -> tuple[int, str | None]:
    """An open temporary file in the folder: unnamed (O_TMPFILE) when possible, else named."""
    if _UNNAMED_OK[0]:
        try:
            return os.open(".", os.O_TMPFILE | os.O_RDWR | os.O_CLOEXEC, 0o600, dir_fd=dir_fd), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise  # e.g. a folder we may not write to: a named file would fail the same way
            _UNNAMED_OK[0] = False  # file system or kernel without O_TMPFILE
    name = temp_name()
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600, dir_fd=dir_fd), name


def _link_unnamed(fd: int, dir_fd: int) -> str | None:
    """Give an O_TMPFILE file a (temporary) name: linkat(AT_EMPTY_PATH), else via /proc."""
    global _libc
    name = temp_name()
    try:
        if _libc is None:
            _libc = ctypes.CDLL(None, use_errno=True)
        if _libc.linkat(fd, b"", dir_fd, os.fsencode(name), _AT_EMPTY_PATH) == 0:
            return name
    except (OSError, AttributeError):
        pass
    try:
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=dir_fd, follow_symlinks=True)
        return name
    except OSError:
        pass
    # Neither works here: rewrite into a named temporary file from now on.
    _UNNAMED_OK[0] = False
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
    except OSError:
        return None  # the caller reports it; nothing was replaced
    named, name = _temp_file(dir_fd)
    try:
        _write_all(named, data)
        os.fchmod(named, os.fstat(fd).st_mode & 0o7777)
        os.fsync(named)
    finally:
        os.close(named)
    return name


# -- leftovers of killed runs -----------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed worker whose parent died too waits as a zombie until someone reaps it (in a container
    whose pid 1 reaps nothing, forever): it answers signal 0 but will never write again."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
        return stat[stat.rindex(b")") + 2:][:1] == b"Z"
    except (OSError, ValueError):
        return False  # no /proc (macOS): trust the signal


def sweep_stale_temps(folder: str, names: list[str] | None = None) -> list[str]:
    """Remove temporary files of corpuslint runs that were killed; returns the names removed.

    A temporary file carries its writer's pid; one whose process is still alive (another
    run working in the same folder) is left alone.
    """
    removed = []
    try:
        names = os.listdir(folder) if names is None else names
    except OSError:
        return removed
    for name in names:
        m = _TEMP_NAME.match(name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


_swept: set[str] = set()


def _sweep_once(folder: str) -> None:
    if folder not in _swept:
        _swept.add(folder)
        sweep_stale_temps(folder)
