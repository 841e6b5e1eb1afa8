"""Run the verifier over the verification sets: the deterministic checks alone, and with a judge.

Each claim is verified as a one-sentence draft against the passages retrieved for it plus the
chunk that holds its evidence, exactly as an answer's sentences are (`Assistant.verify`). The
judge runs through the real OpenAI client against a local fake server (see judges.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.facade import Assistant
from assistant.retrieval.retriever import HybridRetriever
from assistant.testing.fake_llm_server import FakeChatServer
from assistant.types import Passage
from eval.verification import judges
from eval.verification.cases import Case, load_cases
from eval.verification.generate import generate

MODES = ("deterministic", "lenient judge", "oracle judge")
JUDGE_BACKEND = "openai:judge"


@dataclass(frozen=True)
class Outcome:
    case: Case
    verdict: str
    reason: str

    @property
    def right(self) -> bool:
        """A faithful claim kept, or a contradicted one left out."""
        return (self.verdict == "SUPPORTED") == self.case.faithful


@dataclass
class VerificationRun:
    cases: dict[str, list[Case]]
    """Set name (handwritten, generated) → cases."""
    outcomes: dict[str, dict[str, list[Outcome]]] = field(default_factory=dict)
    """Mode → set name → outcomes, in case order (a judge mode may cover only some sets and cases)."""

    def rates(self, mode: str, set_name: str, split: str | None = None) -> dict[str, dict[str, Any]]:
        """Per kind: n and the rate of right outcomes (caught for contradictions, kept for paraphrases)."""
        table: dict[str, dict[str, Any]] = {}
        for outcome in self.outcomes[mode][set_name]:
            if split is not None and outcome.case.split != split:
                continue
            row = table.setdefault(outcome.case.kind, {"n": 0, "right": 0})
            row["n"] += 1
            row["right"] += outcome.right
        for row in table.values():
            row["rate"] = row["right"] / row["n"]
        return table

    def overall(self, mode: str, set_name: str, split: str | None = None, *, faithful: bool = False) -> tuple[float, int]:
        """Share of right outcomes over all contradicted (or all faithful) claims, and their number."""
        outcomes = [o for o in self.outcomes[mode][set_name] if (split is None or o.case.split == split) and o.case.faithful == faithful]
        return sum(o.right for o in outcomes) / max(len(outcomes), 1), len(outcomes)


def evaluate_verification(
    assistant: Assistant, log: Callable[[str], None] = lambda message: None, *, judged_split: str | None = None
) -> VerificationRun:
    """Every mode over the hand-written and the generated sets (no files written; see report.py).

    With `judged_split`, the judge modes run over the hand-written cases of that split only (the
    CI floors need no more, and the judges cost twice the checks).
    """
    index = assistant.index
    brief = next(chunk.document for chunk in index.chunks)
    run = VerificationRun({"handwritten": load_cases(), "generated": generate(index.chunks, index.catalogue, brief)})
    retriever = HybridRetriever(index)
    passages = {name: [_passages(case, assistant, retriever) for case in cases] for name, cases in run.cases.items()}
    labels = {case.claim: case.label for cases in run.cases.values() for case in cases}
    policies = {"lenient judge": judges.lenient, "oracle judge": judges.oracle(labels)}
    for mode in MODES:
        log(f"verification: {mode}")
        if mode == "deterministic":
            run.outcomes[mode] = _verify_all(assistant, run.cases, passages, None)
            continue
        with FakeChatServer(policies[mode]) as server:
            judged = Assistant(assistant.settings.model_copy(update={"llm_base_url": server.openai_url, "llm_timeout_s": 10.0}))
            run.outcomes[mode] = _verify_all(judged, *_judged(run.cases, passages, judged_split), JUDGE_BACKEND)
    return run


def _judged(
    cases: dict[str, list[Case]], passages: dict[str, list[list[Passage]]], split: str | None
) -> tuple[dict[str, list[Case]], dict[str, list[list[Passage]]]]:
    """The cases (and their passages) a judge mode runs over: all, or the hand-written ones of one split."""
    if split is None:
        return cases, passages
    kept = [(case, found) for case, found in zip(cases["handwritten"], passages["handwritten"]) if case.split == split]
    return {"handwritten": [case for case, _ in kept]}, {"handwritten": [found for _, found in kept]}


def _verify_all(
    assistant: Assistant, cases: dict[str, list[Case]], passages: dict[str, list[list[Passage]]], backend: str | None
) -> dict[str, list[Outcome]]:
    outcomes: dict[str, list[Outcome]] = {}
    for name, items in cases.items():
        outcomes[name] = []
        for case, found in zip(items, passages[name]):
            verdicts = assistant.verify(case.claim, found, backend).verdicts
            # a claim the splitter cuts in two is kept only when every part is
            verdict = next((v for v in verdicts if not v.supported), verdicts[0])
            outcomes[name].append(Outcome(case, verdict.verdict, verdict.reason))
    return outcomes


def _passages(case: Case, assistant: Assistant, retriever: HybridRetriever) -> list[Passage]:
    """The passages retrieved for the claim, and the chunk holding its evidence first."""
    retrieved = retriever.retrieve(case.claim, assistant.settings.top_k).passages
    holder = next((chunk for chunk in assistant.index.chunks if case.evidence in chunk.text), None)
    if holder is None:
        return retrieved
    return [Passage(holder, 0, 1.0), *(p for p in retrieved if p.chunk.id != holder.id)]
