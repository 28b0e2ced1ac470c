"""One JSON finding per line: streams well into jq, BigQuery or a data lake."""
import json

from ..located import public


def render(findings, **_):
    return "".join(json.dumps(public(f), ensure_ascii=False) + "\n" for f in findings)
