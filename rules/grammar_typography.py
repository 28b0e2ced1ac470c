from corpuslint.rules.grammar import GrammarRule


class TypographyNit(GrammarRule):
    """Typographic conventions: non-breaking spaces, apostrophes and quotes, dashes, numbers, capitals.

    ## What it does
    Reports the grammar backend's typography checks: Grammalecte's `nbsp`, `apos`, `typo`, `esp`,
    `unit`, `num`, `maj`, `virg`, `tu`…; Harper's Capitalization, Formatting and Punctuation lints;
    LanguageTool's TYPOGRAPHY, PUNCTUATION and CASING categories. Off by default (select CL510):
    scraped text follows each outlet's own conventions, and a capital after a period is often a
    broken wrap that other rules handle.

    ## Why is this bad?
    House style matters for publication-quality corpora; for training data it is rarely worth a
    finding per line.

    ## Example
    Bad: `Vraiment ? Oui.` (ordinary space before "?" in French)
    Good: `Vraiment ? Oui.` (narrow no-break space)

    ## Fix safety
    Unsafe, except doubled punctuation reduced to one mark (safe).
    """

    code = "CL510"
    name = "typography-nit"
    slip_category = "typography"
    default_enabled = False
    fix_applicability = "sometimes"
