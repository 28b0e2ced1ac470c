"""Configuration: `[tool.corpuslint]` in pyproject.toml or corpuslint.yaml, found upward; validation.

Keys use ruff's kebab-case. Unknown keys and bad values raise ConfigError (exit 2).
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import yamlload

CONFIG_NAMES = ("corpuslint.yaml", ".corpuslint.yaml", "corpuslint.yml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.jsonl", "*.jsonl.gz")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".corpuslint_cache", "__pycache__")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    lang: str = "auto"
    text_field: str = "text"
    id_field: str = "id"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()        # absolute paths of user rule packs
    grammar: str = "{}"                # the raw `grammar` table as sorted JSON (hashable); see grammar_table
    root: str = "."                    # folder of the config file (or cwd)
    config_path: str | None = None

    def fingerprint(self) -> str:
        """Identifies what changes results: options and the content of user packs (for the cache)."""
        data = {k: v for k, v in self.__dict__.items() if k not in ("root", "config_path")}
        for p in self.packs:
            try:
                data[f"pack:{p}"] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
            except OSError:
                pass
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def ignores_for(self, path: str) -> tuple[str, ...]:
        rel = _relative(path, self.root)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
                out.extend(codes)
        return tuple(out)

    def is_excluded(self, path: Path) -> bool:
        parts = path.parts
        for pat in self.exclude + self.extend_exclude:
            if any(fnmatch.fnmatch(p, pat) for p in parts) or fnmatch.fnmatch(path.as_posix(), pat):
                return True
        return False

    def is_included(self, path: Path) -> bool:
        return any(fnmatch.fnmatch(path.name, pat) for pat in self.include)

    @property
    def grammar_table(self) -> dict:
        return json.loads(self.grammar)


def _relative(path: str, root: str) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _str_list(key, value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of strings, got {value!r}")
    return tuple(value)


def _str(key, value) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key}: expected a non-empty string, got {value!r}")
    return value


def from_mapping(data: dict, root: Path, source: str) -> Settings:
    """Validate a config table and build Settings; paths resolve against ``root``."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the configuration must be a table/mapping")
    kw: dict = {"root": str(root), "config_path": source}
    for key, value in data.items():
        k = key.replace("_", "-")
        where = f"{source}: {key}"
        if k in ("select", "extend-select", "ignore", "include", "exclude", "extend-exclude"):
            kw[k.replace("-", "_")] = _str_list(where, value)
        elif k == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected a table of glob = [codes]")
            kw["per_file_ignores"] = tuple((_str(where, g), _str_list(f"{where}.{g}", c)) for g, c in value.items())
        elif k in ("lang", "text-field", "id-field"):
            kw[k.replace("-", "_")] = _str(where, value)
        elif k == "packs":
            paths = []
            for p in _str_list(where, value):
                full = (root / p).resolve()
                if not full.is_file():
                    raise ConfigError(f"{where}: rule pack {p!r} not found (looked at {full})")
                paths.append(str(full))
            kw["packs"] = tuple(paths)
        elif k == "grammar":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected a table")
            kw["grammar"] = json.dumps(value, sort_keys=True, default=str)
        else:
            known = "select, extend-select, ignore, per-file-ignores, lang, text-field, id-field, include, " \
                    "exclude, extend-exclude, packs, grammar"
            raise ConfigError(f"{source}: unknown key {key!r} (known keys: {known})")
    if "lang" in kw and not (kw["lang"] == "auto" or kw["lang"].isalpha() and 2 <= len(kw["lang"]) <= 3):
        raise ConfigError(f"{source}: lang: expected 'auto' or a language code like 'fr', got {kw['lang']!r}")
    return Settings(**kw)


def load_file(path: Path) -> Settings | None:
    """Settings from one config file; None for a pyproject.toml without [tool.corpuslint]."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        table = data.get("tool", {}).get("corpuslint")
        if table is None:
            return None
        return from_mapping(table, path.parent.resolve(), str(path))
    try:
        data = yamlload.safe_load(raw)
    except yamlload.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    return from_mapping(data or {}, path.parent.resolve(), str(path))


@lru_cache(maxsize=1024)
def discover(folder: str) -> Settings:
    """The nearest config from ``folder`` upward, or defaults rooted at the current directory."""
    d = Path(folder).resolve()
    for candidate in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = candidate / name
            if p.is_file():
                s = load_file(p)
                if s is not None:
                    return s
    return Settings(root=str(Path.cwd()))


@dataclass
class Overrides:
    """What the command line says; it wins over the config file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    text_field: str | None = None
    id_field: str | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    no_grammar: bool = False
    config: str | None = None
    extra: dict = field(default_factory=dict)

    def apply(self, s: Settings) -> Settings:
        kw: dict = {}
        if self.select is not None:
            kw["select"] = self.select
        if self.extend_select:
            kw["extend_select"] = s.extend_select + self.extend_select
        if self.ignore:
            kw["ignore"] = s.ignore + self.ignore
        for name in ("lang", "text_field", "id_field", "include"):
            if getattr(self, name) is not None:
                kw[name] = getattr(self, name)
        if self.exclude:
            kw["extend_exclude"] = s.extend_exclude + self.exclude
        if self.no_grammar:
            kw["grammar"] = json.dumps({**s.grammar_table, "enabled": False}, sort_keys=True)
        return replace(s, **kw)


def settings_for(path: str | None, overrides: Overrides) -> Settings:
    if overrides.config:
        base = load_file(Path(overrides.config))
        if base is None:
            raise ConfigError(f"{overrides.config}: no [tool.corpuslint] table")
    else:
        folder = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
        base = discover(folder)
    return overrides.apply(base)
