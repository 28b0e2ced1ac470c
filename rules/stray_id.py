"""CL301: a record ID or machine timestamp alone on its line.

A line is read as tokens: an optional label of at most three words ("Article ID:", "Last
modified:", "Message"), an optional number marker ("n°", "#"), then machine tokens only
(epochs, ISO dates and times, UUIDs, URNs, hex digests, #IDs, slugs, time zones, a page counter "5/12"
in a paragraph of its own, an agency's sign-off "pcm/vl/dch"). Any other token, such as a word
after a date ("le 14/05/2024 à 07:32") or a short bare number ("2015", "3-1"), makes the line prose.
"""
from __future__ import annotations

import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import code_lines
from corpuslint.rules.boilerplate import removal_span

_TOKEN_SPLIT = regex.compile(r"[\s\u00a0\u202f|·•,;]+")
_TYPES = (  # order matters: the first match names the token
    ("epoch", regex.compile(r"1\d{9}(?:\d{3})?")),                      # Unix seconds / ms, 2001-2033
    ("iso_datetime", regex.compile(
        r"\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?")),
    ("iso_date", regex.compile(r"\d{4}-[01]\d-[0-3]\d")),
    ("numeric_date", regex.compile(r"[0-3]?\d[/.][01]?\d[/.]\d{4}")),
    ("time_seconds", regex.compile(r"[0-2]?\d:[0-5]\d:[0-5]\d(?:[.,]\d+)?(?:Z|[+-][0-2]\d:?[0-5]\d)?")),
    ("time", regex.compile(r"[0-2]?\d:[0-5]\d(?:Z|[+-][0-2]\d:?[0-5]\d)?")),
    ("zone", regex.compile(r"\(?(?:UTC|GMT|CET|CEST|BST|PST|PDT|EST|EDT|Z)(?:[+-]\d{1,2}(?::?\d\d)?)?\)?|[+-][01]\d:?[0-5]\d")),
    ("uuid", regex.compile(r"(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")),
    # "urn:li:linkedInArticle:7295514270836928512": a uniform resource name with a number in it
    ("urn", regex.compile(r"(?i:urn):[a-z0-9][a-z0-9-]{0,31}(?::[\w.~%-]+)*:(?=[\w.~%-]*\d{4})[\w.~%-]+")),
    ("hash_id", regex.compile(r"(?:(?i:id|ref|réf)[^\S\n]?)?(?:#|n°|nº|N°)\d{3,}")),  # "#48213", "ID#55120"
    ("long_number", regex.compile(r"[1-9]\d{6,}")),  # seven digits or more, unformatted
    ("number", regex.compile(r"\d{3,}(?:[-_/](?:\d+|[A-Z]{1,5}))*")),  # only after a marker or an ID label
    ("slug_id", regex.compile(r"[a-z]+(?:[-_/][a-z]+)*[-_/]\d{4,}")),     # "post-id-884213", "node/48213"
    ("ref_code", regex.compile(r"[A-Z]{1,6}(?:[-_/]\d{2,})(?:[-_/]\d+)+")),  # "PR-2024-0117"
    # "7734120-ECO", "ECO-7734120-B": capitals and a run of five digits or more ("A320-200" is a plane)
    ("ref_code", regex.compile(r"(?=[A-Z0-9_/-]*\d{5})(?=[0-9_/-]*[A-Z])[A-Z0-9]{1,12}(?:[-_/][A-Z0-9]{1,12})+")),
    # "story-0a7c33e1", "doc_5f3a9b2c": a slug ending in a hexadecimal object ID
    ("slug_id", regex.compile(
        r"[a-z]{2,}(?:[-_][a-z]{2,})*[-_](?=[0-9a-f]*\d[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,32}")),
    # "t3_1gq8k2x": a short type prefix and a base-36 object ID (Reddit's "fullnames")
    ("slug_id", regex.compile(r"[a-z]{1,3}\d?_(?=[0-9a-z]*\d)(?=[0-9a-z]*[a-z])[0-9a-z]{5,12}")),
    # "rev-2025-0311-88213": a lowercase prefix, then groups of digits (eight or more in all)
    ("slug_id", regex.compile(r"(?=(?:\D*\d){8})[a-z]{2,}(?:[-_][a-z]+)*(?:[-_]\d{2,}){2,}")),
    # "art-20260312-0742-ccx": a lowercase slug around a run of six digits or more (a date, a counter)
    ("slug_id", regex.compile(r"[a-z]{2,}(?:[-_](?:[a-z]+|\d+))*[-_]\d{6,}(?:[-_](?:[a-z]+|\d+))*")),
    # "/actualites/2024/03/12/story-0a7c33e1": a page path with a date or an ID in it
    ("slug_id", regex.compile(r"(?=\S*\d{4})(?:/[a-z0-9][a-z0-9._-]*){2,}/?")),
    # "2294-revision-v1", "88-autosave-v1": a WordPress revision's slug where its title was
    ("slug_id", regex.compile(r"\d{2,}-(?:revision|autosave)-v\d{1,3}")),
    # "5/12": a PDF's page counter (checked below: the page is within the count)
    ("page_counter", regex.compile(r"\d{1,3}/\d{1,3}")),
    # "pcm/vl/dch", "bur-fz/abc": a news agency's sign-off, the initials of those who handled the wire
    ("signoff", regex.compile(r"(?=[a-z/-]*/)[a-z]{2,4}(?:[-/][a-z]{2,4}){2,4}")),
    # "ECH21984173": a CMS's article code, a short prefix in capitals and six digits or more
    ("ref_code", regex.compile(r"[A-Z]{2,5}\d{6,12}")),
    # "nL1N3FX0QK", "Q7FZ2MXL4RDJVHK3NW5T6YBC": letters and digits, an ID only after an ID label
    ("alnum_id", regex.compile(r"(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,32}")),
    # "rev7", "v12": a revision counter after an ID ("[post id: 2291 | rev 7]"; joined below)
    ("revision", regex.compile(r"(?:rev|r|v|version)\d{1,4}")),
    # "IMG_4471.jpg", "DSC_0042.JPG": an image's file name where its caption or alt text was
    ("file_name", regex.compile(r"(?i)[\w-]*\d[\w-]*\.(?:jpe?g|png|gif|webp|heic|avif|tiff?|bmp|mp4|mov)")),
    ("marker", regex.compile(r":|#|n°|nº|N°|No\.?|Nr\.?")),
    ("word", regex.compile(r"\p{L}[\p{L}'’.\-]{0,19}:?")),
)
_VOWEL = regex.compile(r"[aeiouy]")
_HEX = regex.compile(r"[0-9a-f]{6,64}|[0-9A-F]{6,64}")
_MAX_LABEL_WORDS = 3
_ID_LABELS = frozenset({"id", "ids", "uid", "guid", "uuid", "ref", "réf", "référence", "reference"})
_PAGE_LABELS = frozenset({"page", "p", "pages", "seite", "pagina", "página"})
_VIEW_LABELS = frozenset({"affichages", "vues", "views", "hits", "visites", "lectures", "reads", "consultations", "clics", "clicks"})
_PHONE_LABELS = frozenset({"tel", "tél", "phone", "téléphone", "telephone", "fax", "mobile", "portable"})


