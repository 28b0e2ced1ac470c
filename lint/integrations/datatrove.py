"""corpuslint as datatrove pipeline steps: annotate, filter by debris score, fix.

    from corpuslint.integrations.datatrove import CorpuslintAnnotator, CorpuslintFilter, CorpuslintFixer

    pipeline = [
        JsonlReader("data/in"),
        CorpuslintAnnotator(),                          # metadata["corpuslint"]: codes, counts, spans, score
        CorpuslintFilter(max_score=0.3, exclusion_writer=JsonlWriter("data/debris")),
        CorpuslintFixer(),                              # safe fixes; CorpuslintFixer(unsafe=True) for all
        JsonlWriter("data/out"),
    ]

The steps hold plain settings, resolved when the pipeline is built (so a bad rule code
fails at once, not on the cluster); each worker builds its linter lazily on its first
document and reuses it, and a step pickles without it. They run unchanged on datatrove's
Local, Slurm and Ray executors. Grammar rules are off unless ``grammar=True``.

Offsets in ``spans`` are code points of the document's text with line breaks read as
``\\n`` (as in the CLI's JSON). The *debris score* is the share of those characters that
at least one finding covers: 0 for a clean document, 1 for one made only of debris.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

try:
    from datatrove.data import Document as DtDocument, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.utils.logging import logger
except ImportError as exc:  # pragma: no cover - depends on the extra
    raise ImportError("corpuslint.integrations.datatrove needs datatrove: pip install 'corpuslint[datatrove]'") from exc

from .. import registry
from ..engine import RuleCrash
from ..finding import Finding
from ..linter import Linter
from ..settings import Overrides, Settings, settings_for
from ..textcodec import DecodeError

META_KEY = "corpuslint"
DROP_REASON = "corpuslint_debris"


def debris_score(findings: Iterable[Finding], length: int) -> float:
    """Share of the text's characters inside at least one finding's span."""
    covered, end = 0, 0
    for start, stop in sorted((f.start, f.end) for f in findings if f.end > f.start):
        start = max(start, end)
        if stop > start:
            covered += stop - start
            end = stop
    return covered / length if length else 0.0


def _codes(values) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    return tuple(v.strip() for v in values if v.strip())


class _Linting:
    """Settings shared by the three steps, and the worker's lazily built linter."""

    def _configure(self, select, extend_select, ignore, lang, config, grammar, lang_key) -> None:
        overrides = Overrides(select=_codes(select) or None, extend_select=_codes(extend_select),
                              ignore=_codes(ignore), lang=lang, no_grammar=not grammar, config=config)
        self.settings: Settings = settings_for(None, overrides)
        # Fail here, in the driver, not in a thousand cluster tasks.
        rules = registry.all_rules()
        registry.resolve(rules, self.settings.select, self.settings.extend_select, self.settings.ignore)
        self.lang_key = lang_key
        self._linter: Linter | None = None

    @property
    def linter(self) -> Linter:
        if self._linter is None:
            self._linter = Linter.for_path(self.settings, None)
        return self._linter

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_linter"] = None  # rules hold compiled patterns and lexicons: rebuilt where it runs
        return state

    def _lang(self, doc: DtDocument) -> str | None:
        """The document's language from its metadata (e.g. set by LanguageFilter), else None: detect."""
        if self.settings.lang != "auto" or not self.lang_key:
            return None
        value = doc.metadata.get(self.lang_key)
        if isinstance(value, str) and value:
            return value.replace("-", "_").split("_")[0].lower()
        return None

    def _check(self, doc: DtDocument):
        """(findings, normalised text length), or None when a rule crashed on this document."""
        try:
            d, found = self.linter.check_text(doc.text, path=str(doc.id), doc_id=str(doc.id), lang=self._lang(doc))
        except RuleCrash as exc:
            self._crash(doc, exc)
            return None
        return found, len(d.text)

    def _crash(self, doc: DtDocument, exc: Exception) -> None:
        self.stat_update("corpuslint_errors")
        logger.warning(f"corpuslint: document {doc.id}: {exc}")

    def _annotation(self, found: list[Finding], length: int, max_spans: int) -> dict:
        codes = Counter(f.code for f in found)
        return {
            "findings": len(found),
            "score": round(debris_score(found, length), 4),
            "codes": dict(sorted(codes.items())),
            "spans": [{"code": f.code, "start": f.start, "end": f.end,
                       "fix": None if f.fix is None else f.fix.applicability.value} for f in found[:max_spans]],
            "settings": self.settings.fingerprint(),
        }

    def _count(self, found: list[Finding]) -> None:
        if found:
            self.stat_update("documents_with_debris")
        for code, n in Counter(f.code for f in found).items():
            self.stat_update(code, value=n)


