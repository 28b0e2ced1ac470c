from corpuslint.rules.grammar import GrammarRule


class AgreementError(GrammarRule):
    """A word that does not agree with its noun or subject ("à leur produits", "The shares has").

    ## What it does
    Reports agreement slips: gender and number within a noun phrase, a verb with its subject, a
    past participle or adjective with what it describes. French: Grammalecte's `gn`, `conj` and
    `ppas` rules, and corpuslint's checks for a plural numeral ("trentes minutes") and a verb
    after a relative clause set off by commas ("Les joueurs, qui…, a perdu"); English: Harper's
    Agreement lints (its mass-noun lint only for never-counted nouns: "an advice") and
    corpuslint's plural-subject, singular-subject ("The new feature were") and possessive "it's"
    ("it's members had", "it's estimate was") checks; LanguageTool's agreement rules elsewhere.
    On by default. When the checker offers two words to change, the fix changes the one that
    settles the phrase ("La salade, légère et généreux" -> "généreuse", not "léger"), never a
    determiner's gender; when neither does, the slip is reported without a fix. An adjective
    agreeing with the noun before a complement ("le seuil de 300 naissances fixé") is not
    reported.

    ## Why is this bad?
    Machine-translated and hastily edited articles carry them; they are real errors that a
    careful editor fixes.

    ## Example
    Bad: `qu'ils intègrent à leur produits.`
    Good: `qu'ils intègrent à leurs produits.`

    ## Fix safety
    Unsafe: the suggestion is the checker's best guess; which word should change (the noun or
    its determiner) is a judgement call.
    """

    code = "CL502"
    name = "agreement-error"
    slip_category = "agreement"
    fix_applicability = "unsafe"