def _token_type(token: str) -> str | None:
    if _HEX.fullmatch(token) and sum(c.isdigit() for c in token) >= 2 and sum(c.isalpha() for c in token) >= 2:
        if len(token) < 8:
            return "hex_short"  # "8f3a2c": an ID only after an ID label
        return "hex_long" if len(token) >= 16 else "hex"  # a digest or object ID, not a word
    for name, pattern in _TYPES:
        if pattern.fullmatch(token):
            if name == "signoff" and sum(not _VOWEL.search(g) for g in regex.split(r"[-/]", token)) < 2:
                return None  # "and/or/not", "oui/non/nsp": words; initials seldom have a vowel
            if name == "page_counter" and not 1 <= int(token.split("/")[0]) <= int(token.split("/")[1]):
                continue  # "12/5" is a date, not page 12 of 5
            return name
    return None


_GLUED_LABEL = regex.compile(r"^(\p{L}{2,12}):(?=[\p{L}\d])")  # "ID:nL1N3FX0QK": the label lost its space
_REVISION = regex.compile(r"(?<=[\s|·•,;])(rev|version)[\s\u00a0]+(\d{1,4})$")
_URN = next(p for name, p in _TYPES if name == "urn")
# JavaScript's Date.toString(): "Tue Oct 08 2024 21:47:03 GMT+0100 (British Summer Time)".
_SCRIPT_DATE = regex.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-3]\d \d{4} "
    r"[0-2]\d:[0-5]\d:[0-5]\d GMT[+-]\d{4}(?: \([^()\n]{1,60}\))?")
