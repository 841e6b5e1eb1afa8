"""PNG plots of a report: recall@k curve, per-category bars, latency histogram."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def write_plots(folder: Path, runs: dict[str, dict[str, Any]], totals: dict[str, list[float]]) -> list[str]:
    """`runs` maps a system name to its summary; `totals` to its per-question total latencies."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [_recall_curve(folder, runs), _categories(folder, runs), _latency(folder, totals)]
    plt.close("all")
    return names


def _recall_curve(folder: Path, runs: dict[str, dict[str, Any]]) -> str:
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, summary in runs.items():
        curve = summary["recall_curve"]
        ax.plot([int(k) for k in curve], list(curve.values()), marker="o", label=name)
    ax.set(xlabel="k (passages retrieved)", ylabel="evidence recall@k", ylim=(0, 1.02), title="Evidence recall@k")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "recall_at_k.png", dpi=110)
    return "recall_at_k.png"


def _categories(folder: Path, runs: dict[str, dict[str, Any]]) -> str:
    fig, ax = plt.subplots(figsize=(8, 4))
    categories = list(dict.fromkeys(c for summary in runs.values() for c in summary["by_category"]))
    width = 0.8 / max(len(runs), 1)
    for i, (name, summary) in enumerate(runs.items()):
        values = [summary["by_category"].get(c, {}).get("pass_rate", 0.0) for c in categories]
        ax.bar([x + i * width for x in range(len(categories))], values, width=width, label=name)
    ax.set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(categories))], categories, rotation=20)
    ax.set(ylabel="cases passed", ylim=(0, 1.05), title="Pass rate by category")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "categories.png", dpi=110)
    return "categories.png"


def _latency(folder: Path, totals: dict[str, list[float]]) -> str:
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, values in totals.items():
        ax.hist(values, bins=20, alpha=0.6, label=name)
    ax.set(xlabel="total latency per question (ms)", ylabel="questions", title="Latency")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "latency.png", dpi=110)
    return "latency.png"
