"""The shared grammar engine behind the CL5xx rules.

Per document: build the prose segments (prose.py), pick a backend per segment language,
fetch slips from the cache or the backend, add corpuslint's own checks (patterns_en.py,
patterns_fr.py), map them to categories, drop false alarms (filters.py) and debris already
reported, settle agreement conflicts (conflicts.py), and turn them into findings with file
offsets. The result is kept
per document and category set, so the eight CL5xx rules share one backend run.
"""
from __future__ import annotations

import sys
import weakref

import regex

from corpuslint.finding import Edit, Fix

from . import (backend_grammalecte, backend_harper, backend_languagetool, conflicts, filters, harper_lints,
               patterns_en, patterns_fr, prose)
from .cache import SlipCache, key
from .config import GrammarConfig, GrammarUnavailable
from .language import segment_language
from .mapping import categorize, is_mechanical
from .slip import AGREEMENT, CATEGORIES, CATEGORY_CODES, DEFAULT_CATEGORIES, Slip

LANGUAGE_NAMES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch"}


class _State:
    def __init__(self, config: GrammarConfig):
        self.config = config
        self.cache = SlipCache(config.cache_dir)
        self.backends = {
            "grammalecte": backend_grammalecte.Grammalecte(config.grammalecte, config.profile),
            "harper": backend_harper.Harper(config.harper, config.profile),
            "languagetool": backend_languagetool.LanguageTool(config.languagetool, config.profile),
        }
        self.broken: set[str] = set()      # backends that failed at run time in this process
        self.per_doc: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def backend_for(self, lang: str):
        """The backend that checks ``lang``, or None (grammar off for it)."""
        choice = self.config.backend_for(lang)
        if choice == "off":
            return None
        if choice == "auto":
            embedded = {"fr": "grammalecte", "en": "harper"}.get(lang)
            lt = self.backends["languagetool"]
            lt_ok = bool(self.config.languagetool.url) or backend_languagetool.local_jar_dir() is not None
            if embedded and embedded not in self.broken and self.backends[embedded].available():
                return self.backends[embedded]
            if lt_ok and "languagetool" not in self.broken:
                return lt
            if embedded:
                self.missing(self.backends[embedded], lang)
            return None
        backend = self.backends[choice]
        if choice in self.broken or not backend.available():
            self.missing(backend, lang)
            return None
        return backend

    def missing(self, backend, lang: str, detail: str = "") -> None:
        what = f"{LANGUAGE_NAMES.get(lang, lang)} grammar (CL5xx)"
        why = detail or f"{backend.name} is not installed"
        if self.config.required:
            raise GrammarUnavailable(f"{what}: {why}; {backend.install_hint}")
        _warn_once(f"{backend.name}:{lang}",
                   f"corpuslint: {what} skipped: {why}; {backend.install_hint} (or --no-grammar)")


_WARNED: set[str] = set()


def _warn_once(tag: str, line: str) -> None:
    if tag not in _WARNED:
        _WARNED.add(tag)
        print(line, file=sys.stderr)


_SUBJECT_CHECKS = {"inserted-clause-agreement", "relative-qui-agreement", "plural-subject-singular-verb",
                   # the auxiliary mistyped ("on affiché", "c'est détachée", "son accessibles"): the
                   # checker then agrees the participle with the wrong word
                   "on-for-ont", "c-for-s", "son-for-sont"}
_STATE: _State | None = None


def state() -> _State:
    global _STATE
    if _STATE is None:
        from . import pending_config

        _STATE = _State(pending_config())
    return _STATE


def configure(config: GrammarConfig) -> bool:
    """Use ``config`` from now on; False when it was already in use (the warm caches stay)."""
    global _STATE
    if _STATE is not None and _STATE.config == config:
        return False
    _STATE = _State(config)
    return True


def ensure_available(languages=("fr", "en")) -> None:
    """With ``required``, raise GrammarUnavailable now for a language whose backend is missing."""
    st = state()
    if not st.config.enabled:
        return
    for lang in languages:
        backend = st.backend_for(lang)
        if isinstance(backend, backend_languagetool.LanguageTool):
            try:
                backend.ping()
            except backend_languagetool.Unreachable as exc:
                st.broken.add(backend.name)
                st.missing(backend, lang, f"LanguageTool is not reachable ({exc})")


