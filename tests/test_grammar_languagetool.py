"""The LanguageTool backend's protocol, against a local stand-in server.

A real LanguageTool server cannot run on this machine (no Java server, no download, no
network), so these tests start a small HTTP server on 127.0.0.1 (random port, in-process
thread) that answers ``POST /v2/check`` exactly as LanguageTool's documented API does:
form-encoded ``text``/``language``/``disabledRules``/``enabledRules``/``enabledOnly``/
``disabledCategories``, a JSON body with ``software``, ``language`` and ``matches``, each
match with ``offset``/``length`` in UTF-16 code units (Java string indices), ``rule.id``,
``rule.category.id``, ``rule.issueType`` and ``replacements``. Its few rules are real
patterns run on the posted text, so offsets after emoji are computed as Java would.
"""
from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import regex

from corpuslint.document import Document
from corpuslint.registry import all_rules
from corpuslint.rules import grammar
from corpuslint.rules.grammar import engine
from corpuslint.rules.grammar.backend_languagetool import utf16_to_codepoints
from corpuslint.rules.grammar.config import GrammarConfig

# (rule id, category id, issue type, pattern, replacement of group 0 or of group "fix")
RULES = [
    ("GERMAN_WORD_REPEAT_RULE", "MISC", "duplication", r"\b(\w+)\s+\1\b", lambda m: m.group(1)),
    ("DE_AGREEMENT", "GRAMMAR", "grammar", r"\bdie Haus\b", lambda m: "das Haus"),
    ("WHITESPACE_RULE", "TYPOGRAPHY", "whitespace", r"(?<=\S)  +(?=\S)", lambda m: " "),
    ("GERMAN_SPELLER_RULE", "TYPOS", "misspelling", r"\bgestren\b", lambda m: "gestern"),
]


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        if self.path != "/v2/check":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}
        type(self).requests.append(form)
        if "text" not in form or "language" not in form:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"Error: Missing 'text' or 'data' parameter")
            return
        text = form["text"]
        off_rules = set(filter(None, form.get("disabledRules", "").split(",")))
        off_cats = set(filter(None, form.get("disabledCategories", "").split(",")))
        only = set(filter(None, form.get("enabledRules", "").split(","))) if form.get("enabledOnly") == "true" else None
        matches = []
        for rule_id, cat, issue, pattern, repl in RULES:
            if rule_id in off_rules or cat in off_cats or only is not None and rule_id not in only:
                continue
            for m in regex.finditer(pattern, text):
                matches.append({
                    "message": f"Possible error ({rule_id}).", "shortMessage": "",
                    "replacements": [{"value": repl(m)}],
                    "offset": utf16_len(text[:m.start()]), "length": utf16_len(m.group()),
                    "context": {"text": text[max(0, m.start() - 20):m.end() + 20], "offset": 0, "length": 0},
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {"id": rule_id, "description": rule_id, "issueType": issue,
                             "category": {"id": cat, "name": cat.title()}},
                    "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
                })
        matches.sort(key=lambda x: x["offset"])
        payload = {
            "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28", "apiVersion": 1,
                         "premium": False, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {"name": "German (Germany)", "code": form["language"],
                         "detectedLanguage": {"name": "German (Germany)", "code": "de-DE", "confidence": 0.99}},
            "matches": matches,
        }
        data = json.dumps(payload).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def reset(tmp_path):
    FakeLanguageTool.requests.clear()
    yield
    grammar.configure(GrammarConfig())


def configure(url, tmp_path, **lt):
    grammar.configure_from_mapping({"backend": {"de": "languagetool"}, "cache-dir": str(tmp_path / "cache"),
                                    "languagetool": {"url": url, **lt}})


def check(text, codes=None, lang="de"):
    rules = [c() for k, c in all_rules().items()
             if k.startswith("CL5") and (c.default_enabled if codes is None else k in codes)]
    doc = Document(text, lang=lang)
    found = []
    for r in rules:
        found += r.check(doc)
    return sorted(found, key=lambda f: f.start)


def test_utf16_offsets_become_code_points():
    text = "a😀b🇫🇷c"
    to_cp = utf16_to_codepoints(text)
    assert [to_cp(utf16_len(text[:i])) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_check_maps_matches_after_emoji_exactly(server, tmp_path):
    configure(server, tmp_path)
    text = "Wir 😀🚀 haben gestern gestern 🇩🇪 die Haus gekauft."
    found = check(text)
    assert [(f.code, text[f.start:f.end]) for f in found] == [("CL501", "gestern gestern"), ("CL502", "die Haus")]
    rep, agr = found
    assert rep.extra["upstream"] == "languagetool:GERMAN_WORD_REPEAT_RULE"
    assert rep.fix.applicability.value == "safe" and rep.fix.edits[0].content == "gestern"
    assert agr.fix.applicability.value == "unsafe" and agr.fix.edits[0].content == "das Haus"
    form = FakeLanguageTool.requests[0]
    assert form["language"] == "de" and form["text"] == text


def test_quiet_profile_asks_the_server_to_skip_typography_spelling_and_style(server, tmp_path):
    configure(server, tmp_path)
    text = "Wir  haben gestren die Haus gekauft."
    assert [f.code for f in check(text)] == ["CL502"]
    off = set(FakeLanguageTool.requests[0]["disabledCategories"].split(","))
    assert {"TYPOGRAPHY", "TYPOS", "STYLE"} <= off
    # selecting the codes brings them back
    found = check(text, codes={"CL510", "CL511"})
    assert [(f.code, text[f.start:f.end]) for f in found] == [("CL510", "  "), ("CL511", "gestren")]


def test_rule_lists_and_language_codes_are_sent(server, tmp_path):
    configure(server, tmp_path, **{"disabled-rules": ["DE_AGREEMENT"], "languages": {"de": "de-CH"}})
    text = "Wir haben die Haus gekauft, gestern gestern."
    assert [f.code for f in check(text)] == ["CL501"]
    form = FakeLanguageTool.requests[0]
    assert form["disabledRules"] == "DE_AGREEMENT" and form["language"] == "de-CH"


def test_results_are_cached_by_paragraph(server, tmp_path):
    configure(server, tmp_path)
    text = "Wir haben gestern gestern gekauft.\n\nDie Stadt baut.\n"
    first = check(text)
    engine._STATE = None
    configure(server, tmp_path)
    assert check(text) == first and len(FakeLanguageTool.requests) == 2


def test_an_unreachable_server_is_one_warning_then_skipped(tmp_path, capsys, monkeypatch):
    import socket

    monkeypatch.setattr(engine, "_WARNED", set())
    with socket.socket() as s:        # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    configure(f"http://127.0.0.1:{port}", tmp_path)
    assert check("Wir haben gestern gestern gekauft.") == []
    assert check("Die Stadt baut die die Brücke.") == []
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "German grammar" in err[0] and "grammar.languagetool.url" in err[0]


def test_an_unreachable_server_with_required_is_an_error(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(grammar.GrammarUnavailable, match="not reachable"):
        grammar.configure_from_mapping({"backend": {"de": "languagetool"}, "required": True,
                                        "languagetool": {"url": f"http://127.0.0.1:{port}"}})
