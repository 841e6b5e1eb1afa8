"""What answering is made of: backends that draft, rewriters that make follow-ups standalone.

Both are Protocols; implementations come from the registry (`assistant.answering.registry`), and
every backend passes the contract tests in `assistant.testing.backend_contract`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.retrieval.query import QueryIntent
from assistant.settings import Settings
from assistant.types import Chunk, Passage, Turn


@dataclass(frozen=True)
class AnswerRequest:
    """What a backend sees: the standalone question and passages numbered from 1."""

    question: str
    passages: list[Passage]
    query_vector: np.ndarray
    history: tuple[Turn, ...] = ()
    intent: QueryIntent | None = None
    """What the question asks for, read against the corpus' catalogue (assistant/retrieval/query.py)."""
    case_sentences: frozenset[str] = frozenset()
    """The sentences of the scenario the question names, if it names one (assistant/answering/cases.py)."""


class AnswerBackend(Protocol):
    """Streams a draft answer whose markers [n] refer to `request.passages[n-1]`.

    The draft is verified and re-cited afterwards (see `citations.verify_draft`), so a backend
    need not cite well; it must only use the passages. Failures raise `BackendError`.
    """

    name: str

    def draft(self, request: AnswerRequest) -> Iterator[str]: ...


class QuestionRewriter(Protocol):
    """Turns a follow-up into a standalone question, given the conversation so far."""

    def rewrite(self, question: str, history: tuple[Turn, ...]) -> str:
        """The standalone question; raises `BackendError` when a remote model fails."""
        ...


@dataclass(frozen=True)
class BackendContext:
    """What a backend factory may use: the settings and the open index's sentence vectors."""

    settings: Settings
    sentence_vectors: Callable[[Chunk], np.ndarray]
