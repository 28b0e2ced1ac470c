import regex

from corpuslint.document import markdown_code_spans
from corpuslint.rule import Edit, Fix, Rule

# Two or more spaces/tabs between visible characters (leading indentation never matches).
# Two or more blanks with at least one space or tab among them (no-break spaces count: "shift ␣ work").
_RUN = regex.compile(r"(?<=\S)(?=[\u00a0\u202f]*[ \t])[ \t\u00a0\u202f]{2,}(?=\S)")
_NBSP_RUNS = (" \u00a0", "\u00a0 ", " \u202f", "\u202f ")
# French typography wants its no-break space before these and after «: a run there keeps one.
_NBSP_BEFORE, _NBSP_AFTER = ":;!?»%€", "«"
_BEFORE_COMMA = regex.compile(r"(?<=[\p{L}\p{N}»”)])[ \t]+(?=,(?:\s|$))")
_PROSE_TAB = regex.compile(r"(?<=[\p{L},;])\t(?=\p{Ll})")
_WORDS = regex.compile(r"\p{L}+")
_PROSE_TAB_WORDS = 12
_INDENT = regex.compile(r"[ \t\u00a0]{1,8}(?=[\p{Lu}«\"“])")  # before a capital or a quote, not a bullet
_INDENT_SHARE = 3  # one paragraph, or at most a third of them, indented: debris
_TABLE_ROW = regex.compile(r"^\s*\|.*\|")
_INDENTED_CODE = regex.compile(r"^(?: {4}|\t)(?!\s*(?:[-*+]|\d{1,9}[.)])\s)")
# Typewriter spacing: two spaces between sentences, used throughout a document, is its style.
_SENTENCE_GAP = regex.compile(r"(?<=[.!?][\"”’)\]]?)( {1,2})(?=[\"“‘(\[]?\p{Lu})")
_TYPEWRITER_MIN = 3


def _typewriter_spacing(lines) -> bool:
    """Do most sentences of the document end with two spaces (at least three times)?"""
    gaps = [m.group(1) for ln in lines for m in _SENTENCE_GAP.finditer(ln.text)]
    double = gaps.count("  ")
    return double >= _TYPEWRITER_MIN and double * 2 > len(gaps)


def _sentence_gap(text: str, start: int, end: int) -> bool:
    gap = _SENTENCE_GAP.match(text, start)
    return bool(gap and gap.end() == end)


def _one_space(text: str, m) -> str:
    """What a run collapses to: its no-break space where French typography puts one (" ␣: ",
    "« ␣"), else a plain space."""
    nbsp = next((c for c in m.group() if c in "\u00a0\u202f"), None)
    if nbsp and (text[m.end():m.end() + 1] in _NBSP_BEFORE or text[m.start() - 1:m.start()] in _NBSP_AFTER):
        return nbsp
    return " "


def _inside(spans, start, end) -> bool:
    return any(a < end and start < b for a, b in spans)


