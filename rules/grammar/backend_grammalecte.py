"""Grammalecte, the embedded French checker: found where Debian installs it, loaded once per process.

``python3-grammalecte`` puts a pure-Python package in the system's dist-packages, which a
virtual environment does not see. We import that one package from its folder through
importlib (no ``sys.path`` change, so nothing else from dist-packages shadows the venv).
"""
from __future__ import annotations

import glob
import importlib.util
import os
import re
import sys
import threading
from functools import lru_cache
from pathlib import Path

from .config import GrammalecteConfig
from .mapping import GRAMMALECTE_OPTIONS_BY_CATEGORY
from .slip import Slip, SPELLING

NAME = "grammalecte"
INSTALL_HINT = ("install it with `sudo apt-get install python3-grammalecte` (Debian/Ubuntu), "
                "or set grammar.grammalecte.path to the folder that holds the grammalecte package")
_SEARCH = ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages",
           "/usr/lib/python3*/site-packages", "/usr/lib/python3*/dist-packages", "/usr/share/grammalecte")
_LOCK = threading.Lock()

_ANGLES = str.maketrans("<>", "‹›")


def find(path: str | None = None) -> Path | None:
    """The folder that contains ``grammalecte/`` (with its French engine), or None."""
    spec = None if path else importlib.util.find_spec("grammalecte")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).parent
    candidates = [path] if path else [os.environ.get("CORPUSLINT_GRAMMALECTE_PATH", "")] + \
        [p for pattern in _SEARCH for p in sorted(glob.glob(pattern))]
    for c in candidates:
        if c and (Path(c) / "grammalecte" / "fr" / "gc_engine.py").is_file():
            return Path(c)
    return None


def version(root: Path) -> str:
    """Read without importing: the cache key must not pay for loading the engine."""
    for info in sorted(root.glob("Grammalecte*.egg-info")) + sorted(root.glob("Grammalecte*.dist-info")):
        for name in ("PKG-INFO", "METADATA"):
            meta = info / name
            if meta.is_file():
                for line in meta.read_text(encoding="utf-8", errors="replace").splitlines():
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
    engine = root / "grammalecte" / "fr" / "gc_engine.py"
    for line in engine.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("version = "):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "unknown"


@lru_cache(maxsize=2)
def _engine(root: str):
    """Import grammalecte from ``root`` and load the French engine (about 0.2 s)."""
    if "grammalecte" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "grammalecte", Path(root) / "grammalecte" / "__init__.py",
            submodule_search_locations=[str(Path(root) / "grammalecte")])
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            del sys.modules["grammalecte"]
            raise
    import grammalecte
    import grammalecte.fr.gc_engine as gc_engine
    import grammalecte.fr.gc_functions as gc_functions

    # Its graph rules call re.search(pattern_string, …) some 200,000 times per 5,000 words:
    # hand them patterns compiled once (same semantics, about 10 % faster).
    gc_engine.re = gc_functions.re = _CompiledRe()
    checker = grammalecte.GrammarChecker("fr")
    gce = checker.getGCEngine()
    # Options of rules that run whatever the options are: Grammalecte names them "" or False.
    rule_options = {rule_id: option for _, option, _, rule_id in gce.listRules() if option}
    return checker, gce, rule_options


class _CompiledRe:
    """The ``re`` module, with pattern strings compiled once instead of looked up per call."""

    def __init__(self):
        self._compiled: dict = {}

    def __getattr__(self, name):
        return getattr(re, name)

    def _get(self, pattern, flags=0):
        try:
            return self._compiled[pattern, flags]
        except KeyError:
            compiled = self._compiled[pattern, flags] = re.compile(pattern, flags)
            return compiled

    def search(self, pattern, string, flags=0):
        return self._get(pattern, flags).search(string)

    def match(self, pattern, string, flags=0):
        return self._get(pattern, flags).match(string)

    def fullmatch(self, pattern, string, flags=0):
        return self._get(pattern, flags).fullmatch(string)

    def finditer(self, pattern, string, flags=0):
        return self._get(pattern, flags).finditer(string)

    def findall(self, pattern, string, flags=0):
        return self._get(pattern, flags).findall(string)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self._get(pattern, flags).sub(repl, string, count)

    def split(self, pattern, string, maxsplit=0, flags=0):
        return self._get(pattern, flags).split(string, maxsplit)


class Grammalecte:
    name = NAME
    install_hint = INSTALL_HINT
    languages = ("fr",)

    def __init__(self, config: GrammalecteConfig, profile: str = "quiet"):
        self.config = config
        self.profile = profile
        self.root = find(config.path)

    def available(self) -> bool:
        return self.root is not None

    def version(self) -> str:
        return version(self.root) if self.root else "missing"

    def options(self, categories: frozenset[str]) -> dict[str, bool]:
        """Upstream defaults within the requested categories, everything else off."""
        _, gce, _ = _engine(str(self.root))
        opts = gce.getDefaultOptions()
        if self.profile == "quiet":
            wanted = {o for c in categories for o in GRAMMALECTE_OPTIONS_BY_CATEGORY.get(c, ())}
            for name in opts:
                if name in wanted or name not in _OPTION_NAMES:
                    continue  # markup options (md, html, latex) keep their defaults
                opts[name] = False
        opts.update(dict(self.config.options))
        return opts

    def signature(self, categories: frozenset[str]) -> str:
        return f"{self.profile}|{sorted(categories)}|{list(self.config.options)}"

    def check(self, text: str, lang: str, categories: frozenset[str]) -> list[Slip]:
        checker, gce, rule_options = _engine(str(self.root))
        opts = self.options(categories)
        # The engine's token graph has keys like "<rules>": a token "<TAGS>" in the text reaches one
        # of them and crashes it (TypeError). Angle brackets become guillemets of the same length.
        text = text.translate(_ANGLES)
        with _LOCK:  # the engine keeps module-level state
            errors = list(gce.parse(text, "FR", dOptions=opts))
            # Unknown words are always collected: the engine distrusts slips next to them.
            spelling = checker.getSpellChecker().parseParagraph(text, SPELLING in categories)
        out = []
        for e in errors:
            rule = e["sRuleId"]
            if _object_of_infinitive(checker, rule, text[e["nStart"]:e["nEnd"]]):
                continue
            group = e["sType"] if e["sType"] in opts else rule_options.get(rule, e["sType"])
            if group == "notype":
                group = ""
            out.append(Slip(e["nStart"], e["nEnd"], NAME, rule, group, e["sMessage"],
                            tuple(e.get("aSuggestions") or ())))
        for e in spelling:
            out.append(Slip(e["nStart"], e["nEnd"], NAME, "spelling", "spell",
                            f"Mot inconnu : « {e['sValue']} ».", tuple(e.get("aSuggestions") or ())[:5]))
        return out


def _object_of_infinitive(checker, rule: str, word: str) -> bool:
    """The engine took an opening infinitive for a subject and the noun after it for its verb:
    "Fermer fenêtres et volets en journée" (advice), not "Fumer tuent"."""
    if "conj_vinfi_suj" not in rule:
        return False
    return any(":N" in m for m in checker.getSpellChecker().getMorph(word))


_OPTION_NAMES = frozenset(o for opts in GRAMMALECTE_OPTIONS_BY_CATEGORY.values() for o in opts)
