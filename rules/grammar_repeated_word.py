from corpuslint.rules.grammar import GrammarRule


class RepeatedWord(GrammarRule):
    """A word typed twice in a row ("dans le le cadre", "about the the war").

    ## What it does
    Reports a doubled word found by the grammar backend of the text's language: Grammalecte's
    `doublon` for French, Harper's `RepeatedWords` for English, LanguageTool's `*_WORD_REPEAT_RULE`
    elsewhere. The upstream rule id is in the finding (`extra.upstream`). On by default.

    ## Why is this bad?
    Doubled words are editing or extraction slips (a tag boundary, a copy-paste); they read as
    sloppy and skew n-gram statistics.

    ## Example
    Bad: `passés inaperçus dans le le cadre des tests`
    Good: `passés inaperçus dans le cadre des tests`

    ## Fix safety
    Safe when the fix only drops the second copy of the same word and no other slip overlaps it.
    Words that grammar allows twice are not reported ("had had", "nous nous"); words that often
    are doubled on purpose ("is is", "fait fait") get an unsafe fix.
    """

    code = "CL501"
    name = "repeated-word"
    slip_category = "repetition"
    fix_applicability = "sometimes"
