from corpuslint.rules.grammar import GrammarRule


class AgreementError(GrammarRule):
    """A word that does not agree with its noun or subject ("à leur produits", "The shares has").

    ## What it does
    Reports agreement slips: gender and number within a noun phrase, a verb with its subject,
    a past participle or adjective with what it describes. French: Grammalecte's `gn`, `conj` and
    `ppas` rules; English: Harper's Agreement lints and corpuslint's plural-subject check;
    LanguageTool's agreement rules elsewhere. On by default.

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
