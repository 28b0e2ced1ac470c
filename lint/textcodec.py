"""Bytes <-> text without losing anything: encoding, BOM and line endings survive a round trip.

Rules see normalised text (every CRLF and lone CR read as LF). Edits made on that text are
mapped back onto the file's own text, so untouched line endings keep their bytes and new
line breaks take the file's dominant style.

Nothing is guessed: a file is UTF-8 unless a byte order mark or ``--encoding`` says
otherwise, and a file whose bytes would not come back identical is refused, not linted.
"""
from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from dataclasses import dataclass

from .finding import Edit

_CRLF = re.compile("\r\n")

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Codecs whose strict decoding is a bijection: no round-trip check needed.
_EXACT = ("utf-8", "utf-16", "utf-32", "ascii")
# Codecs that write a BOM of their own: without a BOM in the file, use the explicit variant.
_NO_BOM_VARIANT = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


class DecodeError(ValueError):
    """The bytes are not text in the expected encoding; the message says where and what to do."""


class EncodeError(DecodeError):
    """Fixed text that cannot be written back faithfully; the file is left as it was."""


@dataclass(frozen=True)
class Decoded:
    text: str        # the file's text, its own line endings kept, BOM removed
    encoding: str
    bom: bytes

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            ch = exc.object[exc.start]
            name = unicodedata.name(ch, "unnamed character")
            raise EncodeError(f"a fix would write U+{ord(ch):04X} ({name}), which {self.encoding} cannot hold; "
                              "file left unchanged") from None


def looks_binary(data: bytes, encoding: str | None = None) -> bool:
    """NUL bytes in the first 8 KiB of a file that is not UTF-16/32 (by BOM or --encoding): not text."""
    if encoding and _family(encoding) in ("utf-16", "utf-32"):
        return False
    head = data[:8192]
    return b"\x00" in head and not any(data.startswith(b) for b, enc in BOMS if enc != "utf-8")


