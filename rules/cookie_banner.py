from corpuslint.rules.boilerplate import PackRule


class CookieBanner(PackRule):
    """Cookie and consent banner text left in the article text.

    ## What it does
    Removes whole lines of cookie banners and consent dialogs: "We use cookies to give you the best
    experience…", "Nous utilisons des cookies…", "Accept all", "Gérer mes choix". The phrases live
    in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL203`).

    ## Why is this bad?
    The banner is the same on every page of a site and says nothing about the article.

    ## Example
    Bad: `…their value since January.⏎We use cookies to give you the best possible experience on our
    site. Manage consent  Accept all`
    Good: `…their value since January.`

    ## Fix safety
    Safe: a line must open with the banner's own wording (the site speaking about its cookies) or be
    one of its buttons; an article sentence about cookies does not match.
    """

    code = "CL203"
    name = "cookie-banner"
    fix_applicability = "safe"
