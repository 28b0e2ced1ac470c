"""The boilerplate pack engine: declarative YAML rule packs (Vale-like) behind the CL2xx rules.

A *pack* is one YAML file, read with a safe YAML loader only. Built-in packs live in
``rules/packs/<lang>/*.yml`` (``packs/any/`` holds the language-neutral ones) and feed the CL2xx
rules, one tiny module per code (``rules/comment_prompt.py``: code, name, docs; the phrases live
in YAML). Users add packs with ``load_user_packs``. ``rules/packs/_example.yml`` is a commented
pack showing every key (files whose name starts with "_" are never loaded as built-in packs).
Every pack is validated: a ``PackError`` names the file, the entry index and its line.

Pack keys
    rule           required. A code. Built-in packs use CL2xx; a user pack either names a built-in
                   code (its entries extend that rule) or declares a new code (not CL...) and then
                   also needs name and message.
    name           kebab-case rule name
    message        default message of the entries
    summary        one-line summary for ``corpuslint rule CODE`` (defaults to message)
    docs           optional mapping: what, why, example, fix_safety (the four doc sections)
    lang           required. A language code (fr, en, de ...) or "*". A user pack's entries run on
                   documents of its language (documents of unknown language get every pack). Built-in
                   packs run on documents of every language: sites glue English cookie banners onto
                   French articles, and whole-line entries do not fire on prose.
    applicability  default fix applicability of the entries: safe | unsafe (default unsafe)
    entries        required, a non-empty list of entries.

Entry keys, all kinds
    kind           line | block | existence | substitution
    phrases        literal phrases, matched robustly: any case; an accented letter also matches
                   its bare letter and other accents (``ignore_accents: false`` to turn that off);
                   ' ’ ʼ alike; any run of spaces (no-break ones too); the space before ? ! : ;
                   optional; "-" optional; "…" or "..."; trailing punctuation optional.
    pattern        instead of phrases: a regex (``regex`` syntax, case-insensitive: write
                   ``(?-i:\\p{Lu})`` for a capital). Every pattern runs under a timeout: one that
                   times out is disabled and reported (``PackRule.pack_errors()``), linting goes on.
    message        the finding's message (defaults to the pack's)
    applicability  safe | unsafe (defaults to the pack's)

Line and block entries: the whole line is the boilerplate
    match          start (default): the phrase or pattern opens the line, after indentation, list,
                   quote and heading markers, bullets, emoji and bold markers; trailing
                   punctuation, ">>", "›", emoji and bold markers may close it.
                   anywhere: it occurs anywhere in the line and the whole line goes (bound the
                   line with max_words; start such a pattern with a word: it is searched through
                   the whole text).
    rest           what may follow the phrase or pattern (match: start).
                   none (default): nothing. title: a separator (: >> › | – ·) or a capital, then
                   a headline: one sentence, at most 30 words, no final full stop (a Markdown link
                   counts as its text). any: anything.
    separator      true: the rest must open with a separator ("Recommended: ..." matches, the
                   heading "Recommended Apps for Students" does not).
    max_words      the line has at most this many words (default 60: longer lines are prose)
    zone           any (default) | head | tail: only in the first / last 5 non-blank lines
    skip_title     true: never the document's first non-blank line (its headline)
    caption        true: the line is a credit ("PHOTO KEYSTONE"); a one-sentence line right above
                   it, opening its paragraph, is the caption and goes too (unsafe)
    A line that continues the previous line's sentence (it starts in lower case after a line
    that does not end a sentence) and lines inside fenced code blocks never match.

Block entries: the phrase or pattern matches the block's first line, then the block runs on
    max_lines      lines in the block, the first included (default 5)
    min_lines      a block of fewer lines is no block (default 1; with 2, a label that is also
                   a plain heading, "Local news", goes only with the headlines under it)
    body           {phrases: [...]} or {pattern: ...}, searched in each following line: a line
                   that matches joins the block
    body_max_words a following line of at most this many words joins without matching body
                   (default 8; 0: only body lines)
    stop           {phrases: [...]} or {pattern: ...}: a line that opens with it ends the block
    A block always ends at a blank line, at max_lines, and before a line that looks like article
    prose (it starts in lower case or with punctuation, is long, or holds several sentences).
    A one-line block gives way to a line entry matching the same line.

Existence and substitution entries: searched anywhere inside a line
    fix            existence only: none (default: report only) | delete (remove the match; the
                   whole line when the match is all of it)
    caption        existence with fix delete: true when the match closes a caption, so that a
                   line standing alone that holds only one short sentence before it goes whole
                   ("Les pompiers sont restés sur place. (Photo : Belga)")
    replace        substitution only, required: the replacement (may use \\1 or \\g<name>)
    max_words      the line holding the match has at most this many words

Removals: consecutive boilerplate lines of one rule go as one finding per applicability, and one
adjacent blank line goes with them when they sit between blank lines or at an end of the text, so
that no paragraph break is doubled (``removal_span``).

Speed (this runs on millions of documents): built-in packs load once per process (lru_cache) and
compile per language on first use. Each document gets one shared index (``_DocIndex``: normalised
line keys, where line content starts, fenced code); phrases are dictionary lookups of those keys,
patterns of whole-line entries one alternation per rule tried only at line starts (and, when their
first characters are known, only on lines that start with one of them), match: anywhere and
in-line entries one alternation per rule searched over the whole text. Only hits run the entry's
own regex and the Python checks.
"""
from __future__ import annotations

import bisect
import inspect
import logging
import time
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Iterable, Iterator

import regex
import yaml

from corpuslint.document import Document, Line
from corpuslint import yamlload
from corpuslint.finding import Applicability, Edit, Finding, Fix
from corpuslint.rule import Rule

log = logging.getLogger("corpuslint.packs")

PACK_DIR = Path(__file__).with_name("packs")
KINDS = ("line", "block", "existence", "substitution")
RESTS = ("none", "title", "any")
ZONES = ("any", "head", "tail")
ZONE_LINES = 5
# A line of more words is article prose: no whole-line entry matches it unless its max_words says so.
LINE_MAX_WORDS = 60
_AD_COPY_WORDS = 30
TITLE_MAX_WORDS = 30
_BRIDGE_WORDS, _BRIDGE_CHARS = 2, 20  # a line between two lines of one widget (see _Scan.findings)
# Seconds a scan may take per document, plus a share per character of text (huge documents).
MATCH_TIMEOUT = 0.5
TIMEOUT_PER_MCHAR = 2.0

