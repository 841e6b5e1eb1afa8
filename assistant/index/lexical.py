"""BM25 over chunk texts with the same term normalisation the answer step uses (`matching_terms`).

Built with the index and saved in its build folder, so opening an index loads it instead of
tokenizing every chunk again (at 100k chunks that was most of the time to open).
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from assistant.discourse import chunk_as_searched
from assistant.text import matching_terms
from assistant.types import Chunk

_EMPTY = "∅"
"""Stands in for a chunk without content terms (BM25 needs at least one token per document)."""


class LexicalIndex:
    def __init__(self, bm25: bm25s.BM25) -> None:
        self._bm25 = bm25
        self.vocabulary = frozenset(term for term in bm25.vocab_dict if term and term != _EMPTY)
        """Every content term of the corpus: a question with none of them is off-topic."""

    @classmethod
    def build(cls, chunks: list[Chunk]) -> LexicalIndex:
        bm25 = bm25s.BM25()
        bm25.index([matching_terms(chunk_as_searched(chunk)) or [_EMPTY] for chunk in chunks], show_progress=False)
        return cls(bm25)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), mmap=True, show_progress=False))

    def chunks_holding(self, term: str) -> int:
        """How many chunks hold every (normalised) term of `term` ("dragged on": those with "dragged"), read from
        the index's postings (no scoring pass over the chunks)."""
        terms = [t for t in matching_terms(term) if t in self.vocabulary]
        if not terms:
            return 0
        held = set(self._postings(terms[0]))
        for one in terms[1:]:
            held &= set(self._postings(one))
        return len(held)

    def _postings(self, term: str) -> list[int]:
        """The positions of the chunks holding a vocabulary term (the column of the saved BM25 score matrix)."""
        token, matrix = self._bm25.vocab_dict[term], self._bm25.scores
        return matrix["indices"][matrix["indptr"][token] : matrix["indptr"][token + 1]].tolist()

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk, in chunk order."""
        terms = [term for term in matching_terms(query) if term in self.vocabulary]
        if not terms:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
