"""Guarantees checked on generated inputs (hypothesis), through the Python API, all default rules.

- checking never crashes, on arbitrary Unicode and on articles with injected debris;
- every finding and every edit points inside the text, and a fix edits only inside the span
  of its finding (so a fix changes only characters inside the spans of the findings it fixes);
- --fix is idempotent: fixing fixed text changes nothing (and fixing converges);
- text with no findings is returned unchanged, byte for byte, whatever its line endings;
- bytes -> text -> bytes and line-ending normalisation lose nothing.

By default 200 arbitrary texts, 60 generated articles and 500 examples of each cheap codec
property, derandomized (the same examples every run); CORPUSLINT_THOROUGH=1 runs 5,000 / 2,000
/ 20,000 fresh random ones (see the README).
"""
from __future__ import annotations

import codecs
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from corpuslint.finding import Edit
from corpuslint.fixer import apply_edits, applicable, choose
from corpuslint.jsonl import parse_record
from corpuslint.linter import Linter
from corpuslint.settings import Settings
from corpuslint.textcodec import BOMS, Decoded, EncodeError, Normalised, decode

THOROUGH = os.environ.get("CORPUSLINT_THOROUGH") == "1"
PROPERTY = settings(max_examples=5000 if THOROUGH else 200, deadline=None, derandomize=not THOROUGH,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])
ARTICLES = settings(PROPERTY, max_examples=2000 if THOROUGH else 60)  # ~0.3 s each: every rule, several passes
CHEAP = settings(PROPERTY, max_examples=20000 if THOROUGH else 500)

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def linter(lang: str) -> Linter:
    """Every default rule (the set grows as rules are added), grammar included."""
    return Linter(Settings(root=str(ROOT), lang=lang))


# -- strategies ----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def seed_sentences() -> tuple[str, ...]:
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if 20 <= len(s.strip()) <= 300]
    return tuple(out) or ("Le chat dort sur le canapé.", "The cat sleeps on the sofa.")


# Debris as scrapers leave it, in-line (spliced into a sentence) and whole lines.
INLINE_DEBRIS = ["&nbsp;", "&amp;", "&#8217;", "&eacute;", "<br>", "<b>", "</p>", "<span class=\"x\">", "\u200b",
                 "\u00ad", "\ufeff", "Ã©", "â€™", "Ã ", "  ", "   ", "\t", " ,", "!!", "..", " ;", "?.",
                 "[caption id=\"a\"]", "Publicité", "le le", "\u202f", "\u00a0", "’", "«", "»"]
LINE_DEBRIS = ["Partager sur Facebook", "Partager : Twitter LinkedIn", "Lire aussi : Les abeilles",
               "#climat #ecologie #news", "Abonnez-vous à notre newsletter", "Publicité", "*", "•", "—",
               "1699999999", "a8f5f167f44f4964e6c998dee827110c", "Cookies : nous utilisons des cookies",
               "Read more", "Share this article", "Accueil > Actualités > Science", "", "", "   ",
               "Photo : AFP", "Vous aimerez aussi", "Commentaires (3)", "Tous droits réservés © 2023"]


@st.composite
def articles(draw):
    """Paragraphs of real sentences with debris spliced in and debris lines in between."""
    sentences = seed_sentences()
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        para = [draw(st.sampled_from(sentences)) for _ in range(draw(st.integers(1, 3)))]
        text = " ".join(para)
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(INLINE_DEBRIS)) + text[at:]
        lines.append(text)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(LINE_DEBRIS)))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(LINE_DEBRIS)))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r"]))
    text = sep.join(lines) + draw(st.sampled_from(["", "\n", sep, "  ", "\n\n\n"]))
    if draw(st.booleans()):  # a few stray breaks of another style
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(["\n", "\r\n", "\r"])) + text[at:]
    return text


# Arbitrary Unicode, biased towards what matters here: breaks, spaces, punctuation, controls.
SPECIAL = st.sampled_from(list("\n\r \t\u00a0\u202f\u200b\u200d\u00ad\ufeff&;<>/#*.,!?'\"«»’\u0301\x00\x0b\x85\u2028") +
                          ["\r\n", "  ", "&nbsp;", "<br>", "Ã©", "http://x.fr", "1234567890"])
