import html
from html.entities import html5

import regex

from corpuslint.rule import Edit, Fix, Rule
from corpuslint.document import markdown_code_spans, token_around

_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Without the semicolon only the few entities that leak in prose, and only before a non-word character.
_BARE = regex.compile(r"&(?:nbsp|amp|quot|lt|gt)(?![A-Za-z0-9=;_])")
_URLISH = regex.compile(r"://|^www\.|\w=\w")
# Decoded characters that are debris themselves: the text keeps nothing for them.
_DROP = frozenset("\u00ad\u200b\ufeff\r")
# In Markdown "&lt;" and "&gt;" are how a writer shows "<" and ">"; decoding would make tags.
_MARKDOWN_ESCAPES = frozenset({"&lt;", "&gt;", "&lt", "&gt"})


def decoded(entity: str) -> str | None:
    """The text an entity stands for, or None when it names nothing."""
    if not entity.startswith("&#") and entity[1:] not in html5 and entity[1:] + ";" not in html5:
        return None
    char = html.unescape(entity if entity.endswith(";") else entity + ";")
    if char == entity or "\ufffd" in char:
        return None
    if char in _DROP:
        return ""
    if len(char) == 1 and (ord(char) < 32 and char not in "\t\n" or 0x7f <= ord(char) < 0xa0):
        return ""  # control characters carry nothing readable
    return char


class HtmlEntity(Rule):
    """HTML character references left in text (`&nbsp;`, `&amp;`, `&#8217;`).

    ## What it does
    Finds named and numeric character references and replaces each with the character it
    encodes (`&nbsp;` becomes a no-break space U+00A0, `&rsquo;` a curly apostrophe). References
    inside URLs and Markdown inline code are left alone, as are `&lt;`/`&gt;` in Markdown,
    where they are the way to write `<` and `>`.

    ## Why is this bad?
    The extractor skipped a decoding step. Readers see `1&nbsp;200` or `Pricing &amp; passes`;
    tokenisers split words on the `&` and the `;`.

    ## Example
    Bad: `de &laquo;&nbsp;Paper Moon&nbsp;&raquo;`
    Good: `de «<U+00A0>Paper Moon<U+00A0>»`

    ## Fix safety
    Safe: the replacement is what a browser shows. References written without the closing
    semicolon (`&nbsp` before a space) get an unsafe fix, since the `&` could be literal text.
    Invisible or control characters (`&shy;`, `&#8203;`, `&#13;`) are removed rather than decoded.
    """

    code = "CL106"
    name = "html-entity"
    category = "hygiene"
    fix_applicability = "sometimes"

    def check(self, doc):
        if "&" not in doc.text:
            return
        for ln in doc.prose_lines():
            text = ln.text
            if "&" not in text:
                continue
            code = markdown_code_spans(text) if doc.markdown else []
            offset = ln.content_start - ln.start
            found = [(m, True) for m in _ENTITY.finditer(text, offset)]
            found += [(m, False) for m in _BARE.finditer(text, offset)]
            for m, terminated in sorted(found, key=lambda p: p[0].start()):
                entity = m.group()
                if any(a < m.end() and m.start() < b for a, b in code):
                    continue
                if doc.markdown and entity in _MARKDOWN_ESCAPES:
                    continue
                if _URLISH.search(token_around(text, m.start(), m.end())):
                    continue  # a query string: "?a=1&amp;b=2" is how HTML writes "&"
                char = decoded(entity)
                if char is None:
                    continue
                start, end = ln.start + m.start(), ln.start + m.end()
                shown = repr(char) if char else "nothing"
                make = Fix.safe if terminated else Fix.unsafe
                yield self.finding(start, end, f"HTML entity {entity} (stands for {shown})",
                                   make(Edit(start, end, char), message=f"Decode {entity}"))
