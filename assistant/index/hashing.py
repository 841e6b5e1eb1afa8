"""A model-free embedder: hashed word and word-pair features, deterministic across processes.

`BRIEF_EMBEDDING_MODEL=hashing` selects it. Texts sharing words get similar vectors, so retrieval,
coverage and sentence selection behave sensibly without a neural model: unit tests run on it in
milliseconds, and a corpus can be tried out before the model is installed. Answers are better with
the packaged models (the default, all-mpnet-base-v2, or MiniLM).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import numpy as np
from langchain_core.embeddings import Embeddings

HASHING_MODEL = "hashing"
DIMENSION = 256
_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbeddings(Embeddings):
    """Unit vectors of signed feature hashing over lower-cased words and adjacent word pairs."""

    precision = "fp32"
    device = "cpu"
    dimension = DIMENSION

    def encode(self, texts: list[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        vectors = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for feature in (*words, *(f"{a} {b}" for a, b in zip(words, words[1:]))):
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                vectors[row, int.from_bytes(digest[:4], "little") % DIMENSION] += 1.0 if digest[4] & 1 else -1.0
            if progress:
                progress(row + 1, len(texts))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    # -- langchain Embeddings ---------------------------------------------------------------
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()