UNICODE = st.lists(st.one_of(st.text(min_size=1, max_size=8), SPECIAL), max_size=40).map("".join)
LANGS = st.sampled_from(["fr", "en", "auto"])
ANY_TEXT = st.one_of(UNICODE, articles())


# -- helpers ----------------------------------------------------------------------------

def raw_findings(lin: Linter, text: str, markdown: bool):
    """(rule, finding) as the rules report them, before the engine drops out-of-range ones."""
    doc = lin.document(Normalised.of(text).text, markdown=markdown)
    rules = [r for r in lin.rules if r.applies_to(doc)]
    found = []
    for phase in sorted({r.phase for r in rules}):
        doc.prior = [f for _, f in found]
        for rule in (r for r in rules if r.phase == phase):
            found += [(rule, f) for f in rule.check(doc)]
    return doc, found


def where(text: str, f) -> str:
    return f"{f.code} at {f.start}..{f.end} {text[max(0, f.start - 20):f.end + 20]!r}"


# -- properties: rules and the fixer ---------------------------------------------------------------
# One test per kind of input checks every property on each example, so that the lint passes
# (every rule, grammar included) are shared: this keeps the suite fast.

def check_guarantees(text: str, lang: str, unsafe: bool, markdown: bool) -> None:
    lin = linter(lang)
    # 1. Checking never crashes; every finding and edit points inside the text, every edit
    #    inside the span of its own finding (the engine would silently drop a stray one).
    doc, raw = raw_findings(lin, text, markdown)
    n = len(doc.text)
    for rule, f in raw:
        assert f.code == rule.code, where(doc.text, f)
        assert 0 <= f.start <= f.end <= n, where(doc.text, f)
        for e in f.fix.edits if f.fix else ():
            assert f.start <= e.start <= e.end <= f.end, (where(doc.text, f), e)
    _, found = lin.check_text(text, markdown=markdown)

    # 2. One round of fixes changes, in the file's own text, only the spans of the findings
    #    it fixes: everything outside them comes out in order, identical once normalised
    #    (a lone CR that a removal would join to an LF is the one break that may be rewritten).
    norm = Normalised.of(text)
    fixes = choose(found, unsafe)
    owner = {id(f.fix): f for f in found if f.fix is not None}
    merged: list[list[int]] = []
    for a, b in sorted((owner[id(fx)].start, owner[id(fx)].end) for fx in fixes):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = norm.apply([e for fx in fixes for e in fx.edits])
    assert Normalised.of(out).text == apply_edits(norm.text, [e for fx in fixes for e in fx.edits])
    exact = "\r" not in text.replace("\r\n", "")  # no lone CR: bytes outside spans are exact
    outside, pos = [], 0
    for a, b in merged:
        outside.append(norm.text[pos:a] if not exact else text[norm.to_original(pos):norm.to_original(a)])
        pos = b
    outside.append(norm.text[pos:] if not exact else text[norm.to_original(pos):])
    pattern = "(?:.*?)".join(re.escape(piece) for piece in outside)
    assert re.fullmatch(pattern, out if exact else Normalised.of(out).text, re.S), (text, out)

    # 3. Fixing converges and is idempotent.
    once = lin.fix_text(text, unsafe=unsafe, markdown=markdown)
    assert once.converged, f"fixes keep coming on {text!r}: {[where(text, f) for f in once.remaining][:3]}"
    twice = lin.fix_text(once.text, unsafe=unsafe, markdown=markdown)
    assert twice.text == once.text and twice.applied == 0, (text, once.text, twice.text)

    # 4. Text with nothing to fix comes back unchanged, byte for byte.
    if not fixes:
        assert once.text == text

    # 5. The line-ending style survives: no CR appears in an LF file, no LF in a CR-only one.
    if "\r" not in text:
        assert "\r" not in once.text
    if "\r" in text and "\n" not in text:
        assert "\n" not in once.text


