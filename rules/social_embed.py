import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import code_lines

# Dates as embed widgets print them, in any language: "20 novembre 2023", "11. Mai 2024",
# "11 de mayo de 2024", "May 11, 2024", "2024-05-11", "11/05/2024".
_DATE = (r"(?:\d{1,2}(?:er|st|nd|rd|th)?\.?[ \t\u00a0]+(?:de[ \t]+)?\p{L}{3,12}\.?,?[ \t\u00a0]+(?:de[ \t]+)?\d{4}"
         r"|\p{L}{3,12}\.?[ \t\u00a0]+\d{1,2}(?:st|nd|rd|th)?,?[ \t\u00a0]+\d{4}"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
         # Bluesky and Threads add the time: "May 2, 2024 at 4:05 PM", "2 mai 2024 à 16:05"
         r"(?:[ \t\u00a0]+(?:at|à|um|a las|alle)[ \t\u00a0]+\d{1,2}[:h.]\d{2}(?:[ \t\u00a0]*[AaPp]\.?[Mm]\.?)?)?")
_HANDLE = r"\([ \t]*@[ \t]*[\w.-]{1,50}[ \t]*\)"  # Bluesky handles are domains: "@lhaddad-endo.bsky.social"
_DASH = r"[-–—―]"
_NAME = r"[^\n()@!?;:«»\"“”]{1,60}?"
_QUOTE_MARKERS = r"[ \t>•]*"

# "— Novaphone (@novaphone_fr) 10 septembre 2024" alone on its line (the tweet widget footer).
_ATTRIBUTION_LINE = regex.compile(
    rf"{_QUOTE_MARKERS}(?:{_DASH}[ \t]*)?(?P<name>{_NAME})[ \t]*{_HANDLE}[ \t]*(?P<date>{_DATE})?[ \t.]*")
# "A post shared by Ana Ruiz (@ana)", optionally followed by "on May 3, 2024 at 10:02am PDT".
_SHARED_BY = regex.compile(
    r"(?i)\b(?:shared by|partagée? par|compartid[ao] (?:por|de)|condivis[oa] da|geteilt von"
    r"|partilhad[ao] por|compartilhad[ao] por|gedeeld door)\b")
_SHARED_LINE = regex.compile(rf"{_QUOTE_MARKERS}(?P<name>{_NAME})[ \t]*{_HANDLE}(?P<tail>[^\n()@]{{0,60}})")
# Inside a line: the attribution follows the tweet text after a dash; the date is required there.
_INLINE_ATTRIBUTION = regex.compile(
    rf"(?:[–—―]|(?<=[\s.…!?\"»”])-)[ \t]*\p{{Lu}}[^\n()@!?;:«»\"“”]{{0,50}}?[ \t]*{_HANDLE}[ \t]*{_DATE}")
# "View this post on Instagram", "Regarder la bande-annonce sur YouTube", "Auf YouTube ansehen",
# "Voir sur Strava" (an activity card).
_PLATFORM = r"(?:Instagram|YouTube|Twitter|X|TikTok|Facebook|Vimeo|Dailymotion|Threads|Bluesky|Twitch|Strava|Komoot|Spotify|SoundCloud|Flickr|Mastodon|LinkedIn)"
# A Facebook post's footer: "Publiée par Bureau syndical NordCâble sur Lundi 3 mars 2025".
_POST_FOOTER = (rf"(?i:publiée?|posted|publicad[ao]|pubblicat[ao]|gepostet)[ \t]+(?i:par|by|por|da|von)[ \t]+"
                rf"[^\n]{{2,120}}?[ \t]+(?i:sur|on|en|el|il|am)[ \t]+(?:\p{{L}}+,?[ \t]+)?{_DATE}")