_PLAYER_CLOCK = regex.compile(
    r"(?:[▶►⏵⏸❚][ \t\ufe0f]*)?(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*/[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}")
# A gallery's counter alone in its paragraph: "1 of 7", "Photo 2 sur 12", "Image 3/9".
_GALLERY_COUNTER = regex.compile(
    r"(?i:(?:photos?|images?|pictures?|slides?|diapos?|vues?)[ \t]+)?(\d{1,2})[ \t]*(?:of|sur|/|de)[ \t]*(\d{1,2})")


def classify(line: str) -> tuple[str, bool] | None:
    """(what it is, safe to remove) when ``line`` is a stray ID or timestamp, else None."""
    line = line.strip()
    if _SCRIPT_DATE.fullmatch(line):
        return "machine timestamp", True  # a script's printed date object, not a date a writer sets
    if _PLAYER_CLOCK.fullmatch(line):
        return "media player position", True  # "00:00 / 52:41": an audio or video player's counter
    gallery = _GALLERY_COUNTER.fullmatch(line)
    if gallery and " " in line and 1 <= int(gallery[1]) <= int(gallery[2]):
        return "page counter", False  # "1 of 7" (alone in its paragraph: see check)
    if line[:1] in "[(" and line[-1:] in "])":
        line = line[1:-1]  # "[PR-2024-0117]", "(1709999347)"
    if _URN.fullmatch(line):
        return "URN", True  # before "urn:" is read as a label glued to its value
    line = _REVISION.sub(r"\1\2", line)  # "… | rev 7": one token
    tokens = [t for t in _TOKEN_SPLIT.split(_GLUED_LABEL.sub(r"\1: ", line, count=1)) if t]
    if not tokens:
        return None
    types = [_token_type(t) for t in tokens]
    if None in types:
        return None
    words = 0
    while words < len(types) and types[words] == "word":
        words += 1
    rest = types[words:]
    marked = False  # a number sign ("n°", "#") makes a short number an ID; a colon does not
    if rest and rest[0] == "marker":
        marked, rest = tokens[words] != ":", rest[1:]
    if words > _MAX_LABEL_WORDS or not rest or "word" in rest or "marker" in rest:
        return None
    label = [part for t in tokens[:words] for part in regex.split(r"[-_]", t.rstrip(":.").casefold())]
    if _PHONE_LABELS.intersection(label):
        return None  # "Tél. : 1234567890" is a phone number, whatever its digits
    labelled_id = bool(_ID_LABELS.intersection(label))
    if _VIEW_LABELS.intersection(label) and set(rest) <= {"number", "long_number"} and len(rest) == 1:
        return "view counter", True  # "Affichages : 214", "Views: 1204": a page's hit counter
    if rest[0] == "revision":
        return None  # "v12" alone is a version, not a record
    kinds = set(rest) - {"revision"}
    what = _strong(kinds, marked or labelled_id)
    if what is None or what == "page counter" and not set(label) <= _PAGE_LABELS:
        return None  # "Score: 3/4" is a value
    # A label ("Last modified:") does not make an epoch or an ISO date-time any less a machine stamp.
    safe = labelled_id or what in _UNMISTAKABLE
    return what, safe


_UNMISTAKABLE = {"Unix timestamp", "machine timestamp", "UUID", "URN", "hexadecimal digest", "image file name"}
# A countdown widget: its label, then figures and units one a line ("Registration closes in⏎12⏎Days⏎04⏎
# Hours⏎31⏎Minutes").
_COUNTDOWN_LABEL = regex.compile(
    r"(?i)(?:registration|sales?|booking|offer|early[- ]bird(?: price)?|inscriptions?|l['’]offre|les ventes|la billetterie)"
    r" (?:closes?|ends?|se termine|se terminent|ferme|ferment|prend fin)(?: in| dans)?[ \t]*:?")
