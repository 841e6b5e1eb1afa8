"""Hybrid retriever over an open index: dense and BM25 candidates, fused, filtered, top-k."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from assistant.corpus.notes import lifted_note_number
from assistant.index.reader import OpenIndex
from assistant.retrieval.fusion import reciprocal_rank_fusion
from assistant.timing import elapsed_ms
from assistant.types import Chunk, Passage

CANDIDATES_PER_RANKER = 20
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0
SENTENCE_WEIGHT = 1.0
"""The third ranker: chunks by their best-matching sentence, whose match a long chunk's vector dilutes."""
EXPANSION_WEIGHT = 1.0
"""The fourth, when the question's words were read as the corpus' own: BM25 over those words alone."""
EXPANSION_MAX_SHARE = 0.2
"""Only those words that are rare join it: held by at most this share of the chunks (a common one ranks at random)."""
FOLLOWED_PASSAGES = 2
"""For a question asking what came next, the first passages whose following chunk is added."""
CONTINUATION_MARGIN = 0.05
"""How much less close to the question a chunk's last sentence may be than its closest for the chunk after it to be
added (its paragraph goes on there)."""


@dataclass
class Retrieval:
    passages: list[Passage]
    query_vector: np.ndarray
    timings_ms: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    def __init__(self, index: OpenIndex) -> None:
        self.index = index
        self._position = {chunk.id: i for i, chunk in enumerate(index.chunks)}
        self._sentence_chunks = [chunk for chunk in index.chunks if chunk.sentences]
        self._chunk_starts = np.asarray([index.sentence_rows[chunk.id] for chunk in self._sentence_chunks], dtype=np.int64)

    def retrieve(
        self, query: str, k: int, *, document: str | None = None, section: str | None = None, expansions: tuple[str, ...] = ()
    ) -> Retrieval:
        """The `k` passages for `query`: dense, BM25 and best-sentence rankings fused, plus a BM25 ranking of
        the rare `expansions` alone (the corpus' words the question's words were read as: "re-engaged" for
        "pulled back into"), so that a rare word of the corpus the reader did not use still counts in full."""
        timings: dict[str, float] = {}
        started = time.perf_counter()
        query_vector = np.asarray(self.index.embeddings.embed_query(query), dtype=np.float32)
        timings["embed"] = elapsed_ms(started)

        started = time.perf_counter()
        where = _where(document, section)
        fetch = max(CANDIDATES_PER_RANKER, k)
        dense = self.index.vectorstore.similarity_search_by_vector_with_relevance_scores(
            query_vector.tolist(), k=min(fetch, len(self.index.chunks)), filter=where
        )
        dense_ids = [doc.id for doc, _ in dense if doc.id]
        timings["dense"] = elapsed_ms(started)

        started = time.perf_counter()
        allowed = np.array([_matches(chunk, document, section) for chunk in self.index.chunks]) if where else None
        lexical_ids = self._lexical_ranking(query, fetch, allowed)
        timings["bm25"] = elapsed_ms(started)

        started = time.perf_counter()
        sentence_ids = self._by_best_sentence(query_vector, fetch, allowed)
        timings["sentences"] = elapsed_ms(started)

        started = time.perf_counter()
        rankings, weights = [dense_ids, lexical_ids, sentence_ids], [DENSE_WEIGHT, LEXICAL_WEIGHT, SENTENCE_WEIGHT]
        rare = [term for term in expansions if 0 < self.index.lexical.chunks_holding(term) <= EXPANSION_MAX_SHARE * len(self.index.chunks)]
        if rare:
            rankings.append(self._lexical_ranking(" ".join(rare), fetch, allowed))
            weights.append(EXPANSION_WEIGHT)
        fused = reciprocal_rank_fusion(rankings, weights)
        ranked = sorted(fused, key=lambda chunk_id: (-fused[chunk_id], self._position[chunk_id]))[:k]
        passages = [Passage(chunk=self.index.chunk(cid), rank=rank, score=fused[cid]) for rank, cid in enumerate(ranked, start=1)]  # type: ignore[arg-type]
        timings["fusion"] = elapsed_ms(started)
        return Retrieval(passages=passages, query_vector=query_vector, timings_ms=timings)

    def _lexical_ranking(self, text: str, fetch: int, allowed: np.ndarray | None) -> list[str]:
        """Ids of the `fetch` chunks BM25 ranks first for `text` (those `allowed`, when given), none scoring 0."""
        scores = self.index.lexical.scores(text)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        return [self.index.chunks[i].id for i in np.argsort(-scores)[:fetch] if scores[i] > 0]

    def with_next_chunks(self, retrieval: Retrieval, top: int = FOLLOWED_PASSAGES) -> Retrieval:
        """`retrieval` with the chunk that follows each of its first `top` passages in the document placed
        right after it: the passages for a question asking what came next."""
        return self._with_after(retrieval, top, lambda chunk: [following] if (following := self._next_chunk(chunk)) else [])

    def with_notes(self, retrieval: Retrieval, top: int = FOLLOWED_PASSAGES) -> Retrieval:
        """`retrieval` with the footnotes its first `top` passages cite placed right after them: the passages for a
        question asking which source a passage cites."""
        return self._with_after(retrieval, top, self._notes)

    def with_continuations(self, retrieval: Retrieval, top: int = FOLLOWED_PASSAGES) -> Retrieval:
        """`retrieval` with the chunk that goes on from each of its first `top` passages whose last sentence is about as
        close to the question as its closest (the paragraph goes on past the chunk: "The second round of talks in Tesk
        …" and what was decided there)."""

        def goes_on(chunk: Chunk) -> list[Chunk]:
            following = self._next_chunk(chunk)
            if following is None or len(chunk.sentences) < 2 or not following.lead_names:
                return []
            similarities = self.index.chunk_sentence_vectors(chunk) @ retrieval.query_vector
            return [following] if similarities[-1] >= similarities.max() - CONTINUATION_MARGIN else []

        return self._with_after(retrieval, top, goes_on)

    def with_chunks(self, retrieval: Retrieval, chunks: list[Chunk], document: str | None = None) -> Retrieval:
        """`retrieval` with those of `chunks` it lacks appended (only `document`'s, when given): the passages of a
        question about one of a document's scenarios."""
        present = {p.chunk.id for p in retrieval.passages}
        added = [chunk for chunk in chunks if chunk.id not in present and _matches(chunk, document, None)]
        if not added:
            return retrieval
        last = retrieval.passages[-1].score if retrieval.passages else 0.0
        passages = [*retrieval.passages, *(Passage(chunk, len(retrieval.passages) + i, last) for i, chunk in enumerate(added, start=1))]
        return Retrieval(passages, retrieval.query_vector, retrieval.timings_ms)

    def notes_of(self, document: str, retrieval: Retrieval) -> Retrieval:
        """The footnote chunks of `document`, in note order (the passages for a question asking what sources it
        cites); `retrieval` when it has none."""
        notes = [chunk for _, chunk in sorted(self._notes_by_number.get(document, {}).items())]
        if not notes:
            return retrieval
        passages = [Passage(chunk, rank, 1.0) for rank, chunk in enumerate(notes, start=1)]
        return Retrieval(passages, retrieval.query_vector, retrieval.timings_ms)

    def _with_after(self, retrieval: Retrieval, top: int, after: Callable[[Chunk], list[Chunk]]) -> Retrieval:
        """`retrieval` with the chunks `after` gives for each of its first `top` passages right after it, renumbered."""
        passages: list[Passage] = []
        present = {p.chunk.id for p in retrieval.passages}
        for i, passage in enumerate(retrieval.passages):
            passages.append(passage)
            for extra in after(passage.chunk) if i < top else []:
                if extra.id not in present:
                    passages.append(Passage(extra, 0, passage.score))
                    present.add(extra.id)
        numbered = [Passage(p.chunk, rank, p.score) for rank, p in enumerate(passages, start=1)]
        return Retrieval(numbered, retrieval.query_vector, retrieval.timings_ms)

    def _notes(self, chunk: Chunk) -> list[Chunk]:
        """The footnote chunks of `chunk`'s document that `chunk` cites, in the order it cites them."""
        numbered = self._notes_by_number.get(chunk.document, {})
        return [numbered[n] for n in chunk.footnotes if n in numbered]

    @cached_property
    def _notes_by_number(self) -> dict[str, dict[int, Chunk]]:
        """Document → footnote number → the chunk that holds the note (one that opens with its superscript number)."""
        notes: dict[str, dict[int, Chunk]] = {}
        for chunk in self.index.chunks:
            number = lifted_note_number(chunk.text)
            if number is not None:
                notes.setdefault(chunk.document, {}).setdefault(number, chunk)
        return notes

    def _next_chunk(self, chunk: Chunk) -> Chunk | None:
        position = self._position[chunk.id] + 1
        following = self.index.chunks[position] if position < len(self.index.chunks) else None
        return following if following is not None and following.document == chunk.document else None

    def _by_best_sentence(self, query_vector: np.ndarray, fetch: int, allowed: np.ndarray | None) -> list[str]:
        """Chunk ids ranked by the similarity of their best sentence to the question."""
        if not len(self._chunk_starts):
            return []
        best = np.maximum.reduceat(self.index.ranking_vectors @ query_vector, self._chunk_starts)
        if allowed is not None:
            best = np.where([bool(allowed[self._position[chunk.id]]) for chunk in self._sentence_chunks], best, -np.inf)
        return [self._sentence_chunks[i].id for i in np.argsort(-best)[:fetch] if np.isfinite(best[i])]


def _where(document: str | None, section: str | None) -> dict | None:
    clauses = [{key: value} for key, value in (("document", document), ("section", section)) if value]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _matches(chunk: Chunk, document: str | None, section: str | None) -> bool:
    return (not document or chunk.document == document) and (not section or chunk.section == section)
