import regex

from corpuslint.rules.boilerplate import PackRule

# A comment widget's heading: "Join the conversation", "Vos réactions" above the form or the count.
_LEAD_IN = regex.compile(
    r"(?i)\b(?:comment\w*|réagi\w*|réactions?|avis|discussions?|conversation|débat|reply|répon\w*"
    r"|your (?:say|thoughts|views)|votre (?:avis|opinion))\b")


class CommentPrompt(PackRule):
    """Comment-section prompts left in the article text.

    ## What it does
    Removes whole lines that are the comment widget of the page: calls to comment, log-in prompts,
    comment counts, rating widgets, comment-form labels ("Poster un commentaire", "Vous devez être
    connecté pour poster un commentaire.", "Leave a comment", "Be the first to comment"). The
    phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL201`). The one or two lines
    that open the widget's paragraph go with it when they speak of comments ("Vos réactions").

    ## Why is this bad?
    They are page chrome, not article text: they pollute language models and n-gram statistics with
    the same few sentences repeated on millions of pages.

    ## Example
    Bad: `…de plus en plus de challengers.⏎Poster un commentaire⏎Vous devez être connecté pour
    poster un commentaire.`
    Good: `…de plus en plus de challengers.`

    ## Fix safety
    Safe: only a line that is the prompt as a whole goes (a sentence that mentions comments, such as
    "Le ministre a refusé de commenter", never matches). Unsafe for the looser invitations ("Share
    your thoughts in the comments below"), and for the lines that head the widget above its first
    found line.
    """

    code = "CL201"
    name = "comment-prompt"
    fix_applicability = "sometimes"
    lead_in = _LEAD_IN