_CALL_TO_ACTION = regex.compile(
    rf"(?i:view|watch|see|voir|regarder|afficher|visionner|ver|mirar|guarda|visualizza|assista|veja|bekijk)"
    rf"\b[^.!?:\n]{{0,45}}?\b(?i:on|sur|en|su|auf|no|na|op)[ \t]+{_PLATFORM}"
    rf"|(?i:auf)[ \t]+{_PLATFORM}[ \t]+(?i:ansehen|anschauen)"
    # The placeholder a blocked embed leaves: "Loading Instagram content", "Chargement du contenu Instagram…".
    rf"|(?i:loading|chargement(?: du)?|cargando)[ \t]+(?:{_PLATFORM}(?:[ \t]+(?i:content|contenu|contenido|post|video|vidéo))?"
    rf"|(?i:content|contenu|contenido)[ \t]+{_PLATFORM})(?:[ \t]*(?:…|\.\.\.))?"
    # A player's label alone: "Regarder la vidéo", "Watch video".
    rf"|(?i:lecteur|audio player|video player|reproductor)(?:[ \t]+(?i:audio|vidéo|video|de audio|de vídeo))?"
    rf"|(?:[▶►][ \t]*)?(?i:regarder|voir|lire|lancer|watch|play|ver|guarda)(?:[ \t]+(?i:la|the|el|il))?[ \t]+(?i:vidéo|video|vídeo)"
    rf"(?:[ \t]*:[ \t]*[^\n]{{1,80}}?[ \t]*\(\d{{1,2}}:\d{{2}}(?::\d{{2}})?\))?"
    rf"|{_POST_FOOTER}"
    # A photo or track embed's fallback: "Perseid fireball over Sutton Bank by Keith Arnold, on Flickr".
    rf"|[^\n]{{3,80}}?[ \t]+(?i:by)[ \t]+\p{{Lu}}[^\n,]{{1,40}},[ \t]+(?i:on)[ \t]+(?:Flickr|Vimeo|SoundCloud|Bandcamp)")
_POST_FOOTER_LINE = regex.compile(_POST_FOOTER)
# A post card's reaction bar and the date line under the page's name ("19 mai 2024 · ", "3 h · 🌍").
_REACTION_BAR = regex.compile(
    r"(?i:j['’]aime|like|réagir)[ \t]*·[ \t]*(?i:commenter|comment)[ \t]*·[ \t]*(?i:partager|share)")
_CARD_DATE = regex.compile(rf"(?:{_DATE}|\d{{1,2}}[ \t]*(?:h|min|j|d|w|sem\.?))[ \t]*·(?:[ \t]*\S{{1,2}})?")
_POST_CARD_LINES = 8
_CTA_CHARS = 80  # a call to action is short; a post's footer holds a page's name, which may be long
# A post card's label above its link: "Post by @levainandco", "Publication de @club@piaille.fr".
_POST_BY = regex.compile(
    r"[ \t]*(?i:post|posted|publication|publiée?)[ \t]+(?i:by|par|de)[ \t]+@[\w.]{2,30}(?:@[\w.-]+)?[ \t]*")
# Lines a post widget prints under its label: the account alone, the caption with its sound (TikTok).
_LONE_HANDLE = regex.compile(r"[ \t]*@[\w.]{1,30}[ \t]*")
_SOUND = regex.compile(r"♬")
# A TikTok caption without its label: "@account caption #tags ♬ son original - Account".
# Hashtags before the note, or the platform's "original sound"; the account after the dash, no sentence.
_SOUND_CAPTION = regex.compile(
    r"[ \t]*@[\w.]{2,30}[ \t]+(?:[^\n♬]{0,250}#\w[^\n♬]{0,120}♬[ \t]*[^\n♬]{1,60}?"
    r"|[^\n♬]{3,250}♬[ \t]*(?i:original sound|son original|sonido original|suono originale|originalton|som original))"
    r"[ \t][-–][ \t]+[^\s.!?][^\n.!?]{0,40}")
_SOUND_LINE = 120
_HANDLE_CAPTION = regex.compile(r"[ \t]*@[\w.]{2,30}[ \t]+[^\n]{3,300}")
# What a video or audio player prints when it cannot play: "Votre navigateur ne prend pas en charge
# la lecture de vidéos.", "Your browser does not support the video tag."
_PLAYER_FALLBACK = regex.compile(
    r"[ \t]*(?i:votre navigateur ne (?:prend|supporte) pas(?: en charge)? (?:la lecture (?:de|des) (?:vidéos?|fichiers audio)"
    r"|les vidéos|la balise (?:vidéo|video|audio)|ce format|l[''’]audio)|your browser does not support (?:the )?(?:html5 )?"
    r"(?:video|audio)(?: tag| element| playback)?|to view this video,? please enable javascript"
    r"|utilisez les flèches haut/bas pour (?:augmenter ou diminuer|régler) le volume"
    r"|use (?:the )?up/down arrow keys to (?:increase or decrease|adjust) (?:the )?volume)[^\n]{0,80}")