_PACK_KEYS = {"rule", "lang", "name", "message", "summary", "docs", "applicability", "entries"}
_DOCS_KEYS = {"what", "why", "example", "fix_safety"}
_COMMON_KEYS = {"kind", "phrases", "pattern", "message", "applicability", "ignore_accents"}
_KIND_KEYS = {
    "line": {"match", "rest", "separator", "max_words", "zone", "skip_title", "caption"},
    "block": {"match", "rest", "separator", "max_words", "zone", "skip_title", "max_lines", "min_lines",
              "body", "body_max_words", "stop"},
    "existence": {"fix", "max_words", "caption"},
    "substitution": {"replace", "max_words"},
}
_CODE = regex.compile(r"[A-Z]{2,5}[0-9]{3,4}")
_NAME = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_LANG = regex.compile(r"\*|[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.V0

# Around an anchored entry: indentation, Markdown markers, bullets, bold; trailing punctuation.
_SP = r"[^\S\n]"
# Emoji and arrows (\p{So}, \p{Sm}) decorate labels: "📬 Newsletter", "Actualiser ce direct ↻".
_LEAD = (rf"{_SP}*(?:(?:#{{1,6}}|>|[-–—•·*+►▶▸→»(\[]|\p{{So}}|\d{{1,2}}[.)]){_SP}*)*"
         rf"(?:\*\*|__|\*|_)?{_SP}*")
_TAIL = rf"(?:{_SP}*(?:[.:;,!?…»›→|)*_>]|\p{{So}}|\p{{Sm}}|\.\.\.))*{_SP}*"
_SEP = rf"(?:{_SP}*(?:[:>»›→➔➜➤►▶▸▹❯➝⟶⇒|–—*_…·•]|-|\.(?={_SP}+\p{{Lu}}))+{_SP}*|{_SP}+)"
_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})", regex.M)
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")
_MD_LINK = regex.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_URL = regex.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"»”’)]?\s+[\"«“]?\p{Lu}")
_SEP_RE = regex.compile(_SEP)
_DATELINE = regex.compile(r"\p{Lu}[\p{L}'’]*(?:[ -]\p{Lu}[\p{L}'’]*){0,2}\.\s+(?=\p{Lu})")
_TITLE_START = regex.compile(r"[\p{Lu}\p{N}«\"“'\[]")
_CONTINUATION = regex.compile(r"[\p{Ll},;)\]]")
_ENDS_WITH_STOP = regex.compile(r"(?<![.\s])\.[\s*_)\]»\"”]*$")  # "…a sentence." (not "…")
_SENTENCE_END = regex.compile(r"[.!?…][\"»”’)]?(?=\s|$)")
# A credit: a role, "by" or "par", a name ("Produced by Owen Pryce", "Réalisé par Julien Marty").
_CREDIT_LINE = regex.compile(r"[^\S\n]*\p{L}+(?:[ -]\p{L}+)?[^\S\n]+(?:by|par)[^\S\n]+\p{Lu}[^\n]{0,60}$")


class PackError(ValueError):
    """A pack file is invalid (or one of its patterns misbehaved): names the file and the entry."""

    def __init__(self, message: str, path: str | Path = "<pack>", entry: int | None = None,
                 line: int | None = None):
        where = str(path)
        if entry is not None:  # counted from 1, as a person counts the list's items
            where += f": entry {entry + 1}"
        if line is not None:
            where += f" (line {line})"
        super().__init__(f"{where}: {message}")
        self.path, self.entry, self.line, self.reason = str(path), entry, line, message


# -- the pack model ------------------------------------------------------------------------

@dataclass(frozen=True)
class Matcher:
    """A phrase list or a pattern, as one regex source (no anchors, no flags)."""

    source: str
    keys: tuple[str, ...] = ()  # the phrases' lookup keys (empty for a pattern)


@dataclass(frozen=True)
class Entry:
    kind: str
    matcher: Matcher
    message: str
    applicability: Applicability
    path: str                        # where it was declared, for errors
    index: int
    line: int | None
    match: str = "start"
    rest: str = "none"
    separator: bool = False
    max_words: int | None = None
    zone: str = "any"
    skip_title: bool = False
    max_lines: int = 5
    min_lines: int = 1
    body: Matcher | None = None
    body_max_words: int = 8
    stop: Matcher | None = None
    fix: str = "none"
    caption: bool = False
    replace: str | None = None

    @property
    def anchored(self) -> bool:
        return self.kind in ("line", "block")

    def line_source(self) -> str:
        """The anchored form, between LEAD and TAIL: (?P<_e>phrase or pattern)(?P<_r>rest)."""
        rest = {"none": "", "any": r"(?P<_r>[^\n]*?)", "title": rf"(?P<_r>{_SEP}\S[^\n]*?)?"}[self.rest]
        return rf"(?P<_e>{self.matcher.source}){rest}"


@dataclass(frozen=True)
class Pack:
    path: str
    rule: str
    lang: str
    entries: tuple[Entry, ...]
    name: str | None = None
    message: str | None = None
    summary: str | None = None
    docs: tuple[tuple[str, str], ...] = ()


# -- phrases ---------------------------------------------------------------------------------

_APOSTROPHES = "'’ʼ‘`´"
_HYPHENS = "-‐‑–"
_LIGATURES = {"œ": "(?:œ|oe)", "æ": "(?:æ|ae)"}


@lru_cache(maxsize=None)
def _accent_class(base: str) -> str:
    """All Latin letters that decompose to ``base`` (e -> [eéèêë…])."""
    variants = {base}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        if unicodedata.normalize("NFD", ch)[0].lower() == base and ch.lower() == ch:
            variants.add(ch)
    return "[" + "".join(sorted(variants)) + "]" if len(variants) > 1 else regex.escape(base)


def phrase_source(phrase: str, ignore_accents: bool = True) -> str:
    """A literal phrase as a robust regex (see the module docstring)."""
    text = phrase.strip().rstrip(".:;,!?…>»›→ \u00a0")
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            prev = text[i - 1] if i else ""
            while i < len(text) and text[i].isspace():
                i += 1
            nxt = text[i] if i < len(text) else ""
            # French typography: the space around ? ! : ; « » may be there or not.
            out.append(f"{_SP}*" if nxt in "?!:;»" or prev == "«" else f"{_SP}+")
            continue
        if ch in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif ch in _HYPHENS:
            out.append(f"[{_HYPHENS}]?")
        elif ch == "…" or text.startswith("...", i):
            out.append(r"(?:…|\.\.\.)")
            i += 2 if ch == "." else 0
        elif ch == "«":
            out.append("[«\"“]")
        elif ch == "»":
            out.append("[»\"”]")
        elif ch.lower() in _LIGATURES:
            out.append(_LIGATURES[ch.lower()])
        elif ignore_accents and ch.isalpha() and unicodedata.normalize("NFD", ch) != ch:
            # An accented letter also matches its bare letter and its other accents (déjà ~ deja).
            out.append(_accent_class(unicodedata.normalize("NFD", ch)[0].lower()))
        else:
            out.append(regex.escape(ch))
        i += 1
    src = "".join(out)
    # Word boundaries at both ends (phrases are words, not substrings of words).
    if text[:1].isalnum():
        src = r"(?<![\p{L}\p{N}])" + src
    if text[-1:].isalnum():
        src += r"(?![\p{L}\p{N}])"
    return src


# -- loading and validation ------------------------------------------------------------------

