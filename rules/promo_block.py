import regex

from corpuslint.finding import Edit, Fix
from corpuslint.rules import lexicon
from corpuslint.rules.boilerplate import PackRule, removal_span

# A button glyph closing the line ("Je calcule mon budget ›", "Estimer mon bien →"); "»" only
# when no "«" opens a quotation in the paragraph (a verse quoted over three lines).
_BUTTONS = "›→▸»"
_PAGER = "‹←"  # "‹ Agenda précédent · Agenda suivant ›" is navigation
_BUTTON_LINES, _BUTTON_WORDS, _PITCH_WORDS = 3, 50, 6
_INLINE = "→›▸"  # "… enfin disponible ! → Je le télécharge" ("»" closes quotations too often)
_LABEL_WORDS = 5  # a button's text: "Je compare les offres", "Book my free survey"
# A button's text without a glyph: French buttons speak for the reader in the first person ("Je compare
# les offres", "J'en profite"); English ones are an imperative with "my", "free", "now"...
_BUTTON_TEXT = {
    "fr": regex.compile(r"(?:je|j['’][^\W\d_])\S*(?:\s+\S+){0,4}", regex.I),
    "en": regex.compile(r"(?:book|get|claim|start|download|request|compare|find|shop|buy|order|try|join|subscribe"
                        r"|sign me up|register|reserve|grab|unlock|upgrade|send me|show me|take me|talk to|speak to)"
                        r"\b(?=.*\b(?:my|me|free|now|today|online|quote|offers?|deals?|trial|callback|survey|demo"
                        r"|here)\b)"
                        r"(?:\s+\S+){0,4}", regex.I),
}
# What the pitch above the button sells: a price, a free offer, a comparison, a release. Not a mere
# question: "Tu reviendras ?⏎Je t'attendrai" is a verse.
_PITCH = {
    "fr": regex.compile(r"[€%]|\b(?:gratuit\w*|offert\w*|comparez|devis|simulez|profitez|découvrez|téléchargez"
                        r"|disponible|économisez|inscrivez)\b", regex.I),
    "en": regex.compile(r"[£$€%]|\b(?:free|quote|offers?|compare|save|discount|no-obligation|download|available"
                        r"|sign up|subscribe)\b", regex.I),
}


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
    ("‹ Précédent · Suivant ›"). A button may also be bare text, the last line of a short
    paragraph with no closing punctuation: a first-person line in French ("Votre assurance est-elle
    au bon prix ?⏎Comparez 30 assureurs⏎Je compare les offres"), an imperative with "my", "free",
    "now"… in English ("Book my free survey"), or that text after an arrow ("… est enfin disponible !
    → Je le télécharge"); the lines above must sell (a price, a free offer, a comparison, a
    release), so a verse ("Tu reviendras ?⏎Je t'attendrai") stays.

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
        lang = lexicon.base_lang(doc.lang)
        for para in doc.paragraphs:
            if len(para) > _BUTTON_LINES or any(ln.index in taken for ln in para):
                continue
            last = para[-1].content.rstrip()
            if lang in _BUTTON_TEXT and _text_button(para, last, lang):
                yield self._pitch(doc, para)
                continue
            button = last[-1:]
            if button not in _BUTTONS or not last[:-1].strip() or any(c in last for c in _PAGER):
                continue  # most paragraphs end in a full stop: the cheap test first
            words = sum(len(ln.content.split()) for ln in para)
            if (words > _BUTTON_WORDS or len(para) == 1 and words < _PITCH_WORDS
                    or button == "»" and any("«" in ln.content for ln in para)):
                continue
            yield self._pitch(doc, para)

    def _pitch(self, doc, para):
        start, end = removal_span(doc, para[0], para[-1])
        n = len(para)
        return self.finding(start, end, "a pitch ending on a button: advertising or promotion",
                            Fix.unsafe(Edit.deletion(start, end),
                                       message="Remove the line" if n == 1 else f"Remove the {n} lines"))


def _text_button(para, last: str, lang: str) -> bool:
    """The paragraph's last words are a button's bare text, under (or after an arrow past) a pitch."""
    if not last or last[-1] in ".!?:;,…)\"" or len(last.split()) > 30:
        return False  # a button has no closing punctuation: the cheap test first
    if len(para) == 1:
        cut = max(last.rfind(c) for c in _INLINE)
        if cut < 0:
            return False
        pitch, label = [last[:cut]], last[cut + 1:].strip()
        if len(pitch[0].split()) < _PITCH_WORDS - 2:
            return False
    else:
        pitch, label = [ln.content for ln in para[:-1]], last
        if len(last.split()) > _LABEL_WORDS and ". " in last:
            # "Gift vouchers from £25, valid for 12 months. Buy online": the button after the pitch
            head, label = last.rsplit(". ", 1)
            pitch.append(head)
        if any(p.lstrip()[:1] in "-•*–" for p in pitch):
            return False  # a list item over its continuation
    if not label or len(label.split()) > _LABEL_WORDS or not _BUTTON_TEXT[lang].fullmatch(label):
        return False
    return sum(len(p.split()) for p in pitch) <= _BUTTON_WORDS and any(_PITCH[lang].search(p) for p in pitch)
