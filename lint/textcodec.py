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
import unicodedata
from dataclasses import dataclass

from .finding import Edit

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
    name = codecs.lookup(encoding).name  # e.g. "utf-16-le", "utf-8", "utf-8-sig"
    return "-".join(name.split("-")[:2])


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode strictly. With no encoding given, a BOM decides, else UTF-8; nothing is guessed."""
    enc = encoding or "utf-8"
    try:
        canonical = codecs.lookup(enc).name
    except LookupError:
        raise DecodeError(f"unknown encoding {enc!r}") from None
    for bom, bom_enc in BOMS:
        if data.startswith(bom) and (encoding is None or _family(encoding) == _family(bom_enc)):
            try:
                return Decoded(data[len(bom):].decode(bom_enc), bom_enc, bom)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {bom_enc}: bad bytes at offset {exc.start + len(bom)}") from None
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
        out, crlf_at, i, n = [], [], 0, len(original)
        counts = {"\r\n": 0, "\r": 0, "\n": 0}
        pos = 0  # offset in the normalised text
        while i < n:
            j = original.find("\r", i)
            if j < 0:
                out.append(original[i:])
                break
            out.append(original[i:j])
            pos += j - i
            if j + 1 < n and original[j + 1] == "\n":
                crlf_at.append(pos)
                counts["\r\n"] += 1
                i = j + 2
            else:
                counts["\r"] += 1
                i = j + 1
            out.append("\n")
            pos += 1
        text = "".join(out)
        counts["\n"] = text.count("\n") - counts["\r\n"] - counts["\r"]
        newline = max(counts, key=lambda k: (counts[k], k == "\n"))
        return cls(original, text, crlf_at, newline)

    def to_original(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.crlf_at, offset)

    def apply(self, edits: list[Edit]) -> str:
        """Apply edits made on ``text`` to ``original``; inserted breaks use the dominant style."""
        if not self.crlf_at and "\r" not in self.original:
            out, pos = [], 0
            for e in sorted(edits):
                out += [self.original[pos:e.start], e.content]
                pos = e.end
            out.append(self.original[pos:])
            return "".join(out)
        out, pos = [], 0
        for e in sorted(edits):
            a, b = self.to_original(e.start), self.to_original(e.end)
            out += [self.original[pos:a], e.content.replace("\n", self.newline)]
            pos = b
        out.append(self.original[pos:])
        return "".join(out)