# A player's clock alone on its line, under its label ("Lecteur audio⏎00:00⏎00:00").
_LONE_CLOCK = regex.compile(r"[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*")
# An embedded map's controls ("Keyboard shortcuts⏎Map data ©2025 Google⏎Terms⏎Report a map error").
_MAP_CHROME = regex.compile(
    r"(?i)keyboard shortcuts|map data ©[^\n]{0,40}|données cartographiques ©[^\n]{0,40}|terms(?: of use)?|report a map error"
    r"|raccourcis clavier|conditions d['’]utilisation|signaler une erreur (?:cartographique|de carte)|map|satellite|plan"
    r"|afficher un plan plus grand|view larger map|\+|−|-")
# A video player's chrome under the video's title: "Watch later⏎Share⏎Copy link⏎Info⏎Tap to unmute⏎If
# playback doesn't begin shortly, try restarting your device."
_PLAYER_CHROME = regex.compile(
    r"(?i)watch later|share|copy link|info|tap to unmute|watch on youtube|more videos|shopping|includes paid promotion"
    r"|if playback doesn['’]t begin shortly, try restarting your device\.?|you['’]re signed out|cancel|confirm"
    r"|regarder plus tard|partager|copier le lien|infos|appuyer pour réactiver le son|regarder sur youtube|autres vidéos"
    r"|si la lecture ne commence pas bientôt, essayez de redémarrer votre appareil\.?")
_PLAYER_CHROME_LINES, _VIDEO_TITLE_WORDS = 3, 15
_MAP_SIGN = regex.compile(r"(?i)map data ©|données cartographiques ©|report a map error|signaler une erreur cartographique")
# What an embed leaves where its picture or card was: "[image or embed]" (Bluesky).
_PLACEHOLDER = regex.compile(r"[ \t]*\[(?i:image or embed|embedded content|image ou contenu intégré|contenu intégré)\][ \t]*")
_PIC_LINK = regex.compile(r"(?:https?://)?pic\.(?:twitter|x)\.com/\w+|https?://t\.co/\w+")
# What marks the line above a footer as the tweet's own text; a status URL alone in prose is a citation.
_TWEET_LINK = regex.compile(rf"{_PIC_LINK.pattern}|(?:https?://)?(?:www\.)?(?:twitter|x)\.com/\w+/status/\d+")
_MAX_NAME_WORDS = 8
_POST_WORDS = 80  # a post longer than this is article text that quotes it
_POST_MIN_WORDS = 3  # a post says something: "3-1" above a footer is a score line
_POST_WORD = regex.compile(r"\p{L}{2,}")
# What a post carries and a sentence of the article seldom does: an emoji, a hashtag, a link, a "!".
_POST_MARK = regex.compile(r"\p{Extended_Pictographic}|#\p{L}|https?://|!")  # "#1" is a rank, no hashtag
_NUMBERED = regex.compile(r"[ \t]*(?:\d{1,2}[.)]|[#*•])[ \t]")  # "1. Tirer parti…": a heading or an item
_BYLINE = regex.compile(r"(?:By|Par|Von|Por|Di)\b")  # "By Jordan Park (@jpark) May 11, 2024" is a byline


def _words(text: str) -> int:
    return len(text.split())


