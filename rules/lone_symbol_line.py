import regex

from corpuslint.document import code_lines
from corpuslint.rule import Edit, Fix, Rule, line_removal

_NOT_SYMBOL = regex.compile(r"[\p{L}\p{N}]")
_LIST_ITEM = regex.compile(r"[ \t]*[-*+][ \t]+\S")  # "- in Windows Hello on a PC,"
_SPACE = regex.compile(r"[\s\u00a0\u2000-\u200b\u202f\ufeff]+")
_GRAPHEME = regex.compile(r"\X")
# Deliberate: section breaks of three or more of one mark ("***", "* * *", "---", "___"), code
# fences ("```", "~~~") and the typographic ornaments used alone as section breaks. ("❧" is also a
# theme's list bullet left alone: it goes, unsafe.)
_SECTION_BREAK = regex.compile(r"([-*_=~#•·+`])\1{2,}")
_ORNAMENTS = frozenset("⁂❦")
# "[…]" marks an omission in a quotation: it is text.
_OMISSION = frozenset({"[…]", "(…)", "[...]", "(...)"})
# Marks that may carry meaning alone (an ellipsis, a lone question): removal is not safe.
_MEANINGFUL = frozenset({"…", "...", "?", "!", "?!", "!?", "..", "?...", "❧"})
_MAX_MARKS = 3
# A lone bracket of unfenced code: its partner is open in the lines of its block ("Options = [" / "]").
_BRACKETS = {"]": "[", "}": "{", ")": "(", "[": "]", "{": "}", "(": ")", "];": "[", "},": "{"}


def _balances(marks: str, i: int, lines) -> bool:
    """The block around line ``i`` leaves its partner unmatched: a closing mark closes what a line
    above opened, an opening one opens what a line below closes."""
    closing = marks[0] in "]})"
    step = -1 if closing else 1
    partner, mark = _BRACKETS[marks], marks[0]
    k, depth = i + step, 0
    while 0 <= k < len(lines) and not lines[k].is_blank:
        depth += lines[k].text.count(partner) - lines[k].text.count(mark)
        if depth > 0:
            return True
        k += step
    return False
# Closing marks under a line that ends mid-sentence finish that sentence.
_CLOSING = regex.compile(r"[.,;:!?…)\]»”\"']+")
_ENDS_CLAUSE = regex.compile(r"[.!?…,;:][\s\u00a0]*$")
_SENTENCE_END = regex.compile(r"[.!…][\"»”’)]?\s*$")  # headings may ask ("Faut-il acheter ?")
_HEADING_WORDS = 8  # a longer line ending a sentence is no heading to underline
_MAX_WIDTH = 8
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")
# A star-rating widget drawn alone on its line ("★★★★½") next to the rating written out ("Our
# rating: 4.5/5"): the widget's rendering of the same score. Stars alone are a review's verdict.
_STARS = regex.compile(r"[★☆✩✪✭✮⭐½]{3,10}")
_WRITTEN_RATING = regex.compile(r"(?i)\b(?:rating|note|score|verdict|avis)\b[^\n]{0,20}?\d(?:[.,]\d)?\s*/\s*(?:5|10)\b")


def _rating_written_near(lines, i: int) -> bool:
    """A line two lines away at most, or further in the same block (a reviews widget: the stars,
    the quotes, "Note moyenne 4,9/5 sur Google"), writes the rating out."""
    for step in (-1, 1):
        k, blanks = i + step, 0
        while 0 <= k < len(lines) and abs(k - i) <= _RATING_REACH:
            blanks += lines[k].is_blank
            if blanks and abs(k - i) > 2:
                break
            if _WRITTEN_RATING.search(lines[k].text):
                return True
            k += step
    return False


_RATING_REACH = 6


