from corpuslint.rules.boilerplate import PackRule


class PromoBlock(PackRule):
    """Advertising and promotional blocks left in the article text.

    ## What it does
    Removes an ad label line ("Publicité", "Sponsorisé", "Advertisement", "Offre spéciale : …",
    "Événement VB") together with the promotional lines and the call to action that follow it, up to
    a blank line, a few lines, or a line of article prose. The phrases live in the YAML packs
    (rules/packs/<lang>/*.yml, `rule: CL208`).

    ## Why is this bad?
    Ads cut the article in two and add sales copy that is not the author's.

    ## Example
    Bad: `Événement VB⏎Le voyage des effets de l’IA⏎Entrez en contact avec la communauté…⏎Pour en
    savoir plus,`
    Good: (the block is removed)

    ## Fix safety
    Safe for a lone ad label line, and for a label line with the promotion on the lines right
    under it (the block ends at a blank line or a line of prose); unsafe for the other blocks
    (a label and a promotion on one line, a sponsor named, an offer, an event promo), whose
    extent is a judgement.
    """

    code = "CL208"
    name = "promo-block"
    fix_applicability = "sometimes"
