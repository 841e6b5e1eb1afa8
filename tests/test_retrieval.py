"""Hybrid retrieval (dense + BM25, fused) on the second corpus with the model-free hashing embedder."""

from __future__ import annotations

import pytest

from assistant.index.reader import open_index
from assistant.retrieval.fusion import reciprocal_rank_fusion
from assistant.retrieval.retriever import HybridRetriever
from assistant.settings import Settings


def test_fusion_prefers_items_both_rankers_found() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "d"]])
    assert max(fused, key=fused.__getitem__) == "c", "second in one list and first in the other beats first in one"
    assert fused["a"] > fused["b"] == pytest.approx(fused["d"]), "the same rank scores the same in either list"
    assert set(fused) == {"a", "b", "c", "d"}


def test_fusion_weights_scale_a_ranker() -> None:
    fused = reciprocal_rank_fusion([["a"], ["b"]], weights=[2.0, 1.0])
    assert fused["a"] == pytest.approx(2 * fused["b"])


@pytest.fixture(scope="module")
def retriever(riverbasin_settings: Settings) -> HybridRetriever:
    return HybridRetriever(open_index(riverbasin_settings))


def test_passage_with_the_asked_words_ranks_near_the_top(retriever: HybridRetriever) -> None:
    retrieval = retriever.retrieve("When did the filling of the reservoir begin without notifying the commission?", 5)
    ranked = [p.chunk.text for p in retrieval.passages]
    assert any("without notifying the Selva Basin Commission" in text for text in ranked[:2]), ranked
    assert [p.rank for p in retrieval.passages] == [1, 2, 3, 4, 5]
    assert all(a.score >= b.score for a, b in zip(retrieval.passages, retrieval.passages[1:]))
    assert {"embed", "dense", "bm25", "sentences", "fusion"} <= set(retrieval.timings_ms)


def test_section_filter_keeps_only_that_section(retriever: HybridRetriever) -> None:
    retrieval = retriever.retrieve("What did the minister say about the dam?", 5, section="The origins of the dispute")
    assert retrieval.passages and {p.chunk.section for p in retrieval.passages} == {"The origins of the dispute"}


def test_k_bounds_the_passages(retriever: HybridRetriever) -> None:
    assert len(retriever.retrieve("Koral Dam loan", 2).passages) == 2


def test_the_corpus_words_a_question_was_read_as_rank_their_passage(retriever: HybridRetriever) -> None:
    """A vague question whose words were read as a rare word of the corpus ("notifying"): that word's own
    ranking brings its passage to the top."""
    question = "What happened without telling anyone?"
    plain = [p.chunk.text for p in retriever.retrieve(question, 5).passages]
    expanded = [p.chunk.text for p in retriever.retrieve(question, 5, expansions=("notifying",)).passages]
    assert not any("without notifying" in text for text in plain[:1]), plain
    assert "without notifying" in expanded[0], expanded
    common = [p.chunk.text for p in retriever.retrieve(question, 5, expansions=("Dravenia",)).passages]
    assert common == plain  # a word most passages hold ranks nothing of its own


def test_a_passage_whose_last_sentence_is_as_close_as_any_brings_the_chunk_its_paragraph_goes_on_in(
    retriever: HybridRetriever,
) -> None:
    """The paragraph goes on past the chunk: the next chunk follows it, unless the question is closest to an earlier
    sentence of the chunk."""
    from assistant.retrieval.retriever import Retrieval
    from assistant.types import Passage

    chunks = retriever.index.chunks
    at = next(i for i, c in enumerate(chunks[:-1]) if chunks[i + 1].lead_names and len(c.sentences) >= 2)
    chunk, following = chunks[at], chunks[at + 1]
    vectors = retriever.index.chunk_sentence_vectors(chunk)
    last = Retrieval([Passage(chunk, 1, 1.0)], vectors[-1], {})
    assert [p.chunk.id for p in retriever.with_continuations(last).passages] == [chunk.id, following.id]
    first = Retrieval([Passage(chunk, 1, 1.0)], vectors[0], {})
    assert [p.chunk.id for p in retriever.with_continuations(first).passages] == [chunk.id]
