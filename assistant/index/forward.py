"""What the written-out forward passes share: LangChain's interface, length-sorted batches, unit vectors out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer


def embeddings_base() -> type:
    """LangChain's `Embeddings` class, imported when a model is first built."""
    from langchain_core.embeddings import Embeddings

    return Embeddings


class WrittenOutEmbeddings(embeddings_base()):  # type: ignore[misc]
    """Sentence embeddings from a forward pass a subclass writes out (`_forward`, one batch of token ids)."""

    dimension: int
    batch_size: int
    _tokenizer: Tokenizer

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text; batches are formed from texts of similar length."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch([t.replace("\n", " ") for t in texts])]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for offset in range(0, len(order), self.batch_size):
            rows = order[offset : offset + self.batch_size]
            out[rows] = self._forward([ids[i] for i in rows])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        raise NotImplementedError
