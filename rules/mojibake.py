import difflib
import re
from functools import lru_cache

import regex

from corpuslint.rule import Edit, Fix, Rule

# Characters that UTF-8 lead bytes become in cp1252/latin-1 ("Ã", "â", "Â", "Å", "Ð"…), followed by
# what continuation bytes become; plus C1 controls (cp1252 punctuation read as latin-1) and "Ã "
# (the no-break space of "à" lost on the way). Clean text almost never matches, so ftfy rarely runs.
_SUSPECT = re.compile(  # re: faster than regex for this scan
    r"[\u0080-\u009f]"
    r"|[\u00c2-\u00f4][\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    r"|[ÃÂ] "
)


@lru_cache(maxsize=1)
def _ftfy():
    """ftfy, configured to repair encodings only: no quote, width, ligature, HTML or line-break changes."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
        fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
        normalization=None, explain=False,
    )
    from ftfy.badness import is_bad

    return (lambda text: ftfy.fix_text(text, config=config)), is_bad


def _decode_piece(piece: str) -> str | None:
    """The one character whose UTF-8 bytes, read as cp1252, give ``piece`` ("Å“" -> "œ"), else None."""
    try:
        decoded = piece.encode("sloppy-windows-1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if len(decoded) != 1:
        return None
    if "\x80" <= decoded <= "\x9f":  # read twice: "Â…" -> U+0085 -> the cp1252 ellipsis
        decoded = decoded.encode("latin-1").decode("sloppy-windows-1252")
    return decoded if decoded.isprintable() and _plausible(decoded) else None


def _plausible(char: str) -> bool:
    """What broken Latin-script text decodes to: Latin letters, punctuation, symbols, emoji.

    French typography forms valid UTF-8 by chance: "é" + no-break space + "»" are the bytes
    E9 A0 BB, a CJK ideograph. Such a character is not a repair, it is a coincidence.
    """
    cp = ord(char)
    return cp < 0x0800 or 0x2000 <= cp <= 0x2BFF or 0xFB00 <= cp <= 0xFB06 or cp >= 0x1F000


def _repair_pieces(text: str) -> str:
    """Repair mojibake sequence by sequence, where a line mixes good and bad text.

    ftfy weighs a whole line: a correct "’" or "é" next to "cÅ“ur" makes it keep the line as it
    is. Here each suspect sequence of two to four characters is decoded alone, and only when
    its bytes are exactly one well-formed UTF-8 character.
    """
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    pos = 0
    while (m := _SUSPECT.search(text, pos)) is not None:
        at = m.start()
        for size in (4, 3, 2):
            char = _decode_piece(text[at:at + size])
            if char is not None:
                text = text[:at] + char + text[at + size:]
                pos = max(at - 1, 0)  # twice-broken text: the repaired char may complete the one before
                break
        else:
            pos = at + 1
    return text


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


class Mojibake(Rule):
    """UTF-8 text decoded as cp1252 or latin-1 ("Ã©" for "é", "â€™" for "’").

    ## What it does
    Finds words whose characters are the cp1252/latin-1 reading of UTF-8 bytes and repairs them
    with ftfy, restricted to encoding repairs (no quote straightening, width or ligature changes,
    no HTML unescaping, no Unicode normalisation). Each damaged word is reported on its own.

    ## Why is this bad?
    Mojibake turns names and common words into strings no reader, search engine or language model
    recognises: `SÃ£o Bento`, `dÃ©sorientÃ©es`, `VÃ©libâ€™`.

    ## Example
    Bad: `Le hall de SÃ£o Bento, tapissé de faïence bleue`
    Good: `Le hall de São Bento, tapissé de faïence bleue`

    ## Fix safety
    Safe when ftfy's badness heuristic finds the original word broken and the repair clean. Unsafe
    when the repair is lossy (it contains U+FFFD) or only restores white space (`Â ` read as a
    no-break space), where a legitimate "Â" or "Ã" could have been meant.
    """

    code = "CL105"
    name = "mojibake"
    category = "hygiene"
    fix_applicability = "sometimes"

    def check(self, doc):
        if not _SUSPECT.search(doc.text):
            return
        fix_text, is_bad = _ftfy()
        for ln in doc.prose_lines():
            if not _SUSPECT.search(ln.text):
                continue
            repaired = fix_text(ln.text)
            if _SUSPECT.search(repaired):
                repaired = _repair_pieces(repaired)
            if repaired == ln.text:
                continue
            for a, b, new in self._changed_words(ln.text, repaired):
                old = ln.text[a:b]
                safe = is_bad(old) and not is_bad(new) and "\ufffd" not in new and new.strip() != ""
                safe = safe and regex.sub(r"\s", "", new) != regex.sub(r"[\sÂÃ]", "", old)
                make = Fix.safe if safe else Fix.unsafe
                start, end = ln.start + a, ln.start + b
                yield self.finding(start, end, f"mojibake {old!r}, probably {new!r}",
                                   make(Edit(start, end, new), message=f"Repair to {new!r}"))

    @staticmethod
    def _changed_words(old: str, new: str):
        """(start, end, replacement): changed regions of ``old``, widened to whole words and merged."""
        regions = []
        ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                continue
            a, b = _word_bounds(old, i1, i2)
            shift_a, shift_b = i1 - a, b - i2
            if regions and a <= regions[-1][1]:
                pa, _, pj1, _ = regions[-1]
                regions[-1] = (pa, b, pj1, j2 + shift_b)
            else:
                regions.append((a, b, j1 - shift_a, j2 + shift_b))
        for a, b, j1, j2 in regions:
            yield a, b, new[j1:j2]
