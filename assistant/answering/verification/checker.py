"""The verdict on each claim: evidence, then the vetoes, then (with an LLM) the judge."""

from __future__ import annotations

from assistant.answering.verification.cases import check_case
from assistant.answering.verification.claims import Claim
from assistant.answering.verification.evidence import Embed, SentenceVectors, coverage, find_evidence, unnamed_terms
from assistant.answering.verification.judge import Judge
from assistant.answering.verification.names import CorpusNames, check_names
from assistant.answering.verification.numbers import check_numbers
from assistant.answering.verification.polarity import check_polarity
from assistant.answering.verification.relations import check_relations
from assistant.answering.verification.subjects import named_subject
from assistant.answering.verification.verdicts import NO_EVIDENCE, ClaimVerdict, Evidence, Label, Objection, strongest
from assistant.index.overview import Scenario
from assistant.types import Passage

COVERAGE_MARGIN = 0.15
"""How much more of a claim's words (its names aside) a later candidate must hold than the one that drew no
objection for its contradiction to decide. Chosen on the dev claims: 0.15 caught 16 more of 1,178 and kept 4
fewer of 1,158; 0.1 caught 18 more and kept 6 fewer; 0.2 caught 7 more and kept as many."""
TIE_MARGIN = 0.03
"""Evidence scores this close to those of the sentence that drew no objection are a tie: a tied candidate holding
about as much of the claim (no more than 2 × COVERAGE_MARGIN less) that contradicts it decides. Chosen on the dev
claims: 0.03 caught 5 more of 1,546 and kept as many; 0.05 caught 8 more and kept 2 fewer; 0.08 caught 9 more and
kept 5 fewer."""


def check_claims(
    claims: list[Claim],
    passages: list[Passage],
    *,
    embed: Embed,
    sentence_vectors: SentenceVectors,
    names: CorpusNames,
    judge: Judge | None = None,
    scenarios: tuple[Scenario, ...] = (),
) -> list[ClaimVerdict]:
    """One verdict per claim; SUPPORTED only when some evidence sentence draws no objection at all. `scenarios` are
    the corpus' cases (its overview's): a claim about one rests only on what is said of it."""
    found = find_evidence(claims, passages, embed, sentence_vectors)
    return [verdict(claim, candidates, names, judge, scenarios) for claim, candidates in zip(claims, found)]


def vetoes(claim: str, evidence: Evidence, names: CorpusNames, scenarios: tuple[Scenario, ...] = ()) -> list[Objection]:
    """The deterministic objections of one evidence sentence to a claim (empty: nothing objects)."""
    return [
        *check_numbers(claim, evidence.text),
        *check_names(claim, evidence.text, evidence.passage.chunk.text, names),
        *check_relations(claim, named_subject(evidence, names), names),
        *check_polarity(claim, evidence.text),
        *check_case(claim, evidence, scenarios),
    ]


def verdict(
    claim: Claim, candidates: list[Evidence], names: CorpusNames, judge: Judge | None = None, scenarios: tuple[Scenario, ...] = ()
) -> ClaimVerdict:
    """The verdict on one claim from its evidence candidates, best first: the first that draws no objection
    supports it, unless a later one that says clearly more of what the claim says contradicts it; the first
    that contradicts it (before any supports it) decides."""
    if not candidates:
        return ClaimVerdict(claim.text, NO_EVIDENCE.label, NO_EVIDENCE.reason, None, NO_EVIDENCE.check)
    if candidates[0].exact:
        return ClaimVerdict(claim.text, Label.SUPPORTED, "the passage says this word for word", candidates[0])
    first: tuple[Objection, Evidence] | None = None
    for position, evidence in enumerate(candidates):
        objection = strongest(vetoes(claim.text, evidence, names, scenarios))
        if objection is None:
            closer = _closer_contradiction(claim.text, evidence, candidates[position + 1 :], names, scenarios)
            if closer is not None:  # decided by the checks: the judge is not asked
                return closer
            if judge is not None:
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


def _closer_contradiction(
    claim: str, supporting: Evidence, later: list[Evidence], names: CorpusNames, scenarios: tuple[Scenario, ...]
) -> ClaimVerdict | None:
    """A candidate of `later` (those after `supporting`) that holds COVERAGE_MARGIN more of what the claim says, or
    ties with it (TIE_MARGIN) holding about as much, and contradicts it: "Lind sees the two sides as equals" is
    decided by "the leader does not see the two sides as equals", not by a sentence that only names Lind and the
    sides."""
    terms = unnamed_terms(claim, names)
    floor = coverage(terms, supporting.text) + COVERAGE_MARGIN
    for evidence in later:
        covered = coverage(terms, evidence.text)
        if covered > floor or (evidence.score >= supporting.score - TIE_MARGIN and covered >= floor - 2 * COVERAGE_MARGIN):
            objection = strongest(vetoes(claim, evidence, names, scenarios))
            if objection is not None and objection.label is Label.CONTRADICTED:
                return ClaimVerdict(claim, objection.label, objection.reason, evidence, objection.check)
    return None
