import regex

from corpuslint.rule import Edit, Fix, Rule

from . import lexicon
from .merged_words import fenced_code, inside

# The line goes on: it ends in a letter, a digit or a comma (no full stop,
# colon, closing quote or bracket, no hyphen: CL404 handles "mi-⏎journée").
_OPEN_END = regex.compile(r"[\p{L}\p{M}\p{N}%€$£°,]$")
# Before a line that starts with a comma or a stop, a closing quote or bracket also goes on.
_QUOTE_END = regex.compile(r"[»”\"’')\]]$")
_LAST_WORD = regex.compile(r"(\p{Ll}+)$")
# A quotation closed by a comma, then its reporting verb on the next line: '…resources,"⏎said Ms Okafor'.
_QUOTE_AFTER_COMMA = regex.compile(r",[\"”»’]$")
_SPEECH_VERB_START = regex.compile(
    r"^(?:said|says|added|adds|told|explained|explains|wrote|writes|asked|replied|noted|argued|warned|insisted"
    r"|continued|recalled|admitted|confirmed|stressed|declared|claimed|dit|explique|ajoute|précise|souligne"
    r"|estime|affirme|raconte|confie|assure|indique|rappelle|poursuit|lance|déclare)\b")
# The next line continues a sentence: a lowercase word (not "iPhone", "eBay",
# "macOS": a capital inside the first word means a brand starting a sentence) ...
_LOWER_START = regex.compile(r"^\p{Ll}[\p{Ll}\p{M}]*(?=[\s,;:.!?’'\-\"”»]|$)")
# ... a quotation that opens on a lowercase word ("s'est dit⏎« soulagé » de voir"; a quote that
# starts a sentence starts with a capital) ...
_QUOTED_LOWER_START = regex.compile(r"^[«“\"][ \u00a0\u202f]?\p{Ll}[\p{Ll}\p{M}]")
# ... a comma, semicolon, closing bracket, or a full stop that ends the sentence ...
_PUNCT_START = regex.compile(r"^(?:[,;)\]]|\.(?=\s|$))")
# ... a parenthesis that closes on the line and is followed by more of the sentence ...
_PAREN_START = regex.compile(r"^\([^()\n]{1,80}\)[ \t]*[\p{L}\p{N},;.:]")
# ... or a number right after a function word ("calls at⏎6am"), or a date's day and month after its
# weekday ("du samedi⏎19 avril", "on Saturday⏎19 April").
_DIGIT_START = regex.compile(r"^\p{N}")
_WEEKDAY_END = regex.compile(r"(?i)\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
                             r"|thursday|friday|saturday|sunday)$")
_DAY_MONTH_START = regex.compile(
    r"(?i)^(?:1er|[0-3]?\d)[ \u00a0]+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre|january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b")
# ... or a year after its season or month, the sentence going on ("pour le printemps⏎2026, avec des
# représentations", "in the spring of⏎2027 the line").
_SEASON_END = regex.compile(r"(?i)\b(?:printemps|été|automne|hiver|spring|summer|autumn|fall|winter|janvier|février"
                            r"|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february"
                            r"|march|april|june|july|august|september|october|november|december)$")
_YEAR_GOES_ON = regex.compile(r"^(?:19|20)\d\d(?:,?[ \u00a0]+\p{Ll}|[,;][ \u00a0]+\S)")
# ... or an amount cut from the long line that leads to it, the sentence going on ("des aides qui
# peuvent atteindre⏎1 000 € pour les foyers modestes").
_AMOUNT_GOES_ON = regex.compile(
    r"^\p{N}[\p{N} \u00a0\u202f.,]*[ \u00a0\u202f]?(?:€|\$|£|%|euros?|dollars?|pounds?|francs?|km|kg|kilos?|tonnes?"
    r"|mètres?|metres?|hectares?|heures?|hours?|ans|years?|miles?|per[ \u00a0]?cent)[ \u00a0]+\p{Ll}")
# A short lead-in opening its paragraph and ending on a preposition: the writer's own layout.
_LEAD_IN_END = regex.compile(r"(?i)\b(?:for|to|of|with|from|pour|à|avec|par)$")
_LOWER_WORD_END = regex.compile(r"[,;.!?][^\n]*[ \u00a0]\p{Ll}[\p{Ll}\p{M}]+$")  # a paragraph's, not a title's
# Not prose: an address, a handle, a lettered or numbered list item, a Markdown heading or fence.
_NOT_PROSE_START = regex.compile(r"^(?:\S*(?:://|www\.|@|\.\p{L}{2,}\b)|\p{Ll}[.)]\s|\p{N}+[.)°]\s)")
_WORD = regex.compile(r"\w+")

