"""Grammar slips (CL5xx): Grammalecte for French, Harper for English, LanguageTool for any language.

The rule modules (rules/grammar_*.py) are thin: each asks the shared engine for the findings
of its category. Configuration comes from the ``grammar`` table of the corpuslint config::

    from corpuslint.rules import grammar
    grammar.configure_from_mapping({"backend": {"fr": "grammalecte"}, "required": True})

Until configured, the defaults apply (auto backends, quiet profile, on-disk cache in
``.corpuslint_cache/grammar``).
"""
from __future__ import annotations

import sys
from typing import ClassVar, Mapping

from corpuslint.rule import Rule

# The engine (backends, filters, patterns) is imported on first use: building the rule set, or
# answering from the results cache, must not pay for it.
from .config import GrammarConfig, GrammarUnavailable
from .slip import CATEGORIES, CATEGORY_CODES, DEFAULT_CATEGORIES

__all__ = ["GrammarConfig", "GrammarUnavailable", "GrammarRule", "configure", "configure_from_mapping",
           "current_config", "ensure_available", "CATEGORIES", "CATEGORY_CODES", "DEFAULT_CATEGORIES"]

_pending: GrammarConfig | None = None  # configured before the engine was imported


def pending_config() -> GrammarConfig:
    return _pending or GrammarConfig()


def configure(config: GrammarConfig | None = None) -> None:
    """Set the grammar config of this process (None: the defaults).

    With ``required = true``, raises GrammarUnavailable when the French or English backend
    (or a language given in ``backend``) is missing, so the caller can exit 2 up front.
    """
    global _pending
    config = config or GrammarConfig()
    if not (config.enabled and config.required) and f"{__name__}.engine" not in sys.modules:
        _pending = config  # the engine takes it when first used
        return
    from . import engine

    if engine.configure(config) and config.enabled and config.required:
        langs = {"fr", "en"} | {lang for lang, b in config.backends if lang != "default" and b != "off"}
        try:
            ensure_available(sorted(langs))
        except GrammarUnavailable:
            engine._STATE = None   # asking again checks again
            raise


def configure_from_mapping(mapping: Mapping | None) -> None:
    """Validate the raw ``grammar`` table (ValueError on a bad key or value) and use it."""
    configure(GrammarConfig.from_mapping(mapping or {}))


def ensure_available(langs) -> None:
    from . import engine

    engine.ensure_available(langs)


def current_config() -> GrammarConfig:
    from . import engine

    return engine.state().config


class GrammarRule(Rule):
    """Base of the CL5xx rules: phase 1 (after debris), any language, findings from the engine."""

    category = "grammar"
    languages = ("*",)
    phase = 1
    slip_category: ClassVar[str]

    def check(self, doc):
        from .engine import findings_for

        return findings_for(doc, self)
