"""One configured linter: the selected rules for a settings + path, applied to texts.

This is the Python API the runner, the datatrove steps and tests share:
``Linter.for_path(settings, path).check_text(text)`` and ``.fix_text(text, unsafe=...)``.
"""
from __future__ import annotations

from functools import lru_cache

from . import language, registry
from .document import Document, looks_like_markdown
from .engine import lint
from .finding import Finding
from .fixer import FixOutcome, fix_to_fixed_point
from .settings import ConfigError, Settings
from .textcodec import Normalised


def _user_rules(settings: Settings) -> dict:
    """Rules from the user's YAML packs; an invalid pack is a configuration error (exit 2)."""
    if not settings.packs:
        return {}
    from pathlib import Path

    from corpuslint.rules.boilerplate import PackError, load_user_packs

    try:
        return load_user_packs([Path(p) for p in settings.packs])
    except PackError as exc:
        raise ConfigError(f"rule pack {exc}") from None


def _configure_grammar(settings: Settings) -> None:
    """Hand the `grammar` table to the grammar package; a bad value is a config error (exit 2)."""
    from corpuslint.rules import grammar

    try:
        grammar.configure_from_mapping(settings.grammar_table)
    except ValueError as exc:
        raise ConfigError(f"{settings.config_path or 'configuration'}: {exc}") from None


class Linter:
    def __init__(self, settings: Settings, ignores: tuple[str, ...] = ()):
        self.settings = settings
        rules = self.all_rules = registry.all_rules(_user_rules(settings))
        _configure_grammar(settings)
        codes = registry.resolve(rules, settings.select, settings.extend_select, settings.ignore + ignores)
        self.codes = codes
        self.rules = [rules[c]() for c in codes]

    @staticmethod
    def for_path(settings: Settings, path: str | None) -> "Linter":
        ignores = settings.ignores_for(path) if path else ()
        return _cached(settings, ignores)

    def language_of(self, text: str) -> str:
        return language.detect(text) if self.settings.lang == "auto" else self.settings.lang

    def document(self, text: str, *, path: str = "<text>", markdown: bool = False, guessed: bool = False,
                 record: int | None = None, doc_id: str | None = None, lang: str | None = None) -> Document:
        """``text`` must be normalised (LF breaks)."""
        return Document(text, path=path, lang=lang or self.language_of(text), markdown=markdown,
                        record=record, doc_id=doc_id, guessed=guessed)

    def check(self, doc: Document) -> list[Finding]:
        return lint(doc, self.rules)

    def check_text(self, text: str, markdown: bool | None = None, **kw) -> tuple[Document, list[Finding]]:
        """``markdown=None``: decide from the text (a README saved as .txt is still Markdown)."""
        norm = Normalised.of(text).text
        guessed = markdown is None and looks_like_markdown(norm)
        doc = self.document(norm, markdown=guessed or bool(markdown), guessed=guessed, **kw)
        return doc, self.check(doc)

    def fix_text(self, text: str, unsafe: bool = False, markdown: bool | None = None, **kw) -> FixOutcome:
        """Fix ``text`` (any line endings) to a fixed point; language and kind are decided once."""
        norm = Normalised.of(text).text
        lang = kw.pop("lang", None) or self.language_of(norm)
        guessed = markdown is None and looks_like_markdown(norm)
        md = guessed or bool(markdown)
        out = fix_to_fixed_point(
            text, lambda t: self.check(self.document(t, lang=lang, markdown=md, guessed=guessed, **kw)), unsafe)
        out.markdown, out.lang = md, lang
        return out


@lru_cache(maxsize=64)
def _cached(settings: Settings, ignores: tuple[str, ...]) -> Linter:
    return Linter(settings, ignores)