@PROPERTY
@given(text=UNICODE, lang=LANGS, unsafe=st.booleans(), markdown=st.booleans())
@example(text="", lang="fr", unsafe=False, markdown=False)
@example(text="\r\n\r\n\r", lang="auto", unsafe=True, markdown=True)
@example(text="a\r  \nb", lang="fr", unsafe=True, markdown=False)
def test_guarantees_on_arbitrary_unicode(text, lang, unsafe, markdown):
    check_guarantees(text, lang, unsafe, markdown)


@ARTICLES
@given(text=articles(), lang=LANGS, unsafe=st.booleans(), markdown=st.booleans())
def test_guarantees_on_articles_with_injected_debris(text, lang, unsafe, markdown):
    check_guarantees(text, lang, unsafe, markdown)


# -- properties: bytes and line endings --------------------------------------------------------------

BREAKY = st.lists(st.one_of(st.text(alphabet="ab \t", min_size=1, max_size=4),
                            st.sampled_from(["\n", "\r", "\r\n", "\r\r\n", "\n\r"])), max_size=30).map("".join)


@CHEAP
@given(original=BREAKY, data=st.data())
def test_normalised_edits_map_back_without_touching_anything_else(original, data):
    norm = Normalised.of(original)
    assert "\r" not in norm.text and norm.apply([]) == original
    assert len(norm.text) == len(original) - len(norm.crlf_at)
    n = len(norm.text)
    points = sorted(data.draw(st.lists(st.integers(0, n), max_size=6)))
    edits = [Edit(points[i], points[i + 1], data.draw(st.sampled_from(["", "x", "\n", " y\n"])))
             for i in range(0, len(points) - 1, 2)]
    try:
        out = norm.apply(edits)
    except EncodeError:
        return  # refused: would have merged a lone CR and an LF
    assert Normalised.of(out).text == apply_edits(norm.text, edits)
    # Untouched stretches of the original keep their exact characters, breaks included; with
    # lone CRs about, one break beside an edit may be rewritten so that it cannot join an LF.
    exact = "\r" not in original.replace("\r\n", "")
    pos = 0
    for e in sorted(edits):
        piece = original[norm.to_original(pos):norm.to_original(e.start)]
        if exact:
            assert piece in out
        else:
            assert Normalised.of(piece).text.strip("\n") in Normalised.of(out).text
        pos = e.end


@CHEAP
@given(text=st.text(), enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32-le",
                                            "cp1252", "latin-1", "iso8859-15", "mac_roman"]))
def test_bytes_round_trip_exactly(text, enc):
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        assume(False)
    given_enc = None if enc in ("utf-8", "utf-8-sig", "utf-16") else enc  # a BOM decides for these
    d = decode(data, given_enc)
    assert d.encode(d.text) == data
    if enc == "utf-16" and data.startswith(codecs.BOM_UTF32_LE):
        pass  # FF FE 00 00: UTF-32's BOM wins
    elif enc == "utf-8" and text.startswith("\ufeff"):
        # A text that opens with U+FEFF, written in UTF-8, is the bytes of a BOM: read back, that
        # character is the BOM (the bytes above still match).
        assert d.bom and d.text == text[1:]
    else:
        assert d.text == text
    if d.bom:
        assert any(data.startswith(b) for b, _ in BOMS)


@CHEAP
@given(data=st.binary(max_size=64), enc=st.sampled_from([None, "cp1252", "latin-1", "utf-16-le", "shift_jis"]))
def test_any_bytes_either_decode_exactly_or_are_refused(data, enc):
    from corpuslint.textcodec import DecodeError

    try:
        d = decode(data, enc)
    except DecodeError:
        return
    assert d.encode(d.text) == data


@CHEAP
@given(text=st.text(), other=st.text(), ascii_only=st.booleans(),
       extra=st.dictionaries(st.text(max_size=5).filter(lambda k: k != "text"), st.integers() | st.text(), max_size=3))
def test_jsonl_record_splices_only_its_text(text, other, ascii_only, extra):
    line = json.dumps({**extra, "text": text}, ensure_ascii=ascii_only)
    rec = parse_record(1, line, "text", "id")
    assert rec.text == text
    new = rec.with_text(other)
    assert json.loads(new) == {**extra, "text": other}
    a, b = rec.text_span
    assert new[:a] == line[:a] and new.endswith(line[b:])