def findings_for(doc, rule) -> list:
    """The findings of ``rule`` (a CL5xx rule) on ``doc``."""
    st = state()
    if not st.config.enabled:
        return []
    categories = frozenset(DEFAULT_CATEGORIES | {rule.slip_category})
    prior_key = tuple((f.code, f.start, f.end) for f in doc.prior)
    memo = st.per_doc.setdefault(doc, {})
    mk = (categories, prior_key)
    if mk not in memo:
        memo[mk] = _check(doc, categories, st)
    return [rule.finding(s, e, msg, fix, **extra) for code, s, e, msg, fix, extra in memo[mk]
            if code == rule.code]


def _check(doc, categories: frozenset[str], st: _State) -> list[tuple]:
    prior_spans = [(f.start, f.end) for f in doc.prior if not f.code.startswith("CL5")]
    merges = [(f.start, f.end) for f in doc.prior if f.code in _MERGE_CODES]
    out = []
    for seg in prose.segments(doc):
        lang = segment_language(seg.text, doc.lang)
        backend = st.backend_for(lang) if lang else None
        if backend is not None:
            out.extend(_findings(seg, _slips(st, backend, seg.text, lang, categories), lang, prior_spans, merges))
    return out


# Merged words (CL401-CL403): the checker reads "les députésont adopté" as "député" with "adopté",
# so a slip on the word next to a merge is a misreading of it.
_MERGE_CODES = frozenset({"CL401", "CL402", "CL403"})
_NEXT_WORD = 2  # characters between a merge and the slip: a space, or a space and an apostrophe


def _slips(st: _State, backend, text: str, lang: str, categories: frozenset[str]) -> tuple[Slip, ...]:
    """The backend's slips on ``text``, false alarms removed: cached, so a hit loads nothing."""
    k = key(backend.name, backend.version(), backend.signature(categories), lang, text)
    found = st.cache.get(k)
    if found is not None:
        return found
    try:
        slips = list(backend.check(text, lang, categories))
    except backend_languagetool.Unreachable as exc:
        st.broken.add(backend.name)
        st.missing(backend, lang, f"LanguageTool is not reachable ({exc})")
        return ()
    except (ImportError, OSError) as exc:   # an installed but broken engine
        st.broken.add(backend.name)
        st.missing(backend, lang, f"{backend.name} failed to load ({exc})")
        return ()
    slips = [harper_lints.refine(s, text) if s.backend == "harper" else s for s in slips]
    own = patterns_en.check(text, tuple(slips)) if lang == "en" else patterns_fr.check(text) if lang == "fr" else []
    unknown = tuple((s.start, s.end) for s in slips
                    if _marks_unknown_word(s) and not _listed(text[s.start:s.end], lang))

    def judge(slip):
        cat = categorize(slip)
        return cat, bool(cat) and filters.keep(cat, text, slip.start, slip.end, lang, slip.upstream, unknown)

    verdict = {id(sl): judge(sl) for sl in slips}
    if own:  # corpuslint's own checks, where the backend has none or a noisy one
        # A backend slip that its filters drop leaves the words to ours ("had there chances":
        # Harper's ThereToTheir falls to a French-looking neighbour, our frame reads English).
        taken = [(sl.start, sl.end) for sl in slips
                 if verdict[id(sl)][0] in DEFAULT_CATEGORIES and verdict[id(sl)][1]]
        own = [s for s in own if not any(a < s.end and s.start < b for a, b in taken)]
        # A verb made plural by our subject check: the backend's agreement slip just after it
        # ("doit être testés" -> "testé") agreed with the wrong verb; it goes.
        verbs = [s.end for s in own if s.rule in _SUBJECT_CHECKS]
        slips = [s for s in slips if not (categorize(s) == AGREEMENT and any(0 <= s.start - v <= 30 for v in verbs))]
        slips += own
        verdict.update((id(sl), judge(sl)) for sl in own)
    verdicts = [(sl, *verdict[id(sl)]) for sl in slips if verdict[id(sl)][0]]
    # One conflict reported as alternatives ("leur" -> "leurs" or "produits" -> "produit"):
    # if one side is a false alarm, so is the conflict.
    dropped = [(_conflict(s), s.start) for s, _, ok in verdicts if not ok and _conflict(s)]
    found = tuple(s for s, cat, ok in verdicts if ok and cat in categories
                  and not any(c == _conflict(s) and abs(s.start - at) < 40 for c, at in dropped))
    if conflicts.groups(found):
        found = conflicts.resolve(found, text, lambda fixed: list(backend.check(fixed, lang, categories)))
    found = conflicts.pronoun_side(found, text)
    found = _a_or_participle(found, text)
    found = _incoherence_after_fix(found, text)
    # A gender slip with no feminine (or masculine) to offer is a noun in apposition or an invariable
    # word ("sortie club", "tribune ouest"): it has no form to agree.
    found = tuple(s for s in found if not (s.backend == "grammalecte" and categorize(s) == AGREEMENT
                                           and not s.suggestions and _GENDER.search(s.message)))
    # An agreement "fix" that only changes accents makes another word ("fiches" -> "fichés"); not
    # for the short homographs whose accent is the slip ("ont du recourir" -> "dû").
    found = tuple(s for s in found if not (categorize(s) == AGREEMENT and s.suggestions
                                           and text[s.start:s.end].lower() not in _ACCENT_HOMOGRAPHS and all(
        conflicts.accent_only(text[s.start:s.end], r) for r in s.suggestions)))
    st.cache.put(k, found)
    return found


