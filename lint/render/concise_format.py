"""One line per finding: path:row:col: CODE message."""


def where(f):
    rec = f":{f['record']}" if "record" in f else ""
    return f"{f['filename']}{rec}:{f['location']['row']}:{f['location']['column']}"


def marker(f):
    if f["fix"] is None:
        return ""
    return "[*] " if f["fix"]["applicability"] == "safe" else "[-] "


def render(findings, **_):
    return "".join(f"{where(f)}: {f['code']} {marker(f)}{f['message']}\n" for f in findings)