_MIN_WORDS = 3        # a line of one or two words is a title, a label or a list item
_SHORT_LINE = 40      # two short lines in a row are verse or a list
_LABEL_LINE = 25      # a short next line that does not end a sentence is a label
_CLOSED = regex.compile(r"[.!?…»”\")]$")
_SAFE_LINE = 60       # a wrap inside lines this long is plainly inside a paragraph
_BLOCK_LINES, _BLOCK_WIDTH = 3, 70  # see _fact_block
_LIST_ITEMS = 2       # see _comma_list
_PLAIN_ITEMS, _PLAIN_ITEM, _PLAIN_ITEM_AFTER_COLON = 3, 60, 90  # see _plain_list
_HEADING_WORDS, _KEYWORD_LEN = 5, 4  # see _heading_then_keyword
_ITEM_END = regex.compile(r"[.!?;:,…]$")
# A line cannot end on "de", "the", "at", "and" (the top of the frequency list) unless it is cut.
_FUNCTION_WORD_ZIPF = 6.0
# A paragraph hard-wrapped at a fixed width is a style (e-mail, plain-text
# export, Markdown source), not debris: its non-final lines are all short and even.
_WRAP_WIDTH = 100
_WRAP_SPREAD = 25
# A document wrapped at a fixed width: more long lines before a break than this, at least this
# many inside sentences, all within a narrow band below the widest one (a scraper's breaks fall
# where tags were, at any width). Breaks at that margin are the document's style.
_FILLED_BREAKS = 3
_FILLED_MIN_WIDTH = 60
_FILLED_SPREAD = 20
# A scraped page keeps each paragraph on one long line; a document none of whose lines is longer
# than a margin, with breaks inside sentences in at least this many paragraphs, was written
# wrapped (a README, an e-mail, a plain-text export): its ragged breaks are its layout.
_WRAPPED_DOC_BREAKS = 2
_LIST_ITEM = regex.compile(r"^\s*(?:[-*+•]|\p{N}+[.)])\s")
_LIST_HEAD = regex.compile(r"^(?:[-*+•–—]|\p{N}+[.)]|\p{L}[.)])\s")
# A dash and a lowercase word after a line cut mid-sentence: an incise ("so bright⏎– or so it
# seemed"), unless the paragraph has other dash lines (a list).
_DASH_START = regex.compile(r"^[–—][ \u00a0]+\p{Ll}")
# A line that is only a figure: "43 %", "160 000", "1 sur 5", "3/4", "2,5 M€".
_FIGURE = regex.compile(r"[+-]?\d[\d\s\u00a0\u202f.,/]*(?:\s*(?:sur|on|of|out of|x)\s*\d[\d\s\u00a0\u202f.,]*)?"
                        r"\s*(?:%|‰|€|\$|£|k€|M€|Md€|M\$|bn|m)?")
_DASH_LINE = regex.compile(r"^\s*[-–—•][ \u00a0]")
# A name cut in two: a long line ends on a capitalised word, the next starts with a rare
# capitalised word and the sentence goes on ("les terrasses du Petit⏎Socco, où se croisent").
_NAME_END = regex.compile(r"\s\p{Lu}(?:[\p{Ll}\p{M}]+|\p{Lu}+)$")  # "du Petit", "la SNCF"
_NAME_START = regex.compile(r"(\p{Lu}[\p{Ll}\p{M}]+)([ ,\u00a0]+)\p{Ll}")
_NAME_ZIPF = 4.0
_NAME_PART_ZIPF = 5.5
_ACRONYM_END = regex.compile(r"\s\p{Lu}{2,}$")  # "la SNCF⏎Voyageurs, deux TGV…": a firm's name goes on
# Articles, prepositions and conjunctions end no sentence: a line that ends on one, before a
# capitalised word and more of the sentence ("le tribunal correctionnel de⏎Toulouse a condamné") or
# before a name that ends it ("…une simple recherche sur le⏎Plateau."), was cut.
_CUT_WORDS = frozenset("de du des le la les un une à au aux et en par pour sur dans avec sans entre vers chez "
                       "the a an of to and in on at for from with by into".split())
