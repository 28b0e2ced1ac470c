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
    Safe for a lone ad label line; unsafe for a block, whose end is a judgement.
    """

    code = "CL208"
    name = "promo-block"
    fix_applicability = "sometimes"
