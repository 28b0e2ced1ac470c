"""A document as rules see it: normalised text, a line index, prose spans, a language.

``text`` always uses ``\\n`` line breaks (sources map CRLF and CR back on write).
For Markdown, fenced code, front matter and HTML comments are *skipped* ranges:
rules may look at them for context, but the engine drops findings inside them.
Headings, list and quote markers are structure: ``Line.content`` starts after them.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

import regex

# Python's str.splitlines breaks (minus \r, gone after normalisation): rows are
# counted the same way as every Python consumer of our JSON counts them.
_ROW_BREAK = regex.compile(r"[\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_MARKER = regex.compile(r"^ {0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)+")
_HTML_COMMENT = regex.compile(r"<!--.*?-->", regex.S)
# Markdown signals for .txt files that are Markdown in disguise (a README saved as .txt).
_MD_SIGNALS = (
    regex.compile(r"^ {0,3}(```|~~~)", regex.M),                 # a code fence
    regex.compile(r"^ {0,3}#{1,6} \S", regex.M),                  # an ATX heading
    regex.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)"),     # an inline link
    regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+", regex.M),          # a table rule
    regex.compile(r"\*\*[^*\n]+\*\*"),                                # bold
)


# A literal that each signal's match contains: when it is absent the regex cannot match, and
# most documents are plain prose, so the substring tests (C speed) settle nearly every signal.
_MD_NEEDS = (("```", "~~~"), ("# ",), ("](",), ("---",), ("**",))


_CODE_SPAN = regex.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


def markdown_code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans of a Markdown line, as (start, end) offsets into ``text``."""
    return [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []


def token_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token holding text[start:end] (a URL, a path, a version…)."""
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    return text[a:b]


def code_lines(doc: "Document") -> frozenset[int]:
    """Indexes of the lines of closed fenced code blocks (fences included) in a plain-text document.

    Scraped Markdown keeps its fences in .txt files; code is not prose, and its braces, '#define'
    lines and sample timestamps are not debris. (Markdown documents skip code already.)
    Computed once per document and shared by the rules that need it.
    """
    if doc.markdown or "``" not in doc.text and "~~" not in doc.text:
        return frozenset()
    cached = doc.shared.get(code_lines)
    if cached is not None:
        return cached
    found, block, fence = set(), [], None
    for ln in doc.lines:
        m = _FENCE.match(ln.text)
        if fence is None:
            if m:
                fence, block = m.group(1), [ln.index]
            continue
        block.append(ln.index)
        closing = m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
            and not ln.text[m.end():].strip()
        if closing:
            found.update(block)
            fence = None
    doc.shared[code_lines] = out = frozenset(found)  # an unclosed fence is a stray mark, not code
    return out


def looks_like_markdown(text: str) -> bool:
    """Two different Markdown constructs, or one code fence pair, make a text Markdown."""
    sample = text[:20000]
    hits = [any(n in sample for n in needs) and bool(p.search(sample))
            for p, needs in zip(_MD_SIGNALS, _MD_NEEDS)]
    if not hits[0]:
        return sum(hits) >= 2
    fences = len(_MD_SIGNALS[0].findall(sample))
    return sum(hits) >= 2 or fences >= 2


@dataclass(frozen=True)
class Line:
    index: int          # 0-based
    start: int          # offset of the first character
    end: int            # offset of the line break (or of the end of text)
    text: str           # without the line break
    content_start: int  # after Markdown structure markers (== start for plain text)
    has_break: bool     # followed by "\n"

    @property
    def content(self) -> str:
        return self.text[self.content_start - self.start:]

    @property
    def end_with_break(self) -> int:
        return self.end + 1 if self.has_break else self.end

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class Document:
    def __init__(self, text: str, *, path: str = "<text>", lang: str = "und",
                 markdown: bool = False, record: int | None = None, doc_id: str | None = None,
                 guessed: bool = False):
        self.text = text
        self.path = path
        self.lang = lang
        self.markdown = markdown
        # Markdown guessed from a .txt file's text: its HTML comments are scraping residue, not markup.
        self.guessed = guessed
        self.record = record
        self.doc_id = doc_id
        self.prior: list = []  # findings of earlier rule phases (set by the engine)
        self.shared: dict = {}  # per-document facts several rules compute once (e.g. the pack index)

    def __repr__(self):
        return f"Document({self.path!r}, lang={self.lang!r}, {len(self.text)} chars)"

    @cached_property
    def lines(self) -> list[Line]:
        out, pos, text = [], 0, self.text
        structure = self._structure_ranges()
        for i, raw in enumerate(text.split("\n")):
            end = pos + len(raw)
            cs = pos
            if self.markdown and not _inside(structure, pos):
                m = _MD_MARKER.match(raw)
                if m:
                    cs = pos + m.end()
            out.append(Line(i, pos, end, raw, cs, end < len(text)))
            pos = end + 1
        if out and out[-1].text == "" and out[-1].start == len(text) and len(out) > 1:
            out.pop()  # the empty "line" after a final newline is not a line
        return out

    @cached_property
    def skipped(self) -> list[tuple[int, int]]:
        """Sorted, disjoint ranges that are not prose (Markdown only)."""
        return self._structure_ranges() if self.markdown else []

    def _structure_ranges(self) -> list[tuple[int, int]]:
        if not self.markdown:
            return []
        text, ranges = self.text, []
        raw_lines = text.split("\n")
        offs, pos = [], 0
        for raw in raw_lines:
            offs.append(pos)
            pos += len(raw) + 1
        i = 0
        # Front matter: a first line of '---' up to the closing '---' or '...'.
        if raw_lines and raw_lines[0].strip() == "---":
            for j in range(1, len(raw_lines)):
                if raw_lines[j].strip() in ("---", "..."):
                    ranges.append((0, min(len(text), offs[j] + len(raw_lines[j]) + 1)))
                    i = j + 1
                    break
        fence = None
        while i < len(raw_lines):
            m = _FENCE.match(raw_lines[i])
            if fence is None and m:
                fence, fstart = m.group(1), offs[i]
            elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                ranges.append((fstart, min(len(text), offs[i] + len(raw_lines[i]) + 1)))
                fence = None
            i += 1
        if fence is not None:
            ranges.append((fstart, len(text)))
        for m in _HTML_COMMENT.finditer(text):
            if not self.guessed or m.group().startswith("<!-- corpuslint:"):
                ranges.append((m.start(), m.end()))
        return _merge(ranges)

    def in_skipped(self, start: int, end: int) -> bool:
        """Does [start, end) touch a skipped range?"""
        sk = self.skipped
        if not sk:
            return False
        i = bisect.bisect_right(sk, (start, float("inf"))) - 1
        for a, b in sk[max(i, 0):]:
            if a >= max(end, start + 1):
                break
            if a < max(end, start + 1) and start < b:
                return True
        return False

    def prose_lines(self) -> list[Line]:
        """Lines that are (at least partly) prose."""
        if not self.markdown:
            return self.lines
        return [ln for ln in self.lines if not self._line_skipped(ln)]

    def _line_skipped(self, ln: Line) -> bool:
        for a, b in self.skipped:
            if a <= ln.start and ln.end <= b and (ln.end < b or not ln.has_break or ln.end + 1 <= b):
                return True
        return False

    def line_at(self, offset: int) -> Line:
        starts = self._line_starts
        return self.lines[max(0, bisect.bisect_right(starts, offset) - 1)]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    @cached_property
    def _row_starts(self) -> list[int]:
        return [0] + [m.end() for m in _ROW_BREAK.finditer(self.text)]

    def row_col(self, offset: int) -> tuple[int, int]:
        """1-based row and column (code points) of an offset, rows as str.splitlines counts them."""
        starts = self._row_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    @cached_property
    def paragraphs(self) -> list[list[Line]]:
        """Runs of non-blank prose lines."""
        out, cur = [], []
        for ln in self.prose_lines():
            if ln.is_blank:
                if cur:
                    out.append(cur)
                cur = []
            else:
                if cur and cur[-1].index != ln.index - 1:
                    out.append(cur)
                    cur = []
                cur.append(ln)
        if cur:
            out.append(cur)
        return out


def _inside(ranges, pos):
    return any(a <= pos < b for a, b in ranges)


def _merge(ranges):
    out = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
