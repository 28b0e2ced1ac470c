import regex

from corpuslint.rules.boilerplate import PackRule

# A login wall's heading and pitch: "Connectez-vous pour afficher plus de contenu⏎Créez votre compte
# gratuit ou identifiez-vous pour continuer." above "S'identifier".
_LEAD_IN = regex.compile(
    r"(?i)\b(?:connect\w*|identifi\w*|compte|account|log ?in|sign ?in|register|inscri\w*|abonn\w*|subscri\w*"
    r"|continu\w*|afficher plus|voir plus|see more|read more|lire la suite|keep reading|reste à lire|exclusi\w*"
    r"|premium|réservé|reserved|members?|membres?)\b")


class PaywallNotice(PackRule):
    """Paywall and subscriber-only notices left in the article text.

    ## What it does
    Removes whole lines of paywall notices: "You've reached your limit of free articles", "Subscribe
    to continue reading", "Already a subscriber? Log in", "Article réservé aux abonnés". The phrases
    live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL204`). The one or two lines that
    open the notice's paragraph go with it when they speak of it (a login wall's pitch).

    ## Why is this bad?
    They interrupt the article (often in the middle) with page chrome and mark a truncated text as
    if it were whole.

    ## Example
    Bad: `…since January.⏎Subscribe to continue reading⏎Already a subscriber? Log in`
    Good: `…since January.`

    ## Fix safety
    Safe: the line must be the notice as a whole. Unsafe for the looser price and "sans engagement"
    lines, and for the lines that head the notice above its first found line.
    """

    code = "CL204"
    name = "paywall-notice"
    fix_applicability = "sometimes"
    lead_in = _LEAD_IN
