"""Sweep chunk size × k: each chunk size is built into a temporary index, every k is evaluated on it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from eval.gold import GoldCase
from eval.runner import AssistantTarget, run_cases
from eval.summary import floors_status, summarize

CHUNK_WORDS = (60, 120, 200)
TOP_KS = (3, 5, 8)

Log = Callable[[str], None]


def run_sweep(
    settings: Settings,
    cases: list[GoldCase],
    *,
    chunk_words: tuple[int, ...] = CHUNK_WORDS,
    top_ks: tuple[int, ...] = TOP_KS,
    log: Log | None = None,
) -> list[dict[str, Any]]:
    from assistant.facade import Assistant
    from assistant.index.build import build_index
    from assistant.index.cache import seed_cache

    rows = []
    with tempfile.TemporaryDirectory(prefix="brief-sweep-") as tmp:
        for words in chunk_words:
            index_dir = Path(tmp) / f"index-{words}"
            seed_cache(index_dir, settings.index_dir)  # reuse embeddings of identical texts (sentences do not change with chunk size)
            variant = settings.model_copy(update={"chunk_words": words, "index_dir": index_dir, "chroma_host": None})
            build_index(variant)
            assistant = Assistant(variant)
            chunks = len(assistant.index.chunks)
            for k in top_ks:
                summary = summarize(run_cases(AssistantTarget(assistant, backend="extractive", top_k=k), cases))
                floors = floors_status(summary)
                rows.append(
                    {
                        "chunk_words": words,
                        "k": k,
                        "chunks": chunks,
                        "evidence_recall@k": summary["recall_curve"].get(str(k), 0.0),
                        "evidence_recall@5": summary["evidence_recall@5"],
                        "mrr": summary["mrr"],
                        "fact_coverage": summary["fact_coverage"],
                        "out_of_scope_declined": summary["out_of_scope_declined"],
                        "answerable_declined": summary["answerable_declined"],
                        "pass_rate": summary["pass_rate"],
                        "latency_p50_ms": summary["latency_p50_ms"],
                        "floors_met": all(f["ok"] for f in floors.values()),
                    }
                )
                if log:
                    facts, recall = summary["fact_coverage"], summary["evidence_recall@5"]
                    log(f"sweep chunk_words={words} k={k}: facts {facts:.3f}, recall@5 {recall:.3f}")
    return rows


def recommend(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Among settings that meet every floor (or all, if none does): best pass rate, then facts, then smaller k."""
    if not rows:
        return None
    pool = [row for row in rows if row["floors_met"]] or rows
    return max(pool, key=lambda r: (round(r["pass_rate"], 3), round(r["fact_coverage"], 3), round(r["evidence_recall@5"], 3), -r["k"]))
