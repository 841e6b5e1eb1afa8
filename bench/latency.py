"""Warm per-question latency: p50/p95 by stage over many questions against one Assistant."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.common import brief_index, load, questions, summary

STAGES = ["retrieve_embed", "retrieve_dense", "retrieve_bm25", "retrieve_fusion", "answer", "total"]


def measure_assistant(assistant, count: int = 200) -> dict:  # noqa: ANN001 (assistant.facade.Assistant)
    """Ask `count` questions (each in a new conversation) after one warm-up question."""
    asked = questions(count)
    assistant.ask(asked[0])
    rows, declined = [], 0
    before = load()
    for question in asked:
        answer = assistant.ask(question)
        rows.append(answer.timings_ms)
        declined += answer.declined
    stages = {stage: summary([r.get(stage, 0.0) for r in rows]) for stage in STAGES}
    # what the stages above leave out of `total`: coverage check, best similarity, conversation bookkeeping
    stages["other"] = summary([r["total"] - r["retrieve"] - r["answer"] for r in rows])
    return {"questions": count, "declined": declined, "stages_ms": stages, "load_avg_before": before, "load_avg_after": load()}


def measure(count: int = 200) -> dict:
    from assistant.facade import Assistant

    with tempfile.TemporaryDirectory() as tmp:
        settings = brief_index(Path(tmp))
        result = measure_assistant(Assistant(settings), count)
        result["chunks"] = Assistant(settings).index.manifest.chunks
    return result


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
