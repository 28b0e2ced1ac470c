import regex

from corpuslint.finding import Edit, Fix
from corpuslint.rules import lexicon
from corpuslint.rules.boilerplate import PackRule, removal_span
from corpuslint.rules.merged_case import given_names

# A login prompt's pitch above its buttons: "Connectez-vous pour afficher plus de contenu⏎Créez votre
# compte gratuit ou identifiez-vous pour continuer." above "S'identifier".
_LEAD_IN = regex.compile(
    r"(?i)\b(?:connect\w*|identifi\w*|compte|account|log ?in|sign ?in|register|inscri\w*|continu\w*"
    r"|afficher plus|voir plus|see more)\b")
# A menu written one item a line: "Business⏎Companies⏎Telecoms", "LIVE⏎Auto-update⏎On⏎Latest⏎Oldest".
_MENU_ITEM = regex.compile(r"(?:\p{Lu}[\p{L}\p{M}&'’-]*)(?:[ \u00a0]\p{Lu}[\p{L}\p{M}&'’-]*)?")
_MENU_LINES = (3, 8)
# A breadcrumb printed as the page's first line, above the headline: "Politique › Collectivités
# territoriales", "Forum index › Fruit & Veg › Tomatoes, Peppers & Chillies". (The packs leave the
# first line alone: it may be the headline itself, "Apple › L'iPhone 16 arrive".)
_SECTION = r"[\p{Lu}\p{N}][\p{L}\p{N}'’&.-]*(?:,?[ \u00a0][\p{L}\p{N}'’&.-]+){0,3}"
# (Not a byline: "By Jane Doe | Reuters".)
_FIRST_LINE_CRUMB = regex.compile(rf"(?!(?:By|Par|Von|Por|Door|Di|Da)[ \u00a0]){_SECTION}(?:[ \u00a0]*(?:[»›|>]|&gt;)[ \u00a0]*{_SECTION}){{1,6}}")
# The site's sections printed one a line above the headline: "Business⏎Airlines⏎Travel & leisure",
# "News⏎Wales News⏎Education⏎University to cut…". Each is one to three words, the first capitalised.
_SECTION_ITEM = regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]*(?:[ \u00a0](?:&|[\p{L}][\p{L}\p{M}'’-]*)){0,2}")
_HEADLINE_MIN_WORDS = 4
# The story's tags under their label, one a line and often in lower case: "Filed under⏎new york
# city⏎privacy⏎smart glasses" (the packs' blocks end at a lowercase line, taken for prose).
_TAGS_LABEL = regex.compile(
    r"(?i)filed under|tagged(?: with| in)?|tags|topics|related topics|more about|mots[- ]clés|étiquettes|thèmes|sujets"
    r"|schlagwörter|etiquetas|temi|argomenti")
_TAG = regex.compile(r"#?[\p{L}\p{N}][\p{L}\p{N}'’&.+# -]{0,40}")
_TAG_WORDS, _MIN_TAGS = 4, 2
# Labels that only tags carry; after a plain heading ("Topics", "Thèmes") the list may be the article's.
_TAGS_ONLY_LABEL = regex.compile(r"(?i)filed under|tagged(?: with| in)?|tags|mots[- ]clés|étiquettes|schlagwörter|etiquetas")
_HEADLINE_WORDS = 25
_CLOSED = ".:;,"
# Menus sit at the page's head or foot; a list of cities or names inside the article stays.
_MENU_ZONE = 8
# The site's sections are ordinary words ("oldest" 4.2, "companies" 5.2), a trade's at most one
# of them ("telecoms" 2.8).
_MENU_WORD_ZIPF, _MENU_RARE_ZIPF, _MENU_RARE_WORDS = 3.5, 2.5, 1


class Navigation(PackRule):
    """Navigation, breadcrumb and page-control labels left in the article text.

    ## What it does
    Removes whole lines of site navigation: breadcrumbs ("Accueil > Économie > …", "Markets /
    Companies / Retail"), page controls ("Rafraîchir le direct", "Retour en haut", "Skip to
    content"). The phrases live in the YAML packs (rules/packs/<lang>/*.yml, `rule: CL207`).
    Also removes a menu written one item a line: a paragraph of three to eight lines, each one
    or two capitalised common words with no punctuation ("Business⏎Companies⏎Telecoms",
    "LIVE⏎Auto-update⏎On⏎Latest⏎Oldest"), among the first or last eight lines of the page; not a
    list of names ("Tom Hanks⏎Meg Ryan…": a given name, or a word rarer than the ordinary ones),
    nor a list of cities inside the article. Also removes a breadcrumb of sections joined by ›, »,
    | or > on the page's first line when a headline follows it ("Politique › Collectivités
    territoriales", "Life | Animal Behavior"), the site's sections printed one a line above the
    headline ("Business⏎Airlines⏎Travel & leisure"), a story's tags under their label, one a line
    ("Filed under⏎new york city⏎privacy"), and a login prompt's pitch above its buttons.

    ## Why is this bad?
    Menus and buttons are not article text and repeat across every page of a site.

    ## Example
    Bad: `Accueil › Économie › Entreprises⏎Le titre de l'article`
    Good: `Le titre de l'article`

    ## Fix safety
    Safe for breadcrumbs that start at the home page, for page-control labels and for tag lists under
    a label only tags carry ("Filed under", "Tags", "Mots-clés"); unsafe for bare "A
    / B / C" section paths, recognised by their shape, for menus written one item a line, for a
    breadcrumb on the first line, for the sections above the headline and for tags under a plain
    heading ("Topics", "Thèmes").
    """

    code = "CL207"
    name = "navigation"
    fix_applicability = "sometimes"
    lead_in = _LEAD_IN

    def check(self, doc):
        found = list(super().check(doc))
        yield from found
        taken = {doc.line_at(f.start).index for f in found}
        langs = tuple(lexicon.doc_langs(doc.lang)) + lexicon.SHARED_LANGS
        nonblank = [ln.index for ln in doc.lines if not ln.is_blank]
        crumb = self._first_line_crumb(doc, nonblank, taken) or self._section_path(doc, taken, langs)
        if crumb is not None:
            yield crumb
            taken |= {doc.line_at(crumb.start).index, doc.line_at(max(crumb.start, crumb.end - 1)).index}
        yield from self._tag_lists(doc, taken)
        zone = set(nonblank[:_MENU_ZONE] + nonblank[-_MENU_ZONE:])
        for para in doc.paragraphs:
            if (_MENU_LINES[0] <= len(para) <= _MENU_LINES[1] and not any(ln.index in taken for ln in para)
                    and (para[0].index in zone or para[-1].index in zone)
                    and all(_MENU_ITEM.fullmatch(ln.content.strip()) for ln in para)
                    and _ordinary_words(" ".join(ln.content for ln in para), langs)):
                start, end = removal_span(doc, para[0], para[-1])
                yield self.finding(start, end, "a menu, one item a line",
                                   Fix.unsafe(Edit.deletion(start, end), message=f"Remove the {len(para)} lines"))

    def _first_line_crumb(self, doc, nonblank, taken):
        """The first line is a breadcrumb when a headline follows it: a line of its own that ends
        no sentence. (Lines other rules remove, "Skip to content", do not count.)"""
        nonblank = [i for i in nonblank if i not in taken]
        if len(nonblank) < 2:
            return None
        first, second = doc.lines[nonblank[0]], doc.lines[nonblank[1]]
        head = second.content.strip()
        if (not _FIRST_LINE_CRUMB.fullmatch(first.content.strip())
                or len(head.split()) > _HEADLINE_WORDS or head[-1:] in _CLOSED):
            return None
        start, end = removal_span(doc, first, first)
        return self.finding(start, end, "a breadcrumb above the headline",
                            Fix.unsafe(Edit.deletion(start, end), message="Remove the breadcrumb"))

    def _tag_lists(self, doc, taken):
        """A tags label alone on its line, then two or more short tags one a line, to a blank line."""
        for para in doc.paragraphs:
            label, tags = para[0], para[1:]
            if (len(tags) < _MIN_TAGS or label.index in taken or not _TAGS_LABEL.fullmatch(label.content.strip(" :"))
                    or not all(_TAG.fullmatch(t.content.strip()) and len(t.content.split()) <= _TAG_WORDS
                               for t in tags)):
                continue
            start, end = removal_span(doc, label, para[-1])
            taken.update(ln.index for ln in para)
            make = Fix.safe if _TAGS_ONLY_LABEL.fullmatch(label.content.strip(" :")) else Fix.unsafe
            yield self.finding(start, end, "the story's tags, one a line",
                               make(Edit.deletion(start, end), message=f"Remove the {len(para)} lines"))

    def _section_path(self, doc, taken, langs):
        """Two or more section names, one a line, opening the page above its headline (in the same
        paragraph or the next one). A name, a rare word or a full stop means it is no menu."""
        paras = [para for para in doc.paragraphs if not all(ln.index in taken for ln in para)]
        if not paras or any(ln.index in taken for ln in paras[0]):
            return None
        para = paras[0]
        items = 0
        while items < len(para) and _SECTION_ITEM.fullmatch(para[items].content.strip()):
            items += 1
        if items < 2:
            return None
        headline = para[items] if items < len(para) else paras[1][0] if len(paras) > 1 else None
        head = headline.content.strip() if headline is not None else ""
        if (not _HEADLINE_MIN_WORDS <= len(head.split()) <= _HEADLINE_WORDS or not head[:1].isupper()
                or not _ordinary_words(" ".join(ln.content for ln in para[:items]), langs)):
            return None
        start, end = removal_span(doc, para[0], para[items - 1])
        return self.finding(start, end, "the site's sections above the headline",
                            Fix.unsafe(Edit.deletion(start, end), message=f"Remove the {items} lines"))


def _ordinary_words(text: str, langs) -> bool:
    names, rare = given_names(), 0
    for word in regex.split(r"[ \u00a0\s-]+", text.strip()):
        word = word.strip("&'’")
        if not word:
            continue
        z = lexicon.best_zipf(word.lower(), langs)
        if word in names or z < _MENU_RARE_ZIPF:
            return False
        rare += z < _MENU_WORD_ZIPF
    return rare <= _MENU_RARE_WORDS
