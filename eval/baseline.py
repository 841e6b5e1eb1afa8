"""The naive pipeline the report compares against: raw text, fixed-size splits, dense-only top-k.

RecursiveCharacterTextSplitter(1000, 200) over the raw brief, an in-memory langchain_chroma
collection with the same embedding model, the same extractive answer step and citation
verification — but no cleaning, no structure-aware chunks, no BM25/fusion, no refusal gate and
no follow-up rewriting. Its chunks index the raw text; for scoring they are aligned onto the
cleaned brief by matching word n-grams, so evidence spans are compared on the same offsets.
"""

from __future__ import annotations

import re
import time
import uuid

import numpy as np

from assistant import messages
from assistant.answering.base import AnswerRequest
from assistant.answering.citations import verify_draft
from assistant.answering.extractive import ExtractiveBackend
from assistant.settings import Settings
from assistant.text import split_sentences
from assistant.types import Answer, Chunk, Passage
from eval.metrics import Span

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
RAW_DOCUMENT = "raw-brief"
_NGRAM = 5


class BaselineTarget:
    name = "baseline"

    def __init__(self, settings: Settings, raw_text: str, brief_text: str, *, top_k: int | None = None) -> None:
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from assistant.index.embeddings import get_embeddings

        self._settings = settings
        self._raw = raw_text
        self._top_k = top_k or settings.top_k
        self._embeddings = get_embeddings(settings)
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True)
        self.chunks: list[Chunk] = []
        for i, document in enumerate(splitter.create_documents([raw_text])):
            start = int(document.metadata["start_index"])
            text = document.page_content
            self.chunks.append(
                Chunk(
                    id=f"raw:{i}",
                    document=RAW_DOCUMENT,
                    title="raw brief",
                    section="",
                    paragraph=i,
                    start=start,
                    end=start + len(text),
                    text=text,
                    sentences=tuple(split_sentences(text)),
                )
            )
        self._by_id = {chunk.id: chunk for chunk in self.chunks}
        sentences = [chunk.text[s:e] for chunk in self.chunks for s, e in chunk.sentences]
        vectors = np.asarray(self._embeddings.embed_documents(sentences), dtype=np.float32)
        self._rows: dict[str, tuple[int, int]] = {}
        row = 0
        for chunk in self.chunks:
            self._rows[chunk.id] = (row, row + len(chunk.sentences))
            row += len(chunk.sentences)
        self._sentence_vectors = vectors
        self._store = Chroma(
            collection_name=f"eval-baseline-{uuid.uuid4().hex[:8]}",
            embedding_function=self._embeddings,
            collection_metadata={"hnsw:space": "cosine"},
        )
        self._store.add_texts([c.text for c in self.chunks], ids=[c.id for c in self.chunks])
        self._backend = ExtractiveBackend(self.chunk_sentence_vectors, settings.max_answer_sentences)
        self._spans = _align(self.chunks, brief_text)

    def chunk_sentence_vectors(self, chunk: Chunk) -> np.ndarray:
        first, last = self._rows[chunk.id]
        return self._sentence_vectors[first:last]

    def new_conversation(self) -> str:
        return uuid.uuid4().hex

    def ask(self, question: str, conversation_id: str | None) -> Answer:
        started = time.perf_counter()
        query_vector = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        found = self._store.similarity_search_by_vector_with_relevance_scores(query_vector.tolist(), k=min(self._top_k, len(self.chunks)))
        passages = [Passage(self._by_id[str(doc.id)], rank, 1.0 - float(distance)) for rank, (doc, distance) in enumerate(found, start=1)]
        retrieved = time.perf_counter()
        draft = "".join(self._backend.draft(AnswerRequest(question, passages, query_vector)))
        verified = verify_draft(
            draft,
            passages,
            embed=lambda texts: np.asarray(self._embeddings.embed_documents(texts), dtype=np.float32),
            sentence_vectors=self.chunk_sentence_vectors,
            linked_sources=lambda chunk, number: None,
        )
        declined = not verified.citations
        text = messages.decline(messages.NO_SUPPORTED_ANSWER) if declined else verified.text
        done = time.perf_counter()
        timings = {"retrieve": (retrieved - started) * 1000, "answer": (done - retrieved) * 1000, "total": (done - started) * 1000}
        return Answer(question, question, text, declined, verified.citations, passages, self.name, timings)

    def brief_span(self, chunk: Chunk) -> Span | None:
        return self._spans.get(chunk.id)

    def document_text(self, chunk: Chunk) -> str | None:
        return self._raw if chunk.document == RAW_DOCUMENT else None


def _words(text: str) -> list[tuple[str, int, int]]:
    words = []
    for match in re.finditer(r"\S+", text):
        norm = re.sub(r"[^\w]", "", match.group().casefold())
        if norm:
            words.append((norm, match.start(), match.end()))
    return words


def _align(chunks: list[Chunk], brief_text: str) -> dict[str, Span]:
    """Map each raw chunk onto the cleaned brief through its first and last matching word n-grams."""
    brief = _words(brief_text)
    positions: dict[tuple[str, ...], int] = {}
    for i in range(len(brief) - _NGRAM + 1):
        positions.setdefault(tuple(w for w, _, _ in brief[i : i + _NGRAM]), i)
    spans: dict[str, Span] = {}
    for chunk in chunks:
        words = [w for w, _, _ in _words(chunk.text)]
        grams = [tuple(words[i : i + _NGRAM]) for i in range(len(words) - _NGRAM + 1)]
        first = next(((i, positions[g]) for i, g in enumerate(grams) if g in positions), None)
        last = next(((i, positions[g]) for i, g in reversed(list(enumerate(grams))) if g in positions), None)
        if first is None or last is None:
            continue
        start_word = max(first[1] - first[0], 0)
        end_word = min(last[1] + (len(words) - last[0]) - 1, len(brief) - 1)
        spans[chunk.id] = (brief[start_word][1], brief[end_word][2])
    return spans
