"""Safe YAML reading for configs and packs: libyaml's C parser when PyYAML was built with it.

Both loaders build only plain data (``safe_load`` semantics: no Python objects from tags); the C
one reads the built-in packs about ten times faster, which is most of a cold start's YAML time.
"""
from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAMLError = yaml.YAMLError


def safe_load(text: str):
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
