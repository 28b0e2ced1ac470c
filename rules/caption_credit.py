from corpuslint.rules.boilerplate import PackRule


class CaptionCredit(PackRule):
    """Image captions and photo credits left in the article text.

    ## What it does
    Removes credit lines ("Photo : AFP", "© Reuters", "Crédit photo : Office de tourisme de Porto")
    and caption lines that end with a short credit ("… ils semblent travailler dur. Source :
    Microsoft."). The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL209`).

    ## Why is this bad?
    Captions describe a picture the text no longer has; credits are metadata.

    ## Example
    Bad: `…depuis janvier.⏎© Reuters⏎La suite de l'article.`
    Good: `…depuis janvier.⏎La suite de l'article.`

    ## Fix safety
    Safe for a line that is a credit and nothing else; unsafe for a caption that ends with a credit
    (the caption's sentence could be article text).
    """

    code = "CL209"
    name = "caption-credit"
    fix_applicability = "sometimes"
