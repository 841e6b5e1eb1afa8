"""One evaluation run: the system (and optionally the baseline and a sweep) over the gold set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from eval.gold import GOLD_PATH, TEST_PATH, GoldSet, load_gold
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
    test_path: Path | None = TEST_PATH,
    baseline: bool = False,
    sweep: bool = False,
    log: Log | None = None,
) -> EvalRun:
    """Score `assistant` (an Assistant) on the dev split (`gold_path`) and the frozen test split
    (`test_path`, None to skip it); floors apply to the test split. No files are written (see `write`)."""
    settings: Settings = assistant.settings
    target = AssistantTarget(assistant, backend=backend, top_k=top_k)
    splits: dict[str, GoldSet] = {"dev": load_gold(gold_path, target.brief_text)}
    if test_path is not None:
        splits["test"] = load_gold(test_path, target.brief_text)
    say = log or (lambda message: None)
    k = top_k or settings.top_k
    base = None
    if baseline:
        from assistant.corpus.manifest import SourcesManifest
        from eval.baseline import BaselineTarget

        entry = SourcesManifest.load(settings.corpus_dir).require_brief()
        raw = (settings.corpus_dir / (entry.raw or "")).read_text(encoding="utf-8")
        say("baseline: splitting the raw text, embedding into an in-memory Chroma")
        base = BaselineTarget(settings, raw, target.brief_text, top_k=k)
    results: dict[str, list[CaseResult]] = {}
    for split, gold in splits.items():
        say(f"{split}: {len(gold.cases)} cases; system {target.name} k={k}")
        results[run_name(target.name, split)] = run_cases(target, gold.cases)
        if base is not None:
            results[run_name(base.name, split)] = run_cases(base, gold.cases)
    runs = {name: summarize(case_results) for name, case_results in results.items()}
    sweep_rows = None
    if sweep:
        from eval.sweep import run_sweep

        sweep_rows = run_sweep(settings, splits["dev"].cases, log=say)
    meta = {
        "timestamp": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "system": run_name(target.name, "test" if "test" in splits else "dev"),
        "dev": run_name(target.name, "dev"),
        "backend": target.name,
        "k": k,
        "chunk_words": assistant.index.manifest.chunk_words,
        "build_id": assistant.index.manifest.build_id,
        "gold": _relative(gold_path),
        "test": _relative(test_path) if test_path is not None else "",
    }
    return EvalRun(meta, runs, results, sweep_rows)


def run_name(system: str, split: str) -> str:
    """The name of one system's run on one split ("extractive test")."""
    return f"{system} {split}"


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
