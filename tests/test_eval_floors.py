"""CI floors: the extractive system on the gold set must not drop below these numbers."""

from __future__ import annotations

import pytest

from eval.evaluate import evaluate
from eval.summary import FLOORS, floors_status


@pytest.fixture(scope="module")
def eval_run(assistant):  # type: ignore[no-untyped-def]
    return evaluate(assistant, backend="extractive")


@pytest.mark.parametrize("metric", list(FLOORS))
def test_floor(eval_run, metric: str) -> None:  # type: ignore[no-untyped-def]
    status = floors_status(eval_run.summary)[metric]
    failing = [f"{r.id}: {'; '.join(r.failures)}" for r in eval_run.results[eval_run.meta["system"]] if not r.passed]
    assert status["ok"], f"{metric} = {status['value']:.3f}, floor {status['floor']}; failing cases:\n" + "\n".join(failing)


def test_floors_are_the_ones_the_issue_names() -> None:
    assert FLOORS == {
        "evidence_recall@5": (">=", 0.95),
        "fact_coverage": (">=", 0.85),
        "quote_validity": (">=", 1.0),
        "out_of_scope_declined": (">=", 0.9),
        "answerable_declined": ("<=", 0.05),
    }


def test_report_folder_is_written(eval_run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eval.evaluate import write

    report = write(eval_run, tmp_path / "report", latest=False)
    text = report.read_text(encoding="utf-8")
    assert "## Summary" in text and "evidence_recall@5" in text
    assert (tmp_path / "report" / "metrics.json").exists() and (tmp_path / "report" / "cases.jsonl").exists()
    assert {p.name for p in (tmp_path / "report" / "plots").iterdir()} == {"recall_at_k.png", "categories.png", "latency.png"}