def _entry_lines(text: str) -> tuple[int | None, list[int | None]]:
    """1-based source lines of the pack and of each entry (for messages), via a safe compose."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None, []
    if not isinstance(root, yaml.MappingNode):
        return None, []
    for key, value in root.value:
        if getattr(key, "value", None) == "entries" and isinstance(value, yaml.SequenceNode):
            return value.start_mark.line + 1, [n.start_mark.line + 1 for n in value.value]
    return None, []


def load_pack(path: str | Path, text: str | None = None, *, builtin: bool = False) -> Pack:
    """Read and validate one pack file. Raises PackError naming the file (and entry, line)."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(f"cannot read pack: {exc}", path) from None
    try:
        data = yamlload.safe_load(text)  # a safe loader: a pack must not build Python objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PackError(f"not valid YAML (or an unsafe tag): {getattr(exc, 'problem', None) or exc}",
                        path, line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise PackError("a pack is a mapping with rule, lang and entries", path)
    _check_keys(data, _PACK_KEYS, path)
    for key in ("rule", "lang", "entries"):
        if key not in data:
            raise PackError(f"missing required key {key!r}", path)
    code, lang = data["rule"], data["lang"]
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise PackError(f"rule must be a code such as CL201 or ACME101, not {code!r}", path)
    if builtin and not code.startswith("CL2"):
        raise PackError(f"a built-in pack feeds a CL2xx rule, not {code}", path)
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise PackError(f"lang must be a language code (fr, en, pt-BR) or '*', not {lang!r}", path)
    for key in ("name", "message", "summary"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise PackError(f"{key} must be a non-empty string", path)
    if "name" in data and not _NAME.fullmatch(data["name"]):
        raise PackError(f"name must be kebab-case, not {data['name']!r}", path)
    docs = data.get("docs", {})
    if not isinstance(docs, dict) or not all(isinstance(v, str) for v in docs.values()):
        raise PackError("docs must map what/why/example/fix_safety to text", path)
    _check_keys(docs, _DOCS_KEYS, path, what="docs key")
    default_app = _applicability(data.get("applicability", "unsafe"), path)
    entries = data["entries"]
    if not isinstance(entries, list) or not entries:
        raise PackError("entries must be a non-empty list", path)
    default_msg = data.get("message")
    try:
        # Built-in packs are validated by the test suite (tests/test_packs.py); at run time their
        # regexes are compiled only when used, which keeps start-up short.
        built = tuple(_load_entry(raw, path, i, None, default_msg, default_app, validate=not builtin)
                      for i, raw in enumerate(entries))
    except PackError as exc:
        if exc.entry is None:
            raise
        # Parse again for the entry's source line: only when there is an error to report.
        _, lines = _entry_lines(text)
        line = lines[exc.entry] if exc.entry < len(lines) else None
        raise PackError(exc.reason, path, exc.entry, line) from None
    return Pack(str(path), code, lang, built, data.get("name"), default_msg,
                data.get("summary"), tuple(sorted(docs.items())))


def _check_keys(data: dict, allowed: set, path, entry=None, line=None, what="key"):
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        raise PackError(f"unknown {what} {unknown[0]!r} (expected one of: {', '.join(sorted(allowed))})",
                        path, entry, line)


def _applicability(value, path, entry=None, line=None) -> Applicability:
    if value not in ("safe", "unsafe"):
        raise PackError(f"applicability must be safe or unsafe, not {value!r}", path, entry, line)
    return Applicability(value)


def _load_entry(raw, path, i: int, line: int | None, default_msg, default_app, validate: bool = True) -> Entry:
    def fail(msg):
        return PackError(msg, path, i, line)

    if not isinstance(raw, dict):
        raise fail("an entry is a mapping with kind and phrases or pattern")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    _check_keys(raw, _COMMON_KEYS | _KIND_KEYS[kind], path, i, line)
    message = raw.get("message", default_msg)
    if not isinstance(message, str) or not message.strip():
        raise fail("missing message (give one in the entry or in the pack)")
    accents = raw.get("ignore_accents", True)
    if not isinstance(accents, bool):
        raise fail("ignore_accents must be true or false")
    matcher = _matcher(raw, fail, accents, anchored=kind in ("line", "block"), validate=validate)
    opts: dict = {}
    if "match" in raw:
        if raw["match"] not in ("start", "anywhere"):
            raise fail(f"match must be start or anywhere, not {raw['match']!r}")
        if raw["match"] == "anywhere" and "rest" in raw:
            raise fail("rest only applies to match: start")
        opts["match"] = raw["match"]
    if "rest" in raw:
        if raw["rest"] not in RESTS:
            raise fail(f"rest must be one of {', '.join(RESTS)}, not {raw['rest']!r}")
        opts["rest"] = raw["rest"]
    if "zone" in raw:
        if raw["zone"] not in ZONES:
            raise fail(f"zone must be one of {', '.join(ZONES)}, not {raw['zone']!r}")
        opts["zone"] = raw["zone"]
    for key, minimum in (("max_words", 1), ("max_lines", 1), ("min_lines", 1), ("body_max_words", 0)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
                raise fail(f"{key} must be an integer >= {minimum}, not {v!r}")
            opts[key] = v
    if opts.get("min_lines", 1) > opts.get("max_lines", 5):
        raise fail("min_lines must not exceed max_lines")
    for key in ("skip_title", "separator", "caption"):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise fail(f"{key} must be true or false")
            opts[key] = raw[key]
    if opts.get("separator") and opts.get("rest", "none") == "none":
        raise fail("separator needs rest: title or rest: any")
    for key in ("body", "stop"):
        if key in raw:
            sub = raw[key]
            if not isinstance(sub, dict):
                raise fail(f"{key} must be a mapping with phrases or pattern")
            _check_keys(sub, {"phrases", "pattern"}, path, i, line, what=f"{key} key")
            opts[key] = _matcher(sub, lambda m, k=key: fail(f"{k}: {m}"), accents, anchored=key == "stop",
                                 validate=validate)
    if kind == "existence":
        fix = raw.get("fix", "none")
        if fix not in ("none", "delete"):
            raise fail(f"fix must be none or delete, not {fix!r}")
        opts["fix"] = fix
        if raw.get("caption") and fix != "delete":
            raise fail("caption: true goes with fix: delete")
    if kind == "substitution":
        if not isinstance(raw.get("replace"), str):
            raise fail("a substitution needs replace: the replacement text")
        opts["replace"] = raw["replace"]
        try:  # the template must only name groups the pattern has
            _check_template(regex.compile(matcher.source, _FLAGS, cache_pattern=False), raw["replace"])
        except (regex.error, IndexError) as exc:
            raise fail(f"replace: bad template: {exc}") from None
    app = _applicability(raw.get("applicability", default_app.value), path, i, line)
    return Entry(kind, matcher, message.strip(), app, str(path), i, line, **opts)


def _check_template(compiled, template: str):
    for ref in regex.findall(r"\\g<([^>]+)>|\\([0-9]+)", template):
        name = ref[0] or ref[1]
        if name.isdigit():
            if int(name) > compiled.groups:
                raise IndexError(f"no group {name}")
        elif name not in compiled.groupindex:
            raise IndexError(f"no group named {name!r}")


def _matcher(raw: dict, fail, accents: bool, anchored: bool, validate: bool = True) -> Matcher:
    has_p, has_r = "phrases" in raw, "pattern" in raw
    if has_p == has_r:
        raise fail("give exactly one of phrases or pattern")
    if has_p:
        phrases = raw["phrases"]
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip(" .:…")
                                                                   for p in phrases):
            raise fail("phrases must be a non-empty list of non-empty strings")
        # Longest first: an alternation takes the first alternative that fits.
        alts = sorted({phrase_source(p, accents) for p in phrases}, key=len, reverse=True)
        return Matcher("(?:" + "|".join(alts) + ")", tuple(sorted({_key(p) for p in phrases})))
    pattern = raw["pattern"]
    if not isinstance(pattern, str) or not pattern:
        raise fail("pattern must be a non-empty string")
    if not validate:
        return Matcher(f"(?:{pattern})")
    try:
        compiled = regex.compile(pattern, _FLAGS, cache_pattern=False)
    except regex.error as exc:
        raise fail(f"bad regex {pattern!r}: {exc}") from None
    except Exception as exc:  # regex raises a few other types on odd input
        raise fail(f"bad regex {pattern!r}: {exc!r}") from None
    try:
        empty = compiled.fullmatch("", timeout=MATCH_TIMEOUT)
    except TimeoutError:
        empty = None
    if empty is not None:
        raise fail(f"pattern {pattern!r} matches the empty string" +
                   (" (it would flag blank lines)" if anchored else ""))
    return Matcher(f"(?:{pattern})")


def _pack_files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.rglob("*")
                          if q.suffix in (".yml", ".yaml") and q.is_file() and not q.name.startswith("_"))
        else:
            out.append(p)
    return out


