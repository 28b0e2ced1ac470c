"""The boilerplate pack engine: declarative YAML rule packs (Vale-like) compiled into line scanners.

A *pack* is one YAML file (loaded with ``yaml.safe_load`` only). Built-in packs live in
``rules/packs/<lang>/*.yml`` and feed the CL2xx rules (one tiny module per code, e.g.
``rules/comment_prompt.py``); users add packs with ``load_user_packs``. The commented example
``rules/packs/example.yml.txt`` shows every key.

Pack keys
    rule           required. A code. Built-in packs use CL2xx; a user pack either names a built-in
                   code (its entries extend that rule) or declares a new code (not CL…) plus:
    name           kebab-case rule name (required for a new code)
    message        default message of the entries (required for a new code)
    summary        one-line summary for ``corpuslint rule CODE`` (defaults to ``message``)
    docs           optional mapping: what, why, example, fix_safety (the four doc sections)
    lang           required. A language code (fr, en, de …) or "*" for every language. An entry
                   runs on documents of its pack's language; documents whose language is unknown
                   ("und", "mixed", "") get every pack.
    applicability  default fix applicability of the entries: safe | unsafe (default unsafe)
    entries        required, a non-empty list of entries.

Entry keys (all kinds)
    kind           line | block | existence | substitution
    phrases        literal phrases, matched robustly: any case, accents optional (see
                   ``ignore_accents``), apostrophe variants (' ’ ʼ), any run of spaces (no-break
                   ones too), optional space before ? ! : ; », hyphen or space or nothing for "-",
                   "…" or "...". Trailing punctuation of a phrase is optional.
    pattern        instead of phrases: a regex (``regex`` module syntax, case-insensitive).
                   User patterns run with a timeout; one that times out is disabled and reported.
    message        the finding's message (defaults to the pack's message)
    applicability  safe | unsafe (defaults to the pack's)
    ignore_accents true (default) | false: an accented letter of a phrase also matches the bare
                   letter and its other accents ("déjà" matches "deja", "dèjá")

Line and block entries (anchored: the *whole line* must be the boilerplate)
    The phrase or pattern must start the line, after optional indentation, list or quote markers,
    Markdown heading or bold markers and bullets (- • * » ► →). Trailing punctuation, ">>", "›",
    "…" and bold markers may end it. What may follow the phrase is set by ``rest``:
    rest           none (default): nothing. title: a separator (: >> › | –) or a capital, then a
                   title of at most 30 words and one sentence (a Markdown link counts as its text).
                   any: anything (bound it with max_words).
    separator      true: what follows the phrase must open with a separator (: >> › | –), so that
                   "Recommended: …" matches and the heading "Recommended Apps for Students" does not
    max_words      the whole line has at most this many words
    zone           any (default) | head | tail: only in the first / last 5 non-blank lines
    skip_title     true: never match the document's first non-blank line (its headline)

Block entries (the phrase/pattern matches the first line; the block then runs on)
    max_lines      lines in the block, first included (default 5)
    body           {phrases: […]} or {pattern: …}: searched in a following line; a line that
                   matches joins the block
    body_max_words a following line of at most this many words joins without matching body
                   (default 8; 0 = only body lines)
    stop           {phrases: […]} or {pattern: …}: a line that starts with it ends the block
    A block always ends at a blank line, at max_lines, and before a line that looks like article
    prose (it starts in lower case or with punctuation, or is long, or holds several sentences).

Existence and substitution entries (searched anywhere inside a line)
    fix            existence only: none (default, flag only) | delete (remove the match)
    replace        substitution only, required: the replacement (may use \\1 or \\g<name>)

Whole-line and block removals take one adjacent blank line with them when the debris sits between
two blank lines or at either end of the text, so that no paragraph break is doubled.

Speed: built-in packs load once per process (``lru_cache``); each rule compiles its line entries,
its block starts and its in-line entries into one alternation each per language, scanned over the
whole text at once (a C-level pass that finds nothing on most documents); per-line Python work
only happens on lines that matched.
"""
from __future__ import annotations

