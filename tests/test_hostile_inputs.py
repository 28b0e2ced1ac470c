"""Inputs that must not hurt: each gets a clear message naming the file (and record), never a
traceback, and --fix leaves the file byte for byte as it was unless it can fix it safely.

Rules used here are the two most stable ones (CL101 trailing whitespace, CL102 space runs), so
that these tests pin the I/O layer, not rule behaviour.
"""
from __future__ import annotations

import codecs
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from corpuslint import linter as linter_mod
from corpuslint.sources import TEMP_PREFIX, atomic_write, read_source, sweep_stale_temps, temp_name
from corpuslint.textcodec import DecodeError, Decoded, EncodeError, Normalised, decode, looks_binary
from corpuslint.finding import Edit

SEL = ("--select", "CL101,CL102")
DIRTY = "Le chat dort  ici.   \nIl  rêve.\n"  # runs not lined up: CL102 skips column layouts
CLEAN = "Le chat dort ici.\nIl rêve.\n"


def lint(cli, *args):
    """corpuslint check, one process, no cache, the two stable rules."""
    return cli("check", "--no-cache", "-j", "1", *SEL, *map(str, args))


def fix(cli, *args):
    return lint(cli, "--fix", *args)


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.startswith(TEMP_PREFIX)]


# -- encodings ----------------------------------------------------------------------------

