from corpuslint.rules.grammar import GrammarRule


class StyleSuggestion(GrammarRule):
    """Style advice: wordiness, pleonasms, long sentences, register, word choice.

    ## What it does
    Reports the backend's style checks: Grammalecte's `bs`, `pleo`, `eleu`, `redon`…; Harper's
    Style, WordChoice, Readability, Redundancy, Enhancement and Usage lints and its mass-noun
    lint on nouns that news prose counts ("each flatbread"); LanguageTool's STYLE and
    related categories. Off by default (select CL512): style is the author's, not debris.

    ## Why is this bad?
    It is not, usually: it is a matter of taste, offered for editorial passes.

    ## Example
    Bad: `au jour d'aujourd'hui`
    Good: `aujourd'hui`

    ## Fix safety
    Unsafe: rewording changes the author's text.
    """

    code = "CL512"
    name = "style-suggestion"
    slip_category = "style"
    default_enabled = False
    fix_applicability = "unsafe"
