from corpuslint.rules.grammar import GrammarRule


class ConfusedWord(GrammarRule):
    """A homophone or near-homophone in place of another ("a partir" for "à partir", "it's" for "its").

    ## What it does
    Reports confusions: a/à, ou/où, its/it's and the like, and mangled set phrases. French:
    Grammalecte's `conf` and `loc` rules and corpuslint's "a deux" -> "à deux"; English:
    Harper's Eggcorn and Malapropism lints and its were/where check, corpuslint's then/than
    ("more expensive then we expected"), were/where ("homes were the jobs are"), who's/whose
    ("parents who's children need") and except/accept ("voted to except a bid") checks (its
    `ItsPossessive` lint is an Agreement lint, reported as CL502); LanguageTool's
    CONFUSED_WORDS elsewhere. On by default. A word at the edge of a quoted mention
    (cliquez sur « Abonnez-vous » suffit) is not judged.

    ## Why is this bad?
    The sentence says something else than what was meant, and search or extraction built on the
    text inherits the error.

    ## Example
    Bad: `Il est allé a Paris.`
    Good: `Il est allé à Paris.`

    ## Fix safety
    Unsafe: confusions depend on meaning; the checker's suggestion needs a reader's eye.
    """

    code = "CL504"
    name = "confused-word"
    slip_category = "confusion"
    fix_applicability = "unsafe"
