"""What the written-out forward passes share: LangChain's interface, length-sorted batches, unit vectors out,
and a bounded cache of recent texts (a question asked again, a claim checked again, is not embedded again)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer


def embeddings_base() -> type:
    """LangChain's `Embeddings` class, imported when a model is first built."""
    from langchain_core.embeddings import Embeddings

    return Embeddings


CACHED_TEXTS = 4096
"""Recent texts whose vectors are kept (3 KB each at 768 dimensions)."""


class WrittenOutEmbeddings(embeddings_base()):  # type: ignore[misc]
    """Sentence embeddings from a forward pass a subclass writes out (`_forward`, one batch of token ids)."""

    dimension: int
    batch_size: int
    _tokenizer: Tokenizer

    def __init__(self) -> None:
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._recent_lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text: recent texts from the cache, the others in batches of similar length."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        recent = self._recent
        with self._recent_lock:
            missing = []
            for row, text in enumerate(texts):
                if text in recent:
                    out[row] = recent[text]
                    recent.move_to_end(text)
                else:
                    missing.append(row)
        if not missing:
            return out
        ids = [e.ids for e in self._tokenizer.encode_batch([texts[row].replace("\n", " ") for row in missing])]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for offset in range(0, len(order), self.batch_size):
            batch = order[offset : offset + self.batch_size]
            out[[missing[i] for i in batch]] = self._forward([ids[i] for i in batch])
        with self._recent_lock:
            for row in missing:
                recent[texts[row]] = out[row].copy()
            while len(recent) > CACHED_TEXTS:
                recent.popitem(last=False)
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        raise NotImplementedError