import inspect
import logging
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Iterable, Iterator

import regex
import yaml

from corpuslint.document import Document, Line
from corpuslint.finding import Applicability, Edit, Finding, Fix
from corpuslint.rule import Rule

log = logging.getLogger("corpuslint.packs")

PACK_DIR = Path(__file__).with_name("packs")
KINDS = ("line", "block", "existence", "substitution")
RESTS = ("none", "title", "any")
ZONES = ("any", "head", "tail")
ZONE_LINES = 5
TITLE_MAX_WORDS = 30
UNKNOWN_LANGS = frozenset({"", "und", "mixed", "*", "xx", "unknown"})
# Seconds a scan may take per document, plus a share per character of text (huge documents).
MATCH_TIMEOUT = 0.5
TIMEOUT_PER_MCHAR = 2.0

_PACK_KEYS = {"rule", "lang", "name", "message", "summary", "docs", "applicability", "entries"}
_DOCS_KEYS = {"what", "why", "example", "fix_safety"}
_COMMON_KEYS = {"kind", "phrases", "pattern", "message", "applicability", "ignore_accents"}
_KIND_KEYS = {
    "line": {"rest", "separator", "max_words", "zone", "skip_title"},
    "block": {"rest", "separator", "max_words", "zone", "skip_title", "max_lines", "body", "body_max_words",
              "stop"},
    "existence": {"fix"},
    "substitution": {"replace"},
}
_CODE = regex.compile(r"[A-Z]{2,5}[0-9]{3,4}")
_NAME = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_LANG = regex.compile(r"\*|[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.V0

# Around an anchored entry: indentation, Markdown markers, bullets, bold; trailing punctuation.
_SP = r"[^\S\n]"
# Emoji and arrows (\p{So}, \p{Sm}) decorate labels: "📬 Newsletter", "Actualiser ce direct ↻".
_LEAD = (rf"{_SP}*(?:(?:#{{1,6}}|>|[-–—•·*+►▶▸→»(]|\p{{So}}|\d{{1,2}}[.)]){_SP}*)*"
         rf"(?:\*\*|__|\*|_)?{_SP}*")
_TAIL = rf"(?:{_SP}*(?:[.:;,!?…»›→|)*_>]|\p{{So}}|\p{{Sm}}|\.\.\.))*{_SP}*"
_SEP = rf"(?:{_SP}*(?:[:>»›→|–—*_…·•]|-)+{_SP}*|{_SP}+)"
_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})", regex.M)
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")
_MD_LINK = regex.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_URL = regex.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_BREAK = regex.compile(r"[.!?…][\"»”’)]?\s+[\"«“]?\p{Lu}")
_SENTENCE_END = regex.compile(r"[.!?…][\"»”’)]?(?=\s|$)")


class PackError(ValueError):
    """A pack file is invalid (or one of its patterns misbehaved): names the file and the entry."""

    def __init__(self, message: str, path: str | Path = "<pack>", entry: int | None = None,
                 line: int | None = None):
        where = str(path)
        if entry is not None:
            where += f": entry {entry}"
        if line is not None:
            where += f" (line {line})"
        super().__init__(f"{where}: {message}")
        self.path, self.entry, self.line, self.reason = str(path), entry, line, message


# -- the pack model ------------------------------------------------------------------------

@dataclass(frozen=True)
class Matcher:
    """A phrase list or a pattern, as one regex source (no anchors, no flags)."""

    source: str
    literal: bool  # built from phrases


