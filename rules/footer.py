from corpuslint.rules.boilerplate import PackRule


class Footer(PackRule):
    """Site footer boilerplate left in the article text.

    ## What it does
    Removes footer lines: copyright notices ("© 2024 Eastfield Gazette. All rights reserved.", "Tous
    droits réservés"), publisher lines ("Tennis Today is part of Sportline Media Ltd."), site
    slogans ("Toute l’actualité en temps réel, est sur L’Entrepreneur") and legal links. The phrases
    live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL210`).

    ## Why is this bad?
    The footer is the same on every page of a site and is not part of the article.

    ## Example
    Bad: `…during the works.⏎© 2024 Eastfield Gazette. All rights reserved.`
    Good: `…during the works.`

    ## Fix safety
    Safe for copyright and rights-reserved lines; unsafe for publisher and slogan lines, recognised
    by looser patterns near the end of the text.
    """

    code = "CL210"
    name = "footer"
    fix_applicability = "sometimes"
