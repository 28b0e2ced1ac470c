"""The default, for people: location, code, message, the offending line, the fix hint."""
from .concise_format import marker, where

WINDOW = 60  # characters of context on each side: article lines are long


def _style(color):
    if not color:
        return lambda s, _c: s
    codes = {"bold": "1", "red": "31", "cyan": "36", "blue": "34", "dim": "2", "green": "32"}
    return lambda s, c: f"\x1b[{codes[c]}m{s}\x1b[0m"


def _excerpt(f):
    line, col = f.get("_line", ""), f["location"]["column"] - 1
    same_row = f["end_location"]["row"] == f["location"]["row"]
    end = f["end_location"]["column"] - 1 if same_row else len(line)
    end = max(min(end, len(line)), col + 1)
    lo, hi = max(0, col - WINDOW), min(len(line), end + WINDOW)
    text = ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else "")
    pad = col - lo + (1 if lo else 0)
    return text, pad, max(1, min(end, hi) - col)


def render(findings, color=False, **_):
    st = _style(color)
    out = []
    for f in findings:
        out.append(f"{st(where(f), 'bold')}: {st(f['code'], 'red')} {marker(f)}{f['message']}\n")
        text, pad, width = _excerpt(f)
        row = str(f["location"]["row"])
        gutter = " " * len(row)
        out.append(f"{gutter} {st('|', 'blue')}\n")
        out.append(f"{st(row, 'blue')} {st('|', 'blue')} {text}\n")
        out.append(f"{gutter} {st('|', 'blue')} {' ' * pad}{st('^' * width, 'red')}\n")
        fix = f.get("fix")
        if fix:
            hint = fix.get("message") or "fix available"
            kind = "" if fix["applicability"] == "safe" else " (unsafe: needs --unsafe-fixes)"
            out.append(f"{gutter} {st('=', 'blue')} {st('help', 'cyan')}: {hint}{kind}\n")
        out.append("\n")
    return "".join(out)
