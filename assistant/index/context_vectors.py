"""Sentence vectors for ranking, read in context: a sentence that goes on from the one before it ("He
also assumed …", "The president is also concerned …") is found by what that sentence names too."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

CONTEXT_WEIGHT = 0.3
"""Weight of the previous sentence of the same chunk in a sentence's ranking vector (chosen on the dev split)."""


def ranking_vectors(vectors: np.ndarray, first_rows: Iterable[int]) -> np.ndarray:
    """Each sentence's vector plus CONTEXT_WEIGHT times the previous row's, at unit length, except for the
    rows in `first_rows` (each chunk's first sentence: rows run chunk by chunk, so no chunk borrows from another)."""
    plain = np.asarray(vectors, dtype=np.float32)
    mixed = plain.copy()
    opens = np.zeros(len(plain), dtype=bool)
    opens[[row for row in first_rows if row < len(plain)]] = True
    opens[:1] = True
    goes_on = np.flatnonzero(~opens)
    mixed[goes_on] += CONTEXT_WEIGHT * plain[goes_on - 1]
    norms = np.linalg.norm(mixed, axis=1, keepdims=True)
    return mixed / np.maximum(norms, 1e-12)
