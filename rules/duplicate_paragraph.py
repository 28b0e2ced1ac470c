import unicodedata

import regex

from corpuslint.rule import Edit, Fix, Rule
from corpuslint.document import code_lines

# Lines shorter than this may repeat on purpose ("Question:", "Au moins pour l’instant.", "-").
MIN_CHARS = 25
MIN_WORDS = 4
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_SPACES = regex.compile(r"\s+")
# Copies of one text made by different templates differ in quotes, apostrophes, dashes and the
# spaces French puts inside them: compare letters and digits only.
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def normalise(text: str) -> str:
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


MAX_BLOCK_LINES = 12  # the longest run of lines compared as one repeated block

# Verse: a stanza is three or more short lines of a few words, at most half of them ending a
# sentence (a menu has one or two words a line).
STANZA_LINES = 3
STANZA_LINE_CHARS = 60
STANZA_WORDS_PER_LINE = 3
_SENTENCE_END = regex.compile(r"[.!?…]\W*$")


def stanza(para) -> bool:
    lines = [ln.content.strip() for ln in para]
    return (len(lines) >= STANZA_LINES and max(len(t) for t in lines) <= STANZA_LINE_CHARS
            and sum(len(_WORD.findall(t)) for t in lines) >= STANZA_WORDS_PER_LINE * len(lines)
            and sum(bool(_SENTENCE_END.search(t)) for t in lines) <= max(1, len(lines) // 2))


def meaningful(text: str) -> bool:
    """Long enough to be a copy rather than a coincidence; table rows repeat by design."""
    return (len(text) >= MIN_CHARS and len(_WORD.findall(text)) >= MIN_WORDS
            and not text.lstrip().startswith("|"))


class DuplicateParagraph(Rule):
    """A headline, line or paragraph printed twice.

    ## What it does
    Finds a line or a paragraph whose text (compared on letters and digits, regardless of case,
    spacing and punctuation) appears twice, such as a headline printed by both the title field
    and the body, or a live-blog entry repeated; also a paragraph printed alone and again as the
    opening of the next one (a teaser, then the full text). When the copies follow each other
    (only blank lines between), the earlier one is reported and the last one stays, as a diff of
    the page would show it (a line printed exactly twice in a row, or a paragraph, is shown with
    both copies: which one goes changes nothing); a copy further down is reported itself and the
    first one stays. A Markdown
    heading is kept over its plain copy. Only lines of at least 25 characters and 4 words count
    (and a short heading, not a sentence, printed twice with only blank lines between: "6.
    Patinoire éphémère"): other short lines (`Question:`, `Au moins pour l’instant.`, `-`) and table rows
    may repeat on purpose, and so does the refrain of a song or poem: a stanza (three or more
    short lines, at most half of them ending a sentence) repeated further down, in a text that
    has other stanzas, is left alone, and so is a line that comes back after other lines of its
    own block ("A / B / A"), or one sentence of fifteen words or fewer said twice far apart
    (a motto: "Un livre, ça se conseille.", "On ne répare pas votre vélo, on vous aide à le
    réparer."), or a line repeated right under itself in lines quoted after a colon (a chorus).
    A run of lines printed twice in a row (a live entry's time and title, then its
    text) is one finding. A live blog's pinned post ("Pinned" / "14:05" / its text, the same text
    again further down) loses its pinned copy, label included; the entry stays in its place. A
    pull quote (a quotation alone in its paragraph, printed in full inside another, with its stop or,
    without it, a sentence's length: twelve words or more) goes; a short quoted subheading stays. A line
    quoted under "X wrote:" (a forum's reply), a forum signature under each of its author's posts
    and a recipe card's title above its times stay.

    ## Why is this bad?
    Repeated text over-weights one sentence in a corpus, trips near-duplicate filters and reads
    as a stutter.

    ## Example
    Bad:
    ```
    Council approves protected bike lanes on Mill Road
    Council approves protected bike lanes on Mill Road

    Eastfield's city council voted 9-4 on Tuesday night.
    ```
    Good:
    ```
    Council approves protected bike lanes on Mill Road

    Eastfield's city council voted 9-4 on Tuesday night.
    ```

    ## Fix safety
    The fix removes the reported copy together with the smaller of the two line-break runs around
    it, so paragraphs stay apart as they were. It is safe when the two copies are identical up to
    spacing and follow each other; it is unsafe otherwise (a differing copy or a distant one may
    be a deliberate repetition, such as a refrain or a recap).
    """

    code = "CL305"
    name = "duplicate-paragraph"
    category = "structure"
    fix_applicability = "sometimes"

    def check(self, doc):
        code = code_lines(doc)  # code repeats lines by nature
        content = [ln for ln in doc.prose_lines() if not ln.is_blank and ln.index not in code]
        keys = [normalise(ln.content) for ln in content]
        repeated: set[int] = set()
        yield from self._pinned_copies(doc, content, keys, repeated)
        yield from self._pull_quotes(doc, content, repeated)
        seen_paragraphs: dict[str, list] = {}  # normalised paragraph -> its latest copy
        verse = [p for p in doc.paragraphs if stanza(p)]
        stanzas = {normalise(" ".join(ln.content for ln in p)) for p in verse}
        verse_lines = {ln.index for p in verse for ln in p}
        for para in doc.paragraphs:
            if len(para) < 2 or any(ln.index in code for ln in para):
                continue
            key = normalise(" ".join(ln.content for ln in para))
            earlier = seen_paragraphs.get(key)
            seen_paragraphs[key] = para
            if key in stanzas and len(stanzas) > 1 and earlier is not None:
                # A stanza sung again: its lines repeat with it. (A stanza met once keeps its own
                # checks: "v4.12 — Title⏎v4.12 — Title⏎March 11" is a heading printed twice.)
                repeated.update(ln.index for ln in earlier + para)
                if earlier is not None and not _only_blank_between(doc, earlier[-1], para[0]):
                    continue  # a refrain
            if earlier is not None and meaningful(" ".join(ln.content for ln in para)):
                repeated.update(ln.index for ln in earlier + para)
                yield self._finding(doc, earlier, para)
        yield from self._reprinted_entries(doc, content, keys, repeated)
        yield from self._opening_printed_twice(doc, content, keys, repeated)
        seen_lines: dict[str, int] = {}  # normalised line -> position in ``content`` of its latest copy
        for pos, ln in enumerate(content):
            key = keys[pos]
            at = seen_lines.get(key)
            seen_lines[key] = pos
            if at is None or ln.index in repeated:
                continue
            earlier = content[at]
            if not meaningful(ln.content) and not _stutter(doc, earlier, ln):
                continue
            back = _shared_lead(keys, at, pos)
            if back and not repeated.intersection(x.index for x in content[at - back:pos + 1]) \
                    and not verse_lines.intersection(x.index for x in content[at - back:pos + 1]):
                # "14:33⏎Title⏎text" then the same three again: the run ends on the repeated text and
                # starts with short lines (a time, a title) that count only with it.
                repeated.update(x.index for x in content[at - back:pos + 1])
                yield self._finding(doc, content[at - back:at + 1], content[pos - back:pos + 1])
                continue
            block = pos - at
            if 1 < block <= MAX_BLOCK_LINES and keys[pos:pos + block] == keys[at:pos] \
                    and not repeated.intersection(x.index for x in content[at:pos + block]) \
                    and not verse_lines.intersection(x.index for x in content[at:pos + block]):
                # A run of lines printed twice in a row ("8 h 55 — Title" / its text, then both
                # again): one copy of the run goes, as for adjacent paragraphs.
                repeated.update(x.index for x in content[at:pos + block])
                yield self._finding(doc, content[at:pos], content[pos:pos + block])
                continue
            if not _only_blank_between(doc, earlier, ln) and (
                    verse_lines.intersection((earlier.index, ln.index)) or _same_paragraph(doc, earlier, ln)):
                continue  # a refrain line ("we were young, / on était jeunes, / we were young,")
            if not _only_blank_between(doc, earlier, ln) and _slogan(ln.content):
                continue  # "Un livre, ça se conseille." opening and closing a piece: a motto, said twice
            if ln.index == earlier.index + 1 and _quoted_block(doc, earlier):
                continue  # "…carried it on their own:" then a chorus line sung twice: a quotation
            if ln.index and _QUOTE_HEADER.fullmatch(doc.lines[ln.index - 1].content.strip()):
                continue  # "wrenandthistle wrote:" then the post it answers: a forum's quotation
            if _recipe_card_title(doc, ln):
                continue  # a recipe plugin's card repeats the post's title above its times and yield
            if _forum_signature(doc, ln):
                continue  # "Tony – OO gauge, …" under each of Tony's posts: a forum signature
            yield self._finding(doc, [earlier], [ln])

    def _pinned_copies(self, doc, content, keys, repeated):
        """A live blog's pinned post: its label, its time and its text at the top, the same text
        again in its place further down ("Pinned" / "14:05" / "Team news: …"). The pinned copy goes
        with its label; the entry stays where it was posted."""
        for k, ln in enumerate(content):
            if not _PINNED.fullmatch(ln.content.strip()):
                continue
            timed = k + 1 < len(content) and bool(_TIME_LINE.fullmatch(content[k + 1].content.strip()))
            first = k + 1 + timed  # the entry's text, under its time
            if (first >= len(content) or not meaningful(content[first].content)
                    or keys[first] not in keys[first + 1:]):
                continue
            copy = content[k:first + 1]
            if any(b.index != a.index + 1 for a, b in zip(copy, copy[1:])):
                continue  # the label, the time and the text make one block
            later = content[keys.index(keys[first], first + 1)]
            repeated.add(later.index)
            yield self._remove(doc, copy, repeated, f"a pinned copy of the entry on line {later.index + 1}",
                               "Remove the pinned copy")

    def _pull_quotes(self, doc, content, repeated):
        """A pull quote: a quoted sentence alone in its paragraph, printed again word for word inside a
        paragraph of the article (where the speaker is named). The lone copy goes."""
        for k, ln in enumerate(content):
            m = _PULL_QUOTE.fullmatch(ln.content.strip())
            words = len(_WORD.findall(m.group(1))) if m else 0
            if (not m or words < PULL_QUOTE_WORDS or not _alone(doc, ln)
                    or not _SENTENCE_END.search(m.group(1)) and words < PULL_QUOTE_WORDS_UNSTOPPED):
                continue  # a quoted subheading has no full stop: « On ne joue pas avec les mêmes armes »
            inner = m.group(1)
            # Printed again word for word, stop included ("…our road," below a title "…our road." is a
            # heading that quotes the article, not a pull quote).
            home = next((o for o in content if o is not ln and len(o.content) > len(ln.content)
                         and inner in o.content), None)
            if home is None:
                continue
            yield self._remove(doc, [ln], repeated,
                               f"a pull quote: this quotation is printed in full on line {home.index + 1}",
                               "Remove the pull quote")

    def _reprinted_entries(self, doc, content, keys, repeated):
        """A live entry printed again, cut short: its time or heading line, then the first sentences
        of the entry's text ("17:20" / "The first two counts have confirmed…", both seen above in full).
        ``keys``: the normalised text of each line of ``content``."""
        candidates = [k for k in range(1, len(content)) if content[k].index not in repeated
                      and _SENTENCE_END.search(content[k].content.strip())
                      and len(_WORD.findall(content[k].content)) >= REPRINT_WORDS]
        if not candidates:
            return
        after: dict[str, list[int]] = {}  # normalised heading line -> positions of the lines under it
        for k in range(1, len(content)):
            after.setdefault(keys[k - 1], []).append(k)
        for k in candidates:
            ln, head, key = content[k], content[k - 1], keys[k]
            if ln.index in repeated:
                continue  # the heading of an entry already reported
            for p in after.get(keys[k - 1], ()):
                if p < k and keys[p].startswith(key) and len(keys[p]) > len(key) \
                        and _only_blank_between(doc, head, ln):
                    yield self._remove(doc, [head, ln], repeated,
                                       f"this entry repeats the start of line {content[p].index + 1}",
                                       "Remove the cut-short copy")
                    break

    def _opening_printed_twice(self, doc, content, keys, repeated):
        """A paragraph printed once alone and again as the opening of the next one (a teaser, then
        the full text): "Priya says: “A brother…”" / "Priya says: “A brother…” Quist writes…"."""
        for k in range(len(content) - 1):
            ln, nxt = content[k], content[k + 1]
            if (ln.index in repeated or nxt.index in repeated or not keys[k]
                    or not keys[k + 1].startswith(keys[k]) or len(keys[k + 1]) <= len(keys[k])
                    or len(_WORD.findall(ln.content)) < REPRINT_WORDS
                    or not _SENTENCE_END.search(ln.content.strip()) or not _only_blank_between(doc, ln, nxt)
                    or nxt.index == ln.index + 1):
                continue
            yield self._remove(doc, [ln], repeated,
                               f"this paragraph is the opening of line {nxt.index + 1}, printed twice",
                               "Remove the shorter copy")

    def _remove(self, doc, copy, repeated: set[int], message: str, fix_message: str):
        """A finding that removes ``copy`` (lines) with the line breaks before it; its lines are
        marked as reported."""
        start, end = _span(doc, copy, "before")
        repeated.update(x.index for x in copy)
        return self.finding(start, end, message, Fix.unsafe(Edit.deletion(start, end), message=fix_message))

    def _finding(self, doc, earlier, later):
        adjacent = _only_blank_between(doc, earlier[-1], later[0])
        exact = _exact(earlier) == _exact(later)
        copy, side = _cut(doc, earlier, later, both_removable=adjacent and exact
                          and not (_heading(earlier) and not _heading(later)))
        kept = later if copy is earlier else earlier
        start, end = _span(doc, copy, side)
        what = "paragraph" if len(copy) > 1 else "line"
        message = f"this {what} is repeated on line {kept[0].index + 1}"
        if not exact:
            message += " (up to case or punctuation)"
        fix = (Fix.safe if adjacent and exact else Fix.unsafe)(
            Edit.deletion(start, end), message=f"Remove this copy; line {kept[0].index + 1} stays")
        if adjacent and exact and (_SENTENCE_END.search(later[-1].content) or _pair(doc, earlier, later)):
            # A paragraph of prose, or a headline, printed twice in a row: which copy goes changes
            # nothing, so the finding shows both. A headline printed three times keeps its first
            # copy out of the finding: the copies after it are the debris.
            start, end = min(start, earlier[0].start), max(end, later[-1].start + len(later[-1].text))
        return self.finding(start, end, message, fix)


REPRINT_WORDS = 8
PULL_QUOTE_WORDS = 8
# A subheading is short; a pull quote without its stop runs to a sentence's length.
PULL_QUOTE_WORDS_UNSTOPPED = 12
_PULL_QUOTE = regex.compile(r"[\"“«„‘'][ \u00a0\u202f]?(.+?)[ \u00a0\u202f]?[\"”»“’']")
_PINNED = regex.compile(
    r"(?i)(?:📌[ \t]*)?(?:pinned|pinned post|épinglé|post épinglé|message épinglé|en vedette)")
_TIME_LINE = regex.compile(r"(?:[01]?\d|2[0-3])[:h.][0-5]\d(?:[ \t]?[ap]\.?m\.?)?")
_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
STUTTER_CHARS, STUTTER_TOKENS = 12, 2


def _stutter(doc, earlier, later) -> bool:
    """A short heading printed twice in a row ("6. Patinoire éphémère" twice): the same text, blank
    lines between (a chorus repeats line after line), no sentence (a reply said twice stays)."""
    text = later.content.strip()
    return (later.index - earlier.index > 1 and _only_blank_between(doc, earlier, later)
            and _exact([earlier]) == _exact([later])
            and len(text) >= STUTTER_CHARS and len(_TOKEN.findall(text)) >= STUTTER_TOKENS
            and not _SENTENCE_END.search(text))


def _pair(doc, earlier, later) -> bool:
    """One line printed exactly twice in the whole text."""
    text = later[0].content.strip()
    return len(earlier) == len(later) == 1 and sum(ln.content.strip() == text for ln in doc.lines) == 2


def _exact(lines) -> str:
    return _SPACES.sub(" ", " ".join(ln.content for ln in lines)).strip()


def _heading(lines) -> bool:
    return lines[0].text.lstrip().startswith("#")


# Under twelve words any line with its stop; up to fifteen, one sentence ("ALERT: Snowfall warning for
# the GTA. Up to 35 cm expected." is a live page's alert box, printed twice).
SHORT_SLOGAN_WORDS, SLOGAN_WORDS = 12, 16
_INNER_STOP = regex.compile(r"[.!?…:]\s+\p{Lu}")


def _slogan(text: str) -> bool:
    """One short sentence with its full stop: repeated far apart, it is the writer's motto (a
    scraper's copies are headlines, without the stop, or whole paragraphs)."""
    text = text.strip()
    words = len(_WORD.findall(text))
    return bool(_SENTENCE_END.search(text)) and (
        words < SHORT_SLOGAN_WORDS or words < SLOGAN_WORDS and not _INNER_STOP.search(text))


def _quoted_block(doc, line) -> bool:
    """The block holding ``line`` follows a line that ends with a colon: quoted lines (a chorus, a
    slogan chanted twice), where a repeat is the text itself."""
    i = line.index
    while i > 0 and not doc.lines[i - 1].is_blank:
        i -= 1  # the first line of the block
        if doc.lines[i].text.rstrip().endswith(":"):
            return True  # "…depuis une semaine :⏎On a marché…⏎On a marché…": the colon opens the block
    while i > 0 and doc.lines[i - 1].is_blank:
        i -= 1
    return i > 0 and doc.lines[i - 1].text.rstrip().endswith(":")


_QUOTE_HEADER = regex.compile(
    r"(?i)(?:quote|citation)?[ \t]*:?[ \t]*[\w.@-]{2,40}[ \t]+(?:wrote|said|a écrit|écrit)[ \t]*:?"
    r"|quote:?|citation[ \t]*:")
_RECIPE_CARD = regex.compile(
    r"(?i)(?:prep(?:aration)?(?: time)?|cook(?:ing)? time|total time|servings?|serves|yield|makes|ingredients|"
    r"préparation|temps de préparation|cuisson|repos|portions?|pour \d+ (?:personnes|parts)|ingrédients)\b")


# A forum post's header: "by trackpin_tony » Sun Feb 11, 2024 10:37 am", "par Jojo » 12 mars 2024".
_POST_HEADER = regex.compile(r"(?i)(?:posted |post )?(?:by|par)[ \t]+\S{2,40}[ \t]*[»›|][ \t]*\S.*\d.*")


def _forum_signature(doc, ln) -> bool:
    """In a forum thread (two post headers or more), a short line without a full stop repeated is
    its author's signature, printed under each post by design."""
    text = ln.content.strip()
    return (len(text.split()) <= SIGNATURE_WORDS and not _SENTENCE_END.search(text)
            and sum(1 for x in doc.lines if _POST_HEADER.fullmatch(x.content.strip())) >= 2)


SIGNATURE_WORDS = 15


def _recipe_card_title(doc, ln) -> bool:
    """The line heads a recipe card: the next non-blank lines give its times or its yield."""
    after = [x for x in doc.lines[ln.index + 1:ln.index + 4] if not x.is_blank]
    return any(_RECIPE_CARD.match(x.content.strip()) for x in after[:2])


def _alone(doc, ln) -> bool:
    """The line is a paragraph of its own."""
    lines = doc.lines
    return ((ln.index == 0 or lines[ln.index - 1].is_blank)
            and (ln.index + 1 >= len(lines) or lines[ln.index + 1].is_blank))


def _same_paragraph(doc, a, b) -> bool:
    """No blank line between ``a`` and ``b``: "A / B / A" inside one block is a refrain, not a copy."""
    return not any(doc.lines[i].is_blank for i in range(a.index + 1, b.index))


def _shared_lead(keys: list[str], at: int, pos: int) -> int:
    """How many lines before the copies at ``at`` and ``pos`` repeat too, when the later run starts
    right after the earlier copy (a live entry printed twice in a row); 0 otherwise."""
    back = 0
    while back < MAX_BLOCK_LINES and at - back - 1 >= 0 and pos - back - 1 > at \
            and keys[at - back - 1] == keys[pos - back - 1]:
        back += 1
    return back if back and pos - back == at + 1 else 0


def _only_blank_between(doc, a, b) -> bool:
    return all(doc.lines[i].is_blank for i in range(a.index + 1, b.index))


_NONE = float("inf")  # no separator on that side (start or end of the text, or code)


def _bounds(doc, copy) -> tuple[int | None, int | None]:
    """End of the text line before the copy and start of the one after it (None at the edges)."""
    lines = doc.lines
    prev_end = next((lines[i].end for i in range(copy[0].index - 1, -1, -1) if not lines[i].is_blank), None)
    next_start = next((lines[i].start for i in range(copy[-1].index + 1, len(lines)) if not lines[i].is_blank), None)
    if prev_end is not None and doc.in_skipped(prev_end, prev_end + 1):
        prev_end = None  # never cut into a code block or front matter
    return prev_end, next_start


def _breaks(doc, copy) -> tuple[float, float]:
    prev_end, next_start = _bounds(doc, copy)
    before = _NONE if prev_end is None else doc.text.count("\n", prev_end, copy[0].start)
    after = _NONE if next_start is None else doc.text.count("\n", copy[-1].end, next_start)
    return before, after


def _cut(doc, earlier, later, both_removable: bool):
    """Which copy goes, and with the separator on which side.

    A copy goes with one of the line-break runs around it; the smallest run goes so that paragraphs
    stay apart as they were. On a tie the run between the copies goes, with the earlier copy when
    either may go (a diff of the page shows it so). "A\n\nA\n\nB" and "A\nA\n\nB" become "A\n\nB";
    "A\n\nA\nA\nB" becomes "A\n\nB".
    """
    e_before, between = _breaks(doc, earlier)
    l_between, l_after = _breaks(doc, later)
    if not _only_blank_between(doc, earlier[-1], later[0]):
        between = l_between  # far apart: the later copy's own runs
    options = [(between, 0, later, "before")]
    if both_removable:
        options += [(between, -1, earlier, "after"), (e_before, 1, earlier, "before")]
    options.append((l_after, 2, later, "after"))
    _, _, copy, side = min(options, key=lambda o: (o[0], o[1]))
    return copy, side


def _span(doc, copy, side) -> tuple[int, int]:
    prev_end, next_start = _bounds(doc, copy)
    if side == "before" and prev_end is not None:
        return prev_end, copy[-1].end
    if side == "after" and next_start is not None:
        return copy[0].start, next_start
    return copy[0].start, copy[-1].end_with_break  # alone between the edges of the text
