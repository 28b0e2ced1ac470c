import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import code_lines

# A hashtag needs a letter ("#1" is a ranking) and touches its '#' ("# Titre" is a Markdown heading).
# Pages print a tag's name whole, hyphen included ("#Granges-Paccot", "#Covid-19", an anchor "#art-220917").
_TAG = r"#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*"
# ... though among tags with letters a number is a tag too ("#dengue #974 #LaRéunion").
_ANY_TAG = rf"(?:{_TAG}|#\p{{N}}+)"
_WORD_TAG = regex.compile(_TAG)
_SEP = r"[ \t]*[,;·|•]?[ \t]*(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\uFE0F\u200D]+[ \t]*)?"
# Optionally after a short label such as "Tags :" or "Mots-clés:" (then at least two tags).
_HASHTAG_LINE = regex.compile(
    rf"(?P<label>\p{{L}}[\p{{L}}\- ]{{0,20}}?[ \t\u00a0]*:[ \t\u00a0]*)?(?P<tags>{_ANY_TAG}(?:{_SEP}{_ANY_TAG})*)[ \t]*[.…]?")


# A blogging platform's topic tags without '#': one a paragraph, one to three capitalised words each,
# right above the post's applause counter ("Volunteering⏎⏎Leadership⏎⏎Dogs⏎⏎1.4K").
_PLATFORM_TAG = regex.compile(r"\p{Lu}[\p{L}\p{M}&'’-]*(?:[ \u00a0][\p{L}\p{M}&'’-]+){0,2}")
_COUNTER = regex.compile(r"\d+(?:[.,]\d)?[kKmM]?")
_PLATFORM_TAGS = 4
_RULE = regex.compile(r"[-–—_*·•=~]{1,5}")  # a separator line between the tags and the counter


class HashtagLine(Rule):
    """A line made only of hashtags.

    ## What it does
    Finds lines whose only content is one or more hashtags (`#Eurovision #ESC2024 #TeamFrance`),
    optionally after a short label (`Tags : #abeilles #science`), and a blogging platform's topic
    tags without '#', one a paragraph, four or more, right above the post's applause counter
    (`Volunteering⏎⏎Leadership⏎⏎Dogs⏎⏎Lessons Learned⏎⏎1.4K`; unsafe).

    ## Why is this bad?
    Tag clouds and social-media hashtag footers are navigation, not prose: they repeat
    keywords, skew word statistics and end articles with a line no reader wrote. A sentence that
    mentions a hashtag, a `#1` ranking, `C#` and Markdown headings (`# Titre`, `## Pricing`) are
    left alone.

    ## Example
    Bad:
    ```
    L’équipe prévoit de reproduire l’expérience sur des bourdons.
    #biodiversité #abeilles #pesticides
    ```
    Good:
    ```
    L’équipe prévoit de reproduire l’expérience sur des bourdons.
    ```

    ## Fix safety
    Safe: the line holds no word outside hashtags (and an optional label), so removing it with
    its line break cannot change a sentence.
    """

    code = "CL302"
    name = "hashtag-line"
    category = "structure"
    fix_applicability = "safe"

    def check(self, doc):
        code = code_lines(doc)  # "#define", "#endif"
        for ln in doc.prose_lines():
            if ln.index in code:
                continue
            text = ln.content.strip()  # after Markdown list or quote markers
            if "#" not in text:
                continue
            m = _HASHTAG_LINE.fullmatch(text)
            if not m or m.group("label") and m.group("tags").count("#") < 2:
                continue
            words = len(_WORD_TAG.findall(m.group("tags")))
            if not words or words < m.group("tags").count("#") and words < 2:
                continue  # "#1", "#1 #2": rankings; "#ESC #2024" is too short to tell
            start, end = line_removal(ln, doc)
            yield self.finding(start, end, "line of hashtags",
                               Fix.safe(Edit.deletion(start, end), message="Remove the hashtag line"))
        yield from self._platform_tags(doc)

    def _platform_tags(self, doc):
        paras = doc.paragraphs
        run: list = []
        for k, para in enumerate(paras):
            if len(para) == 1 and _PLATFORM_TAG.fullmatch(para[0].content.strip()):
                run.append(para[0])
                continue
            nxt = None if len(run) < _PLATFORM_TAGS else next(
                (q for q in paras[k:] if not (len(q) == 1 and _RULE.fullmatch(q[0].content.strip()))), None)
            if nxt is not None and len(nxt) == 1 and _COUNTER.fullmatch(nxt[0].content.strip()):
                start, end = line_removal(run[0], doc)[0], line_removal(run[-1], doc)[1]
                yield self.finding(start, end, "a blogging platform's topic tags, above its applause counter",
                                   Fix.unsafe(Edit.deletion(start, end), message=f"Remove the {len(run)} tags"))
            run = []
