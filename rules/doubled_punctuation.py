import regex

from corpuslint.rule import Edit, Fix, Rule
from corpuslint.document import markdown_code_spans, token_around

from . import lexicon

# Maximal runs of sentence punctuation not touching an ellipsis character.
_RUN = regex.compile(r"(?<![.,;:!?…])[.,;:!?]{2,}(?![.,;:!?…])")
_CLOSERS = "\"'”’»)]}*_"
# The same mark repeated with spaces between: ", , ,", ". .", "! !". (". . ." is a spaced ellipsis.)
_SPACED = regex.compile(r"(?<![.,;:!?…])([.,;!?])(?:[ \t\u00a0\u202f]+\1)+(?![.,;:!?…])")
# Document-level pre-filter: _RUN and _SPACED without their lookarounds (most texts have neither).
_CAN_FIRE = regex.compile(r"[.,;:!?]{2}|([.,;!?])[ \t\u00a0\u202f]+\1|…\.|\.[\"”»’]\.")
# A full stop after an ellipsis character ("des jours….") or after a closing quote whose sentence
# already ended inside it with a full stop ("by 2027.".") - not a question or an exclamation quoted
# inside the sentence, which the sentence's own stop closes ("“c-c-can I go?”.", « vraiment ? ».).
_STOP_AFTER_END = regex.compile(r"(?:(?<=\p{L}…)|(?<=[\p{L}\p{N}]\.[\"”»’]))\.(?![.\p{L}\p{N}])")
_QUESTION_THEN_DOT = regex.compile(r"([?!]{1,3})\.")
_URLISH = regex.compile(r"://|^www\.|[/\\]|@")
_ENTITY_BEFORE = regex.compile(r"&#?\w+$")  # "&raquo;." : the ";" closes an entity (CL106)
# Long abbreviations that take a period and may be followed by a comma ("approx.,"); shorter words
# ("etc.,", "Inc.,", "e.g.,") are never flagged.
_ABBREVIATIONS = frozenset("approx suppl compl illus assoc admin trans intro notamm".split())
_SHORT_WORD_ZIPF = 5.0


def _word_before(text: str, at: int) -> str:
    a = at
    while a > 0 and (text[a - 1].isalpha() or text[a - 1] == "."):
        a -= 1
    return text[a:at]


