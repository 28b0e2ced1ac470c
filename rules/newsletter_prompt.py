import regex

from corpuslint.rules.boilerplate import PackRule

# A form's heading and pitch: "Stay in touch⏎Get field updates from our teams four times a year." above
# "Your email", "Join the Grindhouse Club⏎Brew guides, early access…" above "Email address".
_DAYS = (r"(?:day|week|month|morning|evening|weekday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
         r"|(?:jour|semaine|mois|matin|soir|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?")
_LEAD_IN = regex.compile(
    r"(?i)\b(?:newsletter|infolettre|lettre|letter|e-?mails?|courriels?|inbox|boîte (?:mail|de réception)"
    r"|brief(?:ing)?s?|digest|spam|updates?|nouvelles|actus?|stay in touch|keep in touch|restons en contact"
    r"|sign(?:ing)? up|(?:un)?subscri\w*|mailing list|(?:a|per) (?:week|month)"
    r"|abonn\w*|inscri\w*|join|rejoignez|club|ne (?:ratez|manquez)|never miss|don['’]t miss"
    rf"|(?:every|each|chaque|tous les|toutes les) (?:{_DAYS})|(?:once|twice|three times) a (?:week|month)"
    r"|(?:une|deux) fois par (?:semaine|mois)|par (?:semaine|mois)|weekly|hebdo\w*"
    r"|monthly|mensuel\w*|first (?:order|booking|purchase)|première (?:commande|réservation)|early access"
    r"|accès anticipé)\b")


class NewsletterPrompt(PackRule):
    """Newsletter and subscription prompts left in the article text.

    ## What it does
    Removes newsletter sign-up lines and blocks: the pitch ("Sign up to our daily newsletter",
    "Recevez chaque jeudi nos meilleures idées…"), the form labels and the button ("Votre adresse
    e-mail", "S'inscrire"). The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule:
    CL202`). The one or two lines that open the form's paragraph go with it when the first speaks
    of it ("Stay in touch⏎Get field updates four times a year." above "Your email").

    ## Why is this bad?
    They are page chrome repeated on every article of a site; they break deduplication and teach
    models to end articles with a sales pitch.

    ## Example
    Bad: `Newsletter Tech⏎Chaque vendredi, le meilleur de l'innovation dans votre boîte
    mail.⏎S'inscrire`
    Good: (the block is removed)

    ## Fix safety
    Safe for a line that is a sign-up phrase as a whole and for a block whose lines all speak of the
    newsletter; unsafe for a one-sentence pitch matched by a looser pattern, and for the lines that
    head a form above its first found line.
    """

    code = "CL202"
    name = "newsletter-prompt"
    fix_applicability = "sometimes"
    lead_in = _LEAD_IN
