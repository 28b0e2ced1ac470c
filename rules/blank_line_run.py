from corpuslint.rule import Edit, Fix, Rule


class BlankLineRun(Rule):
    """Three or more blank lines in a row.

    ## What it does
    Finds runs of at least three consecutive blank lines (lines that are empty or hold only white
    space) and keeps a single blank line.

    ## Why is this bad?
    A paragraph break is one blank line. Longer runs are where removed widgets, ads or embeds used
    to be; they make paragraph counts and line-based deduplication unreliable.

    ## Example
    Bad: `another one.⏎⏎⏎⏎⏎⏎**Tip:** always lock the bike.`
    Good: `another one.⏎⏎**Tip:** always lock the bike.`

    ## Fix safety
    Safe: only blank lines go; the first blank line of the run stays as the paragraph break.
    """

    code = "CL103"
    name = "blank-line-run"
    category = "hygiene"
    fix_applicability = "safe"
    min_run = 3

    def check(self, doc):
        run = []
        for ln in doc.prose_lines() + [None]:
            if ln is not None and ln.is_blank and (not run or run[-1].index == ln.index - 1):
                run.append(ln)
                continue
            if len(run) >= self.min_run:
                yield self._collapse(run)
            run = [ln] if ln is not None and ln.is_blank else []

    def _collapse(self, run):
        # Keep the first blank line; the span is exactly the lines (and breaks) the fix deletes.
        start, end = run[1].start, run[-1].end_with_break
        return self.finding(start, end, f"{len(run)} blank lines in a row",
                            Fix.safe(Edit.deletion(start, end), message="Keep one blank line"))
