"""Extractive backend: picks the passage sentences that best answer the question (no LLM)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from assistant.answering.base import AnswerRequest
from assistant.answering.citations import SentenceVectors, term_overlap
from assistant.types import Turn

LEXICAL_WEIGHT = 0.5
RANK_PRIOR = 0.03
RELATIVE_CUTOFF = 0.8
"""Sentences scoring below this share of the best one are left out."""
REDUNDANT_SIMILARITY = 0.9
MAX_WORDS = 110
_NEEDS_ANTECEDENT = re.compile(r"^(?:However,\s+|Instead,\s+|In turn,\s+)?(?:He|She|They|It|This|These|His|Her|Their|Its)\b")


@dataclass(frozen=True)
class _Candidate:
    passage_number: int
    sentence: int
    text: str
    score: float
    vector: np.ndarray


class ExtractiveBackend:
    """Short answers made of verbatim sentences, each followed by its passage marker."""

    name = "extractive"

    def __init__(self, sentence_vectors: SentenceVectors, max_sentences: int = 4) -> None:
        self._sentence_vectors = sentence_vectors
        self._max_sentences = max_sentences

    def draft(self, request: AnswerRequest) -> Iterator[str]:
        chosen = self._select(request)
        text = " ".join(f"{candidate.text} [{candidate.passage_number}]" for candidate in chosen)
        for word in re.findall(r"\S+\s*", text):
            yield word

    def rewrite_question(self, question: str, history: tuple[Turn, ...]) -> str | None:
        return None

    def _select(self, request: AnswerRequest) -> list[_Candidate]:
        candidates = self._candidates(request)
        if not candidates:
            return []
        best = max(candidate.score for candidate in candidates)
        chosen: list[_Candidate] = []
        words = 0
        for candidate in sorted(candidates, key=lambda c: -c.score):
            if candidate.score < best * RELATIVE_CUTOFF or len(chosen) >= self._max_sentences:
                break
            if any(float(candidate.vector @ other.vector) > REDUNDANT_SIMILARITY for other in chosen):
                continue
            additions = [candidate]
            antecedent = self._antecedent(candidate, candidates)
            if antecedent and antecedent not in chosen:
                additions.insert(0, antecedent)
            size = sum(len(c.text.split()) for c in additions)
            if chosen and words + size > MAX_WORDS:
                continue
            chosen.extend(additions)
            words += size
        # Read in document order within a passage, passages in order of their best sentence.
        first_seen = {c.passage_number: i for i, c in reversed(list(enumerate(chosen)))}
        return sorted(chosen, key=lambda c: (first_seen[c.passage_number], c.sentence))

    def _candidates(self, request: AnswerRequest) -> list[_Candidate]:
        candidates = []
        for number, passage in enumerate(request.passages, start=1):
            chunk = passage.chunk
            similarities = self._sentence_vectors(chunk) @ request.query_vector
            vectors = self._sentence_vectors(chunk)
            for i, ((start, end), similarity) in enumerate(zip(chunk.sentences, similarities)):
                text = chunk.text[start:end]
                score = float(similarity) + LEXICAL_WEIGHT * term_overlap(request.question, text) + RANK_PRIOR / number
                candidates.append(_Candidate(number, i, text, score, vectors[i]))
        return candidates

    @staticmethod
    def _antecedent(candidate: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
        """The sentence before one that opens with a pronoun, from the same passage."""
        if candidate.sentence == 0 or not _NEEDS_ANTECEDENT.match(candidate.text):
            return None
        return next(
            (c for c in candidates if c.passage_number == candidate.passage_number and c.sentence == candidate.sentence - 1),
            None,
        )
