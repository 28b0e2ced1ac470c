from corpuslint.rules.boilerplate import PackRule


class Navigation(PackRule):
    """Navigation, breadcrumb and page-control labels left in the article text.

    ## What it does
    Removes whole lines of site navigation: breadcrumbs ("Accueil > Économie > …", "Markets /
    Companies / Retail"), page controls ("Rafraîchir le direct", "Retour en haut", "Skip to
    content"). The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL207`).

    ## Why is this bad?
    Menus and buttons are not article text and repeat across every page of a site.

    ## Example
    Bad: `Accueil › Économie › Entreprises⏎Le titre de l'article`
    Good: `Le titre de l'article`

    ## Fix safety
    Safe for breadcrumbs that start at the home page and for page-control labels; unsafe for bare "A
    / B / C" section paths, recognised by their shape.
    """

    code = "CL207"
    name = "navigation"
    fix_applicability = "sometimes"