@dataclass(frozen=True)
class Entry:
    kind: str
    matcher: Matcher
    message: str
    applicability: Applicability
    path: str                        # where it was declared, for errors
    index: int
    line: int | None
    rest: str = "none"
    separator: bool = False
    max_words: int | None = None
    zone: str = "any"
    skip_title: bool = False
    max_lines: int = 5
    body: Matcher | None = None
    body_max_words: int = 8
    stop: Matcher | None = None
    fix: str = "none"
    replace: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path}: entry {self.index}" + (f" (line {self.line})" if self.line else "")

    @property
    def anchored(self) -> bool:
        return self.kind in ("line", "block")

    def line_source(self, tag: str = "") -> str:
        """The anchored form: LEAD (?P<e…>phrase) (?P<r…>rest) TAIL, one line."""
        rest = {"none": "", "any": rf"(?P<_r{tag}>[^\n]*?)",
                "title": rf"(?P<_r{tag}>{_SEP}\S[^\n]*?)?"}[self.rest]
        return rf"(?P<_e{tag}>{self.matcher.source}){rest}"


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
            out.append(f"(?:[{_HYPHENS}]|{_SP})?")
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
        data = yaml.safe_load(text)  # never yaml.load: a pack must not build Python objects
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
        built = tuple(_load_entry(raw, path, i, None, default_msg, default_app) for i, raw in enumerate(entries))
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


def _load_entry(raw, path, i: int, line: int | None, default_msg, default_app) -> Entry:
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
    matcher = _matcher(raw, fail, accents, anchored=kind in ("line", "block"))
    opts: dict = {}
    if "rest" in raw:
        if raw["rest"] not in RESTS:
            raise fail(f"rest must be one of {', '.join(RESTS)}, not {raw['rest']!r}")
        opts["rest"] = raw["rest"]
    if "zone" in raw:
        if raw["zone"] not in ZONES:
            raise fail(f"zone must be one of {', '.join(ZONES)}, not {raw['zone']!r}")
        opts["zone"] = raw["zone"]
    for key, minimum in (("max_words", 1), ("max_lines", 1), ("body_max_words", 0)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
                raise fail(f"{key} must be an integer >= {minimum}, not {v!r}")
            opts[key] = v
    for key in ("skip_title", "separator"):
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
            opts[key] = _matcher(sub, lambda m, k=key: fail(f"{k}: {m}"), accents, anchored=key == "stop")
    if kind == "existence":
        fix = raw.get("fix", "none")
        if fix not in ("none", "delete"):
            raise fail(f"fix must be none or delete, not {fix!r}")
        opts["fix"] = fix
    if kind == "substitution":
        if not isinstance(raw.get("replace"), str):
            raise fail("a substitution needs replace: the replacement text")
        opts["replace"] = raw["replace"]
        try:  # the template must only name groups the pattern has
            _check_template(regex.compile(matcher.source, _FLAGS), raw["replace"])
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


def _matcher(raw: dict, fail, accents: bool, anchored: bool) -> Matcher:
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
        return Matcher("(?:" + "|".join(alts) + ")", True)
    pattern = raw["pattern"]
    if not isinstance(pattern, str) or not pattern:
        raise fail("pattern must be a non-empty string")
    try:
        compiled = regex.compile(pattern, _FLAGS)
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
    return Matcher(f"(?:{pattern})", False)


def _pack_files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.suffix in (".yml", ".yaml") and q.is_file())
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


# -- compiled scanners -----------------------------------------------------------------------

