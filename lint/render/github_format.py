"""GitHub Actions workflow commands: annotations on the pull request's files."""


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(findings, **_):
    out = []
    for f in findings:
        level = {"error": "error", "warning": "warning"}.get(f["severity"], "notice")
        rec = f" (record {f['record']})" if "record" in f else ""
        props = [f"file={_escape_prop(f['filename'])}"]
        if "record" in f:  # a JSONL record: the line of the file is the record number
            props.append(f"line={f['record']}")
        else:
            loc, end = f["location"], f["end_location"]
            props += [f"line={loc['row']}", f"col={loc['column']}", f"endLine={end['row']}"]
            if end["row"] == loc["row"]:
                props.append(f"endColumn={end['column']}")
        props.append(f"title={_escape_prop(f['code'] + ' ' + f['name'])}")
        out.append(f"::{level} {','.join(props)}::{_escape_data(f['code'] + ' ' + f['message'] + rec)}\n")
    return "".join(out)
