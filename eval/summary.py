"""Aggregate per-case results into the headline metrics, per category and per latency stage."""

from __future__ import annotations

from typing import Any

from eval import metrics
from eval.runner import RECALL_KS, CaseResult

TARGETS: dict[str, tuple[str, float]] = {
    "evidence_recall@5": (">=", 0.95),
    "fact_coverage": (">=", 0.90),
    "quote_validity": (">=", 1.0),
    "out_of_scope_declined": (">=", 0.90),
    "answerable_declined": ("<=", 0.03),
}
"""What the frozen test split should reach (out_of_scope_declined there counts the near-miss cases)."""

FLOORS: dict[str, tuple[str, float]] = {
    "evidence_recall@5": (">=", 0.94),
    "fact_coverage": (">=", 0.89),
    "quote_validity": (">=", 1.0),
    "out_of_scope_declined": (">=", 0.77),
    "answerable_declined": ("<=", 0.05),
}
"""The CI floors on the test split, enforced by tests/test_eval_floors.py: the TARGETS where the system
meets them with room for one case (a host without int8 embeds questions in bf16, which can move one), else
its measured value less a small margin, so that a regression fails; eval/README.md ("Dev and test") reports
the gaps to the targets."""

HEADLINE = [
    "evidence_recall@1",
    "evidence_recall@3",
    "evidence_recall@5",
    "mrr",
    "ndcg@5",
    "fact_coverage",
    "facts_all_found",
    "citation_precision",
    "citation_coverage",
    "citations_on_evidence",
    "quote_validity",
    "standalone_ok",
    "out_of_scope_declined",
    "answerable_declined",
    "pass_rate",
    "latency_p50_ms",
    "latency_p95_ms",
]


def summarize(results: list[CaseResult]) -> dict[str, Any]:
    answerable = [r for r in results if r.answerable]
    out_of_scope = [r for r in results if not r.answerable]
    follow_ups = [r for r in results if r.standalone_ok is not None]
    totals = [r.timings_ms["total"] for r in results if "total" in r.timings_ms]
    summary: dict[str, Any] = {f"evidence_recall@{k}": metrics.mean([r.recall[k] for r in answerable]) for k in RECALL_KS}
    summary.update(
        {
            "mrr": metrics.mean([r.reciprocal_rank or 0.0 for r in answerable]),
            "ndcg@5": metrics.mean([r.ndcg5 or 0.0 for r in answerable]),
            "fact_coverage": metrics.mean([r.fact_coverage or 0.0 for r in answerable]),
            "facts_all_found": metrics.mean([float(r.fact_coverage == 1.0) for r in answerable]),
            "citation_precision": _ratio(sum(r.supported_citations for r in results), sum(r.citation_checks for r in results)),
            "citation_coverage": _ratio(sum(r.cited_sentences for r in results), sum(r.sentences for r in results)),
            "citations_on_evidence": _ratio(sum(r.on_evidence_citations for r in answerable), sum(r.quotes for r in answerable)),
            "quote_validity": _ratio(sum(r.valid_quotes for r in results), sum(r.quotes for r in results)),
            "standalone_ok": metrics.mean([float(bool(r.standalone_ok)) for r in follow_ups]),
            "out_of_scope_declined": metrics.mean([float(r.declined) for r in out_of_scope]),
            "answerable_declined": metrics.mean([float(r.declined) for r in answerable]),
            "pass_rate": metrics.mean([float(r.passed) for r in results]),
            "latency_p50_ms": metrics.percentile(totals, 50),
            "latency_p95_ms": metrics.percentile(totals, 95),
            "cases": len(results),
            "answerable_cases": len(answerable),
            "out_of_scope_cases": len(out_of_scope),
            "follow_up_cases": len(follow_ups),
        }
    )
    summary["recall_curve"] = {str(k): metrics.mean([_recall_at(r, k) for r in answerable]) for k in range(1, _max_k(results) + 1)}
    summary["latency_by_stage"] = latency_by_stage(results)
    summary["by_category"] = by_category(results)
    return summary


def floors_status(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    status = {}
    for name, (op, floor) in FLOORS.items():
        value = summary[name]
        ok = value >= floor - 1e-9 if op == ">=" else value <= floor + 1e-9
        status[name] = {"value": value, "floor": f"{op} {floor}", "target": f"{TARGETS[name][0]} {TARGETS[name][1]}", "ok": ok}
    return status


def latency_by_stage(results: list[CaseResult]) -> dict[str, dict[str, float]]:
    stages = list(dict.fromkeys(stage for r in results for stage in r.timings_ms))
    return {
        stage: {
            "p50": metrics.percentile(values, 50),
            "p95": metrics.percentile(values, 95),
            "n": len(values),
        }
        for stage in stages
        for values in [[r.timings_ms[stage] for r in results if stage in r.timings_ms]]
    }


def by_category(results: list[CaseResult]) -> dict[str, dict[str, float]]:
    table = {}
    for category in dict.fromkeys(r.category for r in results):
        group = [r for r in results if r.category == category]
        answerable = [r for r in group if r.answerable]
        row = {
            "cases": len(group),
            "pass_rate": metrics.mean([float(r.passed) for r in group]),
            "declined": metrics.mean([float(r.declined) for r in group]),
        }
        if answerable:
            row["evidence_recall@5"] = metrics.mean([r.recall[5] for r in answerable])
            row["mrr"] = metrics.mean([r.reciprocal_rank or 0.0 for r in answerable])
            row["fact_coverage"] = metrics.mean([r.fact_coverage or 0.0 for r in answerable])
        table[category] = row
    return table


def _recall_at(result: CaseResult, k: int) -> float:
    spans = [(p["span"][0], p["span"][1]) if p["span"] else None for p in result.passages]
    return metrics.recall_at_k(spans, [(g[0], g[1]) for g in result.gold_spans], k)


def _max_k(results: list[CaseResult]) -> int:
    return max((len(r.passages) for r in results), default=0)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 1.0