# "la ville a décider de", "qui a recruter ses": Grammalecte offers both "à" and the participle, and
# applying both is wrong ("à décidé"). After a subject (a pronoun, or a determiner and a noun) "a" is
# the verb and the infinitive is the slip; without one ("Maison a vendre") the preposition is.
_SUBJECT_BEFORE_A = regex.compile(
    r"(?i)(?:\b(?:il|elle|on|qui)|\b(?:le|la|les|l['’]|un|une|des|ce|cet|cette|ces|son|sa|ses|leur|notre|votre)\s*\p{L}+)\s+$")


# "ont du improviser": Grammalecte reports "du" -> "dû" and, on the next word, its "incoherence
# with du"; the first fix settles both, so the second slip goes.
_INCOHERENCE = regex.compile(r"Incohérence avec [“«\"] ?([\p{L}'’-]+)")


def _incoherence_after_fix(found: tuple, text: str) -> tuple:
    drop = set()
    for s in found:
        m = _INCOHERENCE.search(s.message)
        if m and any(o is not s and o.suggestions and text[o.start:o.end].lower() == m.group(1).lower()
                     and 0 < s.start - o.end <= 2 for o in found):
            drop.add(id(s))
    return tuple(s for s in found if id(s) not in drop) if drop else found


_GOVERNED_BEFORE_A = regex.compile(
    r"(?i)(?<!\p{L})(?:est|sont|était|étaient|sera|seront|serait|seraient|été|être|a|ont|avait|avaient|aura"
    r"|auront)\s+(?:(?:pas|plus|bien|déjà|toujours|très|fortement|tous|toutes)\s+)?"
    r"\p{Ll}+(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies|t|te|ts|tes)\s+$")


def _a_or_participle(found: tuple, text: str) -> tuple:
    prepositions = [s for s in found if s.upstream.startswith("grammalecte:") and "conf_à_a_infinitif" in s.upstream]
    drop = set()
    for a in prepositions:
        participle = next((s for s in found if s.upstream.startswith("grammalecte:") and "ppas" in s.upstream
                           and 0 < s.start - a.end <= 2), None)
        if participle is None:
            continue
        subject = _SUBJECT_BEFORE_A.search(text, max(0, a.start - 40), a.start) is not None
        drop.add(id(a) if subject else id(participle))
    # The other way round, "s'est engagée à prolongé": Grammalecte offers "a" for "à" and the
    # infinitive for the participle. After an auxiliary and a participle or an adjective ("s'est
    # engagée à", "sont prêts à") "à" is the preposition and the infinitive is the slip; elsewhere
    # ("Ryanair à annoncé") the verb "a" is.
    for a in (s for s in found if "conf_a_à_verbe" in s.upstream and text[s.start:s.end].lower() == "à"):
        other = next((s for s in found if "conf_a_à_verbe" in s.upstream and 0 < s.start - a.end <= 2), None)
        if other is not None and _GOVERNED_BEFORE_A.search(text, max(0, a.start - 60), a.start):
            drop.add(id(a))
    return tuple(s for s in found if id(s) not in drop) if drop else found


