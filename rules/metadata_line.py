"""CL307: a line of publication metadata (dateline, update stamp, reading time, "3 hours ago").

A line is read as a sequence of items separated by `·`, `|`, `•`, dashes or commas; every item
must be recognised, and one of them must be a metadata marker:

- a publication or update phrase: a verb ("Publié", "Mis à jour", "Posted", "Updated",
  "Veröffentlicht", "Publicado", "Pubblicato"…) followed by a date, a time or a relative time;
- a reading time ("Temps de lecture : 5 min", "5 min read", "Lesezeit: 4 Min.");
- a relative time ("Il y a 3 heures", "2 hours ago", "vor 3 Stunden", "hace 2 horas").

Dates, times and counters ("12 comments") count only next to a marker, after a byline ("Par Jean
Dupont · Publié le 12 mars 2024"; a date after a byline, with its clock or a reading time, is the
article's own dateline and stays) or together ("March 3, 2024 · 12 comments"): a date in words alone
("Mardi 12 mars", "2015", "Le 14 mai 2024 à 07:32") may be a live-blog day separator, a section
heading or an event listing, and stays, as does a clock time alone after "Updated" (a live story's
own marker: "Updated 6.40pm" alone in its paragraph; but "Last updated 18:52 EAT", with "last",
seconds or a zone, is the page's stamp, and so is a clock inside a widget's block: "Line
status⏎Updated 09:41"), and a live widget's figure or label with its refresh clock goes ("Turnout
38.6% · updated 00:47:12", "Classement en direct · Mis à jour à 17:52"); a numeric date with a time
("12/03/2024 08:15") is a stamp, also when it is glued after a paragraph's last sentence ("…
tournée. 04/06/2024 - 11:02"), and so is a date with a clock to the second ("Aug 29, 2024 11:03:52
AM") or a date and its clock right under the headline ("14 octobre 2025 - 09:12"); listings' and Q&A
sites' stamps count as publication stamps ("Listed 3 days ago", "asked Nov 12, 2021 at 19:04").
Machine stamps ("Updated: 2024-03-05") belong to CL301.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from corpuslint.rule import Edit, Fix, Rule, line_removal
from corpuslint.document import code_lines
from corpuslint.rules.stray_id import classify as stray_id

_S = r"[ \t\u00a0\u202f]"  # a space, no-break spaces included

_MONTH = (
    r"janv(?:ier|\.)?|f[ée]vr(?:ier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[uû]t"
    r"|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?"
    r"|jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
    r"|sep(?:t|tember)?\.?|october|november|december"
    r"|januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|novembre|dicembre"
)
_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo"
    r"|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica)\.?,?"
)
_DAY = r"(?:1er|1st|2nd|3rd|[0-3]?\d(?:st|nd|rd|th|\.)?)"
_YEAR = r"(?:19|20)\d\d"
_DAY_WORDS = r"aujourd['’]hui|avant-hier|hier|today|yesterday|heute|gestern|hoy|ayer|oggi|ieri"
_DATE = (  # whole words only: the "hier" of "Berthier" is not yesterday
    rf"(?<!\w)(?:(?:(?&weekday)\.?,?{_S}+)?\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d\d)|\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}"
    rf"|(?:(?&weekday){_S}+)?(?:(?:le|the){_S}+)?{_DAY}{_S}*(?:de{_S}+)?(?&month)"
    rf"(?:,?{_S}+(?:de{_S}+|del{_S}+)?{_YEAR})?"
    rf"|(?:(?&weekday){_S}+)?(?&month){_S}+{_DAY}(?:,?{_S}+{_YEAR})?"
    rf"|(?&month){_S}+{_YEAR}"
    rf"|{_DAY_WORDS})(?!\w)"
)
_ZONE = r"(?:\(?(?-i:UTC|GMT|CET|CEST|BST|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|AKDT|HST|AT|AST|ADT|NT|NST|NDT|AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT|SAST|WAT|EAT|CAT|IST|WET|WEST|EET|EEST|HNEC|HAEC|HNE|HAE|MEZ|MESZ)(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)"
_TIME = (
    rf"(?:(?:[01]?\d|2[0-3]){_S}?(?:[:h.]{_S}?[0-5]\d(?::[0-5]\d)?|h)(?:{_S}?(?:am|pm|a\.m\.|p\.m\.))?"
    rf"|(?:1[0-2]|0?[1-9]){_S}?(?:am|pm|a\.m\.|p\.m\.))(?:{_S}?(?:uhr|hs?\b))?(?:{_S}?{_ZONE})?"
)
_AT = rf"(?:(?:à|a|at|um|a{_S}las|alle(?:{_S}ore)?|ore|-|–)?{_S}*)"
_DATETIME = (
    rf"(?:(?:le|on|the|am|el|il){_S}+)?(?:(?&day)(?:,?{_S}*{_AT}(?&clock))?"
    rf"|(?&clock)(?:,?{_S}*(?:(?:le|on|am|el|il){_S}+)?(?&day))?)"
)
# Relative times. Alone on a line, only units up to months: "Il y a 20 ans" opens retrospectives.
_UNIT_SHORT = (
    r"s|secs?|secondes?|seconds?|sekunden|segundos?|secondi|m|mn|mins?\.?|minutes?|minuten|minutos?|minuti"
    r"|h|hrs?\.?|heures?|hours?|std\.?|stunden?|horas?|ore|j|d|jours?|days?|tagen?|d[íi]as?|giorni|giorno"
    r"|w|wks?|semaines?|weeks?|wochen?|semanas?|settimane?|mois|months?|monaten?|mes(?:es)?|mesi|mese"
)
_UNIT_ANY = _UNIT_SHORT + r"|ans?|ann[ée]es?|years?|yrs?|jahren?|a[ñn]os?|anni|anno"
_COUNT = r"(?:\d{1,3}|une?|an?|one|einer?|einem|una?|quelques|a\s+few)"


def _relative(units: str) -> str:
    return (
        rf"(?:il{_S}+y{_S}+a{_S}+{_COUNT}{_S}*(?:{units})"
        rf"|(?:{_COUNT}{_S}*(?:{units}),?{_S}+)?{_COUNT}{_S}*(?:{units}){_S}+ago"
        rf"|vor{_S}+{_COUNT}{_S}*(?:{units})"
        rf"|hace{_S}+{_COUNT}{_S}*(?:{units})"
        rf"|{_COUNT}{_S}*(?:{units}){_S}+fa"
        r"|à l['’]instant|just now|gerade eben)"
    )


_RELATIVE = _relative(_UNIT_SHORT)
_RELATIVE_ANY = _relative(_UNIT_ANY)
_PUBLISH_VERB = (
    r"(?:publi[ée]e?|post[ée]e?|mise?\s+en\s+ligne|(?:derni[eè]re\s+)?mise?\s+[àa]\s+jour|m[àa]j|actualis[ée]e?"
    r"|modifi[ée]e?|[ée]dit[ée]e?|date\s+de\s+(?:publication|mise\s+[àa]\s+jour)|en\s+ligne\s+depuis"
    r"|(?:first\s+|originally\s+)?published|posted|(?:last\s+)?updated|last\s+(?:modified|update)(?:\s+on(?=\s*:))?"
    r"|modified"
    r"|listed|asked|answered|submitted|publication(?=\s*:)"
    r"|date\s+published|(?:zuletzt\s+)?(?:ver[öo]ffentlicht|aktualisiert|ge[äa]ndert)|erstellt|stand(?=\s*:)"
    r"|publicad[oa]|actualizad[oa]|[úu]ltima\s+actualizaci[óo]n|fecha\s+de\s+publicaci[óo]n"
    r"|pubblicat[oa]|aggiornat[oa]|ultimo\s+aggiornamento|data\s+di\s+pubblicazione)"
)
# A person's name: capitalised words with particles; case-sensitive inside the case-blind grammar.
_PARTICLE = r"(?:de|du|des|d'|d’|le|la|van|von|der|den|da|di|del|della|dos|bin|al|el)"
_NAME = rf"(?-i:\p{{Lu}}[\p{{L}}'’.\-]*(?:[ \t]+(?:{_PARTICLE}[ \t]+)?\p{{Lu}}[\p{{L}}'’.\-]*){{0,3}})"
_AUTHOR = rf"(?:{_NAME}|@?[\w.\-/]{{2,30}})"  # after "posted by": a name or a user name
_BY = rf"(?:par|by|von|por|da){_S}+"
_PUBLISHED = (
    rf"{_PUBLISH_VERB}(?:{_S}+{_BY}{_AUTHOR})?{_S}*[:/|·–]?{_S}*"  # "Updated / Thursday, 6 Nov 2025 14:32"
    rf"(?:(?:le|on|am|el|il|the|at|à|a|um|del|en|sur|alle|a{_S}las){_S}+)?(?:{_RELATIVE_ANY}|(?&datetime))"
    rf"(?:{_S}+{_BY}{_AUTHOR})?"
)
_N = r"(?:<\s*)?\d{1,3}(?:\s?[-–à]\s?\d{1,3})?"
_MIN = r"(?:min(?:utes?|uten|utos|uti|s|\.)?|mn)"
_READING = (
    rf"(?:(?:temps|dur[ée]e){_S}+de{_S}+)?lecture(?:{_S}+estim[ée]e?)?{_S}*:?{_S}*"
    rf"(?:env(?:iron|\.)?{_S}*)?{_N}{_S}*{_MIN}"
    rf"|{_N}{_S}*{_MIN}{_S}+(?:de{_S}+)?lecture"
    rf"|(?:(?:estimated|est\.){_S}+)?read(?:ing)?{_S}+time{_S}*:?{_S}*(?:about|approx\.?|~)?{_S}*{_N}{_S}*{_MIN}"
    rf"|{_N}[-{_S}]*{_MIN}{_S}+read"
    rf"|lesezeit{_S}*:?{_S}*(?:ca\.{_S}*)?{_N}{_S}*{_MIN}|{_N}{_S}*{_MIN}{_S}+lesezeit"
    rf"|(?:tiempo{_S}+de{_S}+)?lectura{_S}*:?{_S}*{_N}{_S}*{_MIN}|{_N}{_S}*{_MIN}{_S}+de{_S}+lectura"
    rf"|(?:tempo{_S}+di{_S}+)?lettura{_S}*:?{_S}*{_N}{_S}*{_MIN}|{_N}{_S}*{_MIN}{_S}+di{_S}+lettura"
)
# Counters shown in the same strip: "12 comments", "3 réactions", "1,2k vues".
# A record number in the same strip: "Updated 07:15 GMT, 4 February 2025 | ID 88213407", "| Article n°1187".
_IDENT = (r"(?:(?:Article|Post|Story|Message|Ticket)\s+ID|ID|Id|Réf\.?|Ref\.?|No\.?|N°|Art\.|Article|Post|Message|Msg\.?)(?:\s*(?:n°|no\.?|nr\.?))?"
          r"\s*:?\s*#?\d{4,}")
_COUNTER = (
    r"\d[\d\u00a0\u202f .,]*k?" + _S + r"*(?:commentaires?|comments?|r[ée]actions?|r[ée]ponses?|replies|partages"
    r"|shares|vues|views|likes|kommentare?|comentarios?|commenti)"
    r"|viewed" + _S + r"+\d[\d.,]*k?" + _S + r"+times"
)
_DESK = r"(?:la\s+r[ée]daction|the\s+editors|(?:the\s+)?staff|die\s+redaktion|la\s+redacci[óo]n|la\s+redazione)"
_BYLINE = rf"{_BY}(?:{_DESK}|{_NAME}(?:(?:,{_S}*|{_S}+(?:et|and|und|y|e|&){_S}+){_NAME}){{0,2}})"
# A name without "Par"/"By" ("Jean Dupont · Il y a 3 heures"): two words at least, and a marker after.
_AUTHOR_ONLY = r"(?-i:\p{Lu}[\p{L}'’.\-]*(?:[ \t]+\p{Lu}[\p{L}'’.\-]*){1,3})"
_ROLE = (
    r"(?:(?:staff|senior|chief|special|foreign|political|business|tech(?:nology)?|sports?)\s+)?"
    r"(?:writer|reporter|correspondent|editor|journalist)"
    r"|journaliste|r[ée]dact(?:eur|rice)(?:\s+en\s+chef)?|correspondante?|envoy[ée]e?\s+sp[ée]ciale?"
)

_ITEM = (r"(?:(?P<published>(?&pub))|(?P<reading>(?&read))|(?P<relative>(?&rel))"
         r"|(?P<counter>(?&count))|(?P<ident>(?&idn))|(?P<date>(?&datetime)))")
_SEPARATOR = rf"\)?{_S}*(?:[·•|,;/(]|{_S}[-–—]{_S}|[–—]|\.(?={_S}+(?-i:\p{{Lu}})))?{_S}*"
# Sub-patterns written once and called by name, (?&month): inlined, the month list would be
# repeated two dozen times and the compiled regex would cost a quarter of a second to build.
_DEFINE = (rf"(?(DEFINE)(?P<month>{_MONTH})(?P<weekday>{_WEEKDAY})(?P<day>{_DATE})(?P<clock>{_TIME})"
           rf"(?P<datetime>{_DATETIME})(?P<pub>{_PUBLISHED})(?P<read>{_READING})(?P<rel>{_RELATIVE})"
           rf"(?P<count>{_COUNTER})(?P<idn>{_IDENT}))")


# The whole line: an optional byline (with a role), then items and separators only.
# Compiled on first use: most runs (a cached re-run, `corpuslint rule`) never need it.
@lru_cache(maxsize=None)
def _grammar():
    return regex.compile(
        rf"{_DEFINE}(?P<byline>(?:{_BYLINE}|(?P<author>{_AUTHOR_ONLY}))(?:{_SEPARATOR}(?:{_ROLE}))?{_S}*[,|·•–—-]?)?"
        rf"{_S}*{_ITEM}(?:{_SEPARATOR}{_ITEM})*\)?",
        regex.I)


# "12/03/2024 08:15", "12.03.2024 - 08h15", "19.10.2024 | 22:51": a numeric date with its time is a
# stamp, not a heading.
@lru_cache(maxsize=None)
def _numeric_stamp():
    return regex.compile(
        rf"(?:(?:le|on){_S}+)?\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d\d),?{_S}*(?:[|·•]{_S}*)?{_AT}{_TIME}", regex.I)


# A forum's post furniture: the author's rank, join date and post count ("Newbie · Joined Sep 2024 ·
# 3 posts"), or an edit stamp ("Last edited by X on Sat 13 Jul 2024 21:04, edited 1 time in total.").
# A live widget's figure and its refresh clock: "LIVE Turnout 38.6% · updated 00:47:12", "Participation :
# 45,2 % · mis à jour à 17h00".
_REFRESH = r"(?:last[ \t]+)?(?:updated|mis[ \t]+à[ \t]+jour|màj|actualisé)[ \t]*(?:at|à)?[ \t]*" + _TIME
_LIVE_COUNTER = regex.compile(
    r"(?i)(?:live|en direct|direct)?[ \t]*[\p{L}][\p{L} '’-]{1,30}[ \t]*:?[ \t]*\d[\d.,\u00a0 ]*[ \t]*%?[ \t]*[·•|–-][ \t]*"
    + _REFRESH)
# A clock time after "Last updated", or with its seconds or its zone, is the page's stamp ("Last updated 18:52
# EAT"), not a live story's own marker ("Updated 6.40pm").
_SECONDS_CLOCK = r"\d:\d\d:\d\d"
_STAMP_CLOCK = regex.compile(r"(?i)\blast[ \t]+updated\b|" + _SECONDS_CLOCK + r"|\d[ \t]*" + _ZONE + r"\s*$")
# A live widget's label and its refresh clock, without a figure: "Classement en direct · Mis à jour à
# 17:52", "Live standings · Updated 17:52".
_LIVE_LABEL = regex.compile(
    r"(?i)[\p{L}][\p{L} '’-]{0,30}?\b(?:en direct|live)\b[\p{L} '’-]{0,20}[ \t]*[·•|–-][ \t]*" + _REFRESH)
# Both need one of the refresh words: a cheap test first, on every line.
_REFRESH_HINT = regex.compile(r"(?i)updated|mis\s+à\s+jour|màj|actualisé")
# A date with a clock to the second is a machine's stamp, never a heading: "Aug 29, 2024 11:03:52 AM"
# (a clock alone, "[00:00:12]", is a transcript's).
_SECONDS = regex.compile(_SECONDS_CLOCK)
# A review site's badge: "Note moyenne 4,9/5 sur Google · 187 avis", "Rated 4.8 out of 5 on Trustpilot
# (1,203 reviews)": a score out of 5 on a named platform, with its count or alone.
_RATING_BADGE = regex.compile(
    r"(?i)(?:(?:note moyenne|note|moyenne|average rating|rating|rated|excellent|très bien|great)\s*:?\s*)?"
    r"[0-5](?:[.,]\d)?\s*(?:/\s*5|out of 5|sur 5)?\s*[★⭐]?\s*(?:sur|on|de|from)\s+"
    r"(?:Google(?: Reviews| Maps)?|Trustpilot|Tripadvisor|Facebook|Yelp|Avis Vérifiés|Doctolib|Booking(?:\.com)?"
    r"|Airbnb|Feefo|Checkatrade|Treatwell|Planity|PagesJaunes)"
    r"(?:\s*[·|•,–-]?\s*\(?\d[\d\s.,\u00a0\u202f]*\s*(?:avis|reviews?|notes?|évaluations?|ratings?)\)?)?")
_FORUM_LINE = regex.compile(
    r"(?i)(?:(?:[\p{L}\p{N} .'’-]{1,25}[ \t]*[·•|][ \t]*)?"
    r"(?:joined|member since|inscrit(?:e)?(?: le| en| depuis)?|membre depuis)[ \t]*:?[ \t]+[\p{L}\p{N} .,/-]{3,25}"
    r"[ \t]*[·•|,][ \t]*\d[\d,.\u00a0 ]*[ \t]*(?:posts|messages|contributions|replies|réponses)"
    r"|(?:last edited|edited|dernière (?:édition|modification)|modifié) (?:by|par) [^\n]{1,40}?"
    r" (?:on|le) [^\n]{5,60})")


# A CMS or wire stamp: an abbreviated month, the day, the year and the time, set apart by commas
# ("Apr 08, 2025, 08:00 ET", "Mar 12, 2025, 06:15 PM"); a live blog's day heading has no year and time.
_WIRE_STAMP = regex.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\.?,?[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\.?[ \t]+"
    r"\d{1,2},[ \t]+(?:19|20)\d\d,?[ \t]+(?:at[ \t]+)?\d{1,2}:\d{2}(?:[ \t]?[ap]\.?m\.?)?(?:[ \t]+(?-i:[A-Z]{2,4}))?",
    regex.I)


# What every accepted line holds (see parse): a marker word, a byline word or a numeric date. A cheap
# search that spares most short lines with a digit the full grammar.
@lru_cache(maxsize=None)
def _trigger():
    return regex.compile(
        rf"{_PUBLISH_VERB}|lecture|read|lesezeit|lectura|lettura|(?<!\w)(?:il{_S}+y{_S}+a|ago|vor|hace|fa|par|by|von"
        r"|por|da)(?!\w)|instant|just now|gerade eben|comment|r[ée]action|r[ée]ponse|repl|partage|share|vues|views"
        r"|likes|kommentar|comentario|\d{1,2}[/.-]\d{1,2}[/.-]\d\d|" + _SECONDS_CLOCK, regex.I)


_KINDS = ("published", "reading", "relative", "counter", "date")
_MARKERS = {"published", "reading", "relative"}
# Emphasis, brackets and a leading icon ("🕒 5 min read") wrap the metadata; a final period does
# not ("Il y a 3 heures." is a sentence).
# Dashes and quotes are not wrappers: "— Il y a 2 heures." is a line of dialogue.
_LEAD = regex.compile(r"[\s*_>(\[]*(?:[^\w\s(\[<«»\"“”'’‘\-–—]{1,2}\s*)?")
_TRAIL = regex.compile(r"[\s*_)\]]*$")
_EMPHASIS = regex.compile(r"\s*([*_]{1,3})\S.*\S\1\s*")
_HINT = regex.compile(r"\d|instant|just now|eben|hier|yesterday|today|aujourd|heute|gestern|hoy|ayer|oggi|ieri",
                      regex.I)


def parse(line: str) -> tuple[int, int, int | None, list[str]] | None:
    """(start, end, byline end or None, item kinds) when ``line`` is only publication metadata.

    Offsets are into ``line``: [start, end) is the metadata with its byline, without wrappers.
    """
    glued = _GLUED_MARKER.search(line)
    if glued:  # "12 Mar 2025Updated 16:05": two stamps whose separator the extractor dropped
        parsed = _parse(line[:glued.start()] + " " + line[glued.start():])
        if parsed is None:
            return None
        start, end, byline, kinds = parsed

        def back(i: int) -> int:  # an offset after the inserted space
            return i - (i > glued.start())
        return back(start), back(end), None if byline is None else back(byline), kinds
    return _parse(line)


# A year or a time glued to the next stamp's marker: "2025Updated", "14:02Mis à jour".
_GLUED_MARKER = regex.compile(
    r"(?<=\d)(?=(?:Updated|Published|Posted|Modified|Mis à jour|Publié|Modifié|Actualisé)\b)")


def _parse(line: str) -> tuple[int, int, int | None, list[str]] | None:
    start = _LEAD.match(line).end()
    end = max(start, _TRAIL.search(line, start).start())
    if _WIRE_STAMP.fullmatch(line, start, end):
        return start, end, None, ["date"]
    if end - start < 4 or not _HINT.search(line, start, end) or not _trigger().search(line, start, end):
        return None
    try:
        m = _grammar().fullmatch(line, start, end, timeout=0.05)
    except TimeoutError:  # a pathological line: not worth a finding
        return None
    if m is None:
        return None
    kinds = sorted({k for k in _KINDS if m.captures(k)}, key=_KINDS.index)
    byline = m.end("byline") if m.group("byline") else None
    if m.group("author") and not _MARKERS.intersection(kinds):
        return None  # "Marie Curie, 7 novembre 1867": a name and a date, not a byline
    if not (_MARKERS.intersection(kinds) or "date" in kinds and (byline is not None or "counter" in kinds)
            or kinds == ["date"] and (_numeric_stamp().fullmatch(line, start, end) or m.captures("idn")
                                      or _SECONDS.search(line, start, end) and _dated(line[start:end]))):
        return None  # a date or a counter alone: a heading, a day separator, an event listing
    return start, end, byline, kinds


class MetadataLine(Rule):
    """A line holding only publication metadata: dateline, update stamp, reading time, relative time.

    ## What it does
    Finds lines that hold nothing but the metadata strip of an article page: publication and
    update stamps (`Publié le 12/03/2024 à 08h15 · Mis à jour le 13/03/2024 à 10h02`,
    `Posted on March 3, 2024 · 12 comments`, `Veröffentlicht am 12.03.2024`), reading times
    (`Temps de lecture : 5 min`, `5 min read`, `Lecture 4 min`) and relative times
    (`Il y a 3 heures`, `Il y a 2 jours · Lecture 4 min`, `Updated 5 min ago`, `2 hours ago`).
    A numeric date with its time (`12/03/2024 08:15`) alone is a stamp too, as is a wire's
    (`Apr 08, 2025, 08:00 ET`), and a forum's post furniture (`Newbie · Joined Sep 2024 · 3 posts`,
    `Last edited by X on Sat 13 Jul 2024 21:04, edited 1 time in total.`), and a review site's
    rating badge (`Note moyenne 4,9/5 sur Google · 187 avis`). A byline followed by
    such metadata (`Par Jean Dupont · Publié le 12 mars 2024 à 08h15`, `Jean Dupont · Il y a 3
    heures`) keeps its byline and loses the rest.

    ## Why is this bad?
    The strip is page furniture, not article text: it dates a page, not the prose, and it repeats
    on every article of a site, which skews deduplication and language statistics. Only lines
    made entirely of metadata are reported: a date inside a sentence (`Le rapport, publié le
    12 mars, …`), live-blog times (`17h05 : le président arrive`), a date in words alone, even
    with a time (`Mardi 12 mars`, `2015`, `Le 14 mai 2024 à 07:32`: a live-blog day separator, a
    heading or an event listing), a first-publication date in words alone (`Published: 12 September
    2024`, the article's own dateline), a byline alone or with a place (`Par Claire Vasseur`,
    `By Rachel Donovan in Washington`), a name with a date (`Marie Curie, 7 novembre 1867`), the
    author's strip as the site prints it under the title (`Inès Ben Saïd · 17 octobre 2025 · 9 min
    de lecture`, `Par Romain Keller – 14 juin 2024 à 12:05`: a byline with its date, clock or
    reading time),
    "Il y a 20 ans" (a retrospective's heading), recipe times (`Préparation : 30 min`) and
    scores stay quiet.
    In Markdown, an emphasised stamp (`*Published 12 November 2024*`) is the writer's and stays.
    Machine stamps (`Updated: 2024-03-05`, epochs, ISO date-times) are CL301's.

    ## Example
    Bad:
    ```
    Grève à la SNCF : le trafic perturbé jeudi
    Publié le 12/03/2024 à 08h15 · Mis à jour le 12/03/2024 à 10h02
    Les syndicats appellent à une journée de mobilisation.
    ```
    Good:
    ```
    Grève à la SNCF : le trafic perturbé jeudi
    Les syndicats appellent à une journée de mobilisation.
    ```

    ## Fix safety
    The fix removes the line with its line break, or the metadata after a byline. It is safe for
    reading times, relative times and counters, which mean nothing outside the page. It is unsafe
    when a date or a byline is involved: the line might be a dated entry the writer meant to keep.
    """

    code = "CL307"
    name = "metadata-line"
    category = "structure"
    fix_applicability = "sometimes"

    def check(self, doc):
        code = code_lines(doc)
        for ln in doc.prose_lines():
            if ln.index in code:
                continue
            text = ln.content
            glued = _GLUED_STAMP.search(text) if "/" in text or "." in text else None
            if glued:  # "… sa première tournée. 04/06/2024 - 11:02": the page's stamp glued to the text
                start, end = ln.content_start + glued.start(), ln.content_start + glued.end()
                yield self.finding(start, end, "publication stamp glued to the end of a paragraph",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the stamp"))
                continue
            if "5" in text and _RATING_BADGE.fullmatch(text.strip()):
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, "review site's rating badge",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the badge line"))
                continue
            if _FORUM_LINE.fullmatch(text.strip()):
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, "forum post metadata line",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the metadata line"))
                continue
            if _REFRESH_HINT.search(text) and (_LIVE_COUNTER.fullmatch(text.strip())
                                               or _LIVE_LABEL.fullmatch(text.strip())):
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, "live counter with its refresh time",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the counter line"))
                continue
            if not 4 <= len(text) <= 200 or doc.markdown and _EMPHASIS.fullmatch(text):
                continue  # "*Published 12 November 2024*": a Markdown writer set it on purpose
            parsed = parse(text)
            if parsed is None and _under_headline(doc, ln) and _date_clock().fullmatch(text.strip()):
                # "14 octobre 2025 - 09:12" right under the headline: the page's stamp, not a day separator
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, "publication stamp under the headline",
                                   Fix.unsafe(Edit.deletion(start, end), message="Remove the metadata line"))
                continue
            if parsed is None or stray_id(text.strip()) is not None:
                continue  # a machine stamp is CL301's
            start, end, byline, kinds = parsed
            if (kinds == ["published"] and byline is None and not _dated(text) and not _STAMP_CLOCK.search(text)
                    and _alone(doc, ln)):
                continue  # "Updated 6.40pm": a live story's own update marker, a time without a date
                # (inside a widget's block, "Line status⏎Updated 09:41⏎Green line: …", it is the widget's)
            if kinds == ["published"] and byline is None and _dateline().fullmatch(text.strip()):
                continue  # "Published: 12 September 2024": the article's own dateline, as after a byline
            if byline is not None and set(kinds) <= {"date", "reading"}:
                # "Par Camille Onfroy — 12 mars 2025 à 12:05", "Inès Ben Saïd · 17 octobre 2025 · 9 min de
                # lecture": the author's own strip as the site prints it under the title, kept by editors
                continue
            safe = byline is None and not {"published", "date"}.intersection(kinds)
            make = Fix.safe if safe else Fix.unsafe
            what = _describe(kinds)
            if byline is None:
                start, end = line_removal(ln, doc)
                yield self.finding(start, end, f"{what} line",
                                   make(Edit.deletion(start, end), message="Remove the metadata line"))
                continue
            start, end = ln.content_start + _kept_byline(text, start, byline), ln.content_start + end
            yield self.finding(start, end, f"{what} after a byline",
                               make(Edit.deletion(start, end), message="Keep the byline, remove the metadata"))


# A numeric date and a time after the last sentence of a paragraph, ending the line.
_GLUED_STAMP = regex.compile(
    r"(?<=[.!?…»\"”)])[ \t\u00a0]+\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d\d)[ \t\u00a0]*(?:[-–|·,]|à|at)?[ \t\u00a0]*"
    r"(?:[01]?\d|2[0-3])[:h][0-5]\d[ \t]*$")


# A first-publication verb and a date in words, maybe its author, nothing else: no time, no update.
@lru_cache(maxsize=None)
def _dateline():
    return regex.compile(
        rf"{_DEFINE}(?:publi[ée]e?|published|first{_S}+published|posted|publicad[oa]|pubblicat[oa]|ver[öo]ffentlicht)"
        rf"{_S}*:?{_S}*(?:(?:le|on|am|el|il|the){_S}+)?(?&weekday)?{_S}*"
        rf"(?:{_DAY}{_S}*(?:de{_S}+)?(?&month)|(?&month){_S}+{_DAY}),?{_S}+(?:de{_S}+)?{_YEAR}"
        # ... and its author: "Posted on 11 June 2024 by Priya Raman", a blog post's own dateline
        rf"(?:{_S}+(?:by|par|von|por|di){_S}+(?:(?-i:Ma[iî]tre|Me|Dr|Pr)\.?{_S}+)?{_NAME})?\.?",
        regex.I)


@lru_cache(maxsize=None)
def _dating():
    return regex.compile(
        rf"(?<!\d)(?:19|20)\d\d(?!\d)|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}/\d{{1,2}}|\b(?:{_MONTH})(?!\w)"
        rf"|\bago\b|il{_S}+y{_S}+a|\bhace\b|\bvor\b|(?<!\w)(?:{_DAY_WORDS})(?!\w)",
        regex.I)


@lru_cache(maxsize=None)
def _date_clock():
    """A date in words and its clock, alone: "14 octobre 2025 - 09:12", "March 3, 2024, 10:15 am"."""
    return regex.compile(rf"{_DEFINE}(?&day),?{_S}*(?:[-–—|·]|à|at)?{_S}*(?&clock)", regex.I)


def _under_headline(doc, ln) -> bool:
    """``ln`` follows the headline: the text's first line, or the line right under a breadcrumb
    ("Accueil » Société"); further down, a date and its clock may head a live blog's entry, or an
    event listing's ("Concert de Noël⏎14 décembre 2025 - 20:30")."""
    before = [other for other in doc.lines[:ln.index] if not other.is_blank]
    if len(before) == 1:
        return True
    return (len(before) == 2 and doc.lines[ln.index - 1] is before[1]
            and _CRUMB_SEPARATOR.search(before[0].content) is not None)


_CRUMB_SEPARATOR = regex.compile(r"\S\s+[»›>]\s+\S")


def _alone(doc, ln) -> bool:
    """The line is a paragraph of its own (blank lines or the text's edges around it)."""
    lines = doc.lines
    return ((ln.index == 0 or lines[ln.index - 1].is_blank)
            and (ln.index + 1 >= len(lines) or lines[ln.index + 1].is_blank))


def _dated(text: str) -> bool:
    """A date, a year or a relative time: page metadata, not a bare clock time."""
    return bool(_dating().search(text))


def _kept_byline(text: str, start: int, byline_end: int) -> int:
    """Where the byline ends once the separator after it is dropped: "Par Jean Dupont · " -> "Par Jean Dupont"."""
    return start + len(text[start:byline_end].rstrip(" \t\u00a0\u202f,|·•–—-"))


def _describe(kinds: list[str]) -> str:
    if "published" in kinds:
        return "publication stamp"
    if "reading" in kinds:
        return "reading time"
    return "relative time" if "relative" in kinds else "publication metadata"
