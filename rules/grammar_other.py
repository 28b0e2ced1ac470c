from corpuslint.rules.grammar import GrammarRule


class GrammarError(GrammarRule):
    """Another grammar slip reported by the backend (word order, wrong form, impossible date).

    ## What it does
    Reports the grammar slips that are not agreement, verb form, confusion or a doubled word:
    Harper's Grammar, WordOrder, Usage and Nonstandard lints, Grammalecte's date checks,
    LanguageTool's GRAMMAR and MISC categories. On by default.

    ## Why is this bad?
    They are errors a copy editor would correct before publication.

    ## Example
    Bad: `Le concert aura lieu le 31 avril.` (April has 30 days)
    Good: `Le concert aura lieu le 30 avril.`

    ## Fix safety
    Unsafe: the suggestion is the checker's guess.
    """

    code = "CL505"
    name = "grammar-error"
    slip_category = "grammar"
    fix_applicability = "unsafe"