_COUNTDOWN_ITEM = regex.compile(
    r"(?i)\d{1,3}|days?|hours?|hrs|minutes?|mins?|seconds?|secs?|jours?|heures?|secondes?|j|h|m|s")
_COUNTDOWN_ITEMS = 4
# A CMS path glued after a paragraph's last sentence: "… in their shops and offices. node/4412".
_TRAILING_PATH = regex.compile(r"(?<=[.!?»”\"])[ \t\u00a0]+(?:node|post|article|story|entry|item)/\d{3,}[ \t]*$")


def _strong(kinds: set[str], numbered: bool) -> str | None:
    """The token that makes the line an ID or timestamp, or None when nothing is machine-made."""
    if kinds & {"number", "alnum_id"} and not numbered:
        return None  # a short bare number is a value, a year or a score; "iPhone15" a name
    if "epoch" in kinds:
        return "Unix timestamp"
    if "iso_datetime" in kinds or "iso_date" in kinds and kinds & {"time", "time_seconds"} \
            or "numeric_date" in kinds and "time_seconds" in kinds:
        return "machine timestamp"
    if "uuid" in kinds:
        return "UUID"
    if "urn" in kinds:
        return "URN"
    if "hex_long" in kinds:
        return "hexadecimal digest"
    if "hash_id" in kinds or numbered and kinds & {"number", "long_number", "hex_short", "alnum_id"}:
        return "record ID"
    if kinds == {"signoff"}:
        return "news agency sign-off"
    if kinds == {"page_counter"}:
        return "page counter"
    if kinds == {"file_name"}:
        return "image file name"
    if kinds & {"hex", "slug_id", "ref_code", "long_number"}:
        return "record ID"
    if kinds == {"iso_date"}:
        return "ISO date"
    return None


