"""Write a report folder (report.md, metrics.json, cases.jsonl, plots) and the committed eval/REPORT.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval import metrics
from eval.runner import CaseResult
from eval.summary import HEADLINE, floors_status
from eval.sweep import recommend

EVAL_DIR = Path(__file__).resolve().parent
LATEST = EVAL_DIR / "REPORT.md"


def summary_table(runs: dict[str, dict[str, Any]]) -> str:
    names = list(runs)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for metric in HEADLINE:
        lines.append(f"| {metric} | " + " | ".join(_fmt(runs[n].get(metric)) for n in names) + " |")
    return "\n".join(lines)


def render(
    meta: dict[str, Any],
    runs: dict[str, dict[str, Any]],
    results: dict[str, list[CaseResult]],
    sweep: list[dict[str, Any]] | None,
    plots: list[str],
) -> str:
    main = meta["system"]
    summary = runs[main]
    out = [f"# Evaluation report — {meta['timestamp']}", ""]
    dev = runs.get(meta.get("dev", ""), summary)
    out.append(
        f"Dev split `{meta['gold']}`: {dev['cases']} cases ({dev['answerable_cases']} answerable, "
        f"{dev['out_of_scope_cases']} out-of-scope or near-miss, {dev['follow_up_cases']} multi-turn)"
        + (
            f"; frozen test split `{meta['test']}`, written blind: {summary['cases']} cases ({summary['answerable_cases']} answerable, "
            f"{summary['out_of_scope_cases']} near-miss, {summary['follow_up_cases']} multi-turn)"
            if meta.get("test")
            else ""
        )
        + f". System: backend `{meta['backend']}`, k={meta['k']}, chunk_words={meta['chunk_words']}, index build `{meta['build_id']}`."
    )
    out += ["", "## Summary", "", summary_table(runs), ""]
    if meta.get("test") and meta.get("dev") in runs:
        out += ["## Dev and test", "", _gap_table(runs[meta["dev"]], summary), ""]
        out += [GAP_NOTE, ""]
    out += [f"## CI floors (on `{main}`)", "", "| metric | value | floor | ok | target |", "|---|---:|---|---|---|"]
    for name, status in floors_status(summary).items():
        out.append(f"| {name} | {status['value']:.3f} | {status['floor']} | {'yes' if status['ok'] else '**NO**'} | {status['target']} |")
    out += ["", "## By category", ""]
    out.append(_category_table(runs))
    out += ["", "## Latency by stage (ms)", "", "| stage | " + " | ".join(f"{n} p50 | {n} p95" for n in runs) + " |"]
    out.append("|---|" + "---:|---:|" * len(runs))
    stages = list(dict.fromkeys(s for n in runs for s in runs[n]["latency_by_stage"]))
    for stage in stages:
        cells = []
        for name in runs:
            row = runs[name]["latency_by_stage"].get(stage)
            cells += [f"{row['p50']:.1f}", f"{row['p95']:.1f}"] if row else ["", ""]
        out.append(f"| {stage} | " + " | ".join(cells) + " |")
    if sweep:
        out += ["", "## Sweep: chunk size × k (extractive)", "", _sweep_table(sweep)]
        best = recommend(sweep)
        if best:
            out += [
                "",
                f"Recommended defaults: chunk_words={best['chunk_words']}, top_k={best['k']} "
                "(meets every floor, then best pass rate, fact coverage, recall, smaller k).",
            ]
    out += ["", "## Failing cases", ""]
    for name, case_results in results.items():
        failing = [r for r in case_results if not r.passed]
        out.append(f"### {name}: {len(failing)} of {len(case_results)}")
        out.append("")
        if name.endswith(" test"):
            out += [BLIND_NOTE, ""]
            continue
        for r in failing:
            out.append(f"- `{r.id}` ({r.category}) {r.question!r}: {'; '.join(r.failures)}")
        out.append("")
    if plots:
        out += ["## Plots", ""] + [f"![{p}](plots/{p})" for p in plots] + [""]
    out += ["## Definitions", "", (metrics.__doc__ or "").strip(), ""]
    return "\n".join(out)


def write_report(
    folder: Path,
    meta: dict[str, Any],
    runs: dict[str, dict[str, Any]],
    results: dict[str, list[CaseResult]],
    sweep: list[dict[str, Any]] | None,
) -> Path:
    from eval.plots import write_plots

    folder.mkdir(parents=True, exist_ok=True)
    totals = {name: [r.timings_ms["total"] for r in rs if "total" in r.timings_ms] for name, rs in results.items()}
    plots = write_plots(folder / "plots", runs, totals)
    metrics_json = {"meta": meta, "runs": runs, "floors": floors_status(runs[meta["system"]]), "sweep": sweep or []}
    (folder / "metrics.json").write_text(json.dumps(metrics_json, indent=2, ensure_ascii=False), encoding="utf-8")
    with (folder / "cases.jsonl").open("w", encoding="utf-8") as handle:
        for name, case_results in results.items():
            for r in case_results:
                handle.write(json.dumps({"system": name, **r.to_json()}, ensure_ascii=False) + "\n")
    text = render(meta, runs, results, sweep, plots)
    (folder / "report.md").write_text(text, encoding="utf-8")
    return folder / "report.md"


def write_latest(
    meta: dict[str, Any], runs: dict[str, dict[str, Any]], results: dict[str, list[CaseResult]], sweep: list[dict[str, Any]] | None
) -> Path:
    """The committed summary: the same report without plots (they live in the ignored folder)."""
    text = render(meta, runs, results, sweep, plots=[])
    note = f"\n_Latest run; the full folder with plots and per-case JSON was {meta['folder']} (git-ignored)._\n"
    LATEST.write_text(text + note, encoding="utf-8")
    return LATEST


BLIND_NOTE = (
    "The test split's failing cases are not listed: rules are tuned on dev failures only (eval/README.md); "
    "the per-case results are in the run folder's cases.jsonl."
)
GAP_NOTE = (
    "A gap of more than 5 points between dev and test is a finding: the dev split was tuned on, the test split was "
    "written blind. eval/README.md (\"Dev and test\") explains the gaps of the latest run."
)
GAP_METRICS = ["evidence_recall@5", "fact_coverage", "answerable_declined", "out_of_scope_declined", "standalone_ok", "pass_rate"]


def _gap_table(dev: dict[str, Any], test: dict[str, Any]) -> str:
    lines = ["| metric | dev | test | test − dev |", "|---|---:|---:|---:|"]
    for metric in GAP_METRICS:
        gap = test[metric] - dev[metric]
        flag = " **(> 5 points)**" if round(abs(gap), 3) > 0.05 else ""
        lines.append(f"| {metric} | {dev[metric]:.3f} | {test[metric]:.3f} | {gap:+.3f}{flag} |")
    return "\n".join(lines)


def _category_table(runs: dict[str, dict[str, Any]]) -> str:
    names = list(runs)
    lines = ["| category | " + " | ".join(f"{n} cases | {n} pass | {n} recall@5 | {n} facts" for n in names) + " |"]
    lines.append("|---|" + "---:|---:|---:|---:|" * len(names))
    categories = list(dict.fromkeys(category for name in names for category in runs[name]["by_category"]))
    for category in categories:
        cells = []
        for name in names:
            r = runs[name]["by_category"].get(category, {})
            cells += [_fmt(r.get("cases")), _fmt(r.get("pass_rate")), _fmt(r.get("evidence_recall@5")), _fmt(r.get("fact_coverage"))]
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _sweep_table(rows: list[dict[str, Any]]) -> str:
    keys = [
        "chunk_words",
        "k",
        "chunks",
        "evidence_recall@k",
        "evidence_recall@5",
        "mrr",
        "fact_coverage",
        "out_of_scope_declined",
        "answerable_declined",
        "pass_rate",
        "latency_p50_ms",
        "floors_met",
    ]
    lines = ["| " + " | ".join(keys) + " |", "|" + "---:|" * len(keys)]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(row[k]) for k in keys) + " |")
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}" if value > 10 else f"{value:.3f}"
    return str(value)
