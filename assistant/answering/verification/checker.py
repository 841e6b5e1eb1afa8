"""The verdict on each claim: evidence, then the vetoes, then (with an LLM) the judge."""

from __future__ import annotations

from assistant.answering.verification.claims import Claim
from assistant.answering.verification.evidence import Embed, SentenceVectors, find_evidence
from assistant.answering.verification.judge import Judge
from assistant.answering.verification.names import CorpusNames, check_names
from assistant.answering.verification.numbers import check_numbers
from assistant.answering.verification.polarity import check_polarity
from assistant.answering.verification.relations import check_relations
from assistant.answering.verification.subjects import named_subject
from assistant.answering.verification.verdicts import NO_EVIDENCE, ClaimVerdict, Evidence, Label, Objection, strongest
from assistant.types import Passage


def check_claims(
    claims: list[Claim],
    passages: list[Passage],
    *,
    embed: Embed,
    sentence_vectors: SentenceVectors,
    names: CorpusNames,
    judge: Judge | None = None,
) -> list[ClaimVerdict]:
    """One verdict per claim; SUPPORTED only when some evidence sentence draws no objection at all."""
    found = find_evidence(claims, passages, embed, sentence_vectors)
    return [verdict(claim, candidates, names, judge) for claim, candidates in zip(claims, found)]


def vetoes(claim: str, evidence: Evidence, names: CorpusNames) -> list[Objection]:
    """The deterministic objections of one evidence sentence to a claim (empty: nothing objects)."""
    return [
        *check_numbers(claim, evidence.text),
        *check_names(claim, evidence.text, evidence.passage.chunk.text, names),
        *check_relations(claim, named_subject(evidence, names), names),
        *check_polarity(claim, evidence.text),
    ]


def verdict(claim: Claim, candidates: list[Evidence], names: CorpusNames, judge: Judge | None = None) -> ClaimVerdict:
    """The verdict on one claim from its evidence candidates, best first: the first that draws no objection
    supports it; the first that contradicts it (before any supports it) decides."""
    if not candidates:
        return ClaimVerdict(claim.text, NO_EVIDENCE.label, NO_EVIDENCE.reason, None, NO_EVIDENCE.check)
    if candidates[0].exact:
        return ClaimVerdict(claim.text, Label.SUPPORTED, "the passage says this word for word", candidates[0])
    first: tuple[Objection, Evidence] | None = None
    for evidence in candidates:
        objection = strongest(vetoes(claim.text, evidence, names))
        if objection is None and judge is not None:
            objection = judge.judge(claim.text, evidence)
        if objection is None:
            reason = "the passage says this" + (" (checked by the judge)" if judge is not None else "")
            return ClaimVerdict(claim.text, Label.SUPPORTED, reason, evidence)
        if objection.label is Label.CONTRADICTED:  # the closest evidence that contradicts decides
            return ClaimVerdict(claim.text, objection.label, objection.reason, evidence, objection.check)
        first = first or (objection, evidence)
    assert first is not None
    objection, evidence = first
    return ClaimVerdict(claim.text, objection.label, objection.reason, evidence, objection.check)
