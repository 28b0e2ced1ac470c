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
    (rules/packs/<lang>/*.yml, `rule: CL205`). A reaction or share label that opens the row's
    paragraph goes with it ("J'aime⏎Commenter" above "Republier⏎Envoyer").

    ## Why is this bad?
    Button labels are not prose; they glue nonsense sequences of brand names into the text.

    ## Example
    Bad: `…de l'année.⏎Facebook Twitter Pinterest E-mail`
    Good: `…de l'année.`

    ## Fix safety
    Safe: the line must consist of button labels only (a sentence naming Facebook or Twitter never
    matches). Unsafe for the labels that head the row above its first found line.
    """

    code = "CL205"
    name = "share-buttons"
    fix_applicability = "sometimes"
    lead_in = _LEAD_IN