_GENDER = regex.compile(r"genre|féminin|masculin")
_ACCENT_HOMOGRAPHS = frozenset({"du", "a", "ou", "la", "sur", "mur", "cru", "crus"})


def _one_per_span(kept: list, text: str) -> list:
    """Several upstream rules on the same words: keep the mechanical one, else the first category."""
    def rank(item):
        cat, slip = item[0], item[1]
        repl = slip.suggestions[0] if slip.suggestions else None
        mech = repl is not None and is_mechanical(slip, text[slip.start:slip.end], repl)
        return (not mech, CATEGORIES.index(cat), slip.start)

    out: list = []
    for item in sorted(kept, key=rank):
        slip = item[1]
        if not any(o.start == slip.start and o.end == slip.end for _, o, _, _ in out):
            out.append(item)
    return sorted(out, key=lambda item: (item[1].start, item[1].end))


# Grammalecte's alternatives of one conflict share a rule id up to the action suffix.
_conflict = conflicts.conflict_key


def _one_per_conflict(kept: list) -> list:
    """Grammalecte reports one agreement conflict as alternatives ("leur" -> "leurs" *or*
    "produits" -> "produit"): applying both breaks the phrase. Keep the first alternative
    (agreement conflicts were already reduced to the side to fix, see conflicts.py)."""
    out, seen = [], []
    for item in kept:
        slip = item[1]
        base = _conflict(slip)
        if base and any(b == base and slip.start - e < 40 for b, e in seen):
            continue
        seen.append((base, slip.end))
        out.append(item)
    return out


# A word Harper's American dictionary lacks but the English word list has is a British spelling
# ("organised", "centre"), no sign of a garbled or foreign passage. (Grammalecte's French
# dictionary is complete: a word it lacks stays evidence.)
_LISTED_ZIPF = 3.0


def _listed(word: str, lang: str) -> bool:
    from corpuslint.rules import lexicon

    return lang == "en" and word.isalpha() and lexicon.zipf(word.lower(), lang) >= _LISTED_ZIPF


def _marks_unknown_word(slip: Slip) -> bool:
    """A spell checker's report: the backend's dictionary does not know this word."""
    if slip.backend == "grammalecte":
        return slip.group == "spell"
    if slip.backend == "harper":
        return slip.rule == "SpellCheck"
    if slip.backend == "languagetool":
        return slip.rule.startswith(("MORFOLOGIK_RULE", "HUNSPELL_RULE")) or "SPELLER" in slip.rule
    return False


def _findings(seg, slips, lang: str, prior_spans, merges=()) -> list[tuple]:
    text = seg.text
    kept = []
    for slip in slips:
        cat = categorize(slip)
        if slip.end <= slip.start and not slip.suggestions or seg.is_opaque(slip.start, slip.end):
            continue
        if seg.next_to_opaque(slip.start, slip.end):
            continue  # the checker read a gap where markup or a URL was: its context is wrong
        ds, de = seg.to_doc(slip.start, slip.end)
        if any(a < max(de, ds + 1) and ds < max(b, a + 1) for a, b in prior_spans):
            continue  # debris already reported there (e.g. ".." is CL104's)
        if any(0 <= ds - b <= _NEXT_WORD or 0 <= a - de <= _NEXT_WORD for a, b in merges):
            continue
        kept.append((cat, slip, ds, de))
    kept = _one_per_conflict(_one_per_span(kept, text))
    out = []
    for cat, slip, ds, de in kept:
        span = text[slip.start:slip.end]
        fix = None
        if slip.suggestions:
            repl = slip.suggestions[0]
            overlapped = any(o is not slip and o.start < slip.end and slip.start < o.end for _, o, _, _ in kept)
            safe = (is_mechanical(slip, span, repl) and not overlapped
                    and not filters.ambiguous_double(span, lang))
            make = Fix.safe if safe else Fix.unsafe
            fix = make(Edit(ds, de, repl), message=f"Replace with “{repl}”" if repl else "Remove it")
        message = slip.message.strip() or f"{cat} slip"
        extra = {"upstream": slip.upstream, "category": cat, "lang": lang}
        if len(slip.suggestions) > 1:
            extra["suggestions"] = list(slip.suggestions[:5])
        out.append((CATEGORY_CODES[cat], ds, de, message, fix, extra))
    return out