def _family(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name  # e.g. "utf-16-le", "utf-8", "utf-8-sig"
    except LookupError:
        return encoding.lower()  # decode() reports it
    return "-".join(name.split("-")[:2])


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode strictly. With no encoding given, a BOM decides, else UTF-8; nothing is guessed."""
    enc = encoding or "utf-8"
    try:
        canonical = codecs.lookup(enc).name
    except LookupError:
        raise DecodeError(f"unknown encoding {enc!r}") from None
    failure = None
    for bom, bom_enc in BOMS:
        if data.startswith(bom) and (encoding is None or _family(encoding) == _family(bom_enc)):
            try:
                return Decoded(data[len(bom):].decode(bom_enc), bom_enc, bom)
            except UnicodeDecodeError as exc:
                # FF FE 00 00 is UTF-32's BOM or UTF-16's followed by U+0000: try the shorter one.
                failure = failure or DecodeError(f"not valid {bom_enc}: bad bytes at offset {exc.start + len(bom)}")
    if failure is not None:
        raise failure
    if encoding is not None and data.startswith(codecs.BOM_UTF8):
        raise DecodeError(f"starts with a UTF-8 byte order mark but --encoding {encoding} was given; "
                          "drop --encoding to read it as UTF-8")
    canonical = _NO_BOM_VARIANT.get(canonical, canonical)
    try:
        decoded = Decoded(data.decode(canonical), canonical, b"")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 4].hex(" ")
        hint = " (use --encoding, e.g. --encoding cp1252, if the file is not UTF-8)" if encoding is None else ""
        raise DecodeError(f"not valid {enc}: byte(s) {bad} at offset {exc.start}{hint}") from None
    if _family(canonical) not in _EXACT and decoded.encode(decoded.text) != data:
        raise DecodeError(f"{enc} does not read these bytes back identically; refusing to lint them "
                          "(a fix could change bytes no rule looked at)")
    return decoded


@dataclass
class Normalised:
    """``text`` with LF breaks, plus what is needed to map offsets back to ``original``."""

    original: str
    text: str
    crlf_at: list[int]   # offsets in ``text`` of the LFs that were CRLF in ``original``
    newline: str         # the dominant break, used for breaks that edits insert

    @classmethod
    def of(cls, original: str) -> "Normalised":
        if "\r" not in original:
            return cls(original, original, [], "\n")
        # Every earlier CRLF shrinks by one character in the normalised text.
        crlf_at = [m.start() - k for k, m in enumerate(_CRLF.finditer(original))]
        half = original.replace("\r\n", "\n")
        lone_cr = half.count("\r")
        text = half.replace("\r", "\n")
        counts = {"\r\n": len(crlf_at), "\r": lone_cr, "\n": text.count("\n") - len(crlf_at) - lone_cr}
        newline = max(counts, key=lambda k: (counts[k], k == "\n"))
        return cls(original, text, crlf_at, newline)

    def to_original(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.crlf_at, offset)

    def apply(self, edits: list[Edit]) -> str:
        """Apply edits made on ``text`` to ``original``; inserted breaks use the dominant style.

        A lone CR must never end up just before an LF: the two would read back as one CRLF
        break, and a line would vanish. When an edit would cause that, the deletion is moved
        by one character onto the equal break before it (same text, same lines), or else one
        break of the pair is rewritten (see ``_unmerge``).
        Raises EncodeError rather than return a text whose lines differ from the edited text.
        """
        edits = sorted(edits)
        if not self.crlf_at and "\r" not in self.original:
            out, pos = [], 0
            for e in edits:
                out += [self.original[pos:e.start], e.content]
                pos = e.end
            out.append(self.original[pos:])
            result = "".join(out)
            if any("\r" in e.content for e in edits):
                self._check(result, edits)
            return result
        edits = self._shift_deletions(edits)
        segments, pos = [], 0
        for e in edits:
            a, b = self.to_original(e.start), self.to_original(e.end)
            segments += [self.original[pos:a], e.content.replace("\n", self.newline)]
            pos = b
        segments.append(self.original[pos:])
        result = self._unmerge(segments)
        self._check(result, edits)
        return result

    def _shift_deletions(self, edits: list[Edit]) -> list[Edit]:
        """Move a deletion that would join a lone CR to an LF onto the break before it."""
        out, text, prev_end = [], self.text, 0
        for e in edits:
            a, b = e.start, e.end
            if (not e.content and 0 < a < b and a - 1 >= prev_end and text[a - 1] == "\n" == text[b - 1]
                    and self.original[self.to_original(a) - 1] == "\r"
                    and self.original[self.to_original(b):self.to_original(b) + 1] == "\n"):
                e = Edit(a - 1, b - 1, "")
            out.append(e)
            prev_end = e.end
        return out

    def _unmerge(self, segments: list[str]) -> str:
        """Join the segments; where one ending in CR meets one starting with LF, rewrite a break.

        The dominant style is used when that creates no new CR-LF pair; else the CR becomes
        a CRLF, which never pairs with what surrounds it.
        """
        result = "".join(segments)
        junctions, at = [], 0
        for seg in segments:
            if seg and 0 < at < len(result) and result[at - 1] == "\r" and result[at] == "\n":
                junctions.append(at)
            at += len(seg)
        for p in reversed(junctions):  # right to left: earlier positions stay valid
            if self.newline == "\r" and result[p + 1:p + 2] != "\n":
                result = result[:p] + "\r" + result[p + 1:]
            elif self.newline == "\n" and result[p - 2:p - 1] != "\r":
                result = result[:p - 1] + "\n" + result[p:]
            else:
                result = result[:p - 1] + "\r\n" + result[p:]
        return result

    def _check(self, result: str, edits: list[Edit]) -> None:
        expected, pos = [], 0
        for e in edits:
            expected += [self.text[pos:e.start], e.content]
            pos = e.end
        expected.append(self.text[pos:])
        if Normalised.of(result).text != "".join(expected):
            raise EncodeError("a fix would change line breaks outside its span (a lone CR would join an LF, "
                              "or a rule inserted a CR); file left unchanged")
