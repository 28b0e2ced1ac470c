from corpuslint.rules.boilerplate import PackRule


class RelatedLinks(PackRule):
    """Related-article links left in the article text.

    ## What it does
    Removes whole lines that point to other articles: "Lire aussi : …", "À lire aussi >> …", "Read
    more: [title](url)", and "Site | Title" lines such as "Numérique Hebdo | Indice de
    réparabilité…". The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL206`).

    ## Why is this bad?
    They splice other articles' headlines into the text, usually in the middle of it.

    ## Example
    Bad: `…a coordonné les travaux.⏎À lire aussi >> Le frelon asiatique poursuit son expansion`
    Good: `…a coordonné les travaux.`

    ## Fix safety
    Safe when the line opens with a related-link label and the rest is a headline; unsafe for "Site
    | Title" lines, which are recognised by their shape only. A label line ("Lire aussi", "Read
    more") with the titles right under it goes safely as one block; the other blocks (an archive
    heading, "Nos autres critiques", a widget heading) are unsafe: their extent is a judgement.
    """

    code = "CL206"
    name = "related-links"
    fix_applicability = "sometimes"