def test_invalid_utf8_is_reported_with_offset_and_left_untouched(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    raw = b"Bonjour  le monde.\nCaf\xc3 cr\xe8me  ici.\n"
    bad.write_bytes(raw)
    good = tmp_path / "good.txt"
    good.write_text(DIRTY, encoding="utf-8")
    code, _, err = fix(cli, bad, good)
    assert code == 2
    assert f"error: {bad}: not valid utf-8: byte(s) c3 20 63 72 at offset 22" in err
    assert "--encoding" in err and "Traceback" not in err
    assert bad.read_bytes() == raw               # not guessed, not touched
    assert good.read_text(encoding="utf-8") == CLEAN  # the other file still fixed
    assert no_temp_files(tmp_path)


def test_cp1252_is_reported_never_guessed_and_fixed_with_encoding(cli, tmp_path):
    p = tmp_path / "cp.txt"
    raw = "Le café  crème.   \nÀ  bientôt « ici ».\n".encode("cp1252")
    p.write_bytes(raw)
    code, _, err = lint(cli, p)
    assert code == 2 and f"{p}: not valid utf-8: byte(s) e9" in err and "--encoding cp1252" in err
    code, _, err = fix(cli, p)
    assert code == 2 and p.read_bytes() == raw
    code, _, err = fix(cli, "--encoding", "cp1252", p)
    assert code == 0, err
    assert p.read_bytes() == "Le café crème.\nÀ bientôt « ici ».\n".encode("cp1252")


def test_cp1252_fix_that_cannot_be_written_back_is_refused(cli, tmp_path):
    # CL106 turns &#8239; into U+202F, which cp1252 cannot hold: the file must stay as it was.
    p = tmp_path / "cp.txt"
    raw = "Prix&#8239;: 5 € pour le café.\n".encode("cp1252")
    p.write_bytes(raw)
    code, _, err = cli("check", "--no-cache", "-j", "1", "--select", "CL106", "--fix", "--unsafe-fixes",
                       "--encoding", "cp1252", str(p))
    assert code == 2
    assert f"{p}: a fix would write U+202F (NARROW NO-BREAK SPACE), which cp1252 cannot hold" in err
    assert p.read_bytes() == raw


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_files_round_trip_keeping_bom_and_encoding(cli, tmp_path, encoding):
    p = tmp_path / "bom.txt"
    dirty, clean = DIRTY.replace("\n", "\r\n"), CLEAN.replace("\n", "\r\n")
    bom = {"utf-16": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": codecs.BOM_UTF32_LE,
           "utf-8-sig": codecs.BOM_UTF8}[encoding]
    enc = {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8"}.get(encoding, encoding)
    p.write_bytes(bom + dirty.encode(enc))
    code, out, err = lint(cli, "--format", "concise", p)
    assert code == 1 and f"{p}:1:13: CL102" in out and "binary" not in err
    assert fix(cli, p)[0] == 0
    assert p.read_bytes() == bom + clean.encode(enc)


def test_utf16_without_bom_needs_encoding_and_keeps_no_bom(cli, tmp_path):
    p = tmp_path / "le.txt"
    raw = DIRTY.encode("utf-16-le")
    p.write_bytes(raw)
    code, _, err = fix(cli, p)
    assert code == 0 and f"note: {p}: binary file skipped" in err and p.read_bytes() == raw
    code, _, err = fix(cli, "--encoding", "utf-16", p)
    assert code == 0, err
    assert p.read_bytes() == CLEAN.encode("utf-16-le")  # no BOM was added


def test_utf8_bom_with_a_contradicting_encoding_is_refused(cli, tmp_path):
    p = tmp_path / "a.txt"
    raw = codecs.BOM_UTF8 + DIRTY.encode()
    p.write_bytes(raw)
    code, _, err = fix(cli, "--encoding", "cp1252", p)
    assert code == 2 and "UTF-8 byte order mark but --encoding cp1252" in err and p.read_bytes() == raw


def test_unknown_encoding_names_the_file(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY)
    code, _, err = fix(cli, "--encoding", "klingon", p)
    assert code == 2 and f"{p}: unknown encoding 'klingon'" in err and p.read_text() == DIRTY


def test_decoding_is_strict_and_exact():
    # An encoding that would not give the same bytes back is refused, not linted.
    with pytest.raises(DecodeError, match="does not read these bytes back identically"):
        decode(b"+AGE-", "utf-7")
    with pytest.raises(DecodeError, match="not valid utf-8"):
        decode(b"\xed\xa0\x80")  # an encoded surrogate: not UTF-8
    with pytest.raises(EncodeError, match=r"U\+2192 \(RIGHTWARDS ARROW\)"):
        Decoded("", "cp1252", b"").encode("a \u2192 b")
    for data, enc in [(b"", None), (codecs.BOM_UTF8, None), (b"\xe9t\xe9", "latin-1"),
                      (codecs.BOM_UTF16_BE + "é".encode("utf-16-be"), None)]:
        d = decode(data, enc)
        assert d.encode(d.text) == data


# -- odd files --------------------------------------------------------------------------

def test_binary_file_is_skipped_with_a_notice(cli, tmp_path):
    p = tmp_path / "image.txt"
    raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    p.write_bytes(raw)
    code, _, err = fix(cli, p)
    assert code == 0 and f"note: {p}: binary file skipped" in err and p.read_bytes() == raw


def test_nul_after_the_first_8k_is_text_and_kept(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 9000 + b"\x00 fin  ici.\n")
    assert fix(cli, p)[0] == 0
    assert p.read_bytes() == b"x" * 9000 + b"\x00 fin ici.\n"


def test_empty_file(cli, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    code, _, err = fix(cli, p)
    assert code == 0 and "found 0 findings in 1 document" in err
    assert p.read_bytes() == b"" and no_temp_files(tmp_path)


def test_no_final_newline_is_kept(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Le  chat.\nFin  du  texte.".encode())
    assert fix(cli, p)[0] == 0
    assert p.read_bytes() == "Le chat.\nFin du texte.".encode()


@pytest.mark.parametrize("name,dirty,clean", [
    ("crlf", "Le  chat.  \r\nIl dort  bien.\r\n", "Le chat.\r\nIl dort bien.\r\n"),
    ("cr", "Le  chat.  \rIl dort  bien.\r", "Le chat.\rIl dort bien.\r"),
    ("mixed", "Un titre\r\nLe chat  noir.  \nIl  dort.\rFin  \r\n", "Un titre\r\nLe chat noir.\nIl dort.\rFin\r\n"),
    ("crlf-no-final", "a  b\r\nc d  e", "a b\r\nc d e"),
])
def test_line_endings_are_kept_by_fixes(cli, tmp_path, name, dirty, clean):
    p = tmp_path / f"{name}.txt"
    p.write_bytes(dirty.encode())
    code, out, _ = lint(cli, "--format", "json", p)
    rows = {(f["location"]["row"], f["code"]) for f in json.loads(out)}
    assert (2, "CL102") in rows  # rows count CR and CRLF as one break each
    assert fix(cli, p)[0] == 0
    assert p.read_bytes() == clean.encode()


def test_a_fix_never_joins_a_lone_cr_and_an_lf(cli, tmp_path):
    # "a\r  \nb" is three lines; removing the blank line's spaces naively would leave "a\r\nb",
    # two lines. The lone CR is written in the file's dominant style (LF) instead.
    p = tmp_path / "a.txt"
    p.write_bytes(b"Premier  mot\r  \nFin.\n")
    assert fix(cli, p)[0] == 0
    assert p.read_bytes() == b"Premier mot\n\nFin.\n"
    # A removed line between a lone CR and an LF: the deletion takes the CR, keeps the LF.
    n = Normalised.of("Fin ?\rPartager\n\nSuite\n")
    assert n.apply([Edit(6, 15, "")]) == "Fin ?\n\nSuite\n"


def test_a_rule_inserting_cr_is_refused():
    with pytest.raises(EncodeError):
        Normalised.of("a\nb").apply([Edit(1, 1, "\r")])


def test_huge_single_line_is_linear(cli, tmp_path):
    """No quadratic rule on one huge line: 8x the text must cost well under 64x the time.

    Every default rule but grammar (CL5xx costs ~100 s/MB). The full 50 MB line runs in
    benchmarks/fault_run.py; here 50 and 400 kB keep the suite fast. Best of two runs each,
    with a wide margin: the machine is shared.
    """
    sentence = "Le chat dort sur le canapé du salon, très calme ; il rêve (beaucoup). "
    times = {}
    for kb in (50, 400):
        p = tmp_path / f"line{kb}.txt"
        n = kb * 1000 // len(sentence)
        p.write_text(sentence * n + "Fin  du texte.", encoding="utf-8")
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            code, out, err = cli("check", "--no-cache", "-j", "1", "--no-grammar", "--format", "concise", str(p))
            best = min(best, time.perf_counter() - t0)
            assert code == 1 and f"{p}:1:{n * len(sentence) + 4}: CL102" in out, (out[-500:], err[-500:])
        times[kb] = best
    assert times[400] < 24 * times[50] + 2.0, times


def test_many_small_files(cli, tmp_path):
    """2,000 files in 40 folders (100,000 in benchmarks/fault_run.py): every one fixed, none lost."""
    for d in range(40):
        folder = tmp_path / f"d{d:02d}"
        folder.mkdir()
        for i in range(50):
            (folder / f"f{i:02d}.txt").write_text(f"Fichier  {d}-{i}.\n" if i % 2 else f"Fichier {d}-{i}.\n")
    code, _, err = cli("check", "--no-cache", *SEL, "--fix", "-j", "2", str(tmp_path))
    assert code == 0 and "Fixed 1000;" in err and "in 2000 documents" in err
    texts = sorted(p.read_text() for p in tmp_path.rglob("*.txt"))
    assert texts == sorted(f"Fichier {d}-{i}.\n" for d in range(40) for i in range(50))
    assert no_temp_files(tmp_path)


# -- permissions, links, special files ------------------------------------------------------

def _as_nobody(argv: list[str]) -> tuple[int, str]:
    """Run corpuslint's main() in a forked child with root's privileges dropped (uid nobody)."""
    from corpuslint.cli import main

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 99
        try:
            os.close(r)
            sys.stderr = open(w, "w", encoding="utf-8", closefd=False)
            sys.stdout = open(os.devnull, "w")
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            code = main(argv)
        except BaseException as exc:  # noqa: BLE001 - report anything to the parent
            sys.stderr.write(f"child failed: {exc!r}")
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        err = fh.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


@pytest.fixture
def open_dir():
    """A folder everyone may enter (pytest's tmp_path is private to root)."""
    import shutil
    import tempfile

    d = Path(tempfile.mkdtemp(prefix="corpuslint-perm-"))
    d.chmod(0o755)
    yield d
    for p in d.rglob("*"):
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(d)


def test_unreadable_file_and_folder_are_reported_and_others_linted(cli, open_dir):
    open_dir.chmod(0o777)  # uid nobody must be able to fix other.txt beside it
    secret = open_dir / "secret.txt"
    secret.write_text(DIRTY)
    secret.chmod(0o000)
    other = open_dir / "other.txt"
    other.write_text(DIRTY)
    other.chmod(0o666)
    locked = open_dir / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(DIRTY)
    locked.chmod(0o000)
    argv = ["check", "--no-cache", "-j", "1", *SEL, "--fix", str(open_dir)]
    if os.geteuid() == 0:
        if not hasattr(os, "fork"):
            pytest.skip("needs fork to drop root privileges")
        lint(cli, other)  # import everything while still root (stdlib lives in /root)
        code, err = _as_nobody(argv)
    else:
        code, _, err = cli(*argv)
    assert code == 2, err
    assert f"error: {secret}: cannot read: permission denied" in err
    assert f"error: {locked}: cannot list folder: permission denied" in err
    assert "Traceback" not in err and "child failed" not in err
    secret.chmod(0o644)
    assert secret.read_text() == DIRTY
    assert other.read_text() == CLEAN


def test_read_only_file_fix_is_refused_nothing_partial(cli, tmp_path):
    ro = tmp_path / "ro.txt"
    ro.write_text(DIRTY)
    ro.chmod(0o444)
    rw = tmp_path / "rw.txt"
    rw.write_text(DIRTY)
    rw.chmod(0o640)
    code, _, err = fix(cli, ro, rw)
    assert code == 2 and f"error: {ro}: file is read-only; not fixed" in err
    assert ro.read_text() == DIRTY and stat.S_IMODE(ro.stat().st_mode) == 0o444
    assert rw.read_text() == CLEAN and stat.S_IMODE(rw.stat().st_mode) == 0o640  # mode kept
    assert no_temp_files(tmp_path)


def test_read_only_folder_fix_is_refused(cli, open_dir):
    folder = open_dir / "ro"
    folder.mkdir()
    p = folder / "a.txt"
    p.write_text(DIRTY)
    p.chmod(0o666)  # the file may be written, its folder may not: no temporary file, no fix
    folder.chmod(0o555)
    argv = ["check", "--no-cache", "-j", "1", *SEL, "--fix", str(p)]
    if os.geteuid() == 0:
        lint(cli, p)
        code, err = _as_nobody(argv)
    else:
        code, _, err = cli(*argv)
    assert code == 2 and f"error: {p}: cannot write: permission denied; not fixed" in err, err
    assert p.read_text() == DIRTY and sorted(os.listdir(folder)) == ["a.txt"]


def test_symlink_loops_do_not_hang(cli, tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")     # a folder loop: not followed
    (tmp_path / "sub" / "real.txt").write_text(DIRTY)
    code, _, err = fix(cli, tmp_path)
    assert code == 0 and "Fixed 3" in err and "in 1 document" in err  # loops skipped in folders
    assert (tmp_path / "sub" / "real.txt").read_text() == CLEAN
    code, _, err = fix(cli, tmp_path / "loop.txt", tmp_path / "a.txt")
    assert code == 2
    assert f"error: {tmp_path / 'loop.txt'}: cannot read: symlink loop" in err
    assert f"error: {tmp_path / 'a.txt'}: cannot read: symlink loop" in err


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(cli, tmp_path):
    target = tmp_path / "data" / "article.txt"
    target.parent.mkdir()
    target.write_text(DIRTY)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert fix(cli, link)[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == CLEAN
    assert no_temp_files(tmp_path)


def test_dangling_link_and_missing_path(cli, tmp_path):
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    ok = tmp_path / "ok.txt"
    ok.write_text(DIRTY)
    code, _, err = fix(cli, tmp_path)
    assert code == 0 and ok.read_text() == CLEAN  # a broken link in a folder is skipped
    ok.write_text(DIRTY)
    code, _, err = fix(cli, tmp_path / "gone.txt", tmp_path / "missing.txt", ok)
    assert code == 2
    assert f"error: {tmp_path / 'gone.txt'}: cannot read: no such file or directory" in err
    assert f"error: {tmp_path / 'missing.txt'}: cannot read: no such file or directory" in err
    assert ok.read_text() == CLEAN  # the others go on


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_file_name_that_is_not_utf8(tmp_path):
    from conftest import run_subprocess

    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9 latin-1.txt")
    with open(name, "wb") as fh:
        fh.write(DIRTY.encode())
    import subprocess

    r = subprocess.run([sys.executable, "-m", "corpuslint", "check", "--no-cache", *SEL, "--format", "json",
                        str(tmp_path)], capture_output=True, timeout=300)
    assert r.returncode == 1 and b"Traceback" not in r.stderr, r.stderr
    rows = json.loads(r.stdout.decode("utf-8"))  # valid UTF-8: the name's bytes as \u escapes
    assert len(rows) == 3 and os.fsencode(rows[0]["filename"]) == name
    for fmt, raw_name in (("jsonl", b"caf\\udce9 latin-1.txt"), ("sarif", b"caf%E9%20latin-1.txt")):
        r = subprocess.run([sys.executable, "-m", "corpuslint", "check", "--no-cache", *SEL, "--format", fmt,
                            str(tmp_path)], capture_output=True, timeout=300)
        assert r.returncode == 1 and raw_name in r.stdout, (fmt, r.stdout.decode("utf-8")[-800:])
        r.stdout.decode("utf-8")  # valid UTF-8 (SARIF: a percent-encoded URI)
    r = run_subprocess("check", "--no-cache", *SEL, "--fix", tmp_path)
    assert r.returncode == 0, r.stderr
    with open(name, "rb") as fh:
        assert fh.read() == CLEAN.encode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_block(cli, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(DIRTY)
    code, _, err = fix(cli, tmp_path)  # in a folder: skipped without opening it
    assert code == 0 and "in 1 document" in err
    code, _, err = fix(cli, fifo)       # named: refused without waiting for a writer
    assert code == 2 and f"error: {fifo}: not a regular file (a FIFO, socket or device); skipped" in err


def test_invalid_gzip_is_reported(cli, tmp_path):
    p = tmp_path / "notes.txt.gz"
    p.write_bytes(b"\x1f\x8b\x08\x00garbage")
    code, _, err = fix(cli, p)
    assert code == 2 and f"{p}: not a valid gzip file" in err and p.read_bytes() == b"\x1f\x8b\x08\x00garbage"


def test_invalid_utf8_on_stdin(cli, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"ab\xff  c\n")))
    code, _, err = cli("check", "--no-cache", *SEL, "--stdin-filename", "in.txt", "-")
    assert code == 2 and "in.txt: stdin is not valid utf-8 at byte 2" in err


# -- changed or deleted while being linted --------------------------------------------------

def _hook_before_fix(monkeypatch, action):
    """Run ``action`` between reading a file and writing its fix (as a slow rule would allow)."""
    real = linter_mod.Linter.fix_text

    def fix_text(self, text, *a, **kw):
        action(kw.get("path"))
        return real(self, text, *a, **kw)

    monkeypatch.setattr(linter_mod.Linter, "fix_text", fix_text)


def test_file_changed_while_being_linted_is_not_overwritten(cli, tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY)
    _hook_before_fix(monkeypatch, lambda path: Path(path).write_text("Écrit par un autre programme.\n"))
    code, _, err = fix(cli, p)
    assert code == 2 and f"error: {p}: changed while being linted; not fixed" in err
    assert p.read_text() == "Écrit par un autre programme.\n"
    assert no_temp_files(tmp_path)


def test_same_size_same_mtime_change_is_still_detected(cli, tmp_path, monkeypatch):
    # A write within one clock tick keeps size and mtime: the bytes themselves are compared.
    p = tmp_path / "a.txt"
    p.write_text(DIRTY)
    st = p.stat()
    other = DIRTY.replace("chat", "CHAT")

    def sneaky(path):
        with open(path, "r+", encoding="utf-8") as fh:  # same inode, same size
            fh.write(other)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))

    _hook_before_fix(monkeypatch, sneaky)
    code, _, err = fix(cli, p)
    assert p.stat().st_mtime_ns == st.st_mtime_ns and p.stat().st_size == st.st_size
    assert code == 2 and f"{p}: changed while being linted; not fixed" in err
    assert p.read_text() == other


def test_file_deleted_while_being_linted_is_not_recreated(cli, tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY)
    _hook_before_fix(monkeypatch, lambda path: os.unlink(path))
    code, _, err = fix(cli, p)
    assert code == 2 and f"error: {p}: deleted while being linted; not fixed" in err
    assert not p.exists() and list(tmp_path.iterdir()) == []


def test_file_replaced_while_being_linted_is_not_overwritten(cli, tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY)

    def replace(path):  # an editor's atomic save: same bytes, new inode
        tmp = Path(path).with_suffix(".new")
        tmp.write_text(DIRTY)
        os.replace(tmp, path)

    _hook_before_fix(monkeypatch, replace)
    code, _, err = fix(cli, p)
    assert code == 2 and "changed while being linted" in err and p.read_text() == DIRTY


def test_read_source_stamp_and_atomic_write_unit(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"abc")
    data, stamp = read_source(str(p))
    assert data == b"abc" and stamp.size == 3
    atomic_write(str(p), b"xyz", expect=stamp)
    assert p.read_bytes() == b"xyz"
    with pytest.raises(OSError, match="changed while being linted"):
        atomic_write(str(p), b"again", expect=stamp)  # the stamp is of the old bytes
    assert p.read_bytes() == b"xyz" and no_temp_files(tmp_path)


def test_stale_temp_files_of_dead_runs_are_swept_live_ones_kept(tmp_path):
    import subprocess

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"{TEMP_PREFIX}{dead_pid}-0123456789ab.tmp"
    live = tmp_path / temp_name()              # this process: alive
    user = tmp_path / f"{TEMP_PREFIX}notes.tmp"  # not ours by name: never touched
    for p in (stale, live, user):
        p.write_bytes(b"partial")
    assert sweep_stale_temps(str(tmp_path)) == [stale.name]
    assert not stale.exists() and live.exists() and user.exists()


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="zombies are read from /proc")
def test_temp_file_of_a_killed_worker_left_as_a_zombie_is_swept(tmp_path):
    import subprocess

    # A killed worker nobody reaps stays a zombie: it answers signal 0 but will never write again.
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(f"/proc/{child.pid}/stat", "rb") as fh:
            if fh.read().rsplit(b")", 1)[1][1:2] == b"Z":
                break
        time.sleep(0.02)
    stale = tmp_path / f"{TEMP_PREFIX}{child.pid}-0123456789ab.tmp"
    stale.write_bytes(b"partial")
    try:
        assert sweep_stale_temps(str(tmp_path)) == [stale.name]
    finally:
        child.wait()


def test_looks_binary_respects_utf16_encoding():
    data = "abc".encode("utf-16-le")
    assert looks_binary(data) and not looks_binary(data, "utf-16-le")
    assert not looks_binary(codecs.BOM_UTF16_LE + data)


# -- JSONL ---------------------------------------------------------------------------------

def _record(text, **extra):
    return json.dumps({"id": extra.pop("id", "x"), "text": text, **extra}, ensure_ascii=False)


def test_jsonl_bad_records_are_reported_kept_byte_for_byte_and_others_fixed(cli, tmp_path):
    p = tmp_path / "corpus.jsonl"
    big = "Un long texte, sans débris. " * (20_000_000 // 28) + "Fin  du grand."  # a 20 MB record
    lines = [
        _record("Bon  début.", id="r1").encode(),                      # 1: fixed
        b'{"id": "r2", "text": "pas ferm\xc3\xa9  ',                      # 2: malformed JSON
        b"not json at all   ",                                         # 3: not an object
        b'{"id": "r4", "body": "no  text field"}',                     # 4: missing text field
        b'{"id": "r5", "text": 42}',                                   # 5: non-string text
        b'{"id": "r6", "text": null}',                                 # 6: null text
        b'{"id": "r7", "text": "un  ", "text": "deux  "}',             # 7: duplicate text key
        b'{"id": "r8", "id": "r8b", "text": "cl\\u00e9  ok"}',         # 8: duplicate other key
        b"",                                                           # 9: blank line
        b'{"id": "r10", "text": "caf\xe9  latin1"}',                     # 10: invalid UTF-8
        _record(big, id="r11").encode(),                               # 11: 20 MB record
        b'["a", "list  "]',                                            # 12: not an object
        _record("Fin  propre.", id="r13").encode(),                    # 13: fixed
    ]
    raw = b"\n".join(lines) + b"\n"
    p.write_bytes(raw)
    code, _, err = cli("check", "--no-cache", "-j", "2", *SEL, "--fix", str(p))
    assert code == 2, err[-2000:]
    for number, needle in [(2, "invalid JSON"), (3, "not a JSON object"), (4, "no 'text' field"),
                           (5, "field 'text' is int, not a string"), (6, "field 'text' is NoneType"),
                           (7, "duplicate key 'text'"), (10, "not valid utf-8"), (12, "not a JSON object")]:
        assert f"{p}:{number}: record {number}: {needle}" in err, (number, err[-3000:])
    out = p.read_bytes().split(b"\n")
    assert len(out) == len(lines) + 1 and out[-1] == b""
    for number in (2, 3, 4, 5, 6, 7, 9, 10, 12):  # malformed and odd lines: kept byte for byte
        assert out[number - 1] == lines[number - 1], number
    # Record 8 repeats a key other than text: linted; only its text value changes, escapes kept.
    assert out[7] == b'{"id": "r8", "id": "r8b", "text": "cl\\u00e9 ok"}'
    assert json.loads(out[0])["text"] == "Bon début."
    assert json.loads(out[12])["text"] == "Fin propre."
    assert json.loads(out[10])["text"] == big.replace("  ", " ")
    assert no_temp_files(tmp_path)


def test_jsonl_check_names_record_and_id(cli, tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(_record("propre", id="a") + "\n" + _record("sale  ici", id="b") + "\n{oops\n")
    code, out, err = cli("check", "--no-cache", "-j", "1", *SEL, "--format", "json", str(p))
    rows = json.loads(out)
    assert code == 2 and [(r["record"], r["id"], r["code"]) for r in rows] == [(2, "b", "CL102")]
    assert f"{p}:3: record 3: " in err


# -- user rule packs ------------------------------------------------------------------------

GOOD_PACK = """\
rule: ACME101
name: acme-house-boilerplate
message: house boilerplate of the Acme sites
lang: "*"
applicability: safe
entries:
  - kind: line
    phrases: [Suivez-nous sur Mastodon]
  - kind: existence
    message: runaway pattern
    pattern: '(a|aa)+$'
"""


def _project(tmp_path: Path, pack: str, text: str) -> tuple[Path, Path]:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "house.yml").write_text(pack, encoding="utf-8")
    (tmp_path / "corpuslint.yaml").write_text("packs: [packs/house.yml]\n", encoding="utf-8")
    art = tmp_path / "article.txt"
    art.write_text(text, encoding="utf-8")
    return tmp_path / "packs" / "house.yml", art


def test_pack_with_a_catastrophic_regex_is_stopped_and_linting_goes_on(tmp_path):
    from conftest import run_subprocess

    text = "Le chat dort.\nSuivez-nous sur Mastodon\n" + "a" * 40 + "!\nFin  du texte ici.\n"
    pack, art = _project(tmp_path, GOOD_PACK, text)
    t0 = time.perf_counter()
    r = run_subprocess("check", "--no-cache", "-j", "1", "--no-grammar", "--format", "concise", art, cwd=tmp_path)
    code, out, err = r.returncode, r.stdout, r.stderr
    assert time.perf_counter() - t0 < 60  # (a|aa)+$ on 40 a's would run for years without the timeout
    assert code == 1, err
    assert f"{art}:2:1: ACME101" in out and "CL102" in out  # the pack's other entry and the built-ins ran
    assert f"{pack}: entry " in err and "timed out" in err, err
    r = run_subprocess("check", "--no-cache", "-j", "1", "--no-grammar", "--fix", art, cwd=tmp_path)
    assert "Suivez-nous" not in art.read_text() and "a" * 40 + "!" in art.read_text(), r.stderr


@pytest.mark.parametrize("pack,needle", [
    ("rule: ACME101\nname: x\nmessage: m\nlang: fr\nentries:\n  - kind: line\n    phrases: [ok]\n"
     "  - kind: line\n    frases: [typo]\n", "(line 8): unknown key 'frases'"),
    ("rule: ACME101\nname: x\nmessage: m\nlang: fr\nentries:\n  - kind: line\n    pattern: '(unclosed'\n",
     "(line 6): bad regex"),
    ("rule: ACME101\nname: x\nmessage: m\nlang: fr\nentries:\n  - kind: line\n"
     "    phrases: !!python/object/apply:os.system ['touch /tmp/corpuslint-pwned']\n", "(line 7): not valid YAML"),
    ("rule: [unclosed\n", "not valid YAML"),
], ids=["unknown-key", "bad-regex", "unsafe-yaml-tag", "invalid-yaml"])
def test_pack_errors_name_file_and_entry_and_unsafe_yaml_is_refused(cli, tmp_path, pack, needle):
    if os.path.exists("/tmp/corpuslint-pwned"):
        os.unlink("/tmp/corpuslint-pwned")
    path, art = _project(tmp_path, pack, DIRTY)
    code, _, err = cli("check", "--no-cache", "-j", "1", "--no-grammar", str(art))
    assert code == 2 and str(path) in err and needle in err, err
    assert "Traceback" not in err
    assert not os.path.exists("/tmp/corpuslint-pwned")  # yaml.safe_load: no object construction


# -- no network at lint time ----------------------------------------------------------------

NO_NET = '''
import os, socket
_log = os.environ["CORPUSLINT_NET_LOG"]
_real = socket.socket.__init__
def _blocked(self, family=-1, type=-1, proto=-1, fileno=None):
    if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
        with open(_log, "a") as fh:
            fh.write(f"socket({family}) in pid {os.getpid()}\\n")
        raise OSError(101, "network blocked by the test")
    _real(self, family, type, proto, fileno)
socket.socket.__init__ = _blocked
'''


def test_linting_and_fixing_need_no_network(tmp_path):
    """Every socket to the outside is refused (and logged): the whole rule set, grammar
    included, lints and fixes as usual; only a configured LanguageTool URL reaches out."""
    import subprocess

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NET)
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": str(site), "CORPUSLINT_NET_LOG": str(log)}
    work = tmp_path / "work"
    work.mkdir()
    (work / "fr.txt").write_text("Le chat dort  ici.\nIl a manger une pomme dans le le jardin.\nPartager sur Facebook\n")
    (work / "en.txt").write_text("The cat sleeps  here.\nShe have a apple in the the garden.\nShare this article\n")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "corpuslint", *args], capture_output=True, text=True,
                              cwd=work, env=env, timeout=300)

    r = run("check", "--no-cache", "--format", "concise", "fr.txt", "en.txt")
    assert r.returncode == 1 and "fr.txt:1:" in r.stdout and "en.txt:1:" in r.stdout, r.stderr[-2000:]
    assert "fr.txt:2:" in r.stdout and ": CL50" in r.stdout  # grammar ran, offline
    assert "Traceback" not in r.stderr
    r = run("check", "--no-cache", "--fix", "-j", "2", ".")
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert "dort ici" in (work / "fr.txt").read_text()
    assert not log.exists(), log.read_text()
    # The blocker works: a configured LanguageTool server is the one thing that may be called.
    (work / "corpuslint.yaml").write_text(
        "grammar:\n  backend: {en: languagetool}\n  languagetool: {url: 'http://127.0.0.1:9'}\n")
    (work / "en2.txt").write_text("The cat sleeps  here.\n")
    r = run("check", "--no-cache", "--lang", "en", "--format", "concise", "en2.txt")
    assert log.exists() and "socket(" in log.read_text()
    assert "Traceback" not in r.stderr and "LanguageTool is not reachable" in r.stderr
    assert r.returncode == 1 and "en2.txt:1:15: CL102" in r.stdout  # the other rules still ran