@dataclass
class Scanner:
    """One combined regex over a list of entries, with per-entry fallbacks and timeouts."""

    entries: list[Entry]
    anchored: bool
    errors: list[PackError]
    disabled: set[int] = field(default_factory=set)

    def __post_init__(self):
        self._singles: dict[int, regex.Pattern] = {}
        self._build()

    def _source(self, i: int, e: Entry) -> str:
        return f"^{_LEAD}{e.line_source(str(i))}{_TAIL}$" if self.anchored else \
            f"(?P<_e{i}>{e.matcher.source})"

    def _build(self):
        live = [(i, e) for i, e in enumerate(self.entries) if i not in self.disabled]
        self.combined = None
        if not live:
            return
        try:
            self.combined = regex.compile("|".join(f"(?:{self._source(i, e)})" for i, e in live), _FLAGS)
        except regex.error:  # e.g. clashing inline flags: fall back to one regex per entry
            self.combined = None
        self._live = [i for i, _ in live]

    def single(self, i: int) -> regex.Pattern:
        if i not in self._singles:
            self._singles[i] = regex.compile(self._source(i, self.entries[i]), _FLAGS)
        return self._singles[i]

    def _disable(self, i: int, why: str):
        self.disabled.add(i)
        e = self.entries[i]
        err = PackError(why, e.path, e.index, e.line)
        self.errors.append(err)
        log.warning("%s", err)
        self._build()

    def finditer(self, text: str) -> Iterator[tuple[int, regex.Match]]:
        """(entry index, match) over ``text``; a pattern that times out is disabled, not fatal."""
        if not any(i not in self.disabled for i in range(len(self.entries))):
            return
        timeout = MATCH_TIMEOUT + TIMEOUT_PER_MCHAR * len(text) / 1e6
        if self.combined is not None:
            try:
                hits = []
                for m in self.combined.finditer(text, timeout=timeout):
                    hits.append((self._which(m), m))
                yield from hits
                return
            except TimeoutError:
                pass
        # One regex per entry: slower, but a runaway pattern only costs its own entry.
        hits = []
        for i in [j for j in range(len(self.entries)) if j not in self.disabled]:
            try:
                hits += [(i, m) for m in self.single(i).finditer(text, timeout=timeout)]
            except TimeoutError:
                self._disable(i, f"pattern timed out after {timeout:.2f}s (catastrophic backtracking?); "
                                 "entry disabled")
        hits.sort(key=lambda h: (h[1].start(), h[0]))
        yield from hits

    def _which(self, m: regex.Match) -> int:
        for name, value in m.groupdict().items():
            if value is not None and name.startswith("_e") and name[2:].isdigit():
                return int(name[2:])
        raise AssertionError("combined match without an entry group")  # pragma: no cover

    def match_line(self, text: str, skip: int | None = None) -> Iterator[tuple[int, regex.Match]]:
        """Every live entry (but ``skip``) that matches one line on its own, in pack order."""
        for i in range(len(self.entries)):
            if i in self.disabled or i == skip:
                continue
            try:
                m = self.single(i).search(text, timeout=MATCH_TIMEOUT)
            except TimeoutError:
                self._disable(i, "pattern timed out (catastrophic backtracking?); entry disabled")
                continue
            if m:
                yield i, m


class PackSet:
    """The compiled entries of one rule: scanners per document language, built on first use."""

    def __init__(self, packs: tuple[Pack, ...]):
        self.packs = packs
        self.errors: list[PackError] = []
        self._by_lang: dict[str, tuple[Scanner, Scanner, Scanner]] = {}

    def scanners(self, lang: str) -> tuple[Scanner, Scanner, Scanner]:
        key = "*" if (lang or "").lower() in UNKNOWN_LANGS else lang.split("-")[0].lower()
        if key not in self._by_lang:
            entries = [e for p in self.packs if key == "*" or p.lang in ("*", key) for e in p.entries]
            self._by_lang[key] = (
                Scanner([e for e in entries if e.kind == "block"], True, self.errors),
                Scanner([e for e in entries if e.kind == "line"], True, self.errors),
                Scanner([e for e in entries if not e.anchored], False, self.errors),
            )
        return self._by_lang[key]


# -- the rule --------------------------------------------------------------------------------

