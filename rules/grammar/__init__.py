"""Grammar slips (CL5xx): Grammalecte for French, Harper for English, LanguageTool for any language.

The rule modules (rules/grammar_*.py) are thin: each asks the shared engine for the findings
of its category. Configuration comes from the ``grammar`` table of the corpuslint config::

    from corpuslint.rules import grammar
    grammar.configure_from_mapping({"backend": {"fr": "grammalecte"}, "required": True})

Until configured, the defaults apply (auto backends, quiet profile, on-disk cache in
``.corpuslint_cache/grammar``).
"""
from __future__ import annotations

from typing import ClassVar, Mapping

from corpuslint.rule import Rule

from .config import GrammarConfig
from .engine import GrammarUnavailable, ensure_available, findings_for, state
from .slip import CATEGORIES, CATEGORY_CODES, DEFAULT_CATEGORIES

__all__ = ["GrammarConfig", "GrammarUnavailable", "GrammarRule", "configure", "configure_from_mapping",
           "current_config", "ensure_available", "CATEGORIES", "CATEGORY_CODES", "DEFAULT_CATEGORIES"]


def configure(config: GrammarConfig | None = None) -> None:
    """Set the grammar config of this process (None: the defaults).

    With ``required = true``, raises GrammarUnavailable when the French or English backend
    (or a language given in ``backend``) is missing, so the caller can exit 2 up front.
    """
    from . import engine

    config = config or GrammarConfig()
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


def current_config() -> GrammarConfig:
    return state().config


class GrammarRule(Rule):
    """Base of the CL5xx rules: phase 1 (after debris), any language, findings from the engine."""

    category = "grammar"
    languages = ("*",)
    phase = 1
    slip_category: ClassVar[str]

    def check(self, doc):
        return findings_for(doc, self)
