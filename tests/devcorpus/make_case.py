#!/usr/bin/env python3
"""Build the dev corpus cases (dirty.txt, clean.txt, meta.json) from annotated sources.

A source, ``_src/<id>.case``, is the article written once with its debris marked inline, so
clean.txt and dirty.txt come from the same text and every span is exact by construction:

    lang: fr                      # fr | en | mixed
    kind: debris                  # debris | clean_control | edge
    topic: sport / rugby
    trap: what it is | excerpt    # optional, repeatable (controls list their traps)
    ---
    Article text… ⟦category¦dirty text¦clean text¦note⟧ …more text…

Inside a marker, ``\\n`` and ``\\t`` are a line break and a tab (real line breaks work too); the
clean part may be empty (a removal); the note is optional. A dirty part of ``@moji`` is the
clean part as a UTF-8 → cp1252 mis-decode would show it (``@moji2``: decoded wrongly twice). A body that ends with a marker whose
dirty part ends with a line break (a footer block) gets no extra final newline. Anywhere in the body, ``␣`` is a
no-break space (U+00A0) and ``⍽`` a narrow no-break space (U+202F), so French typography
stays visible in the sources.

Usage: python tests/devcorpus/make_case.py [--check]   (--check: rebuild in memory, compare)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "_src"

CATEGORIES = {
    "mojibake", "html_residue", "whitespace_debris", "doubled_punctuation", "stray_id_or_timestamp",
    "hashtag_line", "lone_symbol_line", "social_embed_attribution", "duplicated_headline_or_paragraph",
    "merged_words", "hyphenation_break", "broken_line_wrap", "comment_prompt",
    "newsletter_or_subscribe_prompt", "cookie_or_consent_banner", "paywall_notice",
    "share_or_social_buttons", "related_links", "navigation_or_breadcrumb", "ad_or_promo_block",
    "image_caption_or_credit", "footer_boilerplate", "grammar_slip",
}
DEFAULT_NOTE = {
    "mojibake": "UTF-8 text decoded as cp1252; repair",
    "html_residue": "HTML entity, tag or shortcode left by the extractor",
    "whitespace_debris": "stray whitespace",
    "doubled_punctuation": "doubled punctuation",
    "stray_id_or_timestamp": "stray id / timestamp; remove",
    "hashtag_line": "hashtag line; remove",
    "lone_symbol_line": "line with nothing but a symbol; remove",
    "social_embed_attribution": "social-media embed residue; remove",
    "duplicated_headline_or_paragraph": "text printed twice; remove the first copy",
    "merged_words": "two words glued together (space lost at a tag boundary)",
    "hyphenation_break": "word hyphenated across a line break; join",
    "broken_line_wrap": "hard line break inside a sentence; join",
    "comment_prompt": "comment-section prompt; remove",
    "newsletter_or_subscribe_prompt": "newsletter or subscribe prompt; remove",
    "cookie_or_consent_banner": "cookie / consent banner text; remove",
    "paywall_notice": "paywall notice; remove",
    "share_or_social_buttons": "share / social button labels; remove",
    "related_links": "related-article links; remove",
    "navigation_or_breadcrumb": "navigation / breadcrumb; remove",
    "ad_or_promo_block": "advertising / promo block; remove",
    "image_caption_or_credit": "image caption / photo credit; remove",
    "footer_boilerplate": "site footer boilerplate; remove",
    "grammar_slip": "mechanical grammar slip; fix",
}
KINDS = {"debris", "clean_control", "edge"}
LANGS = {"fr", "en", "mixed"}

MARKER = re.compile(r"⟦([a-z_]+)¦(.*?)(?:¦(.*?))?(?:¦(.*?))?⟧", re.S)
TYPO = {"␣": "\u00a0", "⍽": "\u202f"}


def unescape(s: str) -> str:
    return s.replace("\\n", "\n").replace("\\t", "\t")


def typo(s: str) -> str:
    for k, v in TYPO.items():
        s = s.replace(k, v)
    return s


def _cp1252_lenient(data: bytes) -> str:
    # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; browsers show them as C1 controls.
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else chr(b) for b in data)


def mojibake(s: str) -> str:
    return _cp1252_lenient(s.encode("utf-8"))


def excerpt(dirty: str, a: int, b: int) -> str:
    """A short excerpt of dirty around [a, b) that dirty.find() locates at the debris."""
    lo, hi = a, min(b, a + 80)
    while True:
        ex = dirty[lo:hi]
        if len(ex.strip()) >= 12 and dirty.find(ex) == lo:
            return ex
        if lo == 0 and hi == len(dirty):
            return ex
        lo, hi = max(0, lo - 6), min(len(dirty), hi + 6)


def parse(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise SystemExit(f"{path.name}: missing '---' line between header and body")
    meta: dict = {"id": path.stem, "traps": []}
    for line in head.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, val = line.partition(":")
        key, val = key.strip(), val.strip()
        if key == "trap":
            what, _, ex = val.partition("|")
            meta["traps"].append({"what": what.strip(), "excerpt": typo(ex.strip())})
        else:
            meta[key] = val
    return build(meta, body, path.name)


def build(meta: dict, body: str, name: str) -> dict:
    dirty_parts, clean_parts, debris = [], [], []
    pos_d = 0
    last = 0
    for m in MARKER.finditer(body):
        plain = typo(body[last:m.start()])
        dirty_parts.append(plain)
        clean_parts.append(plain)
        pos_d += len(plain)
        cat, d, c, note = m.group(1), m.group(2), m.group(3) or "", m.group(4)
        if cat not in CATEGORIES:
            raise SystemExit(f"{name}: unknown category {cat!r}")
        c = typo(unescape(c))
        d = {"@moji": mojibake(c), "@moji2": mojibake(mojibake(c))}.get(d) or typo(unescape(d))
        if d == c or not d:
            raise SystemExit(f"{name}: marker {m.group(0)[:60]!r} changes nothing or has an empty dirty part")
        debris.append({"category": cat, "span": [pos_d, pos_d + len(d)], "replacement": c,
                       "note": (note or DEFAULT_NOTE[cat]).strip()})
        dirty_parts.append(d)
        clean_parts.append(c)
        pos_d += len(d)
        last = m.end()
    tail = typo(body[last:])
    if tail == "\n" and debris and debris[-1]["span"][1] == pos_d and dirty_parts[-1].endswith("\n"):
        tail = ""  # the source file's own final newline, after an end-of-text block such as a footer
    dirty_parts.append(tail)
    clean_parts.append(tail)
    dirty, clean = "".join(dirty_parts), "".join(clean_parts)
    for it in debris:
        it["dirty_excerpt"] = excerpt(dirty, *it["span"])
    out_meta = {
        "id": meta["id"], "lang": meta.get("lang"), "kind": meta.get("kind"), "topic": meta.get("topic", ""),
    }
    if meta["traps"]:
        out_meta["traps"] = meta["traps"]
    out_meta["debris"] = [{k: it[k] for k in ("category", "dirty_excerpt", "note", "span", "replacement")}
                          for it in debris]
    problems = validate(out_meta, dirty, clean)
    if problems:
        raise SystemExit(f"{name}: " + "; ".join(problems))
    return {"meta": out_meta, "dirty": dirty, "clean": clean}


def apply_spans(dirty: str, debris: list[dict]) -> str:
    out, pos = [], 0
    for it in sorted(debris, key=lambda x: x["span"]):
        a, b = it["span"]
        if a < pos:
            raise ValueError(f"overlapping spans at {a}")
        out += [dirty[pos:a], it["replacement"]]
        pos = b
    out.append(dirty[pos:])
    return "".join(out)


def validate(meta: dict, dirty: str, clean: str) -> list[str]:
    p = []
    if meta["lang"] not in LANGS:
        p.append(f"lang {meta['lang']!r}")
    if meta["kind"] not in KINDS:
        p.append(f"kind {meta['kind']!r}")
    n = len(meta["debris"])
    if meta["kind"] == "clean_control":
        if n or dirty != clean:
            p.append("a clean control has debris")
        if len(meta.get("traps", [])) < 3:
            p.append("a clean control lists fewer than 3 traps")
    elif not 3 <= n <= 8:
        p.append(f"{n} debris items (want 3-8)")
    if apply_spans(dirty, meta["debris"]) != clean:
        p.append("spans do not turn dirty into clean")
    if not clean.endswith("\n") or clean.endswith("\n\n") or "\n\n\n" in clean:
        p.append("clean.txt must end with one newline and have no runs of blank lines")
    if re.search(r"[ \t]+\n", clean):
        p.append("clean.txt has trailing whitespace")
    size = len(clean.encode("utf-8"))
    if not 1000 <= size <= 4200:
        p.append(f"clean.txt is {size} bytes (want 1-4 KB)")
    for t in meta.get("traps", []):
        if t["excerpt"] not in clean:
            p.append(f"trap excerpt not in text: {t['excerpt']!r}")
    return p


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = ap.parse_args()
    stale = 0
    for src in sorted(SRC.glob("*.case")):
        case = parse(src)
        d = ROOT / src.stem
        files = {"dirty.txt": case["dirty"], "clean.txt": case["clean"],
                 "meta.json": json.dumps(case["meta"], ensure_ascii=False, indent=1) + "\n"}
        for fname, content in files.items():
            f = d / fname
            if args.check:
                if not f.exists() or f.read_text(encoding="utf-8") != content:
                    print(f"stale: {f.relative_to(ROOT)}")
                    stale += 1
            else:
                d.mkdir(exist_ok=True)
                with open(f, "w", encoding="utf-8", newline="") as fh:
                    fh.write(content)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
