"""The Assistant: the one object every front end calls to ask questions about the corpus."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from assistant.answering.base import AnswerBackend, AnswerRequest
from assistant.answering.citations import VerifiedAnswer, verify_draft
from assistant.answering.extractive import ExtractiveBackend
from assistant.answering.refusal import assess_coverage
from assistant.conversation import ConversationStore, rewrite_follow_up
from assistant.corpus.manifest import SourcesManifest
from assistant.errors import BackendError
from assistant.index.reader import OpenIndex, open_index
from assistant.index.store import IndexPaths
from assistant.retrieval.query import search_query
from assistant.retrieval.retriever import HybridRetriever
from assistant.settings import Settings
from assistant.types import Answer, Chunk, LinkedSource, Passage, Turn
from assistant.validation import clean_question

EXTRACTIVE = "extractive"
DECLINE_TEMPLATE = "The brief does not cover this: {reason}."


@dataclass(frozen=True)
class Delta:
    """A piece of the draft answer as it is produced (before verification)."""

    text: str


class Assistant:
    """Retrieve, converse and answer with verified citations; shared by UI, Slack, CLI and eval."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.conversations = ConversationStore()
        self._manifest = SourcesManifest.load(self.settings.corpus_dir)
        self._lock = threading.Lock()
        self._build_id: str | None = None
        self._index: OpenIndex | None = None
        self._retriever: HybridRetriever | None = None
        self._backends: dict[str, AnswerBackend] = {}
        self._refresh()

    # -- index ------------------------------------------------------------------------------
    @property
    def index(self) -> OpenIndex:
        self._refresh()
        assert self._index is not None
        return self._index

    def _refresh(self) -> None:
        """Open the index, and reopen it when a new build has been switched on."""
        build_id = IndexPaths(self.settings.index_dir).current_build_id()
        if build_id == self._build_id and self._index is not None:
            return
        with self._lock:
            if build_id == self._build_id and self._index is not None:
                return
            index = open_index(self.settings)
            self._retriever = HybridRetriever(index)
            self._index, self._build_id = index, index.manifest.build_id
            self._backends[EXTRACTIVE] = ExtractiveBackend(index.chunk_sentence_vectors, self.settings.max_answer_sentences)

    # -- backends ---------------------------------------------------------------------------
    @property
    def backend_names(self) -> list[str]:
        """Backends this deployment offers: extractive, plus the configured LLM if any."""
        names = [EXTRACTIVE]
        if self.settings.llm != EXTRACTIVE:
            names.append(self.settings.llm)
        return names

    def _backend(self, name: str | None) -> AnswerBackend:
        name = name or self.settings.llm
        if name not in self._backends:
            if name not in self.backend_names:
                raise BackendError(f"Unknown backend {name!r}; available: {', '.join(self.backend_names)}.")
            from assistant.answering.llm import llm_backend

            self._backends[name] = llm_backend(name, self.settings)
        return self._backends[name]

    # -- asking -----------------------------------------------------------------------------
    def new_conversation(self) -> str:
        return uuid.uuid4().hex

    def ask(self, question: str, conversation_id: str | None = None, **options: object) -> Answer:
        """Answer one question (see `stream` for the options)."""
        for event in self.stream(question, conversation_id, **options):  # type: ignore[arg-type]
            if isinstance(event, Answer):
                return event
        raise AssertionError("stream() always ends with an Answer")

    def stream(
        self,
        question: str,
        conversation_id: str | None = None,
        *,
        backend: str | None = None,
        top_k: int | None = None,
        document: str | None = None,
        section: str | None = None,
    ) -> Iterator[Delta | Answer]:
        """Yield draft deltas as they are produced, then the verified Answer."""
        started = time.perf_counter()
        text = clean_question(question, self.settings.max_question_chars)
        self._refresh()
        retriever = self._retriever
        assert retriever is not None
        chosen = self._backend(backend)
        history = self.conversations.history(conversation_id)
        standalone, notice = self._standalone(text, history, chosen)

        query = search_query(standalone, self.index.manifest.documents, document)
        retrieval = retriever.retrieve(query, top_k or self.settings.top_k, document=document, section=section)
        timings = {"retrieve": _ms(started)}
        best = self._best_similarity(retrieval.passages, retrieval.query_vector)
        coverage = assess_coverage(query, self.index.lexical.vocabulary, best)

        answer_started = time.perf_counter()
        answer: Answer | None = None
        if not coverage.covered:
            answer = self._declined(text, standalone, coverage.reason, retrieval.passages, chosen.name)
        else:
            request = AnswerRequest(query, retrieval.passages, retrieval.query_vector, history)
            if chosen.name != EXTRACTIVE:
                try:
                    pieces = []
                    for piece in chosen.draft(request):
                        pieces.append(piece)
                        yield Delta(piece)
                    answer = self._verified(text, standalone, "".join(pieces), retrieval.passages, chosen.name)
                    if answer.declined:
                        notice = f"{chosen.name} gave no answer the passages support; this answer is extractive."
                        answer = None
                except BackendError as error:
                    notice = f"{error} This answer is extractive."
            if answer is None:
                extractive = self._backends[EXTRACTIVE]
                draft = "".join(extractive.draft(request))
                answer = self._verified(text, standalone, draft, retrieval.passages, EXTRACTIVE)
                for word in answer.text.split(" "):
                    yield Delta(word + " ")
        answer.notice = notice
        stages = {f"retrieve_{k}": v for k, v in retrieval.timings_ms.items()}
        answer.timings_ms = {**timings, **stages, "answer": _ms(answer_started), "total": _ms(started)}
        self.conversations.add(conversation_id, Turn(text, standalone, answer.text))
        yield answer

    def _standalone(self, question: str, history: tuple[Turn, ...], backend: AnswerBackend) -> tuple[str, str]:
        if not history:
            return question, ""
        try:
            rewritten = backend.rewrite_question(question, history)
        except BackendError as error:
            return rewrite_follow_up(question, history), f"{error} The question was rewritten by rules."
        return rewritten or rewrite_follow_up(question, history), ""

    def _best_similarity(self, passages: list[Passage], query_vector: np.ndarray) -> float:
        similarities = [float(np.max(self.index.chunk_sentence_vectors(p.chunk) @ query_vector)) for p in passages if p.chunk.sentences]
        return max(similarities, default=0.0)

    def verify(self, draft: str, passages: list[Passage]) -> VerifiedAnswer:
        """Keep the sentences of `draft` that `passages` support, cited with exact quotes (this index's vectors)."""
        return verify_draft(
            draft,
            passages,
            embed=lambda texts: np.asarray(self.index.embeddings.embed_documents(texts), dtype=np.float32),
            sentence_vectors=self.index.chunk_sentence_vectors,
            linked_sources=self.linked_source,
        )

    def _verified(self, question: str, standalone: str, draft: str, passages: list[Passage], backend: str) -> Answer:
        verified = self.verify(draft, passages)
        if not verified.citations:
            return self._declined(question, standalone, "no passage supports an answer", passages, backend)
        return Answer(question, standalone, verified.text, False, verified.citations, passages, backend)

    def _declined(self, question: str, standalone: str, reason: str, passages: list[Passage], backend: str) -> Answer:
        return Answer(question, standalone, DECLINE_TEMPLATE.format(reason=reason), True, [], passages, backend)

    # -- corpus lookups for front ends ------------------------------------------------------
    def linked_source(self, chunk: Chunk, footnote: int) -> LinkedSource | None:
        """The publication footnote `footnote` of the brief cites (only the brief has footnotes)."""
        if chunk.document != self._manifest.brief.id:
            return None
        entry = self._manifest.by_footnote(footnote)
        return LinkedSource(footnote, entry.id, entry.title, entry.url) if entry else None


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
