"""Sentence vectors for ranking, read in context: a sentence that goes on from the one before it ("He
also assumed …", "The president is also concerned …") is found by what that sentence names too."""

from __future__ import annotations

import numpy as np

CONTEXT_WEIGHT = 0.3
"""Weight of the previous sentence of the same chunk in a sentence's ranking vector (chosen on the dev split)."""


def ranking_vectors(vectors: np.ndarray, sentence_rows: dict[str, int], sentence_counts: dict[str, int]) -> np.ndarray:
    """Each sentence's vector plus CONTEXT_WEIGHT times the previous sentence's in its chunk, at unit length.
    `sentence_rows` gives each chunk's first row in `vectors`, `sentence_counts` its number of sentences."""
    plain = np.asarray(vectors, dtype=np.float32)
    mixed = plain.copy()
    for chunk_id, first in sentence_rows.items():
        last = first + sentence_counts.get(chunk_id, 0)
        if last - first > 1:
            mixed[first + 1 : last] += CONTEXT_WEIGHT * plain[first : last - 1]
    norms = np.linalg.norm(mixed, axis=1, keepdims=True)
    return mixed / np.maximum(norms, 1e-12)
