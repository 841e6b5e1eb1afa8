"""CI floors of the verification evaluation (the numbers are in eval/verification/REPORT.md)."""

from __future__ import annotations

import pytest

from eval.verification.cases import FAITHFUL
from eval.verification.evaluate import VerificationRun, evaluate_verification

pytestmark = pytest.mark.slow

CAUGHT_FLOORS = {("handwritten", "test"): 0.84, ("handwritten", "dev"): 0.92, ("generated", None): 0.95}
"""Least share of contradicted claims the deterministic layer catches, all kinds together: just under
what eval/verification/REPORT.md measured (the issue's target, 0.97 on every kind, is not met on test)."""
KEPT_FLOORS = {"dev": 0.95, "test": 0.92}
"""Least share of faithful paraphrases the deterministic layer keeps (target 0.90: met on dev and on test, 0.98)."""


@pytest.fixture(scope="module")
def run(assistant) -> VerificationRun:  # type: ignore[no-untyped-def]
    return evaluate_verification(assistant, judged_split="test")


@pytest.mark.parametrize(("set_name", "split"), list(CAUGHT_FLOORS))
def test_contradictions_caught(run: VerificationRun, set_name: str, split: str | None) -> None:
    caught, _ = run.overall("deterministic", set_name, split)
    assert caught >= CAUGHT_FLOORS[(set_name, split)], f"{set_name} {split}: caught {caught:.3f}"


@pytest.mark.parametrize("split", list(KEPT_FLOORS))
def test_faithful_kept(run: VerificationRun, split: str) -> None:
    kept, _ = run.overall("deterministic", "handwritten", split, faithful=True)
    assert kept >= KEPT_FLOORS[split], f"{split}: kept {kept:.3f}"


def test_the_judges_ran_over_the_test_half_only(run: VerificationRun) -> None:
    for mode in ("lenient judge", "oracle judge"):
        judged = run.outcomes[mode]
        assert list(judged) == ["handwritten"] and {o.case.split for o in judged["handwritten"]} == {"test"}
        assert len(judged["handwritten"]) == sum(case.split == "test" for case in run.cases["handwritten"])


def test_a_judge_never_lets_through_what_the_checks_caught(run: VerificationRun) -> None:
    """The lenient judge approves everything: it must leave exactly the deterministic verdicts' drops."""
    checks = {o.case.id: o.verdict == "SUPPORTED" for o in run.outcomes["deterministic"]["handwritten"]}
    lenient = {o.case.id: o.verdict == "SUPPORTED" for o in run.outcomes["lenient judge"]["handwritten"]}
    assert lenient == {case: checks[case] for case in lenient}


def test_an_oracle_judge_catches_every_contradiction(run: VerificationRun) -> None:
    missed = [o.case.id for o in run.outcomes["oracle judge"]["handwritten"] if not o.case.faithful and not o.right]
    assert not missed, missed


def test_the_sets_are_as_large_as_promised(run: VerificationRun) -> None:
    generated = run.cases["generated"]
    assert len({c.evidence for c in generated}) >= 80 and len(generated) >= 300
    handwritten = run.cases["handwritten"]
    assert sum(c.kind == FAITHFUL for c in handwritten) >= 60 and sum(not c.faithful for c in handwritten) >= 40
    assert {c.split for c in handwritten} == {"dev", "test"}
