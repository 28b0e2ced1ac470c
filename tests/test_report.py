"""The HTML report, rendered by a real headless Chromium (Debian's `chromium`, installed by .ci/setup --test)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class DomSummary(HTMLParser):
    """Collects what the page's script built: chart bars, marks, documents and their visibility."""

    def __init__(self):
        super().__init__()
        self.bars, self.marks, self.docs, self.hidden_docs, self.ready = [], [], [], [], False
        self.in_chart = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("id") == "chart":
            self.in_chart = True
        if tag == "rect" and self.in_chart:
            self.bars.append((a.get("data-code"), float(a.get("width", 0)), a.get("opacity")))
        if tag == "mark":
            self.marks.append((a.get("data-code"), "hidden" in a.get("class", "")))
        if tag == "section" and "doc" in a.get("class", "").split():
            self.docs.append(a.get("id"))
            if "hidden" in a.get("class", "").split():
                self.hidden_docs.append(a.get("id"))
        if tag == "body" and a.get("data-ready") == "1":
            self.ready = True

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_chart = False


def dump_dom(url: str, tmp_path) -> DomSummary:
    r = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    s = DomSummary()
    s.feed(r.stdout)
    return s


@pytest.fixture
def report(cli, seeds_copy, tmp_path):
    out = tmp_path / "report.html"
    code, _, err = cli("report", "--no-cache", "--no-grammar", seeds_copy, "-o", out)
    assert code == 0, err
    return out


def test_report_is_self_contained(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", html), "the report must not load anything from the network"
    blob = html.split('<script id="data" type="application/json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(blob)
    assert data["totals"]["documents"] == 5 and data["totals"]["findings"] > 0
    assert data["rules"] and all(r["count"] > 0 for r in data["rules"])


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (bash .ci/setup --test installs it)")
def test_report_renders_in_headless_chromium(report, tmp_path):
    data = json.loads(report.read_text(encoding="utf-8").split('type="application/json">', 1)[1].split("</script>")[0])
    dom = dump_dom(report.as_uri(), tmp_path)
    assert dom.ready, "the page's script did not run to the end"
    # The chart is drawn: one bar per rule, widths proportional to the counts.
    assert [b[0] for b in dom.bars] == [r["code"] for r in data["rules"]]
    widths = {code: w for code, w, _ in dom.bars}
    top = data["rules"][0]
    assert all(widths[top["code"]] >= widths[r["code"]] for r in data["rules"])
    # Every document with findings is shown with its debris highlighted.
    assert len(dom.docs) == len(data["documents"]) and dom.marks
    assert {c for c, _ in dom.marks} == {r["code"] for r in data["rules"]}
    assert not dom.hidden_docs and not any(h for _, h in dom.marks)

    # Filtered by rule through the URL: other rules' marks and documents without that rule are hidden.
    code = data["rules"][-1]["code"]
    filtered = dump_dom(report.as_uri() + f"#rule={code}", tmp_path)
    assert all(hidden == (c != code) for c, hidden in filtered.marks)
    with_code = [f"doc-{i}" for i, d in enumerate(data["documents"]) if any(m["code"] == code for m in d["marks"])]
    assert sorted(set(filtered.docs) - set(filtered.hidden_docs)) == sorted(with_code)
    assert all((op == "1") == (c == code) for c, _, op in filtered.bars)
