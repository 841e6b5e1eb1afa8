"""The Assistant: the one object every front end calls to ask questions about the corpus."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Generator, Iterator
from dataclasses import dataclass

import numpy as np

from assistant import messages
from assistant.answering import registry
from assistant.answering.answer_type import highlights
from assistant.answering.base import AnswerBackend, AnswerRequest, BackendContext, QuestionRewriter
from assistant.answering.cases import named_case
from assistant.answering.citations import VerifiedAnswer, verify_draft
from assistant.answering.refusal import assess_coverage
from assistant.answering.verification.judge import Judge, judge_for
from assistant.answering.verification.names import CorpusNames
from assistant.conversation import ConversationStore, conversation_store, rewrite_follow_up
from assistant.conversation.checked import checked_rewrite
from assistant.corpus.manifest import SourcesManifest
from assistant.corpus.profile import CorpusProfile
from assistant.errors import BackendError
from assistant.index.catalogue import EntityCatalogue
from assistant.index.overview import Overview
from assistant.index.reader import OpenIndex, open_index
from assistant.index.store import IndexPaths
from assistant.retrieval.query import search_query, understand
from assistant.retrieval.retriever import HybridRetriever
from assistant.retrieval.spelling import mended
from assistant.settings import Settings
from assistant.timing import elapsed_ms
from assistant.types import Answer, Chunk, LinkedSource, Passage, Turn
from assistant.validation import clean_question


@dataclass(frozen=True)
class Delta:
    """A piece of the draft answer as it is produced (before verification)."""

    text: str


class Assistant:
    """Retrieve, converse and answer with verified citations; shared by UI, Slack, CLI and eval."""

    def __init__(self, settings: Settings | None = None, conversations: ConversationStore | None = None) -> None:
        self.settings = settings or Settings()
        self.conversations = conversations or conversation_store(self.settings)
        self._manifest = SourcesManifest.load(self.settings.corpus_dir)
        self.profile = CorpusProfile.load(self.settings.corpus_dir)
        """What the front ends say about this corpus (tagline, starter questions)."""
        self._lock = threading.Lock()
        self._build_id: str | None = None
        self._index: OpenIndex | None = None
        self._retriever: HybridRetriever | None = None
        self._backends: dict[str, AnswerBackend] = {}
        self._rewriters: dict[str, QuestionRewriter | None] = {}
        self._judges: dict[str, Judge | None] = {}
        self._names: CorpusNames | None = None
        self._refresh()

    # -- index ------------------------------------------------------------------------------
    @property
    def index(self) -> OpenIndex:
        self._refresh()
        assert self._index is not None
        return self._index

    def _refresh(self) -> None:
        """Open the index, and reopen it when CURRENT names another build (the one opened may be a
        fallback when CURRENT's is broken: it is kept until CURRENT changes)."""
        build_id = IndexPaths(self.settings.index_dir).current_build_id()
        if build_id == self._build_id and self._index is not None:
            return
        with self._lock:
            if build_id == self._build_id and self._index is not None:
                return
            index = open_index(self.settings)
            self._retriever = HybridRetriever(index)
            self._index, self._build_id = index, build_id
            self._backends = {}  # backends may hold the previous build's vectors
            self._names = None

    # -- backends ---------------------------------------------------------------------------
    @property
    def backend_names(self) -> list[str]:
        """Backends this deployment offers: the configured one and its fallback."""
        return list(dict.fromkeys([self.settings.llm, self.settings.fallback_backend]))

    def _backend(self, name: str | None) -> AnswerBackend:
        name = name or self.settings.llm
        if name not in self._backends:
            if name not in self.backend_names:
                raise BackendError(f"Unknown backend {name!r}; available: {', '.join(self.backend_names)}.")
            context = BackendContext(self.settings, self.index.chunk_ranking_vectors)
            self._backends[name] = registry.create_backend(name, context)
        return self._backends[name]

    def _rewriter(self, name: str) -> QuestionRewriter | None:
        if name not in self._rewriters:
            self._rewriters[name] = registry.create_rewriter(name, self.settings)
        return self._rewriters[name]

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
        history: tuple[Turn, ...] | None = None,
    ) -> Iterator[Delta | Answer]:
        """Yield draft deltas as they are produced, then the verified Answer.

        `history`, when given, is the conversation so far (a front end whose platform keeps it, like
        Slack): it is used instead of the conversation store's, and the new turn is not stored.

        The chosen backend drafts; when it fails or drafts nothing the passages support, the
        fallback backend (settings) answers instead, with a notice saying so.
        """
        started = time.perf_counter()
        text = clean_question(question, self.settings.max_question_chars)
        self._refresh()
        retriever = self._retriever
        assert retriever is not None
        index = retriever.index  # one build for the whole question, even if another is switched on meanwhile
        chosen = self._backend(backend)
        keeps_history = history is None
        if history is None:
            history = self.conversations.history(conversation_id)
        standalone, notice = self._standalone(text, history, chosen.name, index.catalogue)

        intent = understand(mended(standalone, index.lexical.vocabulary, index.words), index.catalogue)  # "resouces": read as "resources"
        query = search_query(standalone, index.manifest.documents, document, intent)
        retrieval = retriever.retrieve(query, top_k or self.settings.top_k, document=document, section=section, expansions=intent.terms)
        if intent.asks_what_followed:
            retrieval = retriever.with_next_chunks(retrieval)
        else:
            retrieval = retriever.with_continuations(retrieval)
        if intent.asks_source:
            retrieval = retriever.with_notes(retrieval)
        if intent.lists_sources:  # "What sources does the brief cite?": its notes
            cited = document or next((d.id for d in index.manifest.documents if d.kind == "brief"), "")
            retrieval = retriever.notes_of(cited, retrieval)
        case = named_case(intent, index.overview.scenarios)
        if case is not None:  # "Does the war end in the optimistic scenario?": every passage of that scenario is at hand
            retrieval = retriever.with_chunks(retrieval, case.chunks, document)
        timings = {"retrieve": elapsed_ms(started)}
        coverage = assess_coverage(
            intent, retrieval.passages, retrieval.query_vector, index.chunk_ranking_vectors, query, index.manifest.model_label
        )

        answer_started = time.perf_counter()
        if not coverage.covered:
            answer = self._declined(text, standalone, coverage.reason, retrieval.passages, chosen.name)
        else:
            case_sentences = case.sentences if case is not None else frozenset()
            request = AnswerRequest(query, retrieval.passages, retrieval.query_vector, history, intent, case_sentences)
            answer, failure = yield from self._drafted(chosen, request, text, standalone)
            fallback = self._backend(self.settings.fallback_backend)
            if answer.declined and fallback.name != chosen.name:
                answer, _ = yield from self._drafted(fallback, request, text, standalone)
                notice = messages.fallback(chosen.name, fallback.name, failure)
        answer.notice = " ".join(part for part in (notice, answer.notice) if part)
        answer.highlights = [] if answer.declined else highlights(intent, answer.text)
        stages = {f"retrieve_{k}": v for k, v in retrieval.timings_ms.items()}
        answer.timings_ms = {**timings, **stages, "answer": elapsed_ms(answer_started), "total": elapsed_ms(started)}
        if keeps_history:
            self.conversations.add(conversation_id, Turn(text, standalone, answer.text))
        yield answer

    def _drafted(
        self, backend: AnswerBackend, request: AnswerRequest, question: str, standalone: str
    ) -> Generator[Delta, None, tuple[Answer, BackendError | None]]:
        """Stream `backend`'s draft, then verify it: the answer, and the error when the backend failed."""
        pieces: list[str] = []
        try:
            for piece in backend.draft(request):
                pieces.append(piece)
                yield Delta(piece)
        except BackendError as error:
            return self._declined(question, standalone, messages.NO_SUPPORTED_ANSWER, request.passages, backend.name), error
        return self._verified(question, standalone, "".join(pieces), request.passages, backend.name), None

    def _standalone(self, question: str, history: tuple[Turn, ...], backend: str, catalogue: EntityCatalogue) -> tuple[str, str]:
        """The follow-up made standalone by the backend's rewriter (rules when it has none or it fails)."""
        if not history:
            return question, ""
        rewriter = self._rewriter(backend)
        if rewriter is None:
            return rewrite_follow_up(question, history, catalogue), ""
        try:
            return checked_rewrite(rewriter.rewrite(question, history), question, history, catalogue), ""
        except BackendError as error:
            return rewrite_follow_up(question, history, catalogue), messages.REWRITE_FAILED.format(error=error)

    def verify(self, draft: str, passages: list[Passage], backend: str | None = None) -> VerifiedAnswer:
        """Keep the sentences of `draft` that `passages` support, cited with exact quotes (this index's vectors).

        With `backend` an LLM backend, that model also judges each sentence the checks let through.
        """
        return verify_draft(
            draft,
            passages,
            embed=lambda texts: np.asarray(self.index.embeddings.embed_documents(texts), dtype=np.float32),
            sentence_vectors=self.index.chunk_sentence_vectors,
            linked_sources=self.linked_source,
            names=self.corpus_names,
            judge=self._judge(backend) if backend else None,
            scenarios=self.index.overview.scenarios,
        )

    @property
    def corpus_names(self) -> CorpusNames:
        """The names verification checks claims against: the index's corpus and its catalogue."""
        index = self.index
        if self._names is None:
            self._names = CorpusNames((chunk.text for chunk in index.chunks), index.catalogue)
        return self._names

    def _judge(self, backend: str) -> Judge | None:
        if backend not in self._judges:
            self._judges[backend] = judge_for(backend, self.settings)
        return self._judges[backend]

    def _verified(self, question: str, standalone: str, draft: str, passages: list[Passage], backend: str) -> Answer:
        verified = self.verify(draft, passages, backend)
        if not verified.citations:
            return self._declined(question, standalone, messages.NO_SUPPORTED_ANSWER, passages, backend)
        answer = Answer(question, standalone, verified.text, False, verified.citations, passages, backend, verdicts=verified.verdicts)
        if verified.dropped:
            answer.notice = messages.dropped(len(verified.dropped))
        return answer

    def _declined(self, question: str, standalone: str, reason: str, passages: list[Passage], backend: str) -> Answer:
        return Answer(question, standalone, messages.decline(reason), True, [], passages, backend)

    # -- corpus lookups for front ends ------------------------------------------------------
    def overview(self) -> Overview:
        """The corpus at a glance (actors, timeline, scenarios, every item cited), derived at ingest."""
        return self.index.overview

    def linked_source(self, chunk: Chunk, footnote: int) -> LinkedSource | None:
        """The publication footnote `footnote` of the brief cites (only the brief has footnotes)."""
        brief = self._manifest.brief
        if brief is None or chunk.document != brief.id:
            return None
        entry = self._manifest.by_footnote(footnote)
        return LinkedSource(footnote, entry.id, entry.title, entry.url) if entry else None

