"""Answer typing details: which figures answer a how-many question, and sentence ranking vectors."""

from __future__ import annotations

import numpy as np

from assistant.answering.answer_type import answer_spans
from assistant.index.context_vectors import CONTEXT_WEIGHT, ranking_vectors
from assistant.retrieval.query import understand


def _figures(question: str, text: str) -> list[str]:
    return [text[start:end] for start, end in answer_spans(understand(question), text)]


def test_a_number_inside_a_name_is_no_figure() -> None:
    text = "The utility considered buying Turbine Works 3, and 40% of the basin's farmers opposed it."
    assert _figures("How many farmers opposed it?", text) == ["40%"]


def test_a_number_opening_a_sentence_is_still_a_figure() -> None:
    assert _figures("How many dams were built?", "Twelve engineers signed. 14 dams were built by 1990.") == ["14"]


def test_a_money_question_is_answered_only_by_a_sum() -> None:
    text = "Three banks lent the authority €40 million, repaid over 12 years."
    assert _figures("How much money did the banks lend?", text) == ["€40 million"]
    assert _figures("How many banks lent money to the authority?", text) == ["Three", "€40 million", "12"]
    assert _figures("What was the cost of the dam?", "The dam took 12 years to build.") == []


def test_ranking_vectors_carry_the_previous_sentence_of_the_same_chunk_only() -> None:
    vectors = np.eye(4, dtype=np.float32)
    mixed = ranking_vectors(vectors, {"a": 0, "b": 2}, {"a": 2, "b": 2})
    assert np.allclose(mixed[0], vectors[0]) and np.allclose(mixed[2], vectors[2])  # chunk openers stay as they are
    expected = vectors[1] + CONTEXT_WEIGHT * vectors[0]
    assert np.allclose(mixed[1], expected / np.linalg.norm(expected))
    assert mixed[3] @ vectors[1] == 0.0  # nothing leaks across chunks
    assert np.allclose(np.linalg.norm(mixed, axis=1), 1.0)


def test_names_that_stand_for_one_another_match_as_one_term() -> None:
    from assistant.text import matching_terms, term_share

    assert matching_terms("Kyiv adjusted") == matching_terms("Ukraine adjusted") == matching_terms("Ukrainian adjusted")
    assert term_share("How did Kyiv adapt?", "Ukraine adapted its approach", matching_terms) == 1.0
    assert term_share("How did Kyiv adapt?", "Ukraine adapted its approach") == 0.5


def test_bm25_finds_a_country_by_its_capital() -> None:
    from assistant.index.lexical import LexicalIndex
    from assistant.types import Chunk

    texts = ["The Ukrainian delegation adjusted its approach.", "The dam authority raised tariffs."]
    chunks = [Chunk(f"c{i}", "doc", "Doc", "", i, 0, len(t), t) for i, t in enumerate(texts)]
    scores = LexicalIndex.build(chunks).scores("What did Kyiv adjust?")
    assert scores[0] > 0 and scores[1] == 0
