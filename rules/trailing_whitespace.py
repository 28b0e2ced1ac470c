import regex

from corpuslint.rule import Edit, Fix, Rule

_TRAILING = regex.compile(r"[ \t\u00a0\u3000]+$", regex.M)
# Document-level pre-filter: no line can end in white space without one of these.
_CAN_FIRE = regex.compile(r"[ \t\u00a0\u3000](?:\n|\Z)")


class TrailingWhitespace(Rule):
    """Spaces or tabs at the end of a line.

    ## What it does
    Finds spaces, tabs and no-break spaces between the last visible character of a line and its line break.

    ## Why is this bad?
    Extractors leave them where an inline element or a tag used to be. They are invisible, break
    exact-match deduplication and make diffs noisy.

    ## Example
    Bad: `La mission est respectée.␠␠␠`
    Good: `La mission est respectée.`

    ## Fix safety
    Safe: only whitespace that ends a line is removed. In Markdown, exactly two trailing spaces are a
    hard line break and are left alone.
    """

    code = "CL101"
    name = "trailing-whitespace"
    category = "hygiene"
    fix_applicability = "safe"

    def check(self, doc):
        if not _CAN_FIRE.search(doc.text):
            return
        for ln in doc.prose_lines():
            m = _TRAILING.search(ln.text)
            if not m or ln.is_blank and not ln.text:
                continue
            if doc.markdown and m.group() == "  " and not ln.is_blank:
                continue  # Markdown hard break
            start, end = ln.start + m.start(), ln.start + m.end()
            yield self.finding(start, end, "trailing whitespace",
                               Fix.safe(Edit.deletion(start, end), message="Remove trailing whitespace"))
