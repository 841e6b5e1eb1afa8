"""Extractive backend: picks the passage sentences that best answer the question (no LLM)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from assistant.answering.base import AnswerRequest
from assistant.answering.citations import SentenceVectors, term_overlap

LEXICAL_WEIGHT = 0.5
RANK_PRIOR = 0.03
RELATIVE_CUTOFF = 0.8
"""Sentences scoring below this share of the best one are left out."""
REDUNDANT_SIMILARITY = 0.9
MAX_WORDS = 110
_NEEDS_ANTECEDENT = re.compile(
    r"^(?:(?:However|Instead|In turn|Moreover|Finally|As a result),\s+)?(?:he|she|they|it|this|these|his|her|their|its)\b"
    r"|^(?:For this reason|As a result|Therefore|Thus|Consequently)\b",
    re.IGNORECASE,
)
"""A sentence that opens by referring back: it needs the one before, and elaborates on it."""
ANSWER_TYPE_BONUS = 0.15
"""Added when a sentence holds the kind of thing the question asks for (a person, a date, a number)."""
_ASKS_WHO = re.compile(r"^\s*(?:and\s+)?(?:who|whom|whose)\b", re.IGNORECASE)
_ASKS_WHEN = re.compile(r"^\s*(?:and\s+)?(?:when|what year|what month|since when|until when)\b", re.IGNORECASE)
_ASKS_NUMBER = re.compile(r"\b(?:how many|how much|what share|what percentage|what proportion)\b", re.IGNORECASE)
_PERSON_NAME = re.compile(r"(?<!^)(?<![.!?]\s)(?<!\bthe\s)(?<!\bThe\s)\b([A-Z][a-z]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-z]+)+)\b")
_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b|\bmid-[A-Z][a-z]+")
_NUMBER = re.compile(r"\d")
CONTEXT_SHARE = 0.5
"""Share of the previous sentence's score a sentence inherits when it refers back to it."""
_REFERS_BACK = re.compile(
    r"\b(?:this|these|that|those)\s+(?:\w+\s+)?(?:document|plan|proposal|agreement|approach|deal|group|process|strategy|"
    r"measures?|initiatives?|issue|scenario|period|phase|policy|talks)\b",
    re.IGNORECASE,
)


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
        yield from re.findall(r"\S+\s*", text)

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
            follower = self._follower(candidate, candidates)
            if follower and follower not in chosen and words + len(follower.text.split()) <= MAX_WORDS:
                chosen.append(follower)
                words += len(follower.text.split())
        # Read in document order within a passage, passages in order of their best sentence.
        first_seen = {c.passage_number: i for i, c in reversed(list(enumerate(chosen)))}
        return sorted(chosen, key=lambda c: (first_seen[c.passage_number], c.sentence))

    def _candidates(self, request: AnswerRequest) -> list[_Candidate]:
        candidates = []
        for number, passage in enumerate(request.passages, start=1):
            chunk = passage.chunk
            vectors = self._sentence_vectors(chunk)
            similarities = vectors @ request.query_vector
            previous = 0.0
            for i, ((start, end), similarity) in enumerate(zip(chunk.sentences, similarities)):
                text = chunk.text[start:end]
                own = float(similarity) + LEXICAL_WEIGHT * term_overlap(request.question, text) + RANK_PRIOR / number
                if i and _REFERS_BACK.search(text):
                    own = max(own, CONTEXT_SHARE * previous + (1 - CONTEXT_SHARE) * own)
                previous = own
                score = own + ANSWER_TYPE_BONUS * _holds_answer_type(request.question, text)
                candidates.append(_Candidate(number, i, text, score, vectors[i]))
        return candidates

    @staticmethod
    def _antecedent(candidate: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
        """The sentence before one that opens by referring back (a pronoun, "As a result")."""
        return _neighbour(candidate, candidates, -1) if _NEEDS_ANTECEDENT.match(candidate.text) else None

    @staticmethod
    def _follower(candidate: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
        """The sentence after this one when it opens by referring back to it."""
        follower = _neighbour(candidate, candidates, +1)
        return follower if follower and _NEEDS_ANTECEDENT.match(follower.text) else None


def _neighbour(candidate: _Candidate, candidates: list[_Candidate], offset: int) -> _Candidate | None:
    """The sentence `offset` places away from `candidate` in the same passage, if there is one."""
    return next((c for c in candidates if c.passage_number == candidate.passage_number and c.sentence == candidate.sentence + offset), None)


def _holds_answer_type(question: str, sentence: str) -> bool:
    """Whether the sentence names what a who/when/how-many question asks for, beyond the question's own words."""
    if _ASKS_WHO.match(question):
        return any(name not in question for name in _PERSON_NAME.findall(sentence))
    if _ASKS_WHEN.match(question):
        return any(date not in question for date in _DATE.findall(sentence))
    if _ASKS_NUMBER.search(question):
        return bool(_NUMBER.search(sentence))
    return False
