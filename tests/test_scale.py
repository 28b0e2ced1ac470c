"""Corpus scale: JSONL streamed in line-aligned byte ranges, fixed atomically, with bounded memory."""
from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from corpuslint import stream
from corpuslint.progress import Progress, by_code, wanted
from corpuslint.render import render
from corpuslint.runner import FileResult, Job, process, results, run
from corpuslint.settings import Overrides
from corpuslint.sink import FindingSink
from corpuslint.sources import discover

RULES = "CL101,CL102"  # settled rules: these tests check the streaming, not rule tuning


def _record(i: int, text: str, **extra) -> str:
    return json.dumps({"id": f"d{i}", "text": text, **extra}, ensure_ascii=i % 2 == 0)


def _corpus_lines(n: int = 60) -> list[bytes]:
    """Records that need fixing, clean ones in odd formatting, malformed and blank lines."""
    out = []
    for i in range(1, n + 1):
        if i % 9 == 0:
            out.append(b"not json {" + str(i).encode())
        elif i % 13 == 0:
            out.append(b"")
        elif i % 11 == 0:
            out.append(b'{"text": "caf\xe9  bad utf-8", "id": "x"}')  # a latin-1 byte: not UTF-8
        elif i % 5 == 0:  # clean, formatted by hand: must keep every byte
            out.append(('{ "meta" : {"k": [1, 2.50]},  "text":"d\\u00e9j\\u00e0 propre",'
                        f' "id" : {i} }}').encode())
        else:
            out.append(_record(i, f"Ligne {i} avec espaces  \nSuite\u2028du  texte {i}.").encode("utf-8"))
    return out


