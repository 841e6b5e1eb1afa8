"""The contract every answer backend passes, as a test mixin (after haystack's `DocumentStoreBaseTests`).

A backend's tests inherit `AnswerBackendContract` and provide a `backend` fixture:

    class TestMyBackend(AnswerBackendContract):
        @pytest.fixture
        def backend(self, contract_context: BackendContext) -> AnswerBackend:
            return MyBackend(...)

The passages are a small hand-made corpus embedded with the model-free hashing embedder, so the
contract runs without the real model and on no particular document.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.answering.base import AnswerBackend, AnswerRequest, BackendContext
from assistant.answering.citations import verify_draft
from assistant.index.hashing import HASHING_MODEL, HashingEmbeddings
from assistant.settings import Settings
from assistant.text import split_sentences
from assistant.types import Chunk, Passage

CONTRACT_PASSAGES = (
    "The harbour authority approved a new breakwater in March. Construction is expected to take three years.",
    "Fishermen opposed the plan because it closes two traditional landing sites. Their union filed a complaint.",
    "The regional council will fund forty per cent of the cost. The rest comes from a national grant.",
)
CONTRACT_QUESTION = "Who opposed the breakwater plan and why?"
_MARKER = re.compile(r"\[(\d+)\]")


def contract_chunks() -> list[Chunk]:
    """The contract passages as chunks of one document, with sentence spans."""
    chunks, offset = [], 0
    for number, text in enumerate(CONTRACT_PASSAGES):
        spans = tuple(split_sentences(text))
        end = offset + len(text)
        chunks.append(Chunk(f"harbour-{number}", "harbour", "Harbour works", "Plans", number, offset, end, text, sentences=spans))
        offset += len(text) + 2
    return chunks


class AnswerBackendContract:
    """Tests every `AnswerBackend` must pass; subclasses provide the `backend` fixture."""

    embedder = HashingEmbeddings()

    @pytest.fixture
    def backend(self, contract_context: BackendContext) -> AnswerBackend:
        raise NotImplementedError("a backend's test class provides the `backend` fixture")

    @pytest.fixture
    def contract_context(self) -> BackendContext:
        settings = Settings(_env_file=None, embedding_model=HASHING_MODEL)  # type: ignore[call-arg]
        return BackendContext(settings, self._sentence_vectors)

    @pytest.fixture
    def answer_request(self) -> AnswerRequest:
        passages = [Passage(chunk, rank, 1.0 / rank) for rank, chunk in enumerate(contract_chunks(), start=1)]
        return AnswerRequest(CONTRACT_QUESTION, passages, self.embedder.encode([CONTRACT_QUESTION])[0])

    def _sentence_vectors(self, chunk: Chunk) -> np.ndarray:
        return self.embedder.encode([chunk.text[s:e] for s, e in chunk.sentences])

    def test_has_a_name(self, backend: AnswerBackend) -> None:
        assert isinstance(backend.name, str) and backend.name.strip()

    def test_streams_a_nonempty_text_draft(self, backend: AnswerBackend, answer_request: AnswerRequest) -> None:
        pieces = list(backend.draft(answer_request))
        assert pieces and all(isinstance(piece, str) for piece in pieces)
        assert "".join(pieces).strip()

    def test_markers_name_given_passages(self, backend: AnswerBackend, answer_request: AnswerRequest) -> None:
        draft = "".join(backend.draft(answer_request))
        markers = [int(n) for n in _MARKER.findall(draft)]
        assert markers, f"no [n] marker in {draft!r}"
        assert all(1 <= n <= len(answer_request.passages) for n in markers)

    def test_draft_is_supported_by_the_passages(self, backend: AnswerBackend, answer_request: AnswerRequest) -> None:
        """Verification keeps at least one sentence, and its quote is a span of the corpus text."""
        draft = "".join(backend.draft(answer_request))
        verified = verify_draft(
            draft,
            answer_request.passages,
            embed=self.embedder.encode,
            sentence_vectors=self._sentence_vectors,
            linked_sources=lambda chunk, footnote: None,
        )
        assert verified.citations, f"nothing of {draft!r} was kept"
        for citation in verified.citations:
            assert citation.quote in CONTRACT_PASSAGES[citation.chunk.paragraph]

    def test_repeatable(self, backend: AnswerBackend, answer_request: AnswerRequest) -> None:
        assert "".join(backend.draft(answer_request)) == "".join(backend.draft(answer_request))
