"""A claim about one of a document's cases rests only on what the document says of that case.

"In the neutral scenario, the council would raise fees" is not supported by the sentence that says so of the
optimistic scenario. The scenarios and the sentences each holds come from the overview derived at ingest
(assistant/index/scenarios.py); a claim names one as a question does (answering/cases.py). Evidence that belongs
to another scenario, and not to the one named, draws NOT_FOUND: it says nothing of the named case.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.answering.cases import named_case, names_a_case
from assistant.answering.verification.verdicts import Evidence, Label, Objection
from assistant.index.overview import Scenario
from assistant.retrieval.query import understand


def check_case(claim: str, evidence: Evidence, scenarios: tuple[Scenario, ...]) -> list[Objection]:
    """An objection when the claim names one scenario and the evidence is a sentence of another one only."""
    named = claim_case(claim, scenarios) if scenarios and names_a_case(claim) else None
    if named is None or _holds(named, evidence):
        return []
    other = next((scenario for scenario in scenarios if _holds(scenario, evidence)), None)
    if other is None:
        return []
    return [Objection(Label.NOT_FOUND, "case", f"the passage says this of {other.name}, not of {named.name}")]


@lru_cache(maxsize=1024)
def claim_case(claim: str, scenarios: tuple[Scenario, ...]) -> Scenario | None:
    """The scenario the claim names, read once per claim (the checker asks for each evidence candidate); its words
    and the document terms of them are all that tell, so the catalogue's names are not looked up."""
    return named_case(understand(claim), scenarios)


def _holds(scenario: Scenario, evidence: Evidence) -> bool:
    """Whether a point of `scenario` cites the evidence sentence (overlaps it in its chunk)."""
    chunk = evidence.passage.chunk.id
    return any(
        citation.chunk.id == chunk and citation.start < evidence.end and evidence.start < citation.end
        for point in scenario.points
        for citation in point.citations
    )