def _write(path: Path, lines: list[bytes], final_break: bool = True) -> Path:
    path.write_bytes(b"\n".join(lines) + (b"\n" if final_break else b""))
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of ~300 bytes: a 60-record file is cut into many ranges."""
    monkeypatch.setenv("CORPUSLINT_CHUNK_BYTES", "300")


# -- the reader ------------------------------------------------------------------------------

@pytest.mark.parametrize("gz", [False, True])
def test_chunks_cover_the_file_at_line_breaks_with_record_numbers(tmp_path, gz):
    lines = [b"x" * (i * 37 % 500) for i in range(200)] + [b"y" * 5000]  # one line longer than a chunk
    data = b"\n".join(lines) + b"\nlast line without a break"
    p = tmp_path / ("c.jsonl.gz" if gz else "c.jsonl")
    p.write_bytes(gzip.compress(data) if gz else data)
    chunks = list(stream.chunks(str(p), size=1000))
    assert len(chunks) > 20
    assert b"".join(stream.read_chunk(c) for c in chunks) == data
    record = 1
    for c in chunks:
        body = stream.read_chunk(c)
        assert c.first_record == record and c.end - c.start == len(body)
        assert body.endswith(b"\n") or c is chunks[-1]
        assert (c.data is not None) == gz
        record += body.count(b"\n")
    assert sum(c.weight for c in chunks) == p.stat().st_size


def test_line_encodings_and_streamability():
    assert stream.line_encoding(None) == "utf-8" and stream.line_encoding("UTF-8-SIG") == "utf-8"
    assert stream.line_encoding("cp1252") == "cp1252"
    assert stream.line_encoding("utf-16") is None and stream.line_encoding("no-such-codec") is None
    assert stream.streamable(b'{"text": "a"}', None)
    assert not stream.streamable("\ufeff{}".encode("utf-16"), None)


# -- linting in ranges -----------------------------------------------------------------------------

def test_records_are_numbered_right_across_ranges_and_cores(cli, tmp_path, monkeypatch):
    p = _write(tmp_path / "c.jsonl", _corpus_lines())
    outputs = {}
    for size, jobs in (("100000000", "1"), ("300", "1"), ("300", "2"), ("1", "2")):
        monkeypatch.setenv("CORPUSLINT_CHUNK_BYTES", size)
        code, out, err = cli("check", "--no-cache", "--select", RULES, "--format", "json", "-j", jobs, p)
        assert code == 2  # malformed records are input errors
        outputs[(size, jobs)] = (out, tuple(sorted(int(n) for n in re.findall(r"record (\d+):", err))))
    assert len(set(outputs.values())) == 1
    out, bad = outputs[("300", "2")]
    findings = json.loads(out)
    lines = p.read_bytes().split(b"\n")
    for f in findings:  # each finding names the record on that very line
        assert json.loads(lines[f["record"] - 1])["id"] in (f"d{f['record']}", f["record"])
    assert {f["record"] for f in findings} == {i for i in range(1, 61) if i % 9 and i % 13 and i % 11 and i % 5}
    assert list(bad) == [i for i in range(1, 61) if i % 9 == 0 or i % 11 == 0]


def test_fix_rewrites_only_the_text_and_keeps_every_other_byte(cli, tmp_path, small_chunks):
    lines = [b"\xef\xbb\xbf" + _record(0, "premier  ").encode()] + _corpus_lines()
    lines[3] = lines[3] + b"\r"  # one CRLF record
    p = _write(tmp_path / "c.jsonl", lines, final_break=False)
    code, _, err = cli("--fix", "--no-cache", "--select", RULES, "-j", "2", p)
    assert code == 2 and "not valid utf-8" in err and "record 12:" in err
    new = p.read_bytes().split(b"\n")
    assert len(new) == len(lines) and not p.read_bytes().endswith(b"\n")
    assert new[0] == b"\xef\xbb\xbf" + _record(0, "premier").encode()
    assert new[3].endswith(b"\r") and b"  " not in new[3]
    for old, now in zip(lines, new):
        try:
            rec = json.loads(old.removeprefix(b"\xef\xbb\xbf"))
        except ValueError:
            assert now == old  # malformed (or not UTF-8): byte for byte
            continue
        if "  " not in rec["text"]:
            assert now == old  # nothing to fix: byte for byte, odd spacing and escapes included
        else:
            fixed = json.loads(now.removeprefix(b"\xef\xbb\xbf"))
            assert fixed == {**rec, "text": re.sub(r" {2,}", " ", rec["text"]).replace(" \n", "\n").rstrip(" ")}
    assert not list(tmp_path.glob(".corpuslint-*"))  # no temporary file left behind


def test_fix_of_a_clean_corpus_leaves_the_file_untouched(cli, tmp_path, small_chunks):
    p = _write(tmp_path / "c.jsonl", [_record(i, f"propre {i}").encode() for i in range(50)])
    before = p.stat()
    assert cli("--fix", "--no-cache", "--select", RULES, p)[0] == 0
    after = p.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_gzip_corpus_round_trip_and_output_elsewhere(cli, tmp_path, small_chunks):
    lines = _corpus_lines()
    plain = _write(tmp_path / "plain.jsonl", lines)
    gz = tmp_path / "corpus.jsonl.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    original_gz = gz.read_bytes()
    _, checked_plain, _ = cli("check", "--no-cache", "--select", RULES, "--format", "concise", plain)
    _, checked_gz, _ = cli("check", "--no-cache", "--select", RULES, "--format", "concise", gz)
    assert checked_gz.replace("corpus.jsonl.gz", "plain.jsonl") == checked_plain
    # --output: the cleaned corpus goes elsewhere (compressed or not, by its name), the input stays.
    out_plain, out_gz = tmp_path / "clean.jsonl", tmp_path / "clean.jsonl.gz"
    cli("--fix", "--no-cache", "--select", RULES, gz, "--output", out_plain)
    cli("--fix", "--no-cache", "--select", RULES, plain, "--output", out_gz)
    assert gz.read_bytes() == original_gz and plain.read_bytes() == b"\n".join(lines) + b"\n"
    assert gzip.decompress(out_gz.read_bytes()) == out_plain.read_bytes() != plain.read_bytes()
    # In place, the .gz stays a valid gzip file holding the same fixed corpus.
    cli("--fix", "--no-cache", "--select", RULES, "-j", "2", gz)
    assert gzip.decompress(gz.read_bytes()) == out_plain.read_bytes()


def test_output_receives_the_corpus_even_when_nothing_needs_fixing(cli, tmp_path):
    p = _write(tmp_path / "c.jsonl", [_record(i, "propre").encode() for i in range(3)])
    dst = tmp_path / "out" / "c.jsonl"
    dst.parent.mkdir()
    assert cli("--fix", "--no-cache", "--select", RULES, p, "--output", dst)[0] == 0
    assert dst.read_bytes() == p.read_bytes()


def _apply_unified_diff(lines: list[str], diff: str) -> list[str]:
    out, pos = [], 0
    for hunk in re.split(r"^(?=@@ )", diff.split("+++ ", 1)[1].split("\n", 1)[1], flags=re.M):
        if not hunk:
            continue
        header, *body = hunk.split("\n")
        start = int(re.match(r"@@ -(\d+)", header)[1]) - 1
        out += lines[pos:start]
        pos = start
        for b in body:
            if b.startswith((" ", "-")):
                assert lines[pos] == b[1:], "hunk does not match the file at its numbered row"
                pos += 1
            if b.startswith((" ", "+")):
                out.append(b[1:])
    return out + lines[pos:]


def test_diff_of_a_split_corpus_is_one_valid_patch(cli, tmp_path, small_chunks):
    p = _write(tmp_path / "c.jsonl", _corpus_lines())
    code, diff, _ = cli("--diff", "--no-cache", "--select", RULES, "-j", "2", p)
    assert diff.count("--- a/") == 1 and diff.count("@@ -") > 3
    patched = _apply_unified_diff(p.read_text(encoding="utf-8", errors="replace").split("\n"), diff)
    cli("--fix", "--no-cache", "--select", RULES, p)
    assert patched == p.read_text(encoding="utf-8", errors="replace").split("\n")


def test_cache_is_per_range_and_a_warm_run_gives_the_same_report(cli, tmp_path, small_chunks):
    p = _write(tmp_path / "c.jsonl", _corpus_lines())
    cache = tmp_path / "cache"
    cold = cli("check", "--cache-dir", cache, "--select", RULES, "--format", "json", p)
    entries = list(cache.rglob("*.json"))
    assert len(entries) == len(list(stream.chunks(str(p))))
    assert cli("check", "--cache-dir", cache, "--select", RULES, "--format", "json", p)[:2] == cold[:2]


def test_api_results_stream_pieces_that_add_up_to_run(tmp_path, small_chunks):
    p = _write(tmp_path / "c.jsonl", _corpus_lines())
    targets = discover([str(p)], Overrides(select=tuple(RULES.split(","))))
    job = Job(use_cache=False)
    seen = []
    pieces = list(results(targets, job, jobs=2, on_done=lambda n, piece: seen.append(n)))
    assert len(pieces) > 5 and sum(seen) == p.stat().st_size
    whole = run(targets, job, jobs=2)[0]
    assert isinstance(whole, FileResult)
    assert whole.findings == [f for piece in pieces for f in piece.findings] == process(targets[0], job).findings
    assert whole.documents == sum(piece.documents for piece in pieces) == 45


# -- output as it comes --------------------------------------------------------------------------

def test_streamed_json_is_byte_for_byte_the_json_renderer(tmp_path):
    p = _write(tmp_path / "c.jsonl", _corpus_lines(20))
    findings = run(discover([str(p)], Overrides(select=tuple(RULES.split(",")))), Job(use_cache=False))[0].findings
    assert findings
    for fmt in ("json", "text", "concise", "jsonl", "github"):
        buf = io.StringIO()
        sink = FindingSink(fmt, buf, rules=[])
        for i in range(0, len(findings), 3):
            sink.add(findings[i:i + 3])
        sink.add([])
        sink.close()
        assert buf.getvalue() == render(fmt, findings, rules=[]), fmt
    empty = io.StringIO()
    FindingSink("json", empty, rules=[]).close()
    assert empty.getvalue() == render("json", [], rules=[]) == "[]\n"


def test_progress_bar_and_closing_summary(cli, tmp_path, small_chunks, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wanted("auto", False, Tty()) and not wanted("auto", True, Tty()) and not wanted("auto", False, io.StringIO())
    assert wanted("on", True, io.StringIO()) and not wanted("off", False, Tty())
    monkeypatch.setenv("CI", "true")
    assert not wanted("auto", False, Tty())
    bar = Progress(True, Tty(), delay=0)
    bar.begin(1000)
    bar(250, FileResult("x", findings=[{}] * 3, documents=10))
    line = bar.line(width=120)
    assert "25%" in line and "10 docs" in line and "docs/s" in line and "3 findings" in line and "ETA" in line
    p = _write(tmp_path / "c.jsonl", _corpus_lines())
    _, _, err = cli("check", "--no-cache", "--select", RULES, "--progress", "on", p)
    assert "docs/s" in err and "\r" in err
    assert re.search(r"Found \d+ findings in 45 documents", err)
    assert "by code: CL101 " in err and "CL102 " in err
    _, _, quiet = cli("check", "--no-cache", "--select", RULES, p)
    assert "docs/s" not in quiet  # not a terminal: no bar
    assert by_code(Counter({"CL303": 12, "CL101": 1204})) == "CL101 1,204 · CL303 12"
    assert by_code(Counter({f"CL{n}": n for n in range(100, 115)}), limit=2) == "CL114 114 · CL113 113 · 13 more codes"


# -- memory ------------------------------------------------------------------------------------------

MEASURE = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_kb(*args) -> int:
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "corpuslint", *map(str, args)]
    return int(subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=300).stdout)


def test_memory_stays_bounded_on_a_large_corpus(tmp_path):
    """48 MB of records (mostly a large metadata field): the peak RSS must not grow with the file."""
    filler = "x" * 100_000
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for i in range(480):
            fh.write(json.dumps({"id": i, "blob": filler, "text": f"ligne {i}  "}) + "\n")
    small = _write(tmp_path / "small.jsonl", [json.dumps({"id": 1, "text": "ligne  "}).encode()])
    args = ("--no-cache", "--select", "CL101", "-j", "1", "--format", "jsonl", "-o", tmp_path / "out.jsonl")
    base = _peak_kb("check", *args, small)
    checked = _peak_kb("check", *args, big)
    assert sum(1 for _ in open(tmp_path / "out.jsonl")) == 480  # every record's finding was written
    fixed = _peak_kb("--fix", *args, big)
    assert json.loads(big.read_text().split("\n")[479])["text"] == "ligne 479"
    # Reading the file whole would cost at least its 48 MB (twice, decoded); streaming costs a few chunks.
    assert checked - base < 25_000 and fixed - base < 25_000, (base, checked, fixed)
