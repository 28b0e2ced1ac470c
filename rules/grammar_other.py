from corpuslint.rules.grammar import GrammarRule


class GrammarError(GrammarRule):
    """Another grammar slip reported by the backend (word order, wrong form, impossible date).

    ## What it does
    Reports the grammar slips that are not agreement, verb form, confusion or a doubled word:
    Harper's Grammar, WordOrder and Nonstandard lints and its "alot"/"infront" compounds,
    corpuslint's indefinite-article check ("a overstretched budget" -> "an"; letters,
    abbreviations and "a unique", "a one-off" are left alone), Grammalecte's date checks,
    LanguageTool's GRAMMAR and MISC categories. On by default. (Harper's Usage lints are house
    opinions as often as slips, "pled" -> "pleaded": they are CL512.)

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
