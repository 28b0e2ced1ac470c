import regex

from corpuslint.rule import Edit, Fix, Rule

from . import lexicon

# A line ending in a word fragment and a hyphen (ASCII, U+2010 or a soft hyphen).
_LINE_END = regex.compile(r"(?<![\p{L}\p{M}])(\p{L}[\p{L}\p{M}]*)([-\u2010\u00ad])[ \t]*$")
_ANY_BREAK = regex.compile(r"[-\u2010\u00ad][ \t]*\n")
# The next line starting with the rest of the word.
_LINE_START = regex.compile(r"^[ \t]*(\p{L}[\p{L}\p{M}]*)")
# Both halves must be ordinary words for the hyphen to be a compound's ("mi-journée",
# "porte-parole"); wrap fragments ("dévelop", "pement", "pyréthri") are not.
_PART_ZIPF = 3.0
# The joined form must be listed for the hyphen to be dropped safely.
_JOINED_ZIPF = 1.0
_COMMON_JOINED_ZIPF = 3.0


class HyphenationBreak(Rule):
    """A word split across two lines by a hyphen ("dévelop-\\npement").

    ## What it does
    Finds a line that ends in a word fragment and a hyphen, followed by a line that starts with
    the rest of the word, and joins the two halves. The hyphen is dropped when it is a
    hyphenation hyphen ("pyréthri-\\nnoïdes" -> "pyréthrinoïdes") and kept when it belongs to a
    compound ("mi-\\njournée" -> "mi-journée", "Jean-\\nPierre" -> "Jean-Pierre"). The choice
    follows the document itself when it spells the word elsewhere, then the lexicon: the hyphen
    stays when both halves are words and the joined form is rarer than either half. Soft hyphens
    at a line end are always dropped.

    ## Why is this bad?
    Hyphenation is print layout. Left in a text corpus, it cuts one word into two non-words
    ("dévelop-", "pement") and breaks search, counting and tokenisation.

    ## Example
    Bad: `de la famille des pyréthri-⏎noïdes, couramment utilisé`
    Good: `de la famille des pyréthrinoïdes, couramment utilisé`

    ## Fix safety
    Safe when the document spells the word elsewhere, or when at most one half is a word (the
    hyphen cannot be a compound's) and the joined word is listed (common, if one half is a word).
    Unsafe otherwise.
    """

    code = "CL404"
    name = "hyphenation-break"
    category = "layout"
    fix_applicability = "sometimes"

    def check(self, doc):
        if not _ANY_BREAK.search(doc.text):
            return  # cheap exit for the vast majority of documents
        langs = lexicon.doc_langs(doc.lang)
        lines = doc.prose_lines()
        for a, b in zip(lines, lines[1:]):
            if b.index != a.index + 1 or not a.text.rstrip().endswith(("-", "\u2010", "\u00ad")):
                continue
            if doc.markdown and b.content_start != b.start:
                continue  # the next line is a list item, a heading or a quote
            end, start = _LINE_END.search(a.content), _LINE_START.match(b.content)
            if not end or not start:
                continue
            finding = self._join(doc, a, b, end, start, langs)
            if finding:
                yield finding

    def _join(self, doc, a, b, end, start, langs):
        left, hyphen, right = end.group(1), end.group(2), start.group(1)
        # "Saint-Genest-⏎les-Ormes": the fragment is itself the tail of a compound.
        in_chain = end.start(1) > 0 and a.content[end.start(1) - 1] in "-\u2010"
        if len(left) < 2 and hyphen != "\u00ad":
            return None
        hyphen_at = a.content_start + end.start(2)
        rest_at = b.content_start + start.start(1)
        keep, sure = self._keep_hyphen(doc, in_chain, left, hyphen, right, langs)
        if keep:
            edit = Edit.deletion(hyphen_at + 1, rest_at)
            shown = f"{left}-{right}"
        elif hyphen == "\u00ad":
            # Start one letter earlier so that this join wins over the invisible-character
            # rule's removal of the soft hyphen alone, which would leave a broken line.
            hyphen_at -= 1
            edit = Edit(hyphen_at, rest_at, left[-1])
            shown = left + right
        else:
            edit = Edit.deletion(hyphen_at, rest_at)
            shown = left + right
        fix = (Fix.safe if sure else Fix.unsafe)(edit, message=f"Join into '{shown}'")
        return self.finding(hyphen_at, rest_at, f"word broken across lines: '{shown}'", fix)

    @staticmethod
    def _keep_hyphen(doc, in_chain, left, hyphen, right, langs) -> tuple[bool, bool]:
        """(keep the hyphen?, is that certain?)."""
        if hyphen == "\u00ad":
            return False, True  # a soft hyphen is a hyphenation point by definition
        if in_chain or right[0].isupper():
            return True, False  # inside a hyphenated chain, or "Jean-Pierre"
        lowered = doc.text.lower()
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if regex.search(rf"(?<!\p{{L}}){regex.escape(hyphenated)}(?!\p{{L}})", lowered):
            return True, True
        if regex.search(rf"(?<!\p{{L}}){regex.escape(joined)}(?!\p{{L}})", lowered):
            return False, True
        joined_z = lexicon.best_zipf(joined, langs)
        left_z, right_z = lexicon.best_zipf(left, langs), lexicon.best_zipf(right, langs)
        if left_z >= _PART_ZIPF and right_z >= _PART_ZIPF:
            return joined_z < min(left_z, right_z), False
        # At most one half is a word, so the hyphen is no compound's: certain when neither half is
        # a word, or when the joined word is common ("measure-⏎ments" -> "measurements").
        sure = joined_z >= _JOINED_ZIPF and max(left_z, right_z) < _PART_ZIPF or joined_z >= _COMMON_JOINED_ZIPF
        return False, sure