@lru_cache(maxsize=None)
def builtin_packs() -> dict[str, tuple[Pack, ...]]:
    """Every built-in pack, by rule code. Loaded once per process."""
    out: dict[str, list[Pack]] = {}
    for path in _pack_files([PACK_DIR]):
        pack = load_pack(path, builtin=True)
        out.setdefault(pack.rule, []).append(pack)
    return {code: tuple(packs) for code, packs in out.items()}


# -- the document side: normalised line keys, shared by every pack rule ------------------------

def _key_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0xC0, 0x250):  # Latin letters with diacritics -> the bare letter
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base.lower()
    table.update({ord(c): "'" for c in _APOSTROPHES})
    table.update({ord(c): None for c in _HYPHENS})
    table.update({ord(c): '"' for c in "«»“”"})
    table.update({ord("œ"): "oe", ord("æ"): "ae", ord("…"): "...", ord("ß"): "ss"})
    return table


_KEY_TABLE = _key_table()
_KEY_SPACES = regex.compile(r"[^\S\n]+")
_KEY_TIGHT = regex.compile(r" (?=[?!:;\"])|(?<=\") ")
_KEY_EDGES = regex.compile(r"^(?:[^\w\n]|_)*(?:\d{1,2}[.)](?:[^\w\n]|_)*)*|(?:[^\w\n]|_)+$", regex.M)
_LEAD_CHARS = " \t\u00a0\u202f#>-–—•·*+►▶▸→»(_"


# _KEY_EDGES on one line: the leading part matched at 0, the trailing run matched on the reversed
# line (the same spans, without trying the trailing pattern at every position of the line).
_KEY_LEAD = regex.compile(r"(?:[^\w\n]|_)*(?:\d{1,2}[.)](?:[^\w\n]|_)*)*")
_KEY_TRAIL = regex.compile(r"(?:[^\w\n]|_)*")


def _key(text: str) -> str:
    """The lookup key of a phrase or of a line: the forms that phrase_source treats as one."""
    text = _KEY_TIGHT.sub("", _KEY_SPACES.sub(" ", text.lower().translate(_KEY_TABLE)))
    if "\n" in text:
        return _KEY_EDGES.sub("", text)
    # The leading part stops before a word character, so the trailing run starts after it.
    lead, end = _KEY_LEAD.match(text).end(), len(text) - _KEY_TRAIL.match(text[::-1]).end()
    return text[lead:end] if lead < end else ""


class _DocIndex:
    """Per-document facts every pack rule needs: line keys, where line content starts, fenced code.
    Built once per document (the ten CL2xx rules share it)."""

    @classmethod
    def of(cls, doc: Document) -> "_DocIndex":
        # Kept on the document itself: it lives and dies with it (no global cache to leak).
        idx = doc.shared.get(cls)
        if idx is None:
            idx = doc.shared[cls] = cls(doc)
        return idx

    def __init__(self, doc: Document):
        self.doc, self.text = doc, doc.text
        self._keys: dict[int, str] = {}  # per line, on demand: most lines are long prose, never looked up
        self._cuts: dict[int, list[int]] = {}
        self._starts: dict[int, range] = {}
        self._words: dict[int, int] = {}
        self._nonblank: list[int] | None = None
        self._short: dict[int, list[Line]] = {}
        self._code: set[int] | None = None
        self._views: dict[int | None, _View] = {}

    def key(self, i: int) -> str:
        """The lookup key of line ``i`` (keys never span a line break: one line at a time is the same)."""
        key = self._keys.get(i)
        if key is None:
            key = self._keys[i] = _key(self.doc.lines[i].text)
        return key

    def cuts(self, i: int) -> list[int]:
        """Word ends of a line key (where a phrase with a rest may stop)."""
        cuts = self._cuts.get(i)
        if cuts is None:
            key = self.key(i)
            cuts = [m.start() for m in _WORD_END.finditer(key, 0, 120)]
            self._cuts[i] = cuts
        return cuts

    def starts(self, ln: Line) -> range:
        """Offsets (in the line) where an anchored pattern may start: after indentation, markers,
        bullets, emoji, bold."""
        r = self._starts.get(ln.index)
        if r is None:
            r = self._starts[ln.index] = self._find_starts(ln.text)
        return r

    def words(self, ln: Line) -> int:
        n = self._words.get(ln.index)
        if n is None:
            n = self._words[ln.index] = _words(ln.content)
        return n

    @staticmethod
    def _find_starts(text: str) -> range:
        ws = len(text) - len(text.lstrip())
        core = len(text) - len(text.lstrip(_LEAD_CHARS))
        while core < len(text) and (unicodedata.category(text[core]) == "So" or text[core] in _LEAD_CHARS):
            core += 1
        m = _DIGIT_BULLET.match(text, core)
        if m:
            core = m.end()
        return range(ws, max(ws, core) + 1)

    def short_lines(self, max_words: int) -> list[Line]:
        """The non-blank lines of at most ``max_words`` words (a line of fewer than twice as many
        characters is kept uncounted): the only lines a whole-line entry may match. The rules
        share a few limits, so each list is built once per document."""
        out = self._short.get(max_words)
        if out is None:
            out = self._short[max_words] = [
                ln for ln in self.doc.lines
                if not ln.is_blank and not (len(ln.text) >= 2 * max_words and self.words(ln) > max_words)]
        return out

    def view(self, max_words: int | None) -> _View:
        """The lines of at most ``max_words`` words as one text (None: the whole document)."""
        v = self._views.get(max_words)
        if v is None:
            v = self._views[max_words] = _View(None if not max_words else self.short_lines(max_words), self.text)
        return v

    def nonblank(self) -> list[int]:
        if self._nonblank is None:
            self._nonblank = [ln.index for ln in self.doc.lines if not ln.is_blank]
        return self._nonblank

    def in_code(self, i: int) -> bool:
        """Inside a fenced code block, even in a plain-text document (READMEs saved as .txt)."""
        if self._code is None:
            self._code = set()
            if "```" in self.text or "~~~" in self.text:
                fence = None
                for line in self.doc.lines:
                    m = _FENCE.match(line.text)
                    if fence is None and m:
                        fence = m.group(1)
                    elif fence is not None and m and m.group(1)[0] == fence[0] \
                            and len(m.group(1)) >= len(fence):
                        fence = None
                    elif fence is not None:
                        self._code.add(line.index)
        return i in self._code

    def continues_sentence(self, ln: Line) -> bool:
        """A hard-wrapped sentence's tail ("…it is\\nrecommended."), not a line of its own."""
        if ln.index == 0 or not ln.content.lstrip()[:1].islower():
            return False
        prev = self.doc.lines[ln.index - 1].text.rstrip()
        return bool(prev) and (prev[-1].isalnum() or prev[-1] in ",-")


class _View:
    """The lines an entry may match, joined by line breaks, and the way back to document offsets.

    Entries that match inside a line (``match: anywhere``, existence, substitution) only count on
    lines of at most ``max_words`` words, so they are searched in those lines only: most of an
    article's bytes are long paragraphs that no such entry can flag."""

    def __init__(self, lines: list[Line] | None, text: str):
        if lines is None:  # the whole text: an entry without a word limit
            self.text, self._at, self._doc = text, [0], [0]
            return
        self.text = "\n".join(ln.text for ln in lines)
        self._at, self._doc, pos = [], [], 0
        for ln in lines:
            self._at.append(pos)
            self._doc.append(ln.start)
            pos += len(ln.text) + 1
        self.joined = True

    joined = False

    def hits(self, patterns: "_Patterns") -> Iterator[tuple[int, int, int, str]]:
        """(entry, start, end, matched text) in document offsets."""
        if not self.text:
            return
        for i, m in patterns.finditer(self.text):
            if self.joined and "\n" in m.group():
                continue  # lines joined here need not be neighbours in the document
            k = bisect.bisect_right(self._at, m.start()) - 1
            shift = self._doc[k] - self._at[k]
            yield i, m.start() + shift, m.end() + shift, m.group()


