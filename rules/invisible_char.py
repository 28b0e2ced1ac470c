import regex

from corpuslint.rule import Edit, Fix, Rule

# Format characters that carry nothing in running text, C0 controls (not tab or newline),
# the C1 controls that cp1252 leaves undefined (the others are mojibake, CL105), bidi
# embeddings and isolates, and the Unicode line and paragraph separators.
_INVISIBLE = regex.compile(
    r"[\u200b\u2060-\u2064\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0081\u008d\u008f\u0090\u009d"
    r"\u2028\u2029\u200c\u200d]+"
)
_BREAKS = frozenset("\u000b\u000c\u2028\u2029")
# Joiners are spelling in Arabic, Persian and Indic scripts and glue emoji sequences.
_JOINERS = frozenset("\u200c\u200d")
_LATIN = regex.compile(r"[\p{Latin}\p{Common}&&[^\p{Extended_Pictographic}\p{Emoji_Modifier}]]", regex.V1)
_RTL = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\p{Nko}]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_NAMES = {
    "\u200b": "zero-width space", "\u2060": "word joiner", "\ufeff": "zero-width no-break space (BOM)",
    "\u00ad": "soft hyphen", "\u2028": "line separator", "\u2029": "paragraph separator",
    "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
}


def _describe(run: str) -> str:
    names = []
    for ch in run:
        if ch in _NAMES:
            name = _NAMES[ch]
        elif ch in _BIDI:
            name = f"bidi control U+{ord(ch):04X}"
        else:
            name = f"control character U+{ord(ch):04X}"
        if name not in names:
            names.append(name)
    return ", ".join(names)


class InvisibleChar(Rule):
    """Invisible format and control characters inside text.

    ## What it does
    Finds zero-width spaces, word joiners, stray byte-order marks, soft hyphens, bidi embedding
    and isolate controls, C0 control characters other than tab and newline, the C1 controls
    that cp1252 leaves undefined, and the Unicode line/paragraph separators. They are removed;
    separators, vertical tabs and form feeds become a line break.

    ## Why is this bad?
    They are invisible to a reader but split words for every tokenizer (`intel<U+00AD>ligence` is
    not `intelligence`), defeat search and deduplication, and can reorder displayed text.

    ## Example
    Bad: `la mise<U+200B> à jour` (a zero-width space after "mise")
    Good: `la mise à jour`

    ## Fix safety
    Safe: nothing visible changes. Left alone: zero-width joiners and non-joiners next to
    non-Latin letters or emoji (👨‍👩‍👧, Persian and Indic spelling), tabs, no-break spaces
    (U+00A0, U+202F: French typography). Bidi controls and direction marks next to Arabic or
    Hebrew letters are reported with an unsafe fix, since they can be deliberate there.
    """

    code = "CL108"
    name = "invisible-char"
    category = "hygiene"
    fix_applicability = "sometimes"

    def check(self, doc):
        text = doc.text
        for m in _INVISIBLE.finditer(text):
            start, end, run = m.start(), m.end(), m.group()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if set(run) <= _JOINERS and not self._between_latin(before, after):
                continue
            near_rtl = bool(_RTL.search(text[max(0, start - 2):end + 2]))
            safe = not (near_rtl and set(run) <= _BIDI | _JOINERS)
            breaks = any(ch in _BREAKS for ch in run)
            content = "\n" if breaks and before not in ("\n", "") and after not in ("\n", "") else ""
            make = Fix.safe if safe else Fix.unsafe
            message = "Replace with a line break" if content else "Remove it"
            yield self.finding(start, end, _describe(run), make(Edit(start, end, content), message=message))

    @staticmethod
    def _between_latin(before: str, after: str) -> bool:
        return bool(before and after and _LATIN.match(before) and _LATIN.match(after)
                    and (before.isalnum() or after.isalnum()))
