"""One evaluation run: the system (and optionally the baseline and a sweep) over the gold set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from eval.gold import GOLD_PATH, GoldSet, load_gold
from eval.runner import AssistantTarget, CaseResult, run_cases
from eval.summary import summarize

REPORTS_DIR = Path(__file__).resolve().parent / "reports"
Log = Callable[[str], None]


@dataclass
class EvalRun:
    meta: dict[str, Any]
    runs: dict[str, dict[str, Any]]
    results: dict[str, list[CaseResult]]
    sweep: list[dict[str, Any]] | None = None
    folder: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, Any]:
        return self.runs[self.meta["system"]]


def evaluate(
    assistant: Any,
    *,
    backend: str | None = None,
    top_k: int | None = None,
    gold_path: Path = GOLD_PATH,
    baseline: bool = False,
    sweep: bool = False,
    log: Log | None = None,
) -> EvalRun:
    """Score `assistant` (an Assistant) on the gold set; no files are written (see `write`)."""
    settings: Settings = assistant.settings
    target = AssistantTarget(assistant, backend=backend, top_k=top_k)
    gold: GoldSet = load_gold(gold_path, target.brief_text)
    say = log or (lambda message: None)
    k = top_k or settings.top_k
    say(f"{len(gold.cases)} cases; system {target.name} k={k}")
    results = {target.name: run_cases(target, gold.cases)}
    if baseline:
        from assistant.corpus.manifest import SourcesManifest
        from eval.baseline import BaselineTarget

        entry = SourcesManifest.load(settings.corpus_dir).require_brief()
        raw = (settings.corpus_dir / (entry.raw or "")).read_text(encoding="utf-8")
        say("baseline: splitting the raw text, embedding into an in-memory Chroma")
        base = BaselineTarget(settings, raw, target.brief_text, top_k=k)
        results[base.name] = run_cases(base, gold.cases)
    runs = {name: summarize(case_results) for name, case_results in results.items()}
    sweep_rows = None
    if sweep:
        from eval.sweep import run_sweep

        sweep_rows = run_sweep(settings, gold.cases, log=say)
    meta = {
        "timestamp": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "system": target.name,
        "backend": target.name,
        "k": k,
        "chunk_words": assistant.index.manifest.chunk_words,
        "build_id": assistant.index.manifest.build_id,
        "gold": _relative(gold_path),
    }
    return EvalRun(meta, runs, results, sweep_rows)


def write(run: EvalRun, out: Path | None = None, *, latest: bool = True) -> Path:
    """Write the report folder (default eval/reports/<timestamp>/) and, by default, eval/REPORT.md."""
    from eval.report import write_latest, write_report

    folder = out or REPORTS_DIR / datetime.now().strftime("%Y%m%d-%H%M%S")
    run.meta["folder"] = _relative(folder)
    path = write_report(folder, run.meta, run.runs, run.results, run.sweep)
    run.folder = folder
    if latest:
        write_latest(run.meta, run.runs, run.results, run.sweep)
    return path


def _relative(path: Path) -> str:
    """A path relative to the project root when it lies inside it (reports stay machine-independent)."""
    root = REPORTS_DIR.parents[1]
    resolved = path.resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(path)