class SocialEmbed(Rule):
    """Residue of an embedded tweet, Instagram post or video player.

    ## What it does
    Finds what social-media widgets leave in extracted text: the tweet footer (`— Novaphone
    (@novaphone_fr) 10 septembre 2024`) on its own line or glued inside a line, the tweet text
    line that carries its `pic.twitter.com` link just above such a footer, `pic.twitter.com/…`
    links, Instagram's `View this post on Instagram` and `A post shared by Ana Ruiz
    (@anaruiz_tennis)`, player buttons such as `Regarder la bande-annonce sur YouTube` or a bare
    `Regarder la vidéo`, an audio player's label with its clocks and volume hint (`Lecteur audio`,
    `00:00`, `Utilisez les flèches haut/bas…`), cards such as `Voir sur Strava`, a Facebook post's
    footer (`Publiée par … sur Lundi 3 mars 2025`), and the account and caption lines
    (`@account`, `caption ♬ sound`) printed right under a post label or alone (`@techmag.fr …
    #test ♬ son original - TechMag`), or split over two lines
    (`@account caption #tags` then `♬ original sound - Account`; a `♬` sound line alone goes
    too), a post printed a field a line (name, `@handle`, text, `10:42 AM · 17 oct. 2024`), and
    an account alone above its caption (`@northfieldsu` then `the queue at 8am 😭 … link in bio`),
    an embedded map's controls (`Keyboard shortcuts`, `Map data ©2025 Google`, `Terms`, `Report a
    map error`: a paragraph of nothing else, with the map's data credit or error link), and an
    embedded video player's controls (`Watch later`, `Share`, `Copy link`, `Tap to unmute`…,
    three or more) with the video's title above them (unsafe: the title is a guess).
    Also: Bluesky's `[image or embed]` placeholder with the footer and post above it, a post's
    text when it and its footer make a paragraph of their own and the text reads like a post (an
    emoji, a hashtag, a link, an exclamation), a player's fallback text (`Votre navigateur
    ne prend pas en charge la lecture de vidéos.`), a photo embed's fallback (`Perseid fireball
    over Sutton Bank by Keith Arnold, on Flickr`), and a page's post printed whole: its name, its
    date and `·`, its text and the reaction bar (`J'aime · Commenter · Partager`; unsafe).

    ## Why is this bad?
    The widget repeats a quote the article already gives (or a post the reader never sees) and
    glues a handle and a date into the prose. A sentence that mentions a handle
    (`a écrit @ilyasut sur X`), an e-mail address or a headline about YouTube is left alone:
    a footer needs the `(@handle)` form followed by a date (a list of accounts to follow and a
    byline with a handle stay), a button its verb and its platform on a short line of its own.

    ## Example
    Bad:
    ```
    Le N3 est là. Réparable, durable. pic.twitter.com/Qx7LmZr2Kp
    — Novaphone (@novaphone_fr) 10 septembre 2024
    ```
    Good: both lines removed.

    ## Fix safety
    Removing a footer line, a post or player label line (with the account under it), or a
    `pic.twitter.com` link is safe: they carry no prose. Removing the tweet text line, a post
    caption, or a footer glued inside a line is unsafe: the post may be the only place a quote
    appears, and the cut inside a line is a guess.
    """

    code = "CL304"
    name = "social-embed"
    category = "structure"
    fix_applicability = "sometimes"

    def check(self, doc):
        yield from self._player_widgets(doc)
        yield from self._page_post_cards(doc)
        code = code_lines(doc)
        lines = [ln for ln in doc.prose_lines() if ln.index not in code]
        claimed: set[int] = set()
        for i, ln in enumerate(lines):
            if ln.index in claimed:
                continue
            if "@" in ln.text and self._attribution_line(ln.text.strip()):
                prev = lines[i - 1] if i > 0 else None
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if nxt is not None and nxt.index == ln.index + 1 and _PLACEHOLDER.fullmatch(nxt.text):
                    # Bluesky's widget: the post, its footer, then "[image or embed]".
                    start, end = _block_removal(ln, nxt, doc)
                    yield self.finding(start, end, "embedded post attribution and placeholder",
                                       Fix.safe(Edit.deletion(start, end), message="Remove the embed residue"))
                    claimed.update({ln.index, nxt.index})
                    if prev is not None and prev.index == ln.index - 1 and not prev.is_blank \
                            and prev.index not in claimed and start >= ln.start:
                        yield self._post_text(prev, ln, doc)
                        claimed.add(prev.index)
                    continue
                yield self._remove(ln, doc, "tweet or post attribution line", safe=True)
                claimed.add(ln.index)
                if _post_text_above(doc, prev, ln) and prev.index not in claimed and not _TWEET_LINK.search(prev.text):
                    # A paragraph of two lines, the post and its footer: the embed whole.
                    yield self._post_text(prev, ln, doc)
                    claimed.add(prev.index)
                    continue
                if prev is not None and prev.index == ln.index - 1 and prev.index not in claimed \
                        and _TWEET_LINK.search(prev.text):
                    # The whole widget, text and footer: one removal keeps the paragraph spacing.
                    start, end = _block_removal(prev, ln, doc)
                    fix = Fix.unsafe(Edit.deletion(start, end), message="Remove the embedded tweet")
                    yield self.finding(start, end, "embedded tweet (text with its picture link, then attribution)",
                                       fix)
                    claimed.add(prev.index)
            elif len(ln.text) <= 200 and _PLAYER_FALLBACK.fullmatch(ln.text):
                yield self._remove(ln, doc, "video player fallback text", safe=True)
                claimed.add(ln.index)
            elif _PLACEHOLDER.fullmatch(ln.text):
                yield self._remove(ln, doc, "embedded post placeholder", safe=True)
                claimed.add(ln.index)
            elif "♬" in ln.text and _SOUND_CAPTION.fullmatch(ln.text.rstrip()):
                yield self._remove(ln, doc, "embedded post caption (account, text and sound)", safe=False)
                claimed.add(ln.index)
            elif "@" in ln.text and _LONE_HANDLE.fullmatch(ln.text) and _flattened_post(lines, i, claimed):
                # A post printed a field a line: name, @handle, text, "10:42 AM · 17 oct. 2024".
                start, end = _block_removal(lines[i - 1], lines[i + 2], doc)
                yield self.finding(start, end, "embedded post (name, account, text and time)",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the embedded post"))
                claimed.update(lines[k].index for k in range(i - 1, i + 3))
            elif "@" in ln.text and _LONE_HANDLE.fullmatch(ln.text) and _caption_below(lines, i, claimed):
                # An Instagram or TikTok card: the account alone, then its caption ("… 😭 link in bio").
                start, end = _block_removal(ln, lines[i + 1], doc)
                yield self.finding(start, end, "embedded post (account and caption)",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the embedded post"))
                claimed.update({ln.index, lines[i + 1].index})
            elif ln.text.lstrip().startswith("♬") and len(ln.text) <= _SOUND_LINE:
                # TikTok's caption on one line, its sound on the next: "@account caption #tags" / "♬ …".
                prev = lines[i - 1] if i > 0 else None
                if (prev is not None and prev.index == ln.index - 1 and prev.index not in claimed
                        and _HANDLE_CAPTION.fullmatch(prev.text.rstrip())):
                    start, end = _block_removal(prev, ln, doc)
                    yield self.finding(start, end, "embedded post caption (account and text, then sound)",
                                       Fix.unsafe(Edit.deletion(start, end), message="Remove the embed"))
                    claimed.update({prev.index, ln.index})
                else:
                    yield self._remove(ln, doc, "embedded post sound line", safe=True)
                    claimed.add(ln.index)
            elif ((len(ln.text) <= _CTA_CHARS or _POST_FOOTER_LINE.match(ln.text))
                  and _CALL_TO_ACTION.fullmatch(ln.content.strip())):
                tail = _widget_tail(lines, i)
                claimed.update(t.index for t in [ln, *tail])
                prev = lines[i - 1] if i > 0 else None
                if (prev is not None and prev.index == ln.index - 1 and prev.index not in claimed
                        and "@" in prev.text and _POST_BY.fullmatch(prev.text)):
                    # "Post by @levainandco" / "View on Threads": the card's label and its link.
                    start, end = _block_removal(prev, tail[-1] if tail else ln, doc)
                    yield self.finding(start, end, "embedded post (label and link)",
                                       Fix.safe(Edit.deletion(start, end), message="Remove the embed"))
                    claimed.add(prev.index)
                    continue
                if not tail:
                    yield self._remove(ln, doc, "embed player or post label", safe=True)
                    prev = lines[i - 1] if i > 0 else None
                    if (_post_text_above(doc, prev, ln) and prev.index not in claimed
                            and _POST_FOOTER_LINE.match(ln.content.strip())):
                        yield self._post_text(prev, ln, doc)  # "C'est officiel… ⚡" / "Publiée par … sur …"
                        claimed.add(prev.index)
                    continue
                # "View this post on TikTok" / "@account" / "caption ♬ sound": one widget, one removal.
                start, end = _block_removal(ln, tail[-1], doc)
                safe = not any(_SOUND.search(t.text) for t in tail)
                fix = (Fix.safe if safe else Fix.unsafe)(Edit.deletion(start, end), message="Remove the embed")
                yield self.finding(start, end, "embedded post (label, account and caption)", fix)
        for ln in lines:
            if ln.index in claimed:
                continue
            yield from self._inline(ln, doc)

    @staticmethod
    def _attribution_line(text: str) -> bool:
        m = _ATTRIBUTION_LINE.fullmatch(text)
        if m and m.group("date") and _words(m.group("name")) <= _MAX_NAME_WORDS \
                and not _BYLINE.match(m.group("name")):
            return True  # without its date, "— Name (@handle)" may be a list of accounts to follow
        m = _SHARED_LINE.fullmatch(text)
        return bool(m and _SHARED_BY.search(m.group("name")) and _words(m.group("name")) <= _MAX_NAME_WORDS + 4
                    and _words(m.group("tail")) <= 10)

    def _page_post_cards(self, doc):
        """A page's post printed whole: its name, its date and "·", its text, then the reaction bar
        ("Comité de Jumelage…⏎19 mai 2024 · ⏎Quelle soirée !…⏎J'aime · Commenter · Partager")."""
        if "·" not in doc.text:
            return
        lines = doc.lines
        for bar in lines:
            if not _REACTION_BAR.fullmatch(bar.text.strip()):
                continue
            top = bar.index
            while top > 0 and not lines[top - 1].is_blank and bar.index - top < _POST_CARD_LINES:
                top -= 1
            if top + 2 >= bar.index or not _CARD_DATE.fullmatch(lines[top + 1].text.strip()):
                continue  # the name, then the date, then at least one line of text
            start, end = _block_removal(lines[top], bar, doc)
            yield self.finding(start, end, "embedded post (page name, date, text and reactions)",
                               Fix.unsafe(Edit.deletion(start, end), message="Remove the embedded post"))

    def _player_widgets(self, doc):
        """A video player's title and controls, or a map's controls: a paragraph of nothing else."""
        for para in doc.paragraphs:
            texts = [ln.content.strip() for ln in para]
            chrome = [t for t in texts if _PLAYER_CHROME.fullmatch(t)]
            rest = [t for t in texts if not _PLAYER_CHROME.fullmatch(t)]
            titled = len(rest) == 1 and texts[0] == rest[0] and len(rest[0].split()) <= _VIDEO_TITLE_WORDS
            if len(chrome) >= _PLAYER_CHROME_LINES and (not rest or titled):
                start, end = _block_removal(para[0], para[-1], doc)
                yield self.finding(start, end, "an embedded video player: its title and controls",
                                   Fix.unsafe(Edit.deletion(start, end), message=f"Remove the {len(para)} lines"))
                continue
            if any(_MAP_SIGN.match(t) for t in texts) and all(_MAP_CHROME.fullmatch(t) for t in texts):
                start, end = _block_removal(para[0], para[-1], doc)
                yield self.finding(start, end, "an embedded map's controls",
                                   Fix.safe(Edit.deletion(start, end), message=f"Remove the {len(para)} lines"))

    def _post_text(self, prev, footer, doc):
        """The post's text above its footer: unsafe (it may be the only place a quote is). It takes
        the blank line before it, which the footer's removal leaves in place."""
        cut = prev.start - 1 if prev.index and doc.lines[prev.index - 1].is_blank else prev.start
        return self.finding(cut, footer.start, "embedded post text",
                            Fix.unsafe(Edit.deletion(cut, footer.start), message="Remove the embedded post's text"))

    def _remove(self, ln, doc, what, safe):
        start, end = line_removal(ln, doc)
        edit = Edit.deletion(start, end)
        fix = (Fix.safe if safe else Fix.unsafe)(edit, message="Remove the embed residue line")
        return self.finding(start, end, what, fix)

    def _inline(self, ln, doc):
        text = ln.text
        attribution = _INLINE_ATTRIBUTION.search(text) if "@" in text else None
        if attribution:
            before = text[:attribution.start()]
            if _PIC_LINK.search(before) and not text[attribution.end():].strip():
                # A whole one-line embed: tweet text, picture link and footer.
                yield self._remove(ln, doc, "embedded tweet (text, picture link and attribution)", safe=False)
                return
            a, b = _widen(text, attribution.start(), attribution.end())
            start, end = ln.start + a, ln.start + b
            yield self.finding(start, end, "tweet attribution inside a line",
                               Fix.unsafe(Edit.deletion(start, end), message="Remove the tweet attribution"))
        for m in _PIC_LINK.finditer(text):
            if attribution and attribution.start() <= m.start() < attribution.end():
                continue
            if not text[:m.start()].strip() and not text[m.end():].strip():
                yield self._remove(ln, doc, "picture link of an embedded tweet", safe=True)
                return
            a, b = _widen(text, m.start(), m.end())
            start, end = ln.start + a, ln.start + b
            yield self.finding(start, end, "picture link of an embedded tweet",
                               Fix.safe(Edit.deletion(start, end), message="Remove the pic.twitter.com link"))


_POST_STAMP = regex.compile(rf"[ \t]*\d{{1,2}}:\d{{2}}(?:[ \t]?(?i:AM|PM))?[ \t]*·[ \t]*{_DATE}[ \t]*")
_NAME_LINE = regex.compile(r"[ \t]*\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}[ \t]*")


def _flattened_post(lines, i, claimed) -> bool:
    """Lines i-1..i+2 are a post's name, @handle, text and time stamp, one after the other."""
    if i < 1 or i + 2 >= len(lines):
        return False
    block = lines[i - 1:i + 3]
    return (all(b.index == block[0].index + k for k, b in enumerate(block))
            and not claimed.intersection(b.index for b in block)
            and bool(_NAME_LINE.fullmatch(block[0].text)) and bool(_POST_STAMP.fullmatch(block[3].text)))


_LINK_IN_BIO = regex.compile(r"(?i)\blink in (?:bio|profile)\b|\blien (?:en|dans la) bio\b")


def _caption_below(lines, i, claimed) -> bool:
    """The line under a lone @handle reads like a post's caption (an emoji, a hashtag, a link,
    "link in bio"), and a blank line or the document's start is above the handle."""
    if i + 1 >= len(lines) or lines[i + 1].index != lines[i].index + 1 or lines[i + 1].index in claimed:
        return False
    if i > 0 and lines[i - 1].index == lines[i].index - 1 and not lines[i - 1].is_blank:
        return False  # inside a block: a list of accounts, a byline
    text = lines[i + 1].text
    return _words(text) <= _POST_WORDS and bool(_POST_MARK.search(text) or _LINK_IN_BIO.search(text))


def _widget_tail(lines, i):
    """The lines right under a post label that belong to the widget."""
    tail = []
    for nxt in lines[i + 1:]:
        if nxt.index != (tail[-1].index if tail else lines[i].index) + 1:
            break
        if not (_LONE_HANDLE.fullmatch(nxt.text) or _SOUND.search(nxt.text) and len(nxt.text) <= 200
                or _LONE_CLOCK.fullmatch(nxt.text) or _PLAYER_FALLBACK.fullmatch(nxt.text)
                or nxt.text.strip() == "/" and tail and _LONE_CLOCK.fullmatch(tail[-1].text)):
            break  # ("0:00⏎/⏎1:48": a player's clock and length, the slash on its own line)
        tail.append(nxt)
    return tail


def _post_text_above(doc, prev, ln) -> bool:
    """``prev`` and ``ln`` (the footer) make a paragraph of their own, and ``prev`` reads like a post
    (an emoji, a hashtag, a link or an exclamation): ``prev`` is the post's text."""
    lines = doc.lines
    return (prev is not None and prev.index == ln.index - 1 and not prev.is_blank
            and (prev.index == 0 or lines[prev.index - 1].is_blank)
            and (ln.index + 1 >= len(lines) or lines[ln.index + 1].is_blank)
            and len(prev.text.split()) <= _POST_WORDS and len(_POST_WORD.findall(prev.text)) >= _POST_MIN_WORDS
            and not _NUMBERED.match(prev.text) and _POST_MARK.search(prev.text) is not None)


def _block_removal(first, last, doc) -> tuple[int, int]:
    """Like ``line_removal``, for the run of lines ``first``..``last``."""
    lines, i, j = doc.lines, first.index, last.index
    prev_blank = i > 0 and lines[i - 1].is_blank
    next_blank = j + 1 < len(lines) and lines[j + 1].is_blank
    if last.has_break:
        if (prev_blank or i == 0) and next_blank:
            return first.start, lines[j + 1].end_with_break
        if prev_blank and j + 1 == len(lines):
            return lines[i - 1].start, last.end + 1
        return first.start, last.end + 1
    if first.start > 0:
        return (lines[i - 2].end if prev_blank and i >= 2 else first.start - 1), last.end
    return first.start, last.end


def _widen(text: str, a: int, b: int) -> tuple[int, int]:
    """Take one neighbouring space along so that the cut leaves single spacing."""
    if b < len(text) and text[b] in " \t" and (a == 0 or text[a - 1] in " \t"):
        return a, b + 1
    if b == len(text) and a > 0 and text[a - 1] in " \t":
        return a - 1, b
    return a, b
