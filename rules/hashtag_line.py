import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import code_lines

# A hashtag needs a letter ("#1" is a ranking) and touches its '#' ("# Titre" is a Markdown heading).
_TAG = r"#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*"
# ... though among tags with letters a number is a tag too ("#dengue #974 #LaRéunion").
_ANY_TAG = rf"(?:{_TAG}|#\p{{N}}+)"
_WORD_TAG = regex.compile(_TAG)
_SEP = r"[ \t]*[,;·|•]?[ \t]*(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\uFE0F\u200D]+[ \t]*)?"
# Optionally after a short label such as "Tags :" or "Mots-clés:" (then at least two tags).
_HASHTAG_LINE = regex.compile(
    rf"(?P<label>\p{{L}}[\p{{L}}\- ]{{0,20}}?[ \t\u00a0]*:[ \t\u00a0]*)?(?P<tags>{_ANY_TAG}(?:{_SEP}{_ANY_TAG})*)[ \t]*[.…]?")


class HashtagLine(Rule):
    """A line made only of hashtags.

    ## What it does
    Finds lines whose only content is one or more hashtags (`#Eurovision #ESC2024 #TeamFrance`),
    optionally after a short label (`Tags : #abeilles #science`).

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
