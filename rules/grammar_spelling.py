from corpuslint.rules.grammar import GrammarRule


class Misspelling(GrammarRule):
    """A word the backend's dictionary does not know.

    ## What it does
    Reports unknown words: Grammalecte's spell checker, Harper's Spelling, Typo and BoundaryError
    lints, LanguageTool's TYPOS category. Off by default (select CL511): news is full of names,
    brands and borrowed words that no dictionary lists.

    ## Why is this bad?
    Real typos ("teh") are noise in a corpus; the rule is useful on texts with few names.

    ## Example
    Bad: `teh results`
    Good: `the results`

    ## Fix safety
    Unsafe: the first suggestion of a spell checker is often not the intended word.
    """

    code = "CL511"
    name = "misspelling"
    slip_category = "spelling"
    default_enabled = False
    fix_applicability = "unsafe"
