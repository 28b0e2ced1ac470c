"""The prose a grammar checker sees, and the way back to file offsets.

Grammar runs after debris is accounted for (``doc.prior`` holds phase-0 findings):

- a line that a debris finding removes (or covers without a fix) is masked: it ends the segment;
- the other debris fixes (a split merged word, repaired mojibake, a dropped "..") are applied,
  so the checker reads the text as it will be after fixing;
- broken wraps are joined with a space; other line breaks end the segment (headings, list
  items, one-line paragraphs and the lines of a stanza stay apart, so no slip is invented across
  them);
- Markdown structure is skipped (``Line.content``), inline markup, URLs, e-mail addresses and
  handles are blanked with spaces of the same length.

A ``Segment`` keeps pieces (check range -> file range) to map slips back exactly.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

_URLISH = regex.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|(?<![\w@])@\w{2,}|pic\.twitter\.com/\S+")
_MD_OPAQUE = regex.compile(r"`[^`\n]+`|!\[[^\]\n]*\]\([^)\n]*\)|<[^<>\n]+>")
_MD_LINK = regex.compile(r"\[(?=[^\]\n]+\]\s?[(\[])|\]\([^)\n]*\)|\]\[[^\]\n]*\]")
_MD_EMPHASIS = regex.compile(r"(?<![\w*_])(?:\*{1,3}|_{1,3})(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3})(?![\w*_])")
_SENTENCE_END = ".!?…"
_JOIN_AFTER = ",;(«“‘—–-"
_JOIN_BEFORE = ",;:)]}»”%…"


@dataclass
class Segment:
    text: str
    # (check_start, check_end, doc_start, doc_end, exact): exact pieces map offset by offset,
    # the others (joins, applied debris fixes) map to their whole file range.
    pieces: list[tuple[int, int, int, int, bool]] = field(default_factory=list)
    opaque: list[tuple[int, int]] = field(default_factory=list)   # blanked markup, check offsets

    @property
    def doc_start(self) -> int:
        return self.pieces[0][2]

    @property
    def doc_end(self) -> int:
        return self.pieces[-1][3]

    def _piece(self, c: int, for_end: bool):
        starts = [p[0] for p in self.pieces]
        i = bisect.bisect_right(starts, c - 1 if for_end and c > 0 else c) - 1
        return self.pieces[max(i, 0)]

    def to_doc(self, start: int, end: int) -> tuple[int, int]:
        """A check-text span as a file span; a span touching a join or applied fix grows to cover it."""
        c0, c1, d0, d1, exact = self._piece(start, False)
        ds = d0 + (start - c0) if exact else d0
        c0, c1, d0, d1, exact = self._piece(end, True)
        de = d0 + (end - c0) if exact else d1
        return ds, max(ds, de)

    def is_opaque(self, start: int, end: int) -> bool:
        return any(a < max(end, start + 1) and start < b for a, b in self.opaque)

    def next_to_opaque(self, start: int, end: int) -> bool:
        """Is blanked markup the word right before or right after this span?"""
        return any(not self.text[b:start].strip() if b <= start else not self.text[end:a].strip()
                   for a, b in self.opaque if b <= start or a >= end)


def _deletes(finding) -> bool:
    """Does this debris finding remove what it covers (or give no fix at all)?"""
    fix = finding.fix
    return fix is None or all(not e.content.strip() for e in fix.edits)


def segments(doc) -> list[Segment]:
    prior = [f for f in doc.prior if not f.code.startswith("CL5")]
    removers = [f for f in prior if _deletes(f)]
    edits = sorted({e for f in prior if not _deletes(f) and f.fix for e in f.fix.edits}
                   | {e for f in removers if f.fix for e in f.fix.edits if e.end - e.start < 200},
                   key=lambda e: (e.start, e.end))
    out: list[Segment] = []
    for para in doc.paragraphs:
        run: list = []
        stanza = _stanza(para)
        for ln in para:
            content = ln.content
            lead = len(content) - len(content.lstrip())
            first, last = ln.content_start + lead, ln.start + len(ln.text.rstrip())
            if first >= last or any(f.start <= first and f.end >= last for f in removers):
                _flush(doc, run, edits, out)
                run = []
                continue
            if run and not (_prior_joins(edits, run[-1].end) or not stanza and _wrapped(run[-1], ln, doc)):
                _flush(doc, run, edits, out)
                run = []
            run.append(ln)
        _flush(doc, run, edits, out)
    return out


def _stanza(para) -> bool:
    """Three short lines or more, two of them closed by a comma: verse, whose lines are read apart
    ("avec mes sabots,⏎rencontrai trois capitaines," is no verb without its subject)."""
    lines = [ln.content.strip() for ln in para]
    return (len(lines) >= _STANZA_LINES and all(len(t) < _STANZA_WIDTH for t in lines)
            and sum(t.endswith((",", ";")) for t in lines) >= 2)


_STANZA_LINES, _STANZA_WIDTH = 3, 40   # the width below which broken wraps (CL405) see verse too


def _prior_joins(edits, newline_at: int) -> bool:
    return any(e.start <= newline_at < e.end for e in edits)


def _wrapped(prev, cur, doc) -> bool:
    """Does ``cur`` continue the sentence of ``prev`` (a broken wrap)?"""
    if doc.markdown and cur.content_start > cur.start:
        return False   # a list item, heading or quote of its own
    p, c = prev.content.rstrip(), cur.content.lstrip()
    if not p or not c or p[-1] in _SENTENCE_END:
        return False
    if c[0].islower() or c[0] in _JOIN_BEFORE:
        return True
    return p[-1] in _JOIN_AFTER or (p[-1].isalpha() and c[0].isdigit())


def _flush(doc, run, edits, out) -> None:
    if not run:
        return
    text = doc.text
    lead = len(run[0].content) - len(run[0].content.lstrip())
    lo, hi = run[0].content_start + lead, run[-1].start + len(run[-1].text.rstrip())
    repl: list[tuple[int, int, str, str]] = []   # (start, end, content, kind)
    gaps = [(a.start + len(a.text.rstrip()), b.content_start + len(b.content) - len(b.content.lstrip()))
            for a, b in zip(run, run[1:])]
    for e in edits:
        inside_gap = any(g0 <= e.start and e.end <= g1 for g0, g1 in gaps) and not e.content.strip()
        if lo <= e.start and e.end <= hi and not e.start == e.end == hi and not inside_gap:
            repl.append((e.start, e.end, e.content, "fix"))
    for g0, g1 in gaps:   # a join also stands for the whitespace fixes inside it
        repl.append((g0, g1, " ", "join"))
    for ln in run:
        base = ln.content_start
        masks = list(_URLISH.finditer(ln.content))
        if doc.markdown:
            masks += _MD_OPAQUE.finditer(ln.content)
            masks += _MD_LINK.finditer(ln.content)
        for m in masks:
            repl.append((base + m.start(), base + m.end(), " " * (m.end() - m.start()), "opaque"))
        if doc.markdown:
            for m in _MD_EMPHASIS.finditer(ln.content):
                repl.append((base + m.start(), base + m.end(), " " * (m.end() - m.start()), "blank"))
    accepted: list[tuple[int, int, str, str]] = []
    order = {"fix": 0, "join": 1, "opaque": 2, "blank": 3}
    for r in sorted(repl, key=lambda r: (order[r[3]], r[0], r[1])):
        s, e = r[0], r[1]
        if any(s < b and a < e or s == e and a <= s <= b or a == b and s <= a <= e for a, b, _, _ in accepted):
            continue
        accepted.append(r)
    accepted.sort(key=lambda r: (r[0], r[1]))
    seg = Segment("")
    parts: list[str] = []
    pos, c = lo, 0
    for s, e, content, kind in accepted:
        if s > pos:
            parts.append(text[pos:s])
            seg.pieces.append((c, c + s - pos, pos, s, True))
            c += s - pos
        if kind in ("opaque", "blank"):
            seg.pieces.append((c, c + len(content), s, e, True))
            if kind == "opaque":
                seg.opaque.append((c, c + len(content)))
        elif content or s == e:
            seg.pieces.append((c, c + len(content), s, e, False))
        else:  # a deletion: nothing to check, but keep the map continuous
            seg.pieces.append((c, c, s, e, False))
        parts.append(content)
        c += len(content)
        pos = e
    if hi > pos:
        parts.append(text[pos:hi])
        seg.pieces.append((c, c + hi - pos, pos, hi, True))
    seg.text = "".join(parts)
    if seg.pieces and seg.text.strip():
        out.append(seg)