class LoneSymbolLine(Rule):
    """A line made of a lone symbol or punctuation mark.

    ## What it does
    Finds lines whose only content is one to three symbols or punctuation marks, such as
    `-`, `•`, `|`, `*`, `·`, `—`, `>` or `…`: the bullet, separator or button glyph of an HTML
    element whose text the extractor dropped. Also a star-rating widget drawn alone on its line
    next to the same rating written out (`★★★★½` by `Our rating: 4.5/5`; unsafe). Stars alone are
    a review's verdict and stay.

    ## Why is this bad?
    The mark belongs to no sentence. It splits paragraphs, breaks line-based deduplication and
    teaches a model that articles contain stray bullets. Section breaks (`***`, `* * *`, `---`,
    `⁂`), Markdown thematic breaks and setext underlines (not under a long sentence, which no
    writer underlines), code fences and fenced code (also in
    plain text), empty quote lines inside a blockquote, `[…]` omission marks and list items with
    text are left alone, and so is a closing
    mark under a line that ends mid-sentence (`vaut le détour` / `.`): that is a broken wrap,
    which the broken-wrap rule joins.

    ## Example
    Bad:
    ```
    L’accord de Microsoft avec OpenAI n’était qu’une première étape.
    -
      • L’énorme investissement de Redmond a dynamisé sa plateforme d’IA
    ```
    Good:
    ```
    L’accord de Microsoft avec OpenAI n’était qu’une première étape.
      • L’énorme investissement de Redmond a dynamisé sa plateforme d’IA
    ```

    ## Fix safety
    The fix removes the line with its line break (and a blank line when it stood alone between
    two). It is safe for bullets, dashes, pipes and other
    separators, and unsafe for an ellipsis, a question or an exclamation mark and an emoji, which
    can be a writer's own (a pause in a dialogue, a one-mark reply, a reaction).
    """

    code = "CL303"
    name = "lone-symbol-line"
    category = "structure"
    fix_applicability = "sometimes"

    def check(self, doc):
        lines, code = doc.lines, code_lines(doc)
        for ln in doc.prose_lines():
            if ln.index in code:
                continue
            visible = ln.text.strip()
            if not visible or len(visible) > _MAX_WIDTH:
                continue  # wider lines are box borders or rules drawn on purpose
            marks = _SPACE.sub("", visible)
            if _STARS.fullmatch(marks) and _rating_written_near(lines, ln.index):
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, f"star-rating widget line {marks!r}",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the rating widget line"))
                continue
            if not marks or _NOT_SYMBOL.search(marks):
                continue
            if len(_GRAPHEME.findall(marks)) > _MAX_MARKS or self._deliberate(marks, ln, lines, doc):
                continue
            start, end = line_removal(ln, doc)
            edit = Edit.deletion(start, end)
            safe = marks not in _MEANINGFUL and not _EMOJI.search(marks)
            fix = (Fix.safe if safe else Fix.unsafe)(edit, message="Remove the lone symbol line")
            yield self.finding(start, end, f"lone symbol line {marks!r}", fix)

    @staticmethod
    def _deliberate(marks, ln, lines, doc) -> bool:
        if _SECTION_BREAK.fullmatch(marks) or marks in _ORNAMENTS or marks in _OMISSION:
            return True
        if marks in _BRACKETS and _balances(marks, ln.index, lines):
            return True  # "MachineOptions = [" … "]": a bracket of code that closes (or opens) a list
        prev = lines[ln.index - 1] if ln.index > 0 else None
        if _CLOSING.fullmatch(marks) and prev is not None and not prev.is_blank \
                and not _ENDS_CLAUSE.search(prev.text):
            return True  # "vaut le détour" / ".": a broken wrap, the broken-wrap rule joins it
        nxt = lines[ln.index + 1] if ln.index + 1 < len(lines) else None
        if marks == ">" and any(n is not None and n.text.lstrip().startswith(">") for n in (prev, nxt)):
            return True  # paragraph break inside a blockquote (Markdown kept in plain text too)
        if not doc.markdown:
            return False
        if marks == "-" and prev is not None and _LIST_ITEM.match(prev.text):
            return False  # under a list item it is no underline but an empty bullet
        if marks in ("-", "=", "--", "==") and prev is not None and not prev.is_blank:
            # A setext heading underline, unless the line above is a long sentence: no writer
            # underlines one, so the mark is debris (that Markdown happens to render as a heading).
            return not (_SENTENCE_END.search(prev.text) and len(prev.text.split()) > _HEADING_WORDS)
        return False