class PackRule(Rule):
    """Base of every rule fed by YAML packs (built-in CL2xx rules and user rules)."""

    category = "boilerplate"
    fix_applicability = "sometimes"
    extra_packs: ClassVar[tuple[Pack, ...]] = ()

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
        blocks, lines, inline = self.packset().scanners(doc.lang)
        yield from _Scan(self, doc, blocks, lines).anchored()
        yield from self._inline(doc, inline)

    # -- in-line kinds --
    def _inline(self, doc: Document, scanner: Scanner) -> Iterator[Finding]:
        if not scanner.entries:
            return
        for i, m in scanner.finditer(doc.text):
            entry = scanner.entries[i]
            start, end = m.span()
            if start == end:
                continue
            if entry.kind == "substitution":
                own = scanner.single(i).match(doc.text, start)
                new = own.expand(entry.replace) if own else entry.replace
                if new == m.group():
                    continue
                fix = Fix(( Edit(start, end, new),), entry.applicability, f"Replace with {new!r}")
                yield self.finding(start, end, entry.message, fix)
            elif entry.fix == "delete":
                start, end = _deletion_span(doc.text, start, end)
                fix = Fix((Edit.deletion(start, end),), entry.applicability, "Remove it")
                yield self.finding(start, end, entry.message, fix)
            else:
                yield self.finding(start, end, entry.message)


class _Scan:
    """The anchored kinds on one document: block starts, their extent, whole lines."""

    def __init__(self, rule: PackRule, doc: Document, blocks: Scanner, lines: Scanner):
        self.rule, self.doc, self.blocks, self.lines = rule, doc, blocks, lines
        self._nonblank: list[int] | None = None
        self._code: set[int] | None = None

    def in_code(self, ln: Line) -> bool:
        """Inside a fenced code block, even in a plain-text document (READMEs saved as .txt)."""
        if self._code is None:
            self._code = set()
            if "```" in self.doc.text or "~~~" in self.doc.text:
                fence = None
                for line in self.doc.lines:
                    m = _FENCE.match(line.text)
                    if fence is None and m:
                        fence = m.group(1)
                    elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                        fence = None
                    elif fence is not None:
                        self._code.add(line.index)
        return ln.index in self._code

    def anchored(self) -> Iterator[Finding]:
        doc = self.doc
        line_hits = {}
        for i, m in self.lines.finditer(doc.text):
            for ln, hit in self._accepted(self.lines, i, m):
                line_hits.setdefault(ln.index, hit)
        taken: set[int] = set()
        out: list[Finding] = []
        for i, m in self.blocks.finditer(doc.text):
            for ln, (j, _) in self._accepted(self.blocks, i, m):
                if ln.index in taken:
                    continue
                entry = self.blocks.entries[j]
                last = self._extent(entry, ln)
                if last.index == ln.index and ln.index in line_hits:
                    continue  # a one-line block that a line entry describes better
                taken.update(range(ln.index, last.index + 1))
                n = last.index - ln.index + 1
                out.append(self._removal(entry, ln, last, f"Remove the block ({n} line{'s' * (n > 1)})"))
        # Consecutive boilerplate lines (a comment widget, a footer) form a region, removed as one
        # run per applicability; the blank line around the region is taken once (see removal_span).
        regions: list[list[tuple[int, Entry]]] = []
        for idx, (j, _) in sorted(line_hits.items()):
            if idx in taken:
                continue
            if regions and regions[-1][-1][0] == idx - 1:
                regions[-1].append((idx, self.lines.entries[j]))
            else:
                regions.append([(idx, self.lines.entries[j])])
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
        return iter(out)

    def _accepted(self, scanner: Scanner, i: int, m: regex.Match):
        """The (line, (entry, match)) pairs that a scan hit stands for, after Python-side checks."""
        doc = self.doc
        if "\n" in m.group():  # a user pattern crossed a line break: judge its lines one by one
            first, last = doc.line_at(m.start()).index, doc.line_at(m.end()).index
            candidates = [(doc.lines[k], None) for k in range(first, last + 1)]
        else:
            candidates = [(doc.line_at(m.start()), (i, m))]
        for ln, hit in candidates:
            if hit is not None:
                e = scanner.entries[hit[0]]
                if self._accept(e, ln, _rest(hit[1], hit[0])):
                    yield ln, hit
                    continue
            # The alternation's first fit failed the checks: another entry may fit this line.
            for j, mm in scanner.match_line(ln.text, skip=hit[0] if hit else None):
                if "\n" not in mm.group() and self._accept(scanner.entries[j], ln, _rest(mm, j)):
                    yield ln, (j, mm)
                    break

    def _accept(self, e: Entry, ln: Line, rest: str | None) -> bool:
        if self.in_code(ln):
            return False
        content = ln.content
        if e.max_words is not None and _words(content) > e.max_words:
            return False
        if rest is not None and (e.separator and not _has_separator(rest) or
                                 e.rest == "title" and not _is_title(rest)):
            return False
        if e.zone != "any" or e.skip_title:
            nonblank = self.nonblank()
            if e.skip_title and nonblank and nonblank[0] == ln.index:
                return False
            if e.zone == "head" and ln.index not in nonblank[:ZONE_LINES]:
                return False
            if e.zone == "tail" and ln.index not in nonblank[-ZONE_LINES:]:
                return False
        return True

    def nonblank(self) -> list[int]:
        if self._nonblank is None:
            self._nonblank = [ln.index for ln in self.doc.lines if not ln.is_blank]
        return self._nonblank

    def _extent(self, e: Entry, first: Line) -> Line:
        """The last line of the block that starts at ``first``."""
        lines, last = self.doc.lines, first
        for k in range(first.index + 1, min(len(lines), first.index + e.max_lines)):
            ln = lines[k]
            text = ln.content.strip()
            if not text or _looks_like_prose(text):
                break
            if e.stop is not None and _search(e.stop, text, anchored=True):
                break
            in_body = e.body is not None and _search(e.body, text, anchored=False)
            if not in_body and not (0 < e.body_max_words and _words(text) <= e.body_max_words):
                break
            last = ln
        return last

    def _removal(self, e: Entry, first: Line, last: Line, fix_message: str, **kw) -> Finding:
        start, end = removal_span(self.doc, first, last, **kw)
        fix = Fix((Edit.deletion(start, end),), e.applicability, fix_message)
        return self.rule.finding(start, end, e.message, fix)


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