_NAME_ENDS_SENTENCE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ \u00a0]\p{Lu}[\p{Ll}\p{M}'’-]+)?[.!?…]")
# ... or a name and the few lowercase words that end the sentence ("au départ de⏎Charleroi pour lundi matin.").
_NAME_THEN_END = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ \u00a0]+\p{Ll}[\p{Ll}\p{M}'’-]*){1,6}[.!?…]")
# Two sentences of one paragraph on two lines, in a document whose paragraphs are separated by
# blank lines: when it is the document's only break between two long lines, it is debris
# ("ce drame était prévisible.⏎Le carrefour, situé en bas…"). Questions and answers, team
# sheets and verse have several such breaks, or a label ("Réponse :") opening the line.
_SENTENCE_END = regex.compile(r"\p{Ll}[.!]$")
_SENTENCE_START = regex.compile(r"\p{Lu}[\p{Ll}\p{M}’']*[ \u00a0]+[\p{L}\p{N}«\"]")
_SPACED_PARAGRAPHS = 3
_SENTENCE_WORDS = 6
_LONG_TAIL = 80
_LABEL_SPAN = 25


class BrokenWrap(Rule):
    """A line break in the middle of a sentence.

    ## What it does
    Finds a line that ends without closing punctuation followed by a line that continues the
    sentence, and joins the two lines. The next line continues the sentence when it starts with
    a lowercase word ("tout ce qui⏎était à nouveau"), a quotation opening on a lowercase word
    after a long line ("s'est dit⏎« soulagé » de voir"), a comma, semicolon, closing bracket or
    lone full stop ("GitHub⏎, Mojang Studios"), a parenthesis followed by more text, a number
    after a line that ends on a function word ("calls at⏎6am"), a date's day and month after its
    weekday ("du samedi⏎19 avril"), a year after its season or month, the sentence going on ("pour
    le printemps⏎2026, avec"), a dash incise ("so bright⏎– or so it seemed", when no other line of
    the paragraph starts with a dash), a reporting verb under a quotation closed by a comma
    ('…resources,"⏎said Ms Okafor'), or a name after a long line: its rest ("les terrasses du
    Petit⏎Socco, où", "the Water⏎Act sets", "la SNCF⏎Voyageurs, deux TGV"), or after a function
    word, the name and the few words that end the sentence ("au départ de⏎Charleroi pour lundi
    matin."). Also joins two sentences of a paragraph put on two lines when it
    is the only such break in a document that separates its paragraphs with blank lines ("était
    prévisible.⏎Le carrefour…"). Stays quiet on list items, headings, quotes and code (Markdown
    structure, and code fences in plain text too), on short lines (titles, verse, lists), on
    blocks of three short lines or more none of which ends a sentence (an info box, a fact a
    line), on an item of a bulleted list that goes on over two lines, on lists written one item
    a line with a comma after each, on lines ending with ":" or ".", on a next line that starts
    with a brand like "iPhone", an address, "a)" or "1.", and on paragraphs, or whole documents,
    hard-wrapped at a fixed width (a style, not debris: the breaks sit near one margin), as well
    as on documents written wrapped by hand (no line longer than 100 characters, breaks in
    several paragraphs: a scraped page keeps each paragraph on one long line). Hyphenated breaks
    are CL404's.

    ## Why is this bad?
    Extractors break lines where the page had a tag, an inline element or a column edge. A
    sentence cut in two confuses sentence splitting and paragraph-level deduplication, and reads
    as two fragments.

    ## Example
    Bad: `qui abritait des palettes et des⏎emballages en plastique`
    Good: `qui abritait des palettes et des emballages en plastique`

    ## Fix safety
    Safe when the first line is a long prose line: the break becomes one space (nothing before a
    comma, full stop or closing bracket), which cannot change what the sentence says. Unsafe for
    shorter lines, where the break may be intentional layout.
    """

    code = "CL405"
    name = "broken-wrap"
    category = "layout"
    fix_applicability = "sometimes"

    def check(self, doc):
        code = fenced_code(doc)  # plain text can hold Markdown fences too
        found = list(self._wraps(doc, code))
        paragraphs = {_paragraph_of(doc, f.start) for f in found}
        if len(paragraphs) >= _WRAPPED_DOC_BREAKS and _longest_line(doc, code) <= _WRAP_WIDTH:
            return  # no line longer than a margin, breaks in several paragraphs: written wrapped
        yield from found
        lone = self._lone_sentence_break(doc, code, {f.end for f in found})
        if lone:
            yield lone

    def _lone_sentence_break(self, doc, code, wraps):
        """The document's only break between two long lines (wraps aside), between two sentences
        (see _SENTENCE_END)."""
        paras = [p for p in doc.paragraphs if not inside(code, p[0].start)]
        if len(paras) < _SPACED_PARAGRAPHS:
            return None
        pairs = [(a, b) for p in paras for a, b in zip(p, p[1:])
                 if len(a.content.strip()) >= _SHORT_LINE and len(b.content.strip()) >= _SHORT_LINE
                 and b.content_start + len(b.content) - len(b.content.lstrip()) not in wraps]
        if len(pairs) != 1:
            return None
        a, b = pairs[0]
        if doc.markdown and (_structured(a) or _structured(b)):
            return None
        head, tail = a.content.rstrip(), b.content.strip()
        if (not _SENTENCE_END.search(head) or len(_WORD.findall(head)) < _SENTENCE_WORDS
                or len(tail) < _LONG_TAIL or not _SENTENCE_START.match(tail) or ":" in tail[:_LABEL_SPAN]):
            return None
        start = a.content_start + len(head)
        end = b.content_start + len(b.content) - len(b.content.lstrip())
        fix = Fix.unsafe(Edit(start, end, " "), message="Join the two sentences")
        return self.finding(start, end, f"line break between two sentences of a paragraph: '{head[-20:]}⏎{tail[:20]}'", fix)

    def _wraps(self, doc, code):
        width = _fill_width(doc, code)
        for para in doc.paragraphs:
            if len(para) < 2 or _hard_wrapped(para) or _fact_block(para):
                continue
            listed = _comma_list(para) + _plain_list(para)
            for a, b in zip(para, para[1:]):
                if inside(code, a.start) or inside(code, b.start):
                    continue
                if width and width - _FILLED_SPREAD <= len(a.text.rstrip()) <= width:
                    continue  # the document's own margin
                if listed and a in listed:
                    continue  # "a second ambulance,⏎a sponsor who…", "What you'll need⏎a flat collar": a list
                if _heading_then_keyword(a, b):
                    continue  # "parkrun round-up⏎parkrun PBs this week…": a heading, its keyword again
                if _LIST_ITEM.match(a.text) and sum(bool(_LIST_ITEM.match(ln.text)) for ln in para) > 1:
                    continue  # "- le paiement … en numéraire,⏎et non plus en jours": a list item goes on
                if _DASH_START.match(b.content.lstrip()) and sum(bool(_DASH_LINE.match(ln.text)) for ln in para) > 1:
                    continue  # a dash-led list
                if _FIGURE.fullmatch(a.content.strip()) or _FIGURE.fullmatch(b.content.strip()):
                    continue  # "43 %" / "des chefs d'exploitation…": a key-figures block, one figure a line
                finding = self._wrap(doc, a, b)
                if finding:
                    yield finding

    def _wrap(self, doc, a, b):
        if doc.markdown and (_structured(a) or _structured(b) or b.text[:1] in " \t|"):
            return None
        head = a.content.rstrip()
        tail_at = len(b.content) - len(b.content.lstrip())
        tail = b.content[tail_at:]
        if not head or not tail or head.startswith("#"):
            return None
        if (len(head) < _LABEL_LINE and _LEAD_IN_END.search(head)
                and (a.index == 0 or doc.lines[a.index - 1].is_blank)):
            return None  # "Please pray for⏎the sick of the parish, …": a newsletter's lead-in, set apart
        joiner = self._joiner(doc, head, tail)
        if joiner is None:
            return None
        start = a.content_start + len(head)
        end = b.content_start + tail_at
        safe = len(head) >= _SAFE_LINE
        fix = (Fix.safe if safe else Fix.unsafe)(Edit(start, end, joiner), message="Join the two lines")
        shown = f"{head[-20:]}⏎{tail[:20]}"
        return self.finding(start, end, f"line break inside a sentence: '{shown}'", fix)

    @staticmethod
    def _joiner(doc, head: str, tail: str) -> str | None:
        """What replaces the break ("" or " "), or None when the lines do not form one sentence."""
        if _PUNCT_START.match(tail):
            if head.endswith(",") or not (_OPEN_END.search(head) or _QUOTE_END.search(head)):
                return None  # "Pour en savoir plus,⏎, voyons voir.": a fragment, not a wrap
            return " " if tail[0] == ";" and lexicon.base_lang(doc.lang) == "fr" else ""
        if (_QUOTE_AFTER_COMMA.search(head) and _SPEECH_VERB_START.match(tail)
                and len(_WORD.findall(head)) >= _MIN_WORDS):
            return " "  # '"… and better resources,"⏎said the union': the quotation's verb goes on
        if not _OPEN_END.search(head) or len(_WORD.findall(head)) < _MIN_WORDS:
            return None
        if _NOT_PROSE_START.match(tail):
            return None
        if _DASH_START.match(tail):
            return " " if len(head) >= _SHORT_LINE else None
        if _LOWER_START.match(tail):
            tail = tail.rstrip()
            if len(head) < _SHORT_LINE and len(tail) < _SHORT_LINE:
                return None
            if len(tail) < _LABEL_LINE and not _CLOSED.search(tail):
                return None  # "photo AFP", "source : Insee": a label, not a sentence's tail
            return " "
        last = _LAST_WORD.search(head)
        if (last and last.group(1) in _CUT_WORDS and len(head) >= _LABEL_LINE and not _LIST_HEAD.match(head)
                and (_NAME_START.match(tail) and len(tail.rstrip()) >= _SHORT_LINE
                     or len(head) >= _SAFE_LINE and (_NAME_ENDS_SENTENCE.fullmatch(tail.rstrip())
                                                     or _NAME_THEN_END.fullmatch(tail.rstrip())))):
            return " "  # not a glossary's "7. Assister à⏎To attend, …"
        if len(head) < _SHORT_LINE:
            return None
        if len(head) > _WRAP_WIDTH and _name_cut(doc, head, tail):
            return " "

        if _QUOTED_LOWER_START.match(tail) and len(tail.rstrip()) >= _SHORT_LINE:
            return " "
        if _PAREN_START.match(tail) or _DIGIT_START.match(tail) and _ends_on_function_word(doc, head):
            return " "
        if _WEEKDAY_END.search(head) and _DAY_MONTH_START.match(tail):
            return " "
        if _SEASON_END.search(head) and _YEAR_GOES_ON.match(tail):
            return " "
        if len(head) >= _SAFE_LINE and _LOWER_WORD_END.search(head) and _AMOUNT_GOES_ON.match(tail):
            return " "
        return None


def _fact_block(para) -> bool:
    """Three lines or more, all short, none closing a sentence: an info box ("Samedi, 17h, …",
    "Lampions fournis, 5 € par enfant⏎sur réservation"), laid out a fact a line."""
    texts = [ln.content.strip() for ln in para]
    return (len(texts) >= _BLOCK_LINES and all(len(t) < _BLOCK_WIDTH for t in texts)
            and not any(_CLOSED.search(t) for t in texts))


def _comma_list(para) -> list:
    """The short lines ending in a comma or semicolon, when there are two or more: a list written
    one item a line ("more volunteers,⏎a second ambulance,⏎and, above all, …"); or one, opening
    in lower case under a line that ends in a colon ("two clubs:⏎the Wednesday squad,⏎and the…")."""
    items = [ln for ln in para[:-1]
             if ln.content.rstrip().endswith((",", ";")) and len(ln.content.rstrip()) < _SAFE_LINE]
    if len(items) >= _LIST_ITEMS:
        return items
    return [ln for ln in items if ln is not para[0] and ln.content.lstrip()[:1].islower()
            and para[para.index(ln) - 1].content.rstrip().endswith(":")]


def _plain_list(para) -> list:
    """Three or more short lines in a row, none ending in punctuation or a hyphen, after a heading
    that opens the paragraph or a line ending in a colon: a list written one item a line ("What
    you'll need⏎a flat collar⏎a 2-metre lead⏎patience"). After a colon, two such lines that end
    the paragraph are a list too: no full stop closes them as a sentence."""
    out: list = []
    run: list = []
    for i, ln in enumerate(para + [None]):
        text = ln.content.strip() if ln is not None else ""
        if ln is not None and text and len(text) <= _PLAIN_ITEM_AFTER_COLON and not _ITEM_END.search(text):
            run.append(ln)
            continue
        long_items = any(len(r.content.strip()) > _PLAIN_ITEM for r in run)
        if any(r.content.rstrip().endswith("-") for r in run):
            pass  # "le porte-⏎parole": a word cut across lines, prose
        elif long_items:
            # Longer items only in lower case after a line ending in ":" ("Three jobs for the last
            # week:⏎defrost the freezer⏎pack a "first night" box with the kettle, mugs and chargers").
            if (len(run) >= _PLAIN_ITEMS and run[0] is not para[0]
                    and para[i - len(run) - 1].content.rstrip().endswith(":")
                    and all(r.content.lstrip()[:1].islower() for r in run)):
                out += run
        elif len(run) >= _PLAIN_ITEMS + 1 and run[0] is para[0]:
            out += run  # a heading opening the paragraph, then the items
        elif ((len(run) >= _PLAIN_ITEMS or len(run) >= 2 and i == len(para)) and run[0] is not para[0]
              and para[i - len(run) - 1].content.rstrip().endswith(":")):
            out += run  # the items after a line ending in ":" (two, when no full stop ends the paragraph)
        run = []
    return out


def _heading_then_keyword(a, b) -> bool:
    """A short heading whose first word (no function word) opens the next line too."""
    head, tail = a.content.split(), b.content.split()
    return (bool(head) and bool(tail) and len(head) <= _HEADING_WORDS and len(head[0]) >= _KEYWORD_LEN
            and head[0].casefold() == tail[0].casefold())


def _name_cut(doc, head: str, tail: str) -> bool:
    m = _NAME_START.match(tail)
    if not m or not _NAME_END.search(head) or head.startswith(tail.rstrip()):
        return False
    z = lexicon.best_zipf(m.group(1), lexicon.doc_langs(doc.lang))
    # A rare word, or a common one that is no sentence opener and goes straight on in lower case
    # ("Clean Water⏎Act was", "SNCF⏎Voyageurs a"; "However," opens a sentence).
    return z < _NAME_ZIPF or z < _NAME_PART_ZIPF and ("," not in m.group(2) or _ACRONYM_END.search(head))


def _ends_on_function_word(doc, head: str) -> bool:
    m = _LAST_WORD.search(head)
    if not m:
        return False
    return lexicon.best_zipf(m.group(1), lexicon.doc_langs(doc.lang)) >= _FUNCTION_WORD_ZIPF


def _structured(line) -> bool:
    """A Markdown heading, list item or quote (structure markers before the content)."""
    return line.content_start != line.start or line.text.startswith(("    ", "\t"))


def _paragraph_of(doc, offset: int) -> int:
    return next((i for i, para in enumerate(doc.paragraphs) if para[0].start <= offset <= para[-1].end), -1)


def _longest_line(doc, code) -> int:
    """The longest line of text (code and table rows aside)."""
    return max((len(ln.text.rstrip()) for ln in doc.lines
                if not inside(code, ln.start) and not ln.text.lstrip().startswith("|")), default=0)


def _fill_width(doc, code) -> int | None:
    """The margin of a document wrapped at a fixed width (a Markdown source, a plain-text export
    at 80 or 100 columns), or None: the width when every long line that a break follows (list
    items and quotes included) sits in a narrow band under the widest one."""
    widths, inside_sentence = [], 0
    for para in doc.paragraphs:
        for a, b in zip(para, para[1:]):
            if (inside(code, a.start) or a.text.lstrip().startswith("|") or _LIST_ITEM.match(b.text)
                    or not b.content.strip() or a.text.endswith("  ")):
                continue  # code, a table, a new item, or a Markdown hard break ("  ")
            head = a.text.rstrip()
            if len(head) >= _SHORT_LINE:  # shorter lines are verse, addresses, labels
                widths.append(len(head))
                inside_sentence += bool(_OPEN_END.search(head))
    if (len(widths) > _FILLED_BREAKS and inside_sentence >= _FILLED_BREAKS
            and _FILLED_MIN_WIDTH <= max(widths) <= _WRAP_WIDTH and max(widths) - min(widths) <= _FILLED_SPREAD):
        return max(widths)
    return None


def _hard_wrapped(para) -> bool:
    """Three or more lines whose non-final lines all have about the same, modest width."""
    if len(para) < 3:
        return False
    widths = [len(ln.text.rstrip()) for ln in para[:-1]]
    return max(widths) <= _WRAP_WIDTH and max(widths) - min(widths) <= _WRAP_SPREAD
