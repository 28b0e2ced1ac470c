"""Harper, the embedded English checker (``harper-py``): offline, Rust, one Linter per process."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import threading
from functools import lru_cache

from .config import HarperConfig
from .slip import Slip

NAME = "harper"
INSTALL_HINT = "install it with `pip install harper-py`"
_LOCK = threading.Lock()
_APPLIED: dict[int, tuple] = {}  # linter -> the rule config it holds (linters are shared)


@lru_cache(maxsize=4)
def _linter(dialect: str):
    import harper

    # Construction builds the curated dictionary (about a second): once per process.
    return harper.Linter(harper.Dialect[dialect.upper()])


class Harper:
    name = NAME
    install_hint = INSTALL_HINT
    languages = ("en",)

    def __init__(self, config: HarperConfig, profile: str = "quiet"):
        self.config = config
        self.profile = profile

    def available(self) -> bool:
        return importlib.util.find_spec("harper") is not None

    def version(self) -> str:
        try:
            return importlib.metadata.version("harper-py")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def signature(self, categories: frozenset[str]) -> str:
        return f"{self.profile}|{self.config.dialect}|{sorted(categories)}|{list(self.config.rules)}"

    def _configure(self, linter, categories: frozenset[str]) -> None:
        # SpellCheck stays on whatever the categories: its lints mark the words Harper does not
        # know, next to which the engine distrusts grammar lints (it costs about 10 %).
        config = dict(self.config.rules)
        key = tuple(sorted(config.items()))
        if _APPLIED.get(id(linter)) == key:
            return
        try:
            linter.set_lint_config(config)
        except ValueError as exc:
            raise ValueError(f"grammar.harper.rules: {exc}") from exc
        _APPLIED[id(linter)] = key

    def check(self, text: str, lang: str, categories: frozenset[str]) -> list[Slip]:
        linter = _linter(self.config.dialect)
        out = []
        with _LOCK:  # a Linter is not thread-safe
            self._configure(linter, categories)
            # Harper's own dedup may keep "TheTheToThatThe" over "RepeatedWords" for "said the the":
            # the engine picks among overlapping slips itself, by category.
            organized = linter.organized_lints(text, language="plaintext", dedup=False)
        for rule, lints in organized.items():
            for lint in lints:
                span = lint.span
                out.append(Slip(span.start, span.end, NAME, rule, lint.lint_kind, lint.message,
                                tuple(_replacement(lint.problem_text, s) for s in lint.suggestions)))
        out.sort(key=lambda s: (s.start, s.end))
        return out


def _replacement(problem: str, suggestion) -> str:
    """Harper's three suggestion kinds as one replacement of the lint's span."""
    kind = int(suggestion.kind)
    if kind == 1:      # REMOVE
        return ""
    if kind == 2:      # INSERT_AFTER
        return problem + suggestion.replacement_text
    return suggestion.replacement_text
