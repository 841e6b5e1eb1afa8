"""The answer-backend Protocol: draft an answer with [n] markers from numbered passages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.types import Passage, Turn


@dataclass(frozen=True)
class AnswerRequest:
    """What a backend sees: the standalone question and passages numbered from 1."""

    question: str
    passages: list[Passage]
    query_vector: np.ndarray
    history: tuple[Turn, ...] = ()


class AnswerBackend(Protocol):
    """Streams a draft answer whose markers [n] refer to `request.passages[n-1]`.

    The draft is verified and re-cited afterwards (see `citations.verify_draft`), so a backend
    need not cite well; it must only use the passages.
    """

    name: str

    def draft(self, request: AnswerRequest) -> Iterator[str]: ...

    def rewrite_question(self, question: str, history: tuple[Turn, ...]) -> str | None:
        """A standalone form of a follow-up, or None to let the rule-based rewriter do it."""
        ...
