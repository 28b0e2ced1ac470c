from corpuslint.rules.boilerplate import PackRule


class NewsletterPrompt(PackRule):
    """Newsletter and subscription prompts left in the article text.

    ## What it does
    Removes newsletter sign-up lines and blocks: the pitch ("Sign up to our daily newsletter",
    "Recevez chaque jeudi nos meilleures idées…"), the form labels and the button ("Votre adresse
    e-mail", "S'inscrire"). The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule:
    CL202`).

    ## Why is this bad?
    They are page chrome repeated on every article of a site; they break deduplication and teach
    models to end articles with a sales pitch.

    ## Example
    Bad: `Newsletter Tech⏎Chaque vendredi, le meilleur de l'innovation dans votre boîte
    mail.⏎S'inscrire`
    Good: (the block is removed)

    ## Fix safety
    Safe for a line that is a sign-up phrase as a whole and for a block whose lines all speak of the
    newsletter; unsafe for a one-sentence pitch matched by a looser pattern.
    """

    code = "CL202"
    name = "newsletter-prompt"
    fix_applicability = "sometimes"
