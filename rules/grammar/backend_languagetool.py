"""LanguageTool over its HTTP API, for any language it supports.

A server URL comes from the config (a local ``languagetool-server`` or a team's server);
otherwise a LanguageTool already installed on this machine (``LTP_JAR_DIR_PATH`` or
``LTP_PATH``, as language-tool-python names them) is started once per process. Nothing is
ever downloaded at lint time.

The API (``POST /v2/check``) reports positions in UTF-16 code units, Java's string indices;
they are turned into code points here, so text after an emoji maps back exactly.
"""
from __future__ import annotations

import bisect
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from functools import lru_cache
from pathlib import Path

from .config import LanguageToolConfig
from .slip import SPELLING, STYLE, TYPOGRAPHY, Slip

NAME = "languagetool"
INSTALL_HINT = ("start a LanguageTool server (e.g. `java -cp languagetool-server.jar "
                "org.languagetool.server.HTTPServer --port 8081`) and set grammar.languagetool.url, "
                "or point LTP_JAR_DIR_PATH at an unpacked LanguageTool")
# Server-side switches for the categories a quiet run does not want (filtered again afterwards).
_LT_CATEGORIES = {
    TYPOGRAPHY: ("TYPOGRAPHY", "PUNCTUATION", "CASING"),
    SPELLING: ("TYPOS",),
    STYLE: ("STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "WIKIPEDIA", "GENDER_NEUTRALITY",
            "REGIONALISMS", "CREATIVE_WRITING", "TEXT_ANALYSIS"),
}
_JAR = "languagetool-server.jar"


class Unreachable(RuntimeError):
    """The server did not answer (or answered something that is not the LanguageTool API)."""


def utf16_to_codepoints(text: str):
    """A function mapping a UTF-16 offset into ``text`` to a code point offset."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda off: off
    ends, pos = [], 0   # UTF-16 offset at the end of each code point
    for c in text:
        pos += 2 if ord(c) >= 0x10000 else 1
        ends.append(pos)
    return lambda off: bisect.bisect_right(ends, off) if off > 0 else 0


def local_jar_dir() -> Path | None:
    """An installed LanguageTool (server jar) named by LTP_JAR_DIR_PATH or found under LTP_PATH."""
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_dir and (Path(jar_dir) / _JAR).is_file():
        return Path(jar_dir)
    ltp = os.environ.get("LTP_PATH")
    if ltp and Path(ltp).is_dir():
        found = sorted(Path(ltp).glob(f"LanguageTool*/{_JAR}"))
        if found:
            return found[-1].parent
    return None


@lru_cache(maxsize=1)
def _local_server(jar_dir: str) -> str:
    """Start the installed LanguageTool once per process; its URL."""
    import language_tool_python

    # With LTP_JAR_DIR_PATH set, language-tool-python uses that jar and never downloads.
    old = os.environ.get("LTP_JAR_DIR_PATH")
    os.environ["LTP_JAR_DIR_PATH"] = jar_dir
    try:
        tool = language_tool_python.LanguageTool("en-US")
    finally:
        if old is None:
            os.environ.pop("LTP_JAR_DIR_PATH", None)
        else:
            os.environ["LTP_JAR_DIR_PATH"] = old
    _local_server.tool = tool  # keep it alive for the process
    return tool.url.rstrip("/").removesuffix("/v2")


class LanguageTool:
    name = NAME
    install_hint = INSTALL_HINT
    languages = ("*",)

    def __init__(self, config: LanguageToolConfig, profile: str = "quiet"):
        self.config = config
        self.profile = profile

    def available(self) -> bool:
        if self.config.url:
            return True
        return local_jar_dir() is not None and shutil.which("java") is not None

    def base_url(self) -> str:
        if self.config.url:
            return self.config.url.removesuffix("/v2")
        jar_dir = local_jar_dir()
        if jar_dir is None:
            raise Unreachable("no LanguageTool server configured")
        return _local_server(str(jar_dir))

    def version(self) -> str:
        # The server's version is only known after a call; the URL stands for it in cache keys.
        return self.config.url or f"local:{local_jar_dir()}"

    def signature(self, categories: frozenset[str]) -> str:
        c = self.config
        return f"{self.profile}|{sorted(categories)}|{c.languages}|{c.disabled_rules}|{c.enabled_rules}|{c.enabled_only}"

    def params(self, text: str, lang: str, categories: frozenset[str]) -> dict[str, str]:
        params = {"text": text, "language": self.config.code_for(lang)}
        if self.config.disabled_rules:
            params["disabledRules"] = ",".join(self.config.disabled_rules)
        if self.config.enabled_rules:
            params["enabledRules"] = ",".join(self.config.enabled_rules)
            if self.config.enabled_only:
                params["enabledOnly"] = "true"
        if self.profile == "quiet":
            off = [cat for c, cats in _LT_CATEGORIES.items() if c not in categories for cat in cats]
            if off:
                params["disabledCategories"] = ",".join(off)
        return params

    def check(self, text: str, lang: str, categories: frozenset[str]) -> list[Slip]:
        data = self.post("/v2/check", self.params(text, lang, categories))
        to_cp = utf16_to_codepoints(text)
        out = []
        for m in data.get("matches", []):
            rule = m.get("rule") or {}
            start = to_cp(int(m["offset"]))
            end = to_cp(int(m["offset"]) + int(m["length"]))
            group = f"{(rule.get('category') or {}).get('id', '')}/{rule.get('issueType', '')}"
            repl = tuple(r.get("value", "") for r in (m.get("replacements") or [])[:5])
            out.append(Slip(start, end, NAME, rule.get("id", "UNKNOWN"), group, m.get("message", ""), repl))
        return out

    def post(self, path: str, params: dict[str, str]) -> dict:
        url = self.base_url() + path
        body = urllib.parse.urlencode(params).encode("utf-8")
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.config.timeout) as resp:
                data = json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:200]
            raise Unreachable(f"{url} answered {exc.code}: {detail}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise Unreachable(f"{url}: {exc}") from exc
        if not isinstance(data, dict) or "matches" not in data:
            raise Unreachable(f"{url} did not answer with LanguageTool's check API")
        return data

    def ping(self) -> None:
        """Raise Unreachable unless the server answers a tiny check."""
        self.post("/v2/check", {"text": "ok", "language": "en-US"})
