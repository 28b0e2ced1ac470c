from corpuslint.rules.grammar import GrammarRule


class VerbForm(GrammarRule):
    """A verb in the wrong form: a conjugated verb after a preposition ("pour créez"), a wrong mood.

    ## What it does
    Reports verb-form slips: infinitive expected after a preposition or a modal, imperative and
    interrogative forms, mood after a conjunction. French: Grammalecte's `infi`, `imp`, `inte`
    and `vmode` rules; LanguageTool's verb rules elsewhere. On by default.

    ## Why is this bad?
    Homophone endings (-er/-ez/-é) are the most frequent French slips; they change the grammar
    of the sentence and betray an unedited text.

    ## Example
    Bad: `les efforts de Microsoft pour créez vos propres modèles`
    Good: `les efforts de Microsoft pour créer vos propres modèles`

    ## Fix safety
    Unsafe: the suggested form is the checker's choice and may not be the intended verb.
    """

    code = "CL503"
    name = "verb-form"
    slip_category = "verb-form"
    fix_applicability = "unsafe"
