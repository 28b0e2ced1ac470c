import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import markdown_code_spans

_ATTRS = r"""(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*"""
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(" + _ATTRS + r")\s*/?>")
_COMMENT = regex.compile(r"<!--.*?-->")
_DROPPED_ELEMENT = regex.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", regex.I)
# WordPress / page-builder shortcodes: [name key="value"], [/name], [name ... /].
_SHORTCODE = regex.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s+[^\[\]\n]*?)?)\s*/?\]")
_LINK_TAIL = regex.compile(r"[(\[:]")  # "[text](url)", "[text][ref]", "[ref]: url" are Markdown links
_TEXT_FILES = (".txt", ".text")
# Sphinx and MkDocs print a heading's anchor link as "¶" glued to its end: "Breaking changes¶".
_PERMALINK = regex.compile(r"(?<=[\p{L}\p{N})])[ \t]?¶(?=[ \t]*$)", regex.M)
_ASSIGNMENT = regex.compile(r"""[\w-]+=(?:"|'|\w)""")

_INLINE = frozenset("""a abbr b bdi bdo big cite code del dfn em font i img ins kbd mark q s samp small
    span strike strong sub sup time tt u var wbr label button input select option source picture
    iframe embed object audio video svg path meta link noscript""".split())
_BLOCK = frozenset("""address article aside blockquote body br caption center dd details div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p
    pre section summary table tbody td tfoot th thead title tr ul""".split())
# Shortcodes whose content is itself debris (an image caption, an embed URL): dropped with the tags.
_MEDIA = frozenset("""caption wp_caption embed video audio gallery playlist tweet youtube vimeo
    instagram soundcloud""".split())
_KNOWN_SHORTCODES = _MEDIA | frozenset("""contact-form contact-form-7 button quote pullquote
    vc_row vc_column vc_column_text et_pb_section et_pb_row et_pb_column et_pb_text su_note""".split())


class _Piece:
    __slots__ = ("start", "end", "kind")

    def __init__(self, start, end, kind):
        self.start, self.end, self.kind = start, end, kind  # kind: inline | block | drop


def _html_pieces(text: str, offset: int) -> list[_Piece]:
    pieces = [_Piece(*m.span(), "drop") for m in _DROPPED_ELEMENT.finditer(text, offset)]
    pieces += [_Piece(*m.span(), "inline") for m in _COMMENT.finditer(text, offset)]
    tags = [m for m in _TAG.finditer(text, offset)
            if m.group(2).lower() in _INLINE or m.group(2).lower() in _BLOCK]  # not <Ctrl>, <nom>
    for m in tags:
        name, attrs = m.group(2).lower(), m.group(3)
        if attrs.strip() and "=" not in attrs:
            continue  # "if a<b and c>d": words, not attributes
        if name in _BLOCK:
            pieces.append(_Piece(*m.span(), "block"))
        elif attrs.strip() or _attached(text, m) or _has_partner(m, tags):
            pieces.append(_Piece(*m.span(), "inline"))
        # else: "the <strong> and <em> tags": a tag named in prose, on its own between spaces
    return pieces


def _has_partner(m, tags) -> bool:
    """An opening tag with its closing tag on the line, or the reverse."""
    return any(o.group(2).lower() == m.group(2).lower() and o.group(1) != m.group(1) for o in tags)


def _attached(text: str, m) -> bool:
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before.isspace() and after.isspace())


def _shortcode_pieces(text: str, offset: int) -> list[_Piece]:
    found = list(_SHORTCODE.finditer(text, offset))
    closing = {m.group(2) for m in found if m.group(1)}
    pieces = []
    for i, m in enumerate(found):
        name, attrs = m.group(2), m.group(3)
        if m.group(1):
            # "[/su_box]": a closing shortcode is never prose, opened or not (its opener may have
            # been dropped by the extractor); "[/x](url)" is a Markdown link.
            if not _LINK_TAIL.match(text, m.end()) or name in _KNOWN_SHORTCODES:
                pieces.append(_Piece(*m.span(), "inline"))
            continue
        if not (_ASSIGNMENT.search(attrs) or name in _KNOWN_SHORTCODES or name in closing):
            continue  # [sic], [Note], [...]: editorial brackets, not shortcodes
        if name not in _KNOWN_SHORTCODES and _LINK_TAIL.match(text, m.end()):
            continue
        close = next((c for c in found[i + 1:] if c.group(1) and c.group(2) == name), None)
        if name in _MEDIA and close is not None:
            pieces.append(_Piece(m.start(), close.end(), "drop"))
        else:
            pieces.append(_Piece(*m.span(), "inline"))
    return pieces


def _html_is_residue(doc) -> bool:
    """Plain text, or Markdown sniffed in a .txt file: a scraped article may keep Markdown marks,
    but HTML in a text file is what the extractor failed to strip. Real Markdown files keep theirs."""
    return not doc.markdown or doc.path.lower().endswith(_TEXT_FILES)


