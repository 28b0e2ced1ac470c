import regex

from corpuslint.rules.boilerplate import PackRule

# A share row's heading or reactions: "Partager l'article", "J'aime⏎Commenter" above "Republier", "Envoyer".
_LEAD_IN = regex.compile(
    r"(?i)^(?:partag\w*|share\w*|j['’]aime|like|recommander|envoyer|send|tweet\w*|imprimer|print|comment\w*)\b"
    r"[^\n]{0,40}$")


class ShareButtons(PackRule):
    """Share and social button labels left in the article text.

    ## What it does
    Removes whole lines made of share-button labels: "Partager sur Facebook", "Facebook Twitter
    Pinterest E-mail", "Tweet", "WhatsApp", or Markdown links to sharer URLs (`[Share on
    Facebook](https://www.facebook.com/sharer/…)`). The phrases live in the YAML packs
    (rules/packs/<lang>/*.yml, `rule: CL205`).

    ## Why is this bad?
    Button labels are not prose; they glue nonsense sequences of brand names into the text.

    ## Example
    Bad: `…de l'année.⏎Facebook Twitter Pinterest E-mail`
    Good: `…de l'année.`

    ## Fix safety
    Safe: the line must consist of button labels only (a sentence naming Facebook or Twitter never
    matches).
    """

    code = "CL205"
    lead_in = _LEAD_IN
    name = "share-buttons"
    fix_applicability = "safe"
