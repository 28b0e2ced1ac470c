import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import code_lines

# A comma, semicolon, closing bracket or a colon followed by a space cannot open a text.
# Closing quotes are not in the set: French prints "»" at the start of each paragraph of a
# long quotation, and "…" opens quotations that start mid-sentence. ".NET" is a name.
_LEADING = regex.compile(r"(?P<marks>[,;)\]}]+|:(?=[ \t\u00a0]))[ \t\u00a0]*")
_EMOTICON = regex.compile(r"[;:][-']?[)(\]DPp]")
# The previous line ends a sentence or a clause: joining would not mend the fragment (that is
# the broken-wrap rule's case, for lines that end mid-sentence).
_CLOSED = regex.compile(r"[.!?…,;:][ \t\u00a0]*$")
_WORD = regex.compile(r"\w+")
FRAGMENT_WORDS = 8


class LeadingPunctuation(Rule):
    """A line that starts with a comma, a semicolon or closing punctuation.

    ## What it does
    Finds lines that begin with `,`, `;`, `)`, `]`, `}` or `: ` when the line before is blank or
    already ends with punctuation, such as `, voyons voir.` after `Pour en savoir plus,`: the tail
    of a sentence whose head the extractor dropped. A line that continues a previous line ending
    mid-sentence (`notamment GitHub` / `, Mojang Studios`) is a broken wrap, reported by the
    broken-wrap rule, which joins the two lines.

    ## Why is this bad?
    The fragment is not a sentence: it starts with a mark that cannot open one, and language
    models and sentence splitters learn it as is. Lines opening with `»` (continued French
    quotations), `…` (a quotation starting mid-sentence), `.NET` and emoticons are left alone.

    ## Example
    Bad:
    ```
    Pour en savoir plus,
    , voyons voir.
    ```
    Good:
    ```
    Pour en savoir plus,
    ```

    ## Fix safety
    Unsafe either way. A short fragment (up to 8 words) is removed with its line break: it cannot
    be read alone, but it is text. A longer line keeps its words and loses only the leading marks,
    which may leave it starting in lower case.
    """

    code = "CL306"
    name = "leading-punctuation"
    category = "structure"
    fix_applicability = "unsafe"

    def check(self, doc):
        lines, code = doc.lines, code_lines(doc)
        for ln in doc.prose_lines():
            if ln.index in code:
                continue
            content = ln.content.lstrip(" \t\u00a0")
            m = _LEADING.match(content)
            if not m or _EMOTICON.match(content):
                continue
            prev = lines[ln.index - 1] if ln.index > 0 else None
            if prev is not None and not prev.is_blank and not _CLOSED.search(prev.text):
                continue  # a broken wrap: the line continues the one before
            rest = content[m.end():]
            if not _WORD.search(rest):
                continue  # marks alone on a line: the lone-symbol rule's case
            if len(_WORD.findall(rest)) <= FRAGMENT_WORDS:
                start, end = line_removal(ln, doc)
                fix = Fix.unsafe(Edit.deletion(start, end), message="Remove the sentence fragment")
                yield self.finding(start, end, f"line starts with {m.group('marks')!r}: an orphan fragment", fix)
                continue
            start = ln.start + len(ln.text) - len(content)
            end = start + m.end()
            fix = Fix.unsafe(Edit.deletion(start, end), message="Remove the leading punctuation")
            yield self.finding(start, end, f"line starts with {m.group('marks')!r}", fix)