def _clusters(pieces: list[_Piece], text: str) -> list[list[_Piece]]:
    """Pieces that overlap or are separated only by white space form one cluster."""
    out: list[list[_Piece]] = []
    for p in sorted(pieces, key=lambda p: (p.start, -p.end)):
        if out and (p.start < out[-1][-1].end or not text[out[-1][-1].end:p.start].strip()):
            if p.end > max(q.end for q in out[-1]):
                out[-1].append(p)
            continue
        out.append([p])
    return out


class HtmlTag(Rule):
    """HTML tags and WordPress shortcodes left in text.

    ## What it does
    Finds HTML tags of known elements (`<br>`, `</p>`, `<div class="…">`, `<strong>`), HTML
    comments and `<script>`/`<style>` elements in plain text, and WordPress-style shortcodes
    (`[caption id="…"]…[/caption]`, `[embed]…[/embed]`, a closing `[/su_box]` whose opener was
    dropped) everywhere, and the "¶" a documentation generator glues to a heading as its permalink
    ("Breaking changes¶"). In Markdown files, inline HTML
    is legal structure, so only shortcodes are reported there; a .txt file that merely looks like
    Markdown (a scraped article with headings and links) is text, and its tags are reported.

    ## Why is this bad?
    Markup in extracted text is noise: `<br>` in the middle of a sentence, `[/caption]` before a
    paragraph. Shortcode blocks also carry image captions and credits that are not article text.

    ## Example
    Bad: `[caption id="attachment_8812" width="1200"] La gare de São Bento. © Shutterstock [/caption]`
    Good: (the line is removed)

    ## Fix safety
    Tags are removed; a tag standing alone on its line removes the line. `<br>` and block tags
    in the middle of a line become a line break (unsafe: a layout guess). Inline tags and
    shortcode markers go without a trace (safe: no text is lost). Media shortcodes (`caption`,
    `embed`, `video`…) are removed with their content, and so are `<script>` and `<style>`
    elements: unsafe, since text goes with them.
    Traps left alone: `a < b > c`, `<3`, `x<y`, `<Ctrl>`, `<a@b.fr>`, `<<guillemets>>`, `[sic]`,
    Markdown links.
    """

    code = "CL107"
    name = "html-tag"
    category = "hygiene"
    fix_applicability = "sometimes"

    def check(self, doc):
        if "¶" in doc.text:
            for m in _PERMALINK.finditer(doc.text):
                yield self.finding(m.start(), m.end(), "a heading's permalink sign '¶'",
                                   Fix.safe(Edit.deletion(m.start(), m.end()), message="Remove the '¶'"))
        if "<" not in doc.text and "[" not in doc.text:
            return
        for ln in doc.prose_lines():
            text = ln.text
            if "<" not in text and "[" not in text:
                continue
            offset = ln.content_start - ln.start
            pieces = _shortcode_pieces(text, offset) if "[" in text else []
            if "<" in text and _html_is_residue(doc):
                pieces += _html_pieces(text, offset)
            if doc.markdown:
                code = markdown_code_spans(text)
                pieces = [p for p in pieces if not any(a < p.end and p.start < b for a, b in code)]
            for cluster in _clusters(pieces, text):
                yield self._finding(ln, doc, cluster)

    def _finding(self, ln, doc, cluster):
        text = ln.text
        a, b = cluster[0].start, max(p.end for p in cluster)
        kinds = {p.kind for p in cluster}
        shown = text[a:b] if b - a <= 60 else text[a:a + 57] + "..."
        before, after = text[ln.content_start - ln.start:a], text[b:]
        loses_text = "drop" in kinds
        if not before.strip() and not after.strip():
            start, end = line_removal(ln, doc)
            return self.finding(start, end, f"markup line {shown!r}",
                                self._fix(Edit.deletion(start, end), not loses_text, "Remove the line"))
        gap_before = len(before) - len(before.rstrip())
        gap_after = len(after) - len(after.lstrip())
        content, safe = "", not loses_text
        if not before.strip():
            b += gap_after  # line start: the markup and the space after it
        elif not after.strip():
            a -= gap_before  # line end: the space before it and the markup
        elif "block" in kinds:
            a, b, content, safe = a - gap_before, b + gap_after, "\n", False
        elif gap_before and gap_after:
            b += 1  # "mot <span> autre": keep one space, not two
        start, end = ln.start + a, ln.start + b
        what = "shortcode" if shown.startswith("[") else "markup"
        return self.finding(start, end, f"{what} {shown!r}",
                            self._fix(Edit(start, end, content), safe,
                                      "Replace with a line break" if content else "Remove it"))

    @staticmethod
    def _fix(edit, safe, message):
        return (Fix.safe if safe else Fix.unsafe)(edit, message=message)
