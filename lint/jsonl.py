"""JSONL records, read and rewritten byte for byte except the text value.

A record is a JSON object on one line. To rewrite only its text field, we locate the raw
token of that value in the line and splice in the new one: other fields, key order,
spacing and escapes stay as they were.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from json.decoder import JSONDecodeError, scanstring

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


class RecordError(ValueError):
    pass


@dataclass
class Record:
    number: int               # 1-based line number in the file
    raw: str                  # the line without its line break
    text: str                 # the text field's value
    text_span: tuple[int, int]  # where the text value's JSON token sits in raw
    doc_id: str | None
    duplicate_keys: list[str]

    def with_text(self, new_text: str) -> str:
        a, b = self.text_span
        token = self.raw[a:b]
        # Keep the file's escaping habit: \\uXXXX escapes for non-ASCII, or raw UTF-8.
        ascii_only = token.isascii() and "\\u" in token
        return self.raw[:a] + json.dumps(new_text, ensure_ascii=ascii_only) + self.raw[b:]


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def scan_object(line: str) -> tuple[dict, dict[str, tuple[int, int]], list[str]]:
    """Parse one JSON object; return it, each top-level key's raw value span, and repeated keys."""
    i = _skip_ws(line, 0)
    if i >= len(line) or line[i] != "{":
        raise RecordError("not a JSON object")
    obj, spans, dups = {}, {}, []
    i = _skip_ws(line, i + 1)
    if i < len(line) and line[i] == "}":
        end = _skip_ws(line, i + 1)
        if end != len(line):
            raise RecordError(f"extra data at column {end + 1}")
        return obj, spans, dups
    try:
        while True:
            if i >= len(line) or line[i] != '"':
                raise RecordError(f"expected a key at column {i + 1}")
            key, i = scanstring(line, i + 1)
            i = _skip_ws(line, i)
            if i >= len(line) or line[i] != ":":
                raise RecordError(f"expected ':' at column {i + 1}")
            i = _skip_ws(line, i + 1)
            value, end = _DECODER.raw_decode(line, i)
            if key in obj:
                dups.append(key)
            obj[key], spans[key] = value, (i, end)
            i = _skip_ws(line, end)
            if i < len(line) and line[i] == ",":
                i = _skip_ws(line, i + 1)
                continue
            if i < len(line) and line[i] == "}":
                break
            raise RecordError(f"expected ',' or '}}' at column {i + 1}")
    except JSONDecodeError as exc:
        raise RecordError(f"invalid JSON at column {exc.pos + 1}: {exc.msg}") from None
    end = _skip_ws(line, i + 1)
    if end != len(line):
        raise RecordError(f"extra data at column {end + 1}")
    return obj, spans, dups


def parse_record(number: int, raw: str, text_field: str, id_field: str) -> Record:
    obj, spans, dups = scan_object(raw)
    if text_field not in obj:
        raise RecordError(f"no {text_field!r} field")
    text = obj[text_field]
    if not isinstance(text, str):
        raise RecordError(f"field {text_field!r} is {type(text).__name__}, not a string")
    if text_field in dups:
        raise RecordError(f"duplicate key {text_field!r}: which text to lint is ambiguous")
    doc_id = obj.get(id_field)
    return Record(number, raw, text, spans[text_field], None if doc_id is None else str(doc_id), dups)