class CorpuslintAnnotator(_Linting, PipelineStep):
    """Adds ``metadata["corpuslint"]``: findings count, debris score, counts per code, spans.

    Args:
        select, extend_select, ignore: rule codes or prefixes, as on the command line.
        lang: the language of every document (default: the metadata's ``lang_key``, else detected).
        config: a corpuslint.yaml or pyproject.toml (default: found from the working folder).
        grammar: run the grammar rules (slow; default off).
        lang_key: metadata key holding a document's language ("fr", "en", "fr_Latn"...); None to ignore.
        max_spans: spans kept per document (the counts always cover every finding).
    """

    name = "🧹 corpuslint annotate"
    type = "📊 - STATS"

    def __init__(self, select=None, extend_select=None, ignore=None, lang: str | None = None,
                 config: str | None = None, grammar: bool = False, lang_key: str | None = "language",
                 max_spans: int = 200):
        PipelineStep.__init__(self)
        self._configure(select, extend_select, ignore, lang, config, grammar, lang_key)
        self.max_spans = max_spans

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                checked = self._check(doc)
                if checked is not None:
                    found, length = checked
                    doc.metadata[META_KEY] = self._annotation(found, length, self.max_spans)
                    self._count(found)
            yield doc


class CorpuslintFilter(_Linting, BaseFilter):
    """Drops documents whose debris score is above ``max_score`` (reason ``corpuslint_debris``).

    Dropped documents go to ``exclusion_writer`` (if given) with ``metadata["filter_reason"]``
    and ``metadata["corpuslint"]``; datatrove counts them as ``dropped_corpuslint_debris``.
    A document already annotated with the same settings is not linted again.

    Args:
        max_score: the highest debris score kept (0..1; default 0.3).
        min_findings: also require at least this many findings to drop (default 1).
        annotate: leave ``metadata["corpuslint"]`` on kept documents too (default True).
        Other arguments: as for CorpuslintAnnotator.
    """

    name = "🧹 corpuslint debris filter"

    def __init__(self, max_score: float = 0.3, exclusion_writer=None, select=None, extend_select=None,
                 ignore=None, lang: str | None = None, config: str | None = None, grammar: bool = False,
                 lang_key: str | None = "language", min_findings: int = 1, annotate: bool = True,
                 max_spans: int = 200):
        BaseFilter.__init__(self, exclusion_writer)
        self._configure(select, extend_select, ignore, lang, config, grammar, lang_key)
        self.max_score, self.min_findings = max_score, min_findings
        self.annotate, self.max_spans = annotate, max_spans

    def filter(self, doc: DtDocument) -> bool | tuple[bool, str]:
        note = doc.metadata.get(META_KEY)
        if not (isinstance(note, dict) and note.get("settings") == self.settings.fingerprint()):
            checked = self._check(doc)
            if checked is None:
                return True  # a rule crashed: keep the document, counted in corpuslint_errors
            note = self._annotation(*checked, self.max_spans)
            self._count(checked[0])
        drop = note["score"] > self.max_score and note["findings"] >= self.min_findings
        if drop or self.annotate:
            doc.metadata[META_KEY] = note
        return (False, DROP_REASON) if drop else True


class CorpuslintFixer(_Linting, PipelineStep):
    """Applies corpuslint's fixes to each document's text (safe ones; ``unsafe=True`` for all).

    Counts ``documents_fixed`` and ``fixes_applied``; adds ``metadata["corpuslint_fixes"]``
    (fixes applied) to changed documents. A document whose fixes cannot be applied is kept as is.

    Args:
        unsafe: also apply unsafe fixes (they may change meaning in rare cases; default False).
        Other arguments: as for CorpuslintAnnotator.
    """

    name = "🧹 corpuslint fix"
    type = "✂️ - FORMAT"

    def __init__(self, unsafe: bool = False, select=None, extend_select=None, ignore=None,
                 lang: str | None = None, config: str | None = None, grammar: bool = False,
                 lang_key: str | None = "language"):
        PipelineStep.__init__(self)
        self._configure(select, extend_select, ignore, lang, config, grammar, lang_key)
        self.unsafe = unsafe

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                try:
                    outcome = self.linter.fix_text(doc.text, unsafe=self.unsafe, path=str(doc.id),
                                                   doc_id=str(doc.id), lang=self._lang(doc))
                except (RuleCrash, DecodeError) as exc:
                    self._crash(doc, exc)
                    outcome = None
                if outcome is not None and outcome.text != doc.text:
                    doc.text = outcome.text
                    doc.metadata["corpuslint_fixes"] = outcome.applied
                    self.stat_update("documents_fixed")
                    self.stat_update("fixes_applied", value=outcome.applied)
                if outcome is not None and not outcome.converged:
                    self.stat_update("fixes_not_converged")
            yield doc


__all__ = ["CorpuslintAnnotator", "CorpuslintFilter", "CorpuslintFixer", "debris_score", "META_KEY", "DROP_REASON"]
