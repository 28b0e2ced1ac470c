"""Grammar settings: which backend checks which language, and how loud it is.

The ``grammar`` table of the corpuslint config is validated here (the lead's settings keep
it raw). Keys may be written kebab-case or snake_case::

    [tool.corpuslint.grammar]
    enabled = true                 # --no-grammar sets false
    required = false               # a missing backend is an error (exit 2), not a warning
    profile = "quiet"              # quiet | upstream
    backend = { fr = "auto", en = "auto", default = "auto" }
    cache-dir = ".corpuslint_cache/grammar"   # "" switches the on-disk cache off

    [tool.corpuslint.grammar.languagetool]
    url = "http://localhost:8081"  # a LanguageTool server (local or a team's)
    languages = { en = "en-GB" }   # corpuslint language -> LanguageTool language code
    disabled-rules = ["WHITESPACE_RULE"]
    enabled-rules = []
    enabled-only = false           # true: check with enabled-rules alone
    timeout = 10

    [tool.corpuslint.grammar.grammalecte]
    path = "/usr/lib/python3/dist-packages"   # where the Debian package put it (found by default)
    options = { nbsp = false }     # Grammalecte option overrides

    [tool.corpuslint.grammar.harper]
    dialect = "american"           # american | british | australian | canadian | indian
    rules = { LongSentences = false }   # Harper rule overrides
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping


class GrammarUnavailable(Exception):
    """A configured grammar backend is missing and ``grammar.required`` is true (exit 2)."""


BACKENDS = ("auto", "grammalecte", "harper", "languagetool", "off")
PROFILES = ("quiet", "upstream")
DIALECTS = ("american", "british", "australian", "canadian", "indian")
DEFAULT_CACHE_DIR = ".corpuslint_cache/grammar"
# Which languages an embedded backend can check at all.
BACKEND_LANGUAGES = {"grammalecte": ("fr",), "harper": ("en",)}


def _key(k: str) -> str:
    return str(k).strip().replace("-", "_")


def _check_keys(where: str, mapping: Mapping, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(mapping, Mapping):
        raise ValueError(f"{where}: expected a table, got {type(mapping).__name__}")
    out = {}
    for k, v in mapping.items():
        key = _key(k)
        if key not in allowed:
            shown = ", ".join(a.replace("_", "-") for a in allowed)
            raise ValueError(f"{where}: unknown key {k!r} (expected one of: {shown})")
        out[key] = v
    return out


def _bool(where: str, v) -> bool:
    if not isinstance(v, bool):
        raise ValueError(f"{where}: expected true or false, got {v!r}")
    return v


def _str_list(where: str, v) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [s for s in v.split(",") if s.strip()]
    if not isinstance(v, (list, tuple)) or not all(isinstance(s, str) and s.strip() for s in v):
        raise ValueError(f"{where}: expected a list of names, got {v!r}")
    return tuple(s.strip() for s in v)


def _bool_table(where: str, v) -> tuple[tuple[str, bool], ...]:
    if not isinstance(v, Mapping):
        raise ValueError(f"{where}: expected a table of name = true/false, got {v!r}")
    return tuple(sorted((str(k), _bool(f"{where}.{k}", b)) for k, b in v.items()))


def _lang(where: str, v) -> str:
    if not isinstance(v, str) or not v.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"{where}: expected a language code like 'fr', got {v!r}")
    return v.lower()


@dataclass(frozen=True)
class LanguageToolConfig:
    url: str | None = None
    languages: tuple[tuple[str, str], ...] = ()   # corpuslint lang -> LanguageTool code
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    enabled_only: bool = False                    # check with enabled-rules alone
    timeout: float = 10.0

    @classmethod
    def from_mapping(cls, m: Mapping) -> "LanguageToolConfig":
        kw = _check_keys("grammar.languagetool", m, tuple(f.name for f in fields(cls)))
        if "url" in kw:
            url = kw["url"]
            if url in (None, ""):
                kw["url"] = None
            elif not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise ValueError(f"grammar.languagetool.url: expected an http(s) URL, got {url!r}")
            else:
                kw["url"] = url.rstrip("/")
        if "languages" in kw:
            langs = kw["languages"]
            if not isinstance(langs, Mapping) or not all(isinstance(x, str) for x in langs.values()):
                raise ValueError(f"grammar.languagetool.languages: expected a table like {{en = \"en-GB\"}}, got {langs!r}")
            kw["languages"] = tuple(sorted((_lang("grammar.languagetool.languages", k), v) for k, v in langs.items()))
        for name in ("disabled_rules", "enabled_rules"):
            if name in kw:
                kw[name] = _str_list(f"grammar.languagetool.{name.replace('_', '-')}", kw[name])
        if "enabled_only" in kw:
            kw["enabled_only"] = _bool("grammar.languagetool.enabled-only", kw["enabled_only"])
            if kw["enabled_only"] and not kw.get("enabled_rules"):
                raise ValueError("grammar.languagetool.enabled-only: needs a list of enabled-rules")
        if "timeout" in kw:
            t = kw["timeout"]
            if isinstance(t, bool) or not isinstance(t, (int, float)) or t <= 0:
                raise ValueError(f"grammar.languagetool.timeout: expected a positive number of seconds, got {t!r}")
            kw["timeout"] = float(t)
        return cls(**kw)

    def code_for(self, lang: str) -> str:
        return dict(self.languages).get(lang, lang)


@dataclass(frozen=True)
class GrammalecteConfig:
    path: str | None = None
    options: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_mapping(cls, m: Mapping) -> "GrammalecteConfig":
        kw = _check_keys("grammar.grammalecte", m, ("path", "options"))
        if "path" in kw and kw["path"] is not None and not isinstance(kw["path"], str):
            raise ValueError(f"grammar.grammalecte.path: expected a folder path, got {kw['path']!r}")
        if "options" in kw:
            kw["options"] = _bool_table("grammar.grammalecte.options", kw["options"])
        return cls(**kw)


@dataclass(frozen=True)
class HarperConfig:
    dialect: str = "american"
    rules: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_mapping(cls, m: Mapping) -> "HarperConfig":
        kw = _check_keys("grammar.harper", m, ("dialect", "rules"))
        if "dialect" in kw:
            d = kw["dialect"]
            if not isinstance(d, str) or d.lower() not in DIALECTS:
                raise ValueError(f"grammar.harper.dialect: unknown dialect {d!r} (expected one of: {', '.join(DIALECTS)})")
            kw["dialect"] = d.lower()
        if "rules" in kw:
            kw["rules"] = _bool_table("grammar.harper.rules", kw["rules"])
        return cls(**kw)


@dataclass(frozen=True)
class GrammarConfig:
    """Validated grammar settings. Frozen and hashable: it keys caches."""

    enabled: bool = True
    required: bool = False
    profile: str = "quiet"
    # language -> backend; "default" covers every language not listed.
    backends: tuple[tuple[str, str], ...] = (("default", "auto"),)
    cache_dir: str | None = DEFAULT_CACHE_DIR
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig)
    grammalecte: GrammalecteConfig = field(default_factory=GrammalecteConfig)
    harper: HarperConfig = field(default_factory=HarperConfig)

    _KEYS = ("enabled", "required", "profile", "backend", "backends", "cache_dir",
             "languagetool", "grammalecte", "harper")

    @classmethod
    def from_mapping(cls, mapping: Mapping | None) -> "GrammarConfig":
        """Validate the raw ``grammar`` table; ValueError says which key is wrong and why."""
        kw = _check_keys("grammar", mapping or {}, cls._KEYS)
        out: dict[str, Any] = {}
        for name in ("enabled", "required"):
            if name in kw:
                out[name] = _bool(f"grammar.{name}", kw[name])
        if "profile" in kw:
            p = kw["profile"]
            if p not in PROFILES:
                raise ValueError(f"grammar.profile: unknown profile {p!r} (expected one of: {', '.join(PROFILES)})")
            out["profile"] = p
        if "backend" in kw and "backends" in kw:
            raise ValueError("grammar: give either 'backend' or 'backends', not both")
        raw = kw.get("backend", kw.get("backends"))
        if raw is not None:
            out["backends"] = _backends(raw)
        if "cache_dir" in kw:
            d = kw["cache_dir"]
            if d is not None and not isinstance(d, str):
                raise ValueError(f"grammar.cache-dir: expected a folder path or \"\" (off), got {d!r}")
            out["cache_dir"] = d or None
        if "languagetool" in kw:
            out["languagetool"] = LanguageToolConfig.from_mapping(kw["languagetool"])
        if "grammalecte" in kw:
            out["grammalecte"] = GrammalecteConfig.from_mapping(kw["grammalecte"])
        if "harper" in kw:
            out["harper"] = HarperConfig.from_mapping(kw["harper"])
        cfg = cls(**out)
        for lang, backend in cfg.backends:
            if backend == "languagetool" and not cfg.languagetool.url and not _local_languagetool_hint():
                raise ValueError(f"grammar.backend.{lang}: 'languagetool' needs grammar.languagetool.url "
                                 "(or a local LanguageTool install in LTP_JAR_DIR_PATH / LTP_PATH)")
        return cfg

    def backend_for(self, lang: str) -> str:
        table = dict(self.backends)
        return table.get(lang, table.get("default", "auto"))

    def without_grammar(self) -> "GrammarConfig":
        return replace(self, enabled=False)

    def fingerprint(self) -> str:
        return json.dumps(_plain(self), sort_keys=True)


def _backends(raw) -> tuple[tuple[str, str], ...]:
    if isinstance(raw, str):
        raw = {"default": raw}
    if not isinstance(raw, Mapping):
        raise ValueError(f"grammar.backend: expected a backend name or a table like {{fr = \"grammalecte\"}}, got {raw!r}")
    table = {"default": "auto"}
    for lang, backend in raw.items():
        lang = "default" if lang == "default" else _lang("grammar.backend", lang)
        if backend not in BACKENDS:
            raise ValueError(f"grammar.backend.{lang}: unknown backend {backend!r} "
                             f"(expected one of: {', '.join(BACKENDS)})")
        only = BACKEND_LANGUAGES.get(backend)
        if only and lang not in only:
            raise ValueError(f"grammar.backend.{lang}: {backend} checks {', '.join(only)} only")
        table[lang] = backend
    return tuple(sorted(table.items()))


def _local_languagetool_hint() -> bool:
    import os

    return bool(os.environ.get("LTP_JAR_DIR_PATH") or os.environ.get("LTP_PATH"))


def _plain(obj):
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple):
        return [_plain(x) for x in obj]
    return obj
