from corpuslint.finding import Edit, Fix
from corpuslint.rules.boilerplate import PackRule, removal_span

# A button glyph closing the line ("Je calcule mon budget ›", "Estimer mon bien →"); "»" only
# when no "«" opens a quotation in the paragraph (a verse quoted over three lines).
_BUTTONS = "›→▸»"
_PAGER = "‹←"  # "‹ Agenda précédent · Agenda suivant ›" is navigation
_BUTTON_LINES, _BUTTON_WORDS, _PITCH_WORDS = 3, 50, 6


class PromoBlock(PackRule):
    """Advertising and promotional blocks left in the article text.

    ## What it does
    Removes an ad label line ("Publicité", "Sponsorisé", "Advertisement", "Offre spéciale : …",
    "Événement VB") together with the promotional lines and the call to action that follow it, up to
    a blank line, a few lines, or a line of article prose. The phrases live in the YAML packs
    (rules/packs/<lang>/*.yml, `rule: CL208`). Also removes an unlabelled pitch whose paragraph
    ends on a button ("Simulez votre capacité d'emprunt en 2 minutes⏎Je calcule mon budget ›"):
    a paragraph of at most three short lines whose last line ends with ›, → or ▸ (or » with no «
    in the paragraph), and that holds a pitch (two lines, or six words or more); not a pager
    ("‹ Précédent · Suivant ›").

    ## Why is this bad?
    Ads cut the article in two and add sales copy that is not the author's.

    ## Example
    Bad: `Événement VB⏎Le voyage des effets de l’IA⏎Entrez en contact avec la communauté…⏎Pour en
    savoir plus,`
    Good: (the block is removed)

    ## Fix safety
    Safe for a lone ad label line, and for a label line with the promotion on the lines right
    under it (the block ends at a blank line or a line of prose); unsafe for the other blocks
    (a label and a promotion on one line, a sponsor named, an offer, an event promo, a pitch
    ending on a button), whose extent is a judgement.
    """

    code = "CL208"
    name = "promo-block"
    fix_applicability = "sometimes"

    def check(self, doc):
        found = list(super().check(doc))
        yield from found
        taken = set()
        for f in found:
            taken.update(range(doc.line_at(f.start).index, doc.line_at(max(f.start, f.end - 1)).index + 1))
        for para in doc.paragraphs:
            if len(para) > _BUTTON_LINES or any(ln.index in taken for ln in para):
                continue
            last = para[-1].content.rstrip()
            button = last[-1:]
            if button not in _BUTTONS or not last[:-1].strip() or any(c in last for c in _PAGER):
                continue  # most paragraphs end in a full stop: the cheap test first
            words = sum(len(ln.content.split()) for ln in para)
            if (words > _BUTTON_WORDS or len(para) == 1 and words < _PITCH_WORDS
                    or button == "»" and any("«" in ln.content for ln in para)):
                continue
            start, end = removal_span(doc, para[0], para[-1])
            n = len(para)
            yield self.finding(start, end, "a pitch ending on a button: advertising or promotion",
                               Fix.unsafe(Edit.deletion(start, end),
                                          message="Remove the line" if n == 1 else f"Remove the {n} lines"))