class StrayId(Rule):
    """An ID or machine timestamp alone on its line.

    ## What it does
    Finds lines that hold nothing but a record ID or a machine timestamp, with at most a short
    label: a Unix epoch (`1709999347`, `Last modified: 1714567320`), an ISO date-time
    (`2023-11-20 13:15:59`, `2024-05-14T07:32:00Z`), a labelled or numbered ID
    (`Article ID: 48213`, `Message #48213 | 17/01/2024 21:46`, `Article n° 2024041509321`),
    a UUID, a URN (`urn:li:linkedInArticle:7295514270836928512`), a hexadecimal digest
    (`a91c07d4e2`), a CMS slug (`post-id-884213`, `story-0a7c33e1`)
    or a reference code (`[PR-2024-0117]`, `Réf. article : 7734120-ECO`, `ID:nL1N3FX0QK`), a media
    player's counter (`00:00 / 52:41`, `▶ 00:00 / 41:26`), a PDF's page counter (`5/12`) or a
    gallery's (`1 of 7`, alone in its paragraph), a news agency's sign-off
    (`pcm/vl/dch`), a page's view counter (`Affichages : 214`), an image's file name with a figure
    in it (`IMG_4471.jpg`), a CMS path glued after a paragraph's last sentence (`… offices.
    node/4412`), a countdown widget (`Registration closes in⏎12⏎Days⏎04⏎Hours…`), a clock time
    alone between two paragraphs of prose when it is the text's only such line (`09:47`: a page's
    update time; a live blog has one per entry, a timetable sets them among short lines), and a
    shop's product meta line (`SKU: TUMP-DAB23-50 Category: Bottled Cider Tags: dry`).

    ## Why is this bad?
    These are CMS fields (publication time, record number) that the extractor printed as if
    they were text. They carry no prose, break sentence statistics and leak metadata into the
    corpus. Years (`2015`), scores (`3-1`), numbered headings, live-blog times (`21 h 15 – …`,
    `17h`), phone numbers, model numbers (`A320-200`), ISBNs and numbers inside
    sentences are not touched. Human datelines and reading times are CL307's (metadata-line).

    ## Example
    Bad:
    ```
    2023-11-20 13:15:59
    Il y a eu un grave tremblement de terre dans l’industrie de l’IA.
    ```
    Good:
    ```
    Il y a eu un grave tremblement de terre dans l’industrie de l’IA.
    ```

    ## Fix safety
    The fix removes the line with its line break. It is safe for an epoch, an ISO date-time, a
    UUID or a long hex digest, bare or after a label (`Last modified: 1714567320`), for a
    value labelled `ID`, a view counter, an image file name, a glued CMS path and a countdown: no
    writer uses those as text. It is unsafe for everything else (a bare
    ISO date, a short hex token, a long plain number, a number after a label in words), which
    might be a heading or a value of a fact box.
    """

    code = "CL301"
    name = "stray-id"
    category = "structure"
    fix_applicability = "sometimes"

    def check(self, doc):
        yield from self._countdowns(doc)
        yield from self._lone_clock(doc)
        code = code_lines(doc)
        for ln in doc.prose_lines():
            if ln.index in code:
                continue
            text = ln.content.strip()
            if ":" in text and _PRODUCT_META.fullmatch(text):
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, "a shop's product meta line (SKU, category, tags)",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the product meta line"))
                continue
            slash = "/" in text
            tail = _TRAILING_PATH.search(ln.content) if slash else None
            if tail is not None:
                start, end = ln.content_start + tail.start(), ln.content_start + tail.end()
                yield self.finding(start, end, "stray CMS path after the paragraph's last sentence",
                                   Fix.safe(Edit.deletion(start, end), message="Remove the path"))
                continue
            if not (3 if slash else 6) <= len(text) <= 80 or not (slash or any(c.isdigit() for c in text)):
                continue  # cheap pre-filter: a digit and six characters, or a slash ("5/12", "pcm/vl/dch")
            kind = classify(text)
            if kind is None:
                continue
            what, safe = kind
            if what == "page counter" and not _alone(doc, ln.index):
                continue  # "Reading⏎23/25": a score under its label
            start, end = line_removal(ln, doc)
            fix = (Fix.safe if safe else Fix.unsafe)(Edit.deletion(start, end), message=f"Remove the {what} line")
            yield self.finding(start, end, f"stray {what} alone on a line", fix)


    def _lone_clock(self, doc):
        """"09:47" alone between two paragraphs of prose, the only such line: the update time of a
        page printed in its body. A live blog heads its entries with times, so it has several; a
        timetable sets its times among short lines."""
        if ":" not in doc.text:
            return  # most documents: no line to look at
        clocks = [ln for ln in doc.lines if _CLOCK.fullmatch(ln.content.strip())]
        if len(clocks) != 1 or not _alone(doc, clocks[0].index):
            return
        ln = clocks[0]
        before = [x for x in doc.lines[:ln.index] if not x.is_blank][-1:]
        after = [x for x in doc.lines[ln.index + 1:] if not x.is_blank][:1]
        if before and after and all(len(x.content.split()) >= _PROSE_WORDS for x in before + after):
            start, end = line_removal(ln, doc)
            yield self.finding(start, end, "stray clock time alone between two paragraphs",
                               Fix.unsafe(Edit.deletion(start, end), message="Remove the time line"))

    def _countdowns(self, doc):
        for para in doc.paragraphs:
            items = para[1:]
            if (len(items) >= _COUNTDOWN_ITEMS and _COUNTDOWN_LABEL.fullmatch(para[0].content.strip())
                    and all(_COUNTDOWN_ITEM.fullmatch(ln.content.strip()) for ln in items)
                    and any(ln.content.strip().isdigit() for ln in items)):
                start, end = removal_span(doc, para[0], para[-1])
                yield self.finding(start, end, "a countdown widget: its label, figures and units",
                                   Fix.safe(Edit.deletion(start, end), message=f"Remove the {len(para)} lines"))


# A shop's product meta line: "SKU: TUMP-DAB23-50 Category: Bottled Cider Tags: dry", "UGS : MIEL-500".
_PRODUCT_META = regex.compile(
    r"(?i)(?:sku|ugs)[ \t\u00a0]*:[ \t\u00a0]*(?=[\w./-]*\d)[\w./-]+"
    r"(?:[ \t\u00a0]+(?:categor(?:y|ies)|catégories?|tags?|étiquettes?)[ \t\u00a0]*:[^\n]{1,150})?")
_CLOCK = regex.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d")
_PROSE_WORDS = 12


def _alone(doc, i: int) -> bool:
    """Line ``i`` is a paragraph of its own: blank lines (or the text's ends) around it."""
    return all(j < 0 or j >= len(doc.lines) or doc.lines[j].is_blank for j in (i - 1, i + 1))
