"""BM25 over chunk texts with the same term normalisation the answer step uses."""

from __future__ import annotations

import bm25s
import numpy as np

from assistant.text import content_terms
from assistant.types import Chunk


class LexicalIndex:
    def __init__(self, chunks: list[Chunk]) -> None:
        self._bm25 = bm25s.BM25()
        self._bm25.index([content_terms(chunk.text) or ["∅"] for chunk in chunks], show_progress=False)
        self.vocabulary = frozenset(term for chunk in chunks for term in content_terms(chunk.text))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk, in chunk order."""
        terms = [term for term in content_terms(query) if term in self.vocabulary]
        if not terms:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
