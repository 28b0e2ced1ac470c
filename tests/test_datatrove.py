"""corpuslint's datatrove steps in a real pipeline: JsonlReader -> annotate -> filter -> fix -> JsonlWriter."""
from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from corpuslint.integrations.datatrove import (  # noqa: E402
    DROP_REASON, CorpuslintAnnotator, CorpuslintFilter, CorpuslintFixer, debris_score,
)
from corpuslint.linter import Linter  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Rules with settled behaviour, so that the test checks the integration, not rule tuning.
RULES = ["CL101", "CL102", "CL103", "CL301", "CL302", "CL303"]
MAX_SCORE = 0.3


def _debris_page(text: str, k: int) -> str:
    """One paragraph of an article buried in lines that are all debris (hashtags, stamps, symbols)."""
    head = text.split("\n")[0]
    junk = []
    for i in range(12):
        junk += [f"#Actu #Tech{i} #{k}Info", f"2023-11-{10 + i:02d} 13:15:{i:02d}", "•"]
    return head + "\n" + "\n".join(junk) + "\n"


def _corpus(folder: Path) -> tuple[list[dict], set[str]]:
    """Two JSONL files (one per task): the seed articles, lightly soiled copies, and debris pages."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    docs, heavy = [], set()
    for i, text in enumerate(seeds):
        docs.append({"id": f"seed-{i}", "text": text, "metadata": {"language": "fr"}})
        soiled = "\n".join(line + ("  " if j % 3 == 0 else "") for j, line in enumerate(text.split("\n")))
        docs.append({"id": f"soiled-{i}", "text": soiled})
        docs.append({"id": f"debris-{i}", "text": _debris_page(text, i), "metadata": {"language": "fr"}})
        heavy.add(f"debris-{i}")
    folder.mkdir(parents=True)
    half = len(docs) // 2
    for n, part in enumerate((docs[:half], docs[half:])):
        with open(folder / f"part-{n}.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in part)
    return docs, heavy


def _read_jsonl_gz(folder: Path) -> list[dict]:
    out = []
    for p in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh]
    return out


def _pipeline(src: Path, dst: Path, excluded: Path) -> list:
    return [
        JsonlReader(str(src)),
        CorpuslintAnnotator(select=RULES),
        CorpuslintFilter(max_score=MAX_SCORE, select=RULES, exclusion_writer=JsonlWriter(str(excluded))),
        CorpuslintFixer(select=RULES),
        JsonlWriter(str(dst)),
    ]


def _check_outputs(docs: list[dict], heavy: set[str], out: Path, excluded: Path, logs: Path) -> None:
    kept, dropped = _read_jsonl_gz(out), _read_jsonl_gz(excluded)
    assert {d["id"] for d in dropped} == heavy
    assert {d["id"] for d in kept} == {d["id"] for d in docs} - heavy
    # Dropped documents carry the reason and the score that decided it.
    for d in dropped:
        assert d["metadata"]["filter_reason"] == DROP_REASON
        assert d["metadata"]["corpuslint"]["score"] > MAX_SCORE
        assert d["metadata"]["corpuslint"]["codes"].keys() >= {"CL301", "CL302", "CL303"}
    # Kept documents: annotated on their original text, then fixed exactly as the engine fixes them.
    linter = Linter.for_path(CorpuslintFixer(select=RULES).settings, None)
    by_id = {d["id"]: d for d in docs}
    for d in kept:
        original = by_id[d["id"]]["text"]
        note = d["metadata"]["corpuslint"]
        spans = note["spans"]
        assert note["findings"] == len(spans) == sum(note["codes"].values())
        assert all(0 <= s["start"] <= s["end"] <= len(original) for s in spans)
        assert note["score"] <= MAX_SCORE
        assert d["text"] == linter.fix_text(original).text
        if d["id"].startswith("soiled-"):
            assert note["codes"]["CL101"] >= 1 and d["metadata"]["corpuslint_fixes"] >= note["codes"]["CL101"]
            assert not any(line.endswith(" ") for line in d["text"].split("\n"))
    # Stats: every step saw every document it should, and the filter's drops carry the reason.
    stats = {s["name"]: {k: v if isinstance(v, int) else v["total"] for k, v in s["stats"].items()}
             for s in json.loads((logs / "stats.json").read_text())}
    annotate = next(v for k, v in stats.items() if "annotate" in k)
    filt = next(v for k, v in stats.items() if "filter" in k)
    fix = next(v for k, v in stats.items() if "fix" in k and "filter" not in k)
    assert annotate["total"] == len(docs)
    assert annotate["CL101"] == sum(d["metadata"]["corpuslint"]["codes"].get("CL101", 0) for d in kept + dropped)
    assert filt["dropped"] == filt[f"dropped_{DROP_REASON}"] == len(heavy)
    assert filt["forwarded"] == len(docs) - len(heavy)
    assert fix["total"] == len(docs) - len(heavy)
    assert fix["documents_fixed"] >= len(heavy)  # every soiled copy at least
    assert "corpuslint_errors" not in annotate and "corpuslint_errors" not in fix
    assert len(list((logs / "completions").iterdir())) == 2


def test_local_pipeline_two_tasks_two_workers(tmp_path):
    docs, heavy = _corpus(tmp_path / "in")
    out, excluded, logs = tmp_path / "out", tmp_path / "excluded", tmp_path / "logs"
    LocalPipelineExecutor(_pipeline(tmp_path / "in", out, excluded), tasks=2, workers=2,
                          logging_dir=str(logs)).run()
    _check_outputs(docs, heavy, out, excluded, logs)


def test_slurm_job_side_runs_the_pickled_pipeline(tmp_path, monkeypatch):
    """What a Slurm array task does: load the dill-pickled executor and run its rank (no sbatch here)."""
    dill = pytest.importorskip("dill")
    from datatrove.executor import SlurmPipelineExecutor

    docs, heavy = _corpus(tmp_path / "in")
    out, excluded, logs = tmp_path / "out", tmp_path / "excluded", tmp_path / "logs"
    executor = SlurmPipelineExecutor(_pipeline(tmp_path / "in", out, excluded), tasks=2, time="00:10:00",
                                     partition="cpu", logging_dir=str(logs))
    blob = dill.dumps(executor, fmode=dill.CONTENTS_FMODE)  # as SlurmPipelineExecutor.launch_job does
    logs.mkdir()
    (logs / "ranks_to_run.json").write_text(json.dumps([0, 1]))
    # What sbatch and scontrol provide on a real node.
    monkeypatch.setenv("SLURM_NODELIST", "node-1")
    monkeypatch.setattr("datatrove.executor.slurm.expand_slurm_nodelist", lambda nodes: [nodes])
    for task in (0, 1):
        monkeypatch.setenv("SLURM_ARRAY_TASK_ID", str(task))
        dill.loads(blob).run()
    from datatrove.utils.stats import PipelineStats  # the stats merge Slurm runs as a last job

    merged = sum((PipelineStats.from_json(json.loads(p.read_text())) for p in sorted((logs / "stats").glob("*.json"))),
                 start=PipelineStats())
    merged.save_to_disk(open(logs / "stats.json", "w"))
    _check_outputs(docs, heavy, out, excluded, logs)


def test_steps_pickle_without_their_linter_and_rebuild_it():
    step = CorpuslintAnnotator(select=RULES)
    step.linter  # built in this process
    clone = pickle.loads(pickle.dumps(step))
    assert clone._linter is None
    assert clone.linter.codes == step.linter.codes


def test_bad_rule_code_fails_when_the_pipeline_is_built():
    from corpuslint.registry import SelectionError

    with pytest.raises(SelectionError):
        CorpuslintFilter(select=["CL999"])


def test_debris_score_counts_overlaps_once():
    class F:
        def __init__(self, a, b):
            self.start, self.end = a, b

    assert debris_score([F(0, 10), F(5, 15), F(20, 20), F(30, 40)], 100) == pytest.approx(0.25)
    assert debris_score([], 0) == 0.0