_WORD_END = regex.compile(r"(?<=\w)(?!\w)")
_DIGIT_BULLET = regex.compile(r"\d{1,2}[.)][^\S\n]+")


# -- compiled entries ----------------------------------------------------------------------------

class _Patterns:
    """Entries run as regexes, with a timeout each: a runaway pattern is disabled and reported,
    and linting goes on. ``combined`` is one alternation of all live entries (a prefilter)."""

    def __init__(self, entries: list[Entry], errors: list[PackError], anchored: bool):
        self.entries, self.errors, self.anchored = entries, errors, anchored
        self.disabled: set[int] = set()
        self._precise: dict[int, regex.Pattern] = {}
        self._build()

    @property
    def word_limit(self) -> int | None:
        """No live entry matches in a line of more words than this (None: no limit)."""
        limits = [self.entries[i].max_words or (LINE_MAX_WORDS if self.entries[i].anchored else 0)
                  for i in self.live]
        return None if not limits or 0 in limits else max(limits)

    def _build(self):
        self.live = [i for i in range(len(self.entries)) if i not in self.disabled]
        self._trial: list[float] | None = []  # may_match: timings of both ways, then None
        self._alternation = False
        self._combined: regex.Pattern | None | bool = False  # compiled on first use

    @property
    def combined(self) -> regex.Pattern | None:
        if self._combined is False:
            self._combined = None
            if self.live:
                source = "|".join(f"(?P<_e{i}>{self.entries[i].matcher.source})" for i in self.live)
                try:
                    self._combined = regex.compile(source, _FLAGS, cache_pattern=False)
                except regex.error:  # e.g. clashing inline flags: the entries then run one by one
                    self._combined = None
        return self._combined

    def precise(self, i: int) -> regex.Pattern:
        """The entry's own regex: anchored to a whole line (line, block) or searched (the rest)."""
        if i not in self._precise:
            e = self.entries[i]
            src = f"^{_LEAD}{e.line_source()}{_TAIL}$" if self.anchored else f"(?P<_e>{e.matcher.source})"
            self._precise[i] = regex.compile(src, _FLAGS, cache_pattern=False)
        return self._precise[i]

    def disable(self, i: int, why: str):
        e = self.entries[i]
        err = PackError(why, e.path, e.index, e.line)
        self.errors.append(err)
        log.warning("%s", err)
        self.disabled.add(i)
        self._build()

    def call(self, i: int, method: str, *args) -> regex.Match | None:
        """``precise(i).<method>(*args)`` under a timeout."""
        try:
            return getattr(self.precise(i), method)(*args, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            self.disable(i, f"pattern timed out after {MATCH_TIMEOUT}s (catastrophic backtracking?); "
                            "entry disabled")
            return None

    def matches_at(self, text: str, pos: int) -> bool:
        """Prefilter: does some entry's pattern match at ``pos``?"""
        if self.combined is not None:
            try:
                return self.combined.match(text, pos, timeout=MATCH_TIMEOUT) is not None
            except TimeoutError:
                pass
        hit = False
        for i in list(self.live):  # every entry, so that the runaway one is found and disabled
            try:
                if _compiled(self.entries[i].matcher.source).match(text, pos, timeout=MATCH_TIMEOUT):
                    hit = True
            except TimeoutError:
                self.disable(i, f"pattern timed out after {MATCH_TIMEOUT}s (catastrophic backtracking?); "
                                "entry disabled")
        return hit

    def may_match(self, text: str, timeout: float) -> bool:
        """Does some live entry match somewhere in ``text``? Most documents hold none, so this test
        comes before the scan. Two equivalent ways: each entry searched alone (a literal start is
        skipped to at C speed) or their alternation searched once (better when the entries start
        with a lookbehind or a class); the first calls time both and the faster one is kept."""
        trial = self._trial
        if trial is not None and self.combined is not None:
            if not trial:
                for i in self.live:  # compiled before timing: the first call must not pay for it
                    self.precise(i)
            t = time.perf_counter()
            if len(trial) % 2:
                hit = self._any_entry(text, timeout)
            else:
                try:
                    hit = self.combined.search(text, timeout=timeout) is not None
                except TimeoutError:
                    hit = True
            trial.append(time.perf_counter() - t)
            if len(trial) >= _TRIALS:
                self._alternation = sum(trial[0::2]) < sum(trial[1::2])
                self._trial = None
            return hit
        if self._alternation and self.combined is not None:
            try:
                return self.combined.search(text, timeout=timeout) is not None
            except TimeoutError:
                return True  # the full scan finds and disables the runaway entry
        return self._any_entry(text, timeout)

    def _any_entry(self, text: str, timeout: float) -> bool:
        for i in self.live:
            try:
                if self.precise(i).search(text, timeout=timeout) is not None:
                    return True
            except TimeoutError:
                return True  # the full scan below finds and disables the runaway entry
        return False

    def finditer(self, text: str) -> Iterator[tuple[int, regex.Match]]:
        """(entry, match) anywhere in ``text``, in order."""
        timeout = MATCH_TIMEOUT + TIMEOUT_PER_MCHAR * len(text) / 1e6
        if not self.may_match(text, timeout):
            return
        if self.combined is not None:
            try:
                hits = [(_which(m), m) for m in self.combined.finditer(text, timeout=timeout)]
                yield from hits
                return
            except TimeoutError:
                pass
        hits = []  # one regex per entry: a runaway pattern only costs its own entry
        for i in list(self.live):
            try:
                hits += [(i, m) for m in self.precise(i).finditer(text, timeout=timeout)]
            except TimeoutError:
                self.disable(i, f"pattern timed out after {timeout:.2f}s (catastrophic backtracking?); "
                                "entry disabled")
        hits.sort(key=lambda h: (h[1].start(), h[0]))
        yield from hits


_TRIALS = 40  # may_match calls timed (half each way) before one way is kept


def _which(m: regex.Match) -> int:
    for name, value in m.groupdict().items():
        if value is not None and name.startswith("_e") and name[2:].isdigit():
            return int(name[2:])
    raise AssertionError("combined match without an entry group")  # pragma: no cover


_PROBE = frozenset("abcdefghijklmnopqrstuvwxyzàâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ0123456789"
                   "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ"
                   "«»\"'’“”()[]<>-–—•·*+#@&%$€£©®!?.,;:/|~_ ")


@lru_cache(maxsize=None)
def _first_chars(source: str) -> frozenset[str] | None:
    """The probe characters a match of ``source`` can start with (by partial matching), or None
    when that cannot be known (a leading lookaround, or every capital letter: a shape pattern)."""
    body = regex.sub(r"^(?:\(\?:)+", "", source)
    if body.startswith(("(?=", "(?!", "(?<")):
        return None
    try:
        compiled = _compiled(source)  # shared with matches_at: each pattern is compiled once
        first = frozenset(ch for ch in _PROBE if compiled.match(ch, partial=True, timeout=MATCH_TIMEOUT))
    except (regex.error, TimeoutError):
        return None
    if not first or sum(ch.isupper() for ch in first) > 20:
        return None
    return first


class _Compiled:
    """One rule's entries for one document language, compiled for speed: phrases of whole-line
    entries become dictionary keys, their patterns one prefilter alternation, and the entries that
    match anywhere in a line or inside it one unanchored alternation each."""

    def __init__(self, entries: list[Entry], errors: list[PackError]):
        anchored = [e for e in entries if e.anchored and e.match == "start"]
        self.anchored = _Patterns(anchored, errors, anchored=True)
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[str, list[int]] = {}
        pattern_entries = []
        for i, e in enumerate(anchored):
            if e.matcher.keys:
                table = self.exact if e.rest == "none" else self.prefix
                for k in e.matcher.keys:
                    table.setdefault(k, []).append(i)
            else:
                pattern_entries.append(i)
        self.prefix_lengths = {len(k) for k in self.prefix}
        # Patterns whose first character is known (a word, a digit) are tried only on lines that
        # start with one of those characters; shape patterns (a capital, a lookahead) on every line.
        gated, open_, first_chars = [], [], set()
        for i in pattern_entries:
            first = _first_chars(anchored[i].matcher.source)
            if first is None:
                open_.append(i)
            else:
                gated.append(i)
                first_chars |= first
        self.pattern_ids = pattern_entries
        # (entry ids in ``anchored``, their prefilter, the first characters they need or None)
        self.pattern_groups = [
            (ids, _Patterns([anchored[i] for i in ids], errors, anchored=True), first)
            for ids, first in ((gated, frozenset(first_chars)), (open_, None)) if ids]
        self.anywhere = _Patterns([e for e in entries if e.anchored and e.match == "anywhere"], errors,
                                  anchored=False)
        self.inline = _Patterns([e for e in entries if not e.anchored], errors, anchored=False)
        # No whole-line entry matches a line of more words than this: a cheap first test.
        self.max_words = max((e.max_words or LINE_MAX_WORDS for e in entries if e.anchored), default=0)

    def candidates(self, idx: _DocIndex, ln: Line) -> list[int]:
        """Anchored entries that may match this line (a superset; the precise regex decides)."""
        key = idx.key(ln.index)
        out = list(self.exact.get(key, ()))
        if self.prefix:
            for cut in idx.cuts(ln.index):
                if cut in self.prefix_lengths:
                    out += self.prefix.get(key[:cut], ())
        text = ln.text
        for ids, patterns, first in self.pattern_groups:
            if not patterns.live:
                continue
            for pos in idx.starts(ln):
                ch = text[pos:pos + 1]
                if first is not None and ch in _PROBE and ch not in first:
                    continue
                if patterns.matches_at(text, pos):
                    out += [ids[j] for j in patterns.live]
                    break
        return sorted(set(out)) if len(out) > 1 else out


class PackSet:
    """The compiled entries of one rule, per document language, built on first use."""

    def __init__(self, packs: tuple[Pack, ...]):
        self.packs = packs
        self.errors: list[PackError] = []
        self._by_lang: dict[str, _Compiled] = {}

    def compiled(self, lang: str) -> _Compiled:
        # Built-in packs apply to documents of every language: sites glue English cookie banners and
        # newsletter boxes onto French articles, and their entries match whole lines, not words in
        # prose. A user pack's `lang` restricts it to documents of that language.
        key = (lang or "").split("-")[0].lower()
        if key not in self._by_lang:
            # The document's own language first: where packs overlap ("Sponsored" is in several),
            # the first entry names the finding, so its message is in the document's language.
            packs = sorted(self.packs, key=lambda p: (p.lang != key, p.lang != "*"))
            entries = [e for p in packs
                       if p.path.startswith(str(PACK_DIR)) or p.lang in ("*", key) or key in ("", "und", "mixed")
                       for e in p.entries]
            self._by_lang[key] = _Compiled(entries, self.errors)
        return self._by_lang[key]


# -- the rule --------------------------------------------------------------------------------

_LEAD_IN_LINES, _LEAD_IN_WORDS = 2, 25


class PackRule(Rule):
    """Base of every rule fed by YAML packs (built-in CL2xx rules and user rules)."""

    category = "boilerplate"
    fix_applicability = "sometimes"
    extra_packs: ClassVar[tuple[Pack, ...]] = ()
    # Words of the lines that head a widget above its first found line (a form's pitch): a
    # subclass sets it to take those lines too, unsafe.
    lead_in: ClassVar[regex.Pattern | None] = None

    @classmethod
    def packs(cls) -> tuple[Pack, ...]:
        return builtin_packs().get(cls.code, ()) + cls.extra_packs

    @classmethod
    def packset(cls) -> PackSet:
        ps = cls.__dict__.get("_packset")
        if ps is None:
            ps = PackSet(cls.packs())
            cls._packset = ps
        return ps

    @classmethod
    def pack_errors(cls) -> list[PackError]:
        """Entries disabled while linting (e.g. a pattern that timed out)."""
        ps = cls.__dict__.get("_packset")
        return list(ps.errors) if ps else []

    def check(self, doc: Document) -> Iterator[Finding]:
        compiled = self.packset().compiled(doc.lang)
        yield from _Scan(self, doc, compiled).findings()
        yield from self._inline(doc, compiled.inline)

    def _inline(self, doc: Document, patterns: _Patterns) -> Iterator[Finding]:
        if not patterns.entries:
            return
        idx = _DocIndex.of(doc)
        for i, start, end, group in idx.view(patterns.word_limit).hits(patterns):
            entry = patterns.entries[i]
            if start == end:
                continue
            ln = doc.line_at(start)
            if idx.in_code(ln.index) or entry.max_words and idx.words(ln) > entry.max_words:
                continue
            if entry.kind == "substitution":
                # The bare pattern, so that \1 and \g<name> mean the user's groups.
                own = _compiled(entry.matcher.source).match(doc.text, start, end)
                new = own.expand(entry.replace) if own else entry.replace
                if new == group or doc.text.startswith(new, start):
                    continue  # already replaced ("X" -> "X Plus"): no finding, or fixes never settle
                fix = Fix((Edit(start, end, new),), entry.applicability, f"Replace with {new!r}")
                yield self.finding(start, end, entry.message, fix)
            elif entry.fix == "delete":
                before, after = ln.text[:start - ln.start].strip(), ln.text[end - ln.start:].strip()
                if not (before or after) or entry.caption and not after and _lone_caption(doc, ln, before):
                    start, end = removal_span(doc, ln, ln)  # the match is the whole line, or closes a caption
                else:
                    start, end = _deletion_span(doc.text, start, end)
                fix = Fix((Edit.deletion(start, end),), entry.applicability, "Remove it")
                yield self.finding(start, end, entry.message, fix)
            else:
                yield self.finding(start, end, entry.message)


class _Scan:
    """Whole-line and block entries on one document: candidates, checks, extents, removals."""

    def __init__(self, rule: PackRule, doc: Document, compiled: _Compiled):
        self.rule, self.doc, self.c = rule, doc, compiled
        self.idx: _DocIndex | None = None

    def findings(self) -> list[Finding]:
        c, doc = self.c, self.doc
        if not (c.exact or c.prefix or c.pattern_ids or c.anywhere.entries):
            return []
        self.idx = idx = _DocIndex.of(doc)
        blocks: dict[int, list[Entry]] = {}
        lines: dict[int, Entry] = {}
        for ln in idx.short_lines(c.max_words):
            cands = c.candidates(idx, ln)
            if not cands or idx.in_code(ln.index) or idx.continues_sentence(ln):
                continue
            for i in cands:
                e = c.anchored.entries[i]
                if e.kind != "block" and ln.index in lines and not _surer(e, lines[ln.index]):
                    continue  # a line keeps its first entry, unless a later one is safe where it was not
                m = c.anchored.call(i, "match", ln.text)
                if m is not None and self._accept(e, ln, m.groupdict().get("_r")):
                    if e.kind == "block":
                        blocks.setdefault(ln.index, []).append(e)
                    else:
                        lines[ln.index] = e
        for i, start, _end, group in idx.view(c.anywhere.word_limit).hits(c.anywhere):
            ln = doc.line_at(start)
            e = c.anywhere.entries[i]
            if "\n" in group or e.kind != "block" and ln.index in lines:
                continue
            if not idx.in_code(ln.index) and not idx.continues_sentence(ln) and self._accept(e, ln, None):
                if e.kind == "block":
                    blocks.setdefault(ln.index, []).append(e)
                else:
                    lines[ln.index] = e
        for i, e in list(lines.items()):
            if e.caption and i > 0 and i - 1 not in lines and self._caption_above(i):
                lines[i - 1] = replace(e, applicability=Applicability.UNSAFE)
            # A button too short or ambiguous to list ("X" between "Facebook" and "LinkedIn") belongs
            # to the widget whose lines enclose it, as surely as they do.
            if i + 2 in lines and i + 1 not in lines and self._bridge(doc.lines[i + 1]):
                sure = e.applicability == lines[i + 2].applicability
                lines[i + 1] = e if sure else replace(e, applicability=Applicability.UNSAFE)
        if self.rule.lead_in is not None:
            starts = [i for i in sorted(lines) if i - 1 not in lines]
            starts += [b for b in sorted(blocks) if b - 1 not in lines]
            for i in starts:
                for k in self._lead_in(i):
                    lines[k] = replace(lines.get(i) or blocks[i][0], applicability=Applicability.UNSAFE)
        return self._removals(blocks, lines)

    def _lead_in(self, i: int) -> range:
        """The widget's own heading and pitch above its first found line ("Stay in touch⏎Get field
        updates…" above "Your email"): the one or two lines that open the paragraph, short, the
        first in the rule's vocabulary (``PackRule.lead_in``): "Sign up for studio news⏎Class dates,
        open studio nights and the occasional kiln disaster." above "Email Address"."""
        lines = self.doc.lines
        for n in range(1, _LEAD_IN_LINES + 1):
            top = i - n
            if top < 0 or lines[top].is_blank:
                return range(0)
            text = lines[top].content.strip()
            if _words(text) > _LEAD_IN_WORDS or self.idx.in_code(top):
                return range(0)
            if top == 0 or lines[top - 1].is_blank:
                return range(top, i) if self.rule.lead_in.search(text) else range(0)
        return range(0)

    def _bridge(self, ln: Line) -> bool:
        words = ln.content.split()
        return (0 < len(words) <= _BRIDGE_WORDS and len(ln.content.strip()) <= _BRIDGE_CHARS
                and not self.idx.in_code(ln.index))

    def _caption_above(self, i: int) -> bool:
        """Line ``i - 1`` is one short sentence that opens its paragraph: the caption of credit ``i``."""
        doc = self.doc
        above = doc.lines[i - 1]
        return (not above.is_blank and (i - 2 < 0 or doc.lines[i - 2].is_blank)
                and not self.idx.in_code(i - 1) and _lone_caption(doc, above, above.content.strip(), alone=False))

    def _removals(self, blocks: dict[int, list[Entry]], lines: dict[int, Entry]) -> list[Finding]:
        doc, out, taken = self.doc, [], set()
        for start, entries in sorted(blocks.items()):
            if start in taken:
                continue
            first = doc.lines[start]
            # Several block entries may start here (packs of several languages): the widest wins.
            entry, last = max(((e, self._extent(e, first)) for e in entries), key=lambda el: el[1].index)
            if last is first and start in lines:
                continue  # a one-line block that a line entry describes better
            if last.index - first.index + 1 < entry.min_lines:
                continue
            taken.update(range(first.index, last.index + 1))
            n = last.index - first.index + 1
            out.append(self._removal(entry, first, last, f"Remove the block ({n} line{'s' * (n > 1)})"))
        # Consecutive boilerplate lines (a comment widget, a footer) form a region, removed as one
        # run per applicability; the blank line around the region is taken once (see removal_span).
        regions: list[list[tuple[int, Entry]]] = []
        for i, entry in sorted(lines.items()):
            if i in taken:
                continue
            if regions and regions[-1][-1][0] == i - 1:
                regions[-1].append((i, entry))
            else:
                regions.append([(i, entry)])
        for region in regions:
            bounds = (doc.lines[region[0][0]], doc.lines[region[-1][0]])
            runs = _runs(region)
            # One run takes the blank line: an end run that is applied only when all others are.
            unsafe = [r for r in (runs[0], runs[-1]) if r[0][1].applicability == Applicability.UNSAFE]
            absorber = (unsafe or [runs[0]])[0]
            for run in runs:
                first, last, n = doc.lines[run[0][0]], doc.lines[run[-1][0]], len(run)
                out.append(self._removal(run[0][1], first, last,
                                         "Remove the line" if n == 1 else f"Remove the {n} lines",
                                         region=bounds, absorb=run is absorber))
        out.sort(key=lambda f: f.start)
        return out

    def _accept(self, e: Entry, ln: Line, rest: str | None) -> bool:
        limit = e.max_words or LINE_MAX_WORDS
        if len(ln.text) >= 2 * limit and self.idx.words(ln) > limit:
            return False
        if rest is not None:
            if e.separator and not _has_separator(rest):
                return False
            if e.rest == "title" and (not _is_title(rest) or _ENDS_WITH_STOP.search(ln.text)):
                return False
            if e.rest == "title" and _CREDIT_LINE.match(ln.content) and self._in_credits(ln):
                return False  # "Presented by X⏎Produced by Y": a programme's credits, not a sponsor
        if e.zone != "any" or e.skip_title:
            nonblank = self.idx.nonblank()
            if e.skip_title and nonblank and nonblank[0] == ln.index:
                return False
            if e.zone == "head" and ln.index not in nonblank[:ZONE_LINES]:
                return False
            if e.zone == "tail" and ln.index not in nonblank[-ZONE_LINES:]:
                return False
        return True

    def _in_credits(self, ln: Line) -> bool:
        lines = self.doc.lines
        return any(0 <= k < len(lines) and _CREDIT_LINE.match(lines[k].content) for k in (ln.index - 1, ln.index + 1))

    def _extent(self, e: Entry, first: Line) -> Line:
        """The last line of the block that starts at ``first``."""
        lines, last = self.doc.lines, first
        for k in range(first.index + 1, min(len(lines), first.index + e.max_lines)):
            ln = lines[k]
            text = ln.content.strip()
            if not text or self.idx.in_code(k):
                break
            in_body = e.body is not None and _search(e.body, text, anchored=False)
            if _looks_like_prose(text) and not (k == first.index + 1 and in_body and _ad_copy(text)):
                break  # article text; the label's own next line may be two sentences of ad copy
            if e.stop is not None and _search(e.stop, text, anchored=True):
                break
            if not in_body and not (0 < e.body_max_words and _words(text) <= e.body_max_words):
                break
            last = ln
        return last

    def _removal(self, e: Entry, first: Line, last: Line, fix_message: str, **kw) -> Finding:
        start, end = removal_span(self.doc, first, last, **kw)
        fix = Fix((Edit.deletion(start, end),), e.applicability, fix_message)
        return self.rule.finding(start, end, e.message, fix)


def _surer(e: Entry, than: Entry) -> bool:
    return e.applicability is Applicability.SAFE and than.applicability is not Applicability.SAFE


def _runs(region: list[tuple[int, Entry]]) -> list[list[tuple[int, Entry]]]:
    """A region's lines split where the applicability changes."""
    runs: list[list[tuple[int, Entry]]] = []
    for item in region:
        if runs and runs[-1][-1][1].applicability == item[1].applicability:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def removal_span(doc: Document, first: Line, last: Line, *, region: tuple[Line, Line] | None = None,
                 absorb: bool = True) -> tuple[int, int]:
    """The span removing lines first..last and one line break.

    With ``absorb``, one blank line goes too when the region (first..last, or the larger run of
    debris lines it belongs to) sits between blank lines or at an end of the text, so that no
    paragraph break is doubled: the blank line before the region when first..last opens it, else
    the blank line after it when first..last closes it."""
    lines = doc.lines
    head, tail = region or (first, last)
    before = lines[head.index - 1] if head.index > 0 else None
    after = lines[tail.index + 1] if tail.index + 1 < len(lines) else None
    if last.has_break:
        span = first.start, last.end + 1
    elif first.start > 0:  # the text's last line, without a final newline: take the break before
        span = first.start - 1, last.end
    else:
        span = first.start, last.end
    blank_before = before is not None and before.is_blank
    blank_after = after is not None and after.is_blank
    if not absorb or not (blank_before or blank_after) or \
            not ((blank_before or before is None) and (blank_after or after is None)):
        return span
    if blank_before and first is head:
        if after is not None or last.has_break or before.index == 0:
            return before.start, span[1]
        return lines[before.index - 1].end, last.end  # no final newline: keep none
    if blank_after and last is tail:
        return span[0], after.end_with_break
    return span


def _deletion_span(text: str, start: int, end: int) -> tuple[int, int]:
    """An in-line deletion that does not leave two spaces (or a space before the line end)."""
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in " \t" and after in " \t\n":
        return start - 1, end
    if before == "\n" and after in " \t":
        return start, end + 1
    return start, end


CAPTION_MAX_WORDS = 30


def _lone_caption(doc: Document, ln: Line, sentence: str, alone: bool = True) -> bool:
    """One short sentence, on a line of its own (blank lines or the text's ends around it) when
    ``alone``."""
    lines = doc.lines
    if alone and not all(not (0 <= k < len(lines)) or lines[k].is_blank for k in (ln.index - 1, ln.index + 1)):
        return False
    return (_words(sentence) <= CAPTION_MAX_WORDS and _TITLE_START.match(sentence) is not None
            and not _SENTENCE_BREAK.search(sentence.rstrip(".!?… ")))


def _search(matcher: Matcher, text: str, anchored: bool) -> bool:
    src = f"^{_LEAD}{matcher.source}" if anchored else matcher.source
    try:
        return _compiled(src).search(text, timeout=MATCH_TIMEOUT) is not None
    except TimeoutError:
        return False


@lru_cache(maxsize=4096)
def _compiled(src: str) -> regex.Pattern:
    return regex.compile(src, _FLAGS, cache_pattern=False)


def _words(text: str) -> int:
    if "](" in text:  # substring tests first: most lines hold no link and no URL
        text = _MD_LINK.sub(r"\1", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    return len(_WORD.findall(text))


def _has_separator(rest: str) -> bool:
    sep = _SEP_RE.match(rest)
    return bool(sep and sep.group().strip())


def _is_title(rest: str) -> bool:
    """What follows "Read more:" is a headline: short, one sentence (two after the label's
    separator), no final full stop."""
    sep = _SEP_RE.match(rest)
    body = rest[sep.end():] if sep else rest
    had_sep = bool(sep and sep.group().strip())
    body = _URL.sub(" ", _MD_LINK.sub(r"\1", body)).strip(" *_")
    if not body:
        return True
    if not had_sep and not _TITLE_START.match(body):
        return False
    if _words(body) > TITLE_MAX_WORDS or _ENDS_WITH_STOP.search(body):
        return False
    body = _DATELINE.sub("", body, count=1)  # "Quimper. Les halles rouvriront…": a place, then the title
    # After "Read next:" a headline may hold two short sentences ("The first deadlines are here.
    # Here's what changes"); without the label's separator, one.
    return len(_SENTENCE_BREAK.findall(body.rstrip(".!?… "))) <= (1 if had_sep else 0)


def _ad_copy(text: str) -> bool:
    """Two or three short sentences under a label ("Earn up to 4.50% APY with no fees. Open an
    account in 5 minutes →"): not a continuation, not a paragraph."""
    return not _CONTINUATION.match(text) and _words(text) <= _AD_COPY_WORDS


def _looks_like_prose(text: str) -> bool:
    """A line of article text, which ends a block: a continuation, a long line, several sentences."""
    if _CONTINUATION.match(text):
        return True
    words = _words(text)
    if words > 40:
        return True
    sentences = len(_SENTENCE_END.findall(text.rstrip(".!?… ") + "."))
    return sentences >= 2 and words >= 20


# -- user packs --------------------------------------------------------------------------------

def load_user_packs(paths: list[Path]) -> dict[str, type[Rule]]:
    """Rule classes for the packs in ``paths`` (files or folders of *.yml / *.yaml).

    A pack that declares a new code becomes a new rule (packs sharing a code are merged); a pack
    that names a built-in CL2xx code yields a subclass of that built-in rule whose entries are the
    built-in ones plus the user's: the caller replaces the built-in class with it.
    Raises PackError for an invalid pack (every pack is validated before any rule is built).
    Cached per set of files and modification times.
    """
    files = _pack_files(Path(p) for p in paths)
    for f in files:
        if not f.is_file():
            raise PackError("no such pack file", f)
    key = tuple((str(f.resolve()), f.stat().st_mtime_ns) for f in files)
    return dict(_load_user_packs(key))


@lru_cache(maxsize=32)
def _load_user_packs(files: tuple[tuple[str, int], ...]) -> tuple[tuple[str, type[Rule]], ...]:
    packs = [load_pack(path) for path, _ in files]
    by_code: dict[str, list[Pack]] = {}
    for pack in packs:
        by_code.setdefault(pack.rule, []).append(pack)
    builtins = _builtin_pack_rules()
    out = []
    for code, group in sorted(by_code.items()):
        if code in builtins:
            base = builtins[code]
            cls = type(base.__name__, (base,), {"extra_packs": tuple(group), "__doc__": base.__doc__,
                                               "__module__": base.__module__})
        elif code.startswith("CL"):
            raise PackError(f"code {code} is in corpuslint's own CL range and is not a pack rule; "
                            "give user rules their own prefix (e.g. ACME101)", group[0].path)
        else:
            cls = _user_rule(code, group)
        out.append((code, cls))
    return tuple(out)


def _builtin_pack_rules() -> dict[str, type[PackRule]]:
    from corpuslint.registry import builtin_rules

    return {c: r for c, r in builtin_rules().items() if isinstance(r, type) and issubclass(r, PackRule)}


def _user_rule(code: str, packs: list[Pack]) -> type[PackRule]:
    head = packs[0]
    name = next((p.name for p in packs if p.name), None)
    message = next((p.message for p in packs if p.message), None)
    if not name or not message:
        raise PackError(f"a pack that declares the new code {code} needs name and message", head.path)
    docs = dict(next((p.docs for p in packs if p.docs), ()))
    summary = next((p.summary for p in packs if p.summary), message)
    apps = {e.applicability for p in packs for e in p.entries
            if e.kind in ("line", "block", "substitution") or e.fix == "delete"}
    fix = "none" if not apps else apps.pop().value if len(apps) == 1 else "sometimes"
    doc = inspect.cleandoc(f"""{summary}

    ## What it does
    {docs.get('what', message)}

    ## Why is this bad?
    {docs.get('why', 'Declared by a user pack: ' + ', '.join(p.path for p in packs))}

    ## Example
    {docs.get('example', '(none given)')}

    ## Fix safety
    {docs.get('fix_safety', 'As declared per entry: ' + fix)}
    """)
    class_name = "".join(part.capitalize() for part in name.split("-")) or code
    return type(class_name, (PackRule,), {
        "__doc__": doc, "__module__": __name__, "code": code, "name": name,
        "fix_applicability": fix, "extra_packs": tuple(packs),
    })
