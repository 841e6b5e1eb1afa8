"""Evidence finding: the passage sentences a claim is about, best first.

A verbatim sentence is its own evidence. Otherwise the passage sentences are ranked by the mean
of cosine similarity (the index's sentence vectors) and term overlap; those above
`ABOUT_THRESHOLD` are candidates. Being about the same thing is all this says: the checks and
the judge decide whether the evidence supports the claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.answering.verification.claims import Claim
from assistant.answering.verification.names import CorpusNames
from assistant.answering.verification.verdicts import Evidence
from assistant.text import matching_terms, term_share
from assistant.types import Chunk, Passage

ABOUT_THRESHOLD = 0.36
"""Minimum mean of cosine similarity and term overlap for a sentence to count as evidence."""
SIMILARITY_WEIGHT = 0.5
CANDIDATES = 3
CITED_BONUS = 0.05
"""A sentence of a passage the draft cited wins ties within this margin."""

Embed = Callable[[list[str]], np.ndarray]
SentenceVectors = Callable[[Chunk], np.ndarray]

_TAIL = re.compile(r"[.!?\"'”’)\]⁰¹²³⁴⁵⁶⁷⁸⁹]*")


def find_evidence(claims: list[Claim], passages: list[Passage], embed: Embed, sentence_vectors: SentenceVectors) -> list[list[Evidence]]:
    """Per claim: [the verbatim sentence] or up to CANDIDATES sentences it is about, best first."""
    found: list[list[Evidence]] = []
    pending: list[int] = []
    for i, claim in enumerate(claims):
        exact = exact_evidence(claim.text, preferred(passages, claim.markers))
        found.append([exact] if exact else [])
        if exact is None:
            pending.append(i)
    if not pending or not passages:
        return found
    vectors = np.asarray(embed([claims[i].text for i in pending]), dtype=np.float32)
    for row, i in enumerate(pending):
        found[i] = _ranked(claims[i], passages, vectors[row], sentence_vectors)
    return found


def _ranked(claim: Claim, passages: list[Passage], vector: np.ndarray, sentence_vectors: SentenceVectors) -> list[Evidence]:
    cited = {id(passages[n - 1]) for n in claim.markers if 1 <= n <= len(passages)}
    scored: list[tuple[float, Evidence]] = []
    for passage in passages:
        similarities = sentence_vectors(passage.chunk) @ vector
        for (start, end), similarity in zip(passage.chunk.sentences, similarities):
            overlap = term_share(claim.text, passage.chunk.text[start:end], _rooted_terms)
            score = SIMILARITY_WEIGHT * float(similarity) + (1 - SIMILARITY_WEIGHT) * overlap
            if score >= ABOUT_THRESHOLD:
                scored.append((score + CITED_BONUS * (id(passage) in cited), Evidence(passage, start, end, score)))
    scored.sort(key=lambda pair: -pair[0])
    return [evidence for _, evidence in scored[:CANDIDATES]]


ROOT_LETTERS = 6
"""Letters of a long term its root keeps: "frustration" and "frustrated" meet as "frustr"."""


def unnamed_terms(claim: str, names: CorpusNames) -> set[str]:
    """The claim's rooted terms outside the names it gives: what it says about the parties it names."""
    said = claim
    for mention in sorted(names.mentions(claim), key=lambda m: -m.start):
        said = said[: mention.start] + " " + said[mention.end :]
    return set(_rooted_terms(said))


def coverage(terms: set[str], text: str) -> float:
    """The share of `terms` (rooted) that `text` holds."""
    return len(terms & set(_rooted_terms(text))) / len(terms) if terms else 0.0


def _rooted_terms(text: str) -> list[str]:
    """Matching terms, long ones cut to their first ROOT_LETTERS letters (a word and the noun made from it)."""
    return [term[:ROOT_LETTERS] for term in matching_terms(text)]


def preferred(passages: list[Passage], markers: tuple[int, ...]) -> list[Passage]:
    """Cited passages first (markers that point at no passage are ignored), then the rest."""
    cited = [passages[n - 1] for n in markers if 1 <= n <= len(passages)]
    return cited + [p for p in passages if p not in cited]


def exact_evidence(text: str, passages: list[Passage]) -> Evidence | None:
    """The passage span that is the claim word for word (with its closing punctuation), if any."""
    needle = text.rstrip(".!?").strip()
    for passage in passages:
        at = passage.chunk.text.find(needle)
        if at >= 0:
            end = at + len(needle)
            tail = _TAIL.match(passage.chunk.text[end:])
            return Evidence(passage, at, end + (tail.end() if tail else 0), 1.0, exact=True)
    return None