def _rest(m: regex.Match, i: int) -> str | None:
    try:
        r = m.group(f"_r{i}")
    except IndexError:
        return None
    return r


def _search(matcher: Matcher, text: str, anchored: bool) -> bool:
    src = f"^{_LEAD}{matcher.source}" if anchored else matcher.source
    try:
        return _compiled(src).search(text, timeout=MATCH_TIMEOUT) is not None
    except TimeoutError:
        return False


@lru_cache(maxsize=4096)
def _compiled(src: str) -> regex.Pattern:
    return regex.compile(src, _FLAGS)


def _words(text: str) -> int:
    return len(_WORD.findall(_URL.sub(" ", _MD_LINK.sub(r"\1", text))))


def _has_separator(rest: str) -> bool:
    sep = regex.match(_SEP, rest)
    return bool(sep and sep.group().strip())


def _is_title(rest: str) -> bool:
    """What follows "Read more:" is a headline: short, one sentence."""
    sep = regex.match(rf"{_SEP}", rest)
    body = rest[sep.end():] if sep else rest
    had_sep = bool(sep and sep.group().strip())
    body = _URL.sub(" ", _MD_LINK.sub(r"\1", body)).strip(" *_")
    if not body:
        return True
    if not had_sep and not regex.match(r"[\p{Lu}\p{N}«\"“'\[]", body):
        return False
    if _words(body) > TITLE_MAX_WORDS:
        return False
    return not _SENTENCE_BREAK.search(body.rstrip(".!?… "))


def _looks_like_prose(text: str) -> bool:
    """A line of article text, which ends a block: a continuation, a long line, several sentences."""
    if regex.match(r"[\p{Ll},;)\]]", text):
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
    """
    return dict(_load_user_packs(tuple(str(Path(p).resolve()) for p in paths)))


@lru_cache(maxsize=32)
def _load_user_packs(paths: tuple[str, ...]) -> tuple[tuple[str, type[Rule]], ...]:
    packs = [load_pack(p) for p in _pack_files(map(Path, paths))]
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