class DoubledPunctuation(Rule):
    """Doubled or clashing punctuation marks left by extraction.

    ## What it does
    Finds `..`, `,,`, `;;`, `::`, `?.`, `!.`, `,.`, `.,`, `!!`, `!!!`, `??` and similar slips at the end
    of a word, the same mark repeated across spaces (`, , ,`, `. .`, `! !`), a clash after a stray
    space (`photos ,.`), over-long ellipses (`soir....`), and a full stop after a sentence that
    already ended (`des jours….`, `by 2027.".`), and keeps the single intended mark.
    Ellipses (`...`, `…`, `. . .`), `?!` and French `? !`, ranges and versions (`1..5`, `v1..v2`),
    paths (`../img`, `cd ..`), table-of-contents leaders (`Chapitre 1 ........ 5`), URLs, inline
    code and abbreviations (`etc.,`) are left alone.

    ## Why is this bad?
    A period added after a question mark, or a doubled mark, is a seam between two text nodes
    (a sentence and a trailing period, a caption and its punctuation). It reads as a typo and
    pollutes tokenisation.

    ## Example
    Bad: `Le grand public suivra-t-il ?. Novaphone a vendu 42 000 exemplaires.`
    Good: `Le grand public suivra-t-il ? Novaphone a vendu 42 000 exemplaires.`

    ## Fix safety
    Safe for `?.`, `!.`, `,,`, `;;`, `::`, `, ,`, for `..` ending a sentence and for four or five
    dots (one ellipsis). Unsafe for `..` before a lower-case word or after a space (it may be a
    clipped ellipsis), for `!!`, `!!!`, `??` and `! !` (they may be the author's emphasis), for `. .`
    and for clashing marks such as `,.` (which one was meant is a guess).
    """

    code = "CL104"
    name = "doubled-punctuation"
    category = "hygiene"
    fix_applicability = "sometimes"

    def check(self, doc):
        if not _CAN_FIRE.search(doc.text):
            return
        for ln in doc.prose_lines():
            text = ln.text
            code = markdown_code_spans(text) if doc.markdown else []
            taken: list[tuple[int, int]] = []
            for m in _RUN.finditer(text, ln.content_start - ln.start):
                if any(a < m.end() and m.start() < b for a, b in code):
                    continue
                verdict = self._judge(text, m.start(), m.end())
                if verdict is None:
                    continue
                keep, safe, what, at = verdict
                taken.append((at, m.end()))
                yield self._finding(ln.start + at, ln.start + m.end(), keep, safe, what, text[at:m.end()])
            for m in _STOP_AFTER_END.finditer(text, ln.content_start - ln.start):
                if not any(a < m.end() and m.start() < b for a, b in code + taken):
                    taken.append(m.span())
                    yield self.finding(ln.start + m.start(), ln.start + m.end(),
                                       "full stop after a sentence that already ended",
                                       Fix.safe(Edit.deletion(ln.start + m.start(), ln.start + m.end()),
                                                message="Remove the full stop"))
            for m in _SPACED.finditer(text, ln.content_start - ln.start):
                if any(a < m.end() and m.start() < b for a, b in code + taken):
                    continue
                verdict = self._judge_spaced(text, m)
                if verdict is not None:
                    keep, safe = verdict
                    yield self._finding(ln.start + m.start(), ln.start + m.end(), keep, safe,
                                        "repeated mark", m.group())

    def _finding(self, start, end, keep, safe, what, shown):
        make = Fix.safe if safe else Fix.unsafe
        return self.finding(start, end, f"{what} {shown!r}",
                            make(Edit(start, end, keep), message=f"Replace with {keep!r}"))

    @staticmethod
    def _judge_spaced(text: str, m):
        """(kept mark, safe?) for ", , ," and the like, or None."""
        mark, end = m.group(1), m.end()
        after = text[end] if end < len(text) else ""
        if after and not (after.isspace() or after in _CLOSERS):
            return None  # ". .5", ", ,x": not prose punctuation
        if mark == "." and m.group().count(".") >= 3:
            return None  # ". . .": a spaced ellipsis
        if _URLISH.search(token_around(text, m.start(), end)):
            return None
        before = text[:m.start()].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] in _CLOSERS):
            return None  # a line of marks, or marks after other punctuation: not a slip at a word's end
        return mark, mark in ",;"

    @staticmethod
    def _judge(text: str, start: int, end: int):
        """(kept mark, safe?, description, start of the span) or None when the run is legitimate."""
        run = text[start:end]
        after = text[end] if end < len(text) else ""
        before = text[start - 1] if start else ""
        if after and not (after.isspace() or after in _CLOSERS):
            return None  # 1..5, ../img, v1..v2, a.b.c, :smile::heart:
        if _URLISH.search(token_around(text, start, end)):
            return None
        if run[0] == ";" and _ENTITY_BEFORE.search(text, 0, start):
            return None
        rest = text[end:].lstrip(" \t" + _CLOSERS)
        ends_sentence = not rest or rest[0].isupper() or rest[0].isdigit()
        lead_ok = bool(before) and not before.isspace()
        # "brillant ..", "photos ,.": the slip sits after a space; the span takes the space too.
        detached = before in (" ", "\u00a0") and DoubledPunctuation._plain_word_before(text, start - 1)
        if run == "..":
            if lead_ok:
                return ".", ends_sentence, "doubled period", start
            if detached and ends_sentence:
                return ".", False, "detached doubled period", start - 1
            return None  # "cd .." and the like
        if set(run) == {"."} and len(run) in (4, 5) and lead_ok:
            return "...", True, "over-long ellipsis", start  # "soir....": one ellipsis
        m = _QUESTION_THEN_DOT.fullmatch(run)
        if m:
            return m.group(1), True, "period after", start
        if len(set(run)) == 1 and run[0] in "!?":
            return run[0], False, "repeated mark", start  # "!!", "!!!", "??": emphasis or a slip
        if len(set(run)) == 1 and run[0] in ",;:" and len(run) <= 3:
            return (run[0], True, "doubled mark", start) if before else None  # French: "point ;;"
        if len(run) == 2 and set(run) <= set(".,;:") and (lead_ok or detached and "," in run):
            if run[0] == "." and not DoubledPunctuation._plain_word_before(text, start):
                return None  # "etc.,", "Inc.,", "U.S.,": an abbreviation takes its own period
            keep = "." if ends_sentence and "." in run else run[0] if run[0] != "." else run[1]
            return keep, False, "clashing marks", start if lead_ok else start - 1
        return None

    @staticmethod
    def _plain_word_before(text: str, at: int) -> bool:
        word = _word_before(text, at)
        if len(word) == 4 and word.islower() and word != "sept":
            # "list.,": a four-letter word that common is no abbreviation ("dept" 3.7, "corp" 4.3)
            return lexicon.best_zipf(word, lexicon.SHARED_LANGS) >= _SHORT_WORD_ZIPF
        return len(word) >= 5 and "." not in word and word.lower() not in _ABBREVIATIONS