class SpaceRun(Rule):
    """Runs of spaces or tabs inside a line, or a lone tab inside a sentence.

    ## What it does
    Finds two or more spaces or tabs between two visible characters of a line (no-break spaces
    count in a run that has a plain one) and collapses them into one space (into its no-break
    space before French ":", ";", "!", "?", "»" and after "«"), and a lone tab between two words
    of a sentence (`ounces,<tab>which`). Indentation at the start of a line is left alone,
    except in plain text where one paragraph starts with a few spaces while (nearly) all others
    start at the margin. A space before a comma ("Kuntz , le maire") goes too.

    ## Why is this bad?
    Browsers collapse white space, so a run of spaces in extracted text is where an inline element,
    an icon or a hidden span used to be. It breaks exact-match deduplication and n-gram statistics.

    ## Example
    Bad: `moins de 30 euros,␠␠␠␠et les quintas`
    Good: `moins de 30 euros, et les quintas`

    ## Fix safety
    Safe: only white space changes (between two words, or before a paragraph). Column layouts (the run lines up with a run
    on the line above or below), Markdown tables, indented code and inline code are not reported,
    nor two spaces between sentences in a document that puts them after most of its sentences
    (typewriter spacing is a style).
    """

    code = "CL102"
    name = "space-run"
    category = "hygiene"
    fix_applicability = "safe"

    def check(self, doc):
        lines = doc.prose_lines()
        yield from self._stray_indents(doc, lines)
        yield from self._space_before_comma(doc, lines)
        runs = {ln.index: self._runs(ln, doc) for ln in lines}
        typewriter = _typewriter_spacing(lines)
        for ln in lines:
            column_ends = {m.end() for i in (ln.index - 1, ln.index + 1) for m in runs.get(i, ())}
            for m in runs[ln.index]:
                if m.end() in column_ends:
                    continue  # aligned columns: a plain-text table, not debris
                if typewriter and m.group() == "  " and _sentence_gap(ln.text, m.start(), m.end()):
                    continue  # the document puts two spaces after every sentence
                start, end = ln.start + m.start(), ln.start + m.end()
                one = _one_space(ln.text, m)
                yield self.finding(start, end, f"run of {end - start} spaces or tabs",
                                   Fix.safe(Edit(start, end, one), message="Collapse to one space"))

    def _stray_indents(self, doc, lines):
        """A paragraph of plain text that starts with a few spaces when the others start at the
        margin ("   The pandemic-era frenzy…"): the indentation of a dropped element."""
        if doc.markdown or not any(ln.text[:1] in " \t\u00a0" and _INDENT.match(ln.text) and len(ln.text) > 60
                                   for ln in lines):
            return  # Markdown: indentation means something there (lists, code)
        prose = [ln for ln in lines if len(_WORDS.findall(ln.text)) >= _PROSE_TAB_WORDS]
        indented = [ln for ln in prose if _INDENT.match(ln.text)]
        if not indented or len(indented) > 1 and len(indented) * _INDENT_SHARE > len(prose):
            return  # paragraphs indented on purpose: a style
        for ln in indented:
            m = _INDENT.match(ln.text)
            if ln.index and not doc.lines[ln.index - 1].is_blank:
                continue  # a continuation line: a layout, not a paragraph start
            start, end = ln.start, ln.start + m.end()
            yield self.finding(start, end, "paragraph indented by stray spaces",
                               Fix.safe(Edit.deletion(start, end), message="Remove the indentation"))

    def _space_before_comma(self, doc, lines):
        """"Kuntz , le maire": a space before a comma, where a tag ended (no language puts one)."""
        for ln in lines:
            if " ," not in ln.text and "\t," not in ln.text:
                continue
            code = markdown_code_spans(ln.text) if doc.markdown else []
            for m in _BEFORE_COMMA.finditer(ln.text):
                if not _inside(code, m.start(), m.end()):
                    start, end = ln.start + m.start(), ln.start + m.end()
                    yield self.finding(start, end, "space before a comma",
                                       Fix.safe(Edit.deletion(start, end), message="Remove the space"))

    @staticmethod
    def _runs(ln, doc):
        text = ln.text
        if "  " not in text and "\t" not in text and not any(r in text for r in _NBSP_RUNS):
            return []
        offset = ln.content_start - ln.start
        code = []
        if doc.markdown:
            if _TABLE_ROW.match(text) or _INDENTED_CODE.match(text):
                return []
            code = markdown_code_spans(text)
        runs = [m for m in _RUN.finditer(text, offset) if not _inside(code, m.start(), m.end())]
        if text.count("\t") == 1 and _PROSE_TAB.search(text, offset):
            # One tab between two words of a sentence ("ounces,<tab>which"): a tab-separated row has
            # several, or a short cell on each side.
            m = _PROSE_TAB.search(text, offset)
            if not _inside(code, m.start(), m.end()) and len(_WORDS.findall(text)) >= _PROSE_TAB_WORDS:
                runs = sorted([*runs, m], key=lambda r: r.start())
        return runs
