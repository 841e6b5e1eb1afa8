"""Verify a drafted answer sentence by sentence and attach exact, checkable quotes.

Each draft sentence gets a verdict (see `assistant.answering.verification`); only SUPPORTED
sentences are kept, each ending with a marker [n]: citation n names a passage and the character
span of the supporting quote inside it (`passage.text[start:end] == quote`). A marker pointing at
no passage is ignored; a supported but uncited sentence gets its citation. Every sentence's
verdict is returned, the dropped ones with the evidence they were checked against (n = 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answering.verification.checker import check_claims
from assistant.answering.verification.claims import draft_claims
from assistant.answering.verification.evidence import Embed, SentenceVectors
from assistant.answering.verification.judge import Judge
from assistant.answering.verification.names import CorpusNames
from assistant.answering.verification.verdicts import ClaimVerdict, Evidence, Label
from assistant.index.overview import Scenario
from assistant.text import footnote_numbers
from assistant.types import Chunk, Citation, LinkedSource, Passage, Verdict

__all__ = ["Embed", "SentenceVectors", "VerifiedAnswer", "verify_draft"]

LinkedSources = Callable[[Chunk, int], LinkedSource | None]


@dataclass
class VerifiedAnswer:
    text: str
    citations: list[Citation]
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def dropped(self) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if not verdict.supported]


def verify_draft(
    draft: str,
    passages: list[Passage],
    *,
    embed: Embed,
    sentence_vectors: SentenceVectors,
    linked_sources: LinkedSources,
    names: CorpusNames | None = None,
    judge: Judge | None = None,
    scenarios: tuple[Scenario, ...] = (),
) -> VerifiedAnswer:
    """Keep the SUPPORTED sentences of `draft`, each cited with an exact quote.

    `names` knows the corpus' names (default: the passages' own); `judge` is the LLM judge, if any; `scenarios` the
    corpus' cases, whose sentences support only claims about them.
    """
    claims = draft_claims(draft)
    names = names or CorpusNames(p.chunk.text for p in passages)
    checked = check_claims(claims, passages, embed=embed, sentence_vectors=sentence_vectors, names=names, judge=judge, scenarios=scenarios)
    parts: list[str] = []
    citations: list[Citation] = []
    verdicts: list[Verdict] = []
    for verdict in checked:
        evidence: Citation | None
        if verdict.label is Label.SUPPORTED and verdict.evidence is not None:
            evidence = _cite(verdict.evidence, citations, linked_sources)
            parts.append(f"{verdict.sentence} [{evidence.n}]")
        else:
            evidence = _evidence_citation(verdict, linked_sources)
        verdicts.append(Verdict(verdict.sentence, verdict.label.value, verdict.reason, evidence))
    return VerifiedAnswer(text=" ".join(parts), citations=citations, verdicts=verdicts)


def _evidence_citation(verdict: ClaimVerdict, linked_sources: LinkedSources) -> Citation | None:
    evidence = verdict.evidence
    return _citation(0, evidence.passage.chunk, evidence.start, evidence.end, linked_sources) if evidence else None


def _cite(evidence: Evidence, citations: list[Citation], linked_sources: LinkedSources) -> Citation:
    """Reuse a citation of the same quote, extend one that ends just before, or add a new one."""
    chunk = evidence.passage.chunk
    for i, citation in enumerate(citations):
        if citation.chunk.id != chunk.id:
            continue
        if citation.start <= evidence.start and evidence.end <= citation.end:
            return citation
        if citations[-1] is citation and chunk.text[citation.end : evidence.start].strip() == "" and evidence.start >= citation.end:
            merged = _citation(citation.n, chunk, citation.start, evidence.end, linked_sources)
            citations[i] = merged
            return merged
    citation = _citation(len(citations) + 1, chunk, evidence.start, evidence.end, linked_sources)
    citations.append(citation)
    return citation


def _citation(n: int, chunk: Chunk, start: int, end: int, linked_sources: LinkedSources) -> Citation:
    sources = tuple(s for s in (linked_sources(chunk, number) for number in footnote_numbers(chunk.text[start:end])) if s)
    return Citation(n=n, chunk=chunk, start=start, end=end, linked_sources=sources)
