"""Run the gold cases against a system (the Assistant, or the baseline) and score each one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from assistant.types import Answer, Chunk
from eval import metrics
from eval.gold import GoldCase

Progress = Callable[[int, int], None]


class Target(Protocol):
    """What the runner needs of a system under test (the Assistant facade has the first two)."""

    name: str

    def new_conversation(self) -> str: ...

    def ask(self, question: str, conversation_id: str | None) -> Answer: ...

    def brief_span(self, chunk: Chunk) -> metrics.Span | None:
        """The chunk's [start, end) in the cleaned brief, or None when it is not from the brief."""
        ...

    def document_text(self, chunk: Chunk) -> str | None:
        """The full text of the document the chunk claims to be a span of."""
        ...


class AssistantTarget:
    """The Assistant facade with a fixed backend and k; chunk offsets index the cleaned documents."""

    def __init__(self, assistant: Any, *, backend: str | None = None, top_k: int | None = None, name: str = "") -> None:
        from assistant.corpus.library import load_corpus
        from assistant.corpus.manifest import SourcesManifest

        self._assistant = assistant
        self._backend = backend
        self._top_k = top_k
        self._documents = {document.id: document.text for document in load_corpus(assistant.settings)}
        self._brief_id = SourcesManifest.load(assistant.settings.corpus_dir).require_brief().id
        self.name = name or (backend or assistant.settings.llm)

    @property
    def brief_text(self) -> str:
        return self._documents[self._brief_id]

    def new_conversation(self) -> str:
        return self._assistant.new_conversation()

    def ask(self, question: str, conversation_id: str | None) -> Answer:
        return self._assistant.ask(question, conversation_id, backend=self._backend, top_k=self._top_k)

    def brief_span(self, chunk: Chunk) -> metrics.Span | None:
        return (chunk.start, chunk.end) if chunk.document == self._brief_id else None

    def document_text(self, chunk: Chunk) -> str | None:
        return self._documents.get(chunk.document)


@dataclass
class CaseResult:
    """Scores of one case; `None` where a metric does not apply (e.g. recall for out-of-scope)."""

    id: str
    category: str
    question: str
    answerable: bool
    standalone_question: str
    answer: str
    declined: bool
    passed: bool = True
    failures: list[str] = field(default_factory=list)
    gold_spans: list[list[int]] = field(default_factory=list)
    recall: dict[int, float] = field(default_factory=dict)
    reciprocal_rank: float | None = None
    ndcg5: float | None = None
    fact_coverage: float | None = None
    facts_missing: list[list[str]] = field(default_factory=list)
    sentences: int = 0
    cited_sentences: int = 0
    supported_citations: int = 0
    citation_checks: int = 0
    on_evidence_citations: int = 0
    quotes: int = 0
    valid_quotes: int = 0
    standalone_ok: bool | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    passages: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["recall"] = {str(k): v for k, v in self.recall.items()}
        return record


RECALL_KS = (1, 3, 5)


def run_cases(target: Target, cases: list[GoldCase], *, progress: Progress | None = None) -> list[CaseResult]:
    results = []
    for done, case in enumerate(cases):
        results.append(score_case(target, case))
        if progress:
            progress(done + 1, len(cases))
    return results


def score_case(target: Target, case: GoldCase) -> CaseResult:
    conversation = target.new_conversation()
    for earlier in case.turns[:-1]:
        target.ask(earlier, conversation)
    answer = target.ask(case.question, conversation)
    return score_answer(target, case, answer)


def score_answer(target: Target, case: GoldCase, answer: Answer) -> CaseResult:
    result = CaseResult(
        id=case.id,
        category=case.category,
        question=" → ".join(case.turns),
        answerable=case.answerable,
        standalone_question=answer.standalone_question,
        answer=answer.text,
        declined=answer.declined,
        timings_ms=dict(answer.timings_ms),
        gold_spans=[list(span) for span in case.spans],
    )
    spans = [target.brief_span(p.chunk) for p in answer.passages]
    result.passages = [
        {"rank": p.rank, "chunk_id": p.chunk.id, "span": list(span) if span else None, "relevant": hit}
        for p, span, hit in zip(answer.passages, spans, metrics.relevant_flags(spans, case.spans))
    ]
    _score_citations(target, case, answer, result)

    if case.answerable:
        result.recall = {k: metrics.recall_at_k(spans, case.spans, k) for k in RECALL_KS}
        result.reciprocal_rank = metrics.reciprocal_rank(spans, case.spans)
        result.ndcg5 = metrics.ndcg_at_k(spans, case.spans, 5)
        found = metrics.facts_found("" if answer.declined else answer.text, case.facts)
        result.fact_coverage = sum(found) / len(found)
        result.facts_missing = [list(group) for group, ok in zip(case.facts, found) if not ok]
        if answer.declined:
            result.failures.append("declined an answerable question")
        if result.recall[5] < 1.0:
            result.failures.append(f"evidence recall@5 {result.recall[5]:.2f}")
        if result.facts_missing:
            result.failures.append("missing facts: " + "; ".join(" | ".join(group) for group in result.facts_missing))
    elif not answer.declined:
        result.failures.append("answered an out-of-scope question")
    if case.is_follow_up:
        result.standalone_ok = metrics.standalone_ok(answer.standalone_question, case.expected_standalone)
        if not result.standalone_ok:
            result.failures.append(f"standalone question lacks {case.expected_standalone}")
    if result.valid_quotes < result.quotes:
        result.failures.append("invalid quote")
    result.passed = not result.failures
    return result


def _score_citations(target: Target, case: GoldCase, answer: Answer, result: CaseResult) -> None:
    by_number = {citation.n: citation for citation in answer.citations}
    for citation in answer.citations:
        chunk = citation.chunk
        result.quotes += 1
        valid = metrics.quote_valid(
            chunk.text, citation.start, citation.end, citation.quote, target.document_text(chunk), chunk.start, chunk.end
        )
        result.valid_quotes += valid
        span = target.brief_span(chunk)
        quote_span = (span[0] + citation.start, span[0] + citation.end) if span else None
        on_evidence = bool(quote_span and any(metrics.overlaps(quote_span, g) for g in case.spans))
        result.on_evidence_citations += on_evidence
        result.citations.append(
            {"n": citation.n, "chunk_id": chunk.id, "quote": citation.quote, "valid": valid, "on_evidence": on_evidence}
        )
    if answer.declined:
        return
    for sentence, markers in metrics.answer_sentences(answer.text):
        result.sentences += 1
        cited = [by_number[n] for n in markers if n in by_number]
        if cited:
            result.cited_sentences += 1
        for citation in cited:
            result.citation_checks += 1
            result.supported_citations += metrics.citation_support(sentence, citation.quote)
