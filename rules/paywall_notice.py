from corpuslint.rules.boilerplate import PackRule


class PaywallNotice(PackRule):
    """Paywall and subscriber-only notices left in the article text.

    ## What it does
    Removes whole lines of paywall notices: "You've reached your limit of free articles", "Subscribe
    to continue reading", "Already a subscriber? Log in", "Article réservé aux abonnés". The phrases
    live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL204`).

    ## Why is this bad?
    They interrupt the article (often in the middle) with page chrome and mark a truncated text as
    if it were whole.

    ## Example
    Bad: `…since January.⏎Subscribe to continue reading⏎Already a subscriber? Log in`
    Good: `…since January.`

    ## Fix safety
    Safe: the line must be the notice as a whole. Unsafe for the looser price and "sans engagement"
    lines.
    """

    code = "CL204"
    name = "paywall-notice"
    fix_applicability = "sometimes"
