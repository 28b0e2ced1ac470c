import regex

from corpuslint.finding import Edit, Fix
from corpuslint.rules.boilerplate import PackRule, removal_span

# A caption widget's button: the caption and its credit are the lines around it ("Dale Van Der Werf
# walks a field… / Rachel Ortiz/KPRN / hide caption / toggle caption / Rachel Ortiz/KPRN").
_TOGGLE = regex.compile(r"(?i)(?:hide|toggle|show|expand|collapse) caption|(?:masquer|afficher) la légende")
_WIDGET_LINES, _WIDGET_LINE_WORDS = 6, 40


class CaptionCredit(PackRule):
    """Image captions and photo credits left in the article text.

    ## What it does
    Removes credit lines ("Photo : AFP", "© Reuters", "Crédit photo : Office de tourisme de Porto")
    and caption lines that end with a short credit ("… ils semblent travailler dur. Source :
    Microsoft."). The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL209`).
    Also removes a caption widget: a short paragraph holding a "hide caption" / "toggle caption"
    button goes whole, with the caption and the credit around the button.

    ## Why is this bad?
    Captions describe a picture the text no longer has; credits are metadata.

    ## Example
    Bad: `…depuis janvier.⏎© Reuters⏎La suite de l'article.`
    Good: `…depuis janvier.⏎La suite de l'article.`

    ## Fix safety
    Safe for a line that is a credit and nothing else, and for a caption widget's paragraph (its
    button says what it is); unsafe for a caption that ends with a credit (the caption's sentence
    could be article text).
    """

    code = "CL209"
    name = "caption-credit"
    fix_applicability = "sometimes"

    def check(self, doc):
        found = list(super().check(doc))
        yield from found
        for para in doc.paragraphs:
            if (len(para) > _WIDGET_LINES or not any(_TOGGLE.fullmatch(ln.content.strip()) for ln in para)
                    or any(len(ln.content.split()) > _WIDGET_LINE_WORDS for ln in para)):
                continue
            rest = [ln for ln in para if not any(f.start <= ln.start < f.end for f in found)]
            if rest:
                start, end = removal_span(doc, para[0], para[-1])
                yield self.finding(start, end, "a caption widget: the caption, its credit and its buttons",
                                   Fix.safe(Edit.deletion(start, end), message=f"Remove the {len(para)} lines"))
