"""Bulk sentence embeddings through sentence-transformers, the ingest path on CPU and cuda.

Faster than `SentenceTransformer.encode` for a corpus: every text is tokenized once, texts are
sorted by length and packed into batches by a token budget (little padding, big batches of short
sentences), and the forward pass runs in reduced precision where the hardware has it: fp16 on
cuda, bf16 on CPUs with native bf16 (AVX512-BF16 or AMX). Reduced precision moves a vector by
cosine < 1e-4 (bench/RESULTS.md), far below what separates passages.

Imports nothing from the rest of the package, so `bench/gpu.py` can run it on a machine that has
only torch and sentence-transformers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from assistant.settings import Precision

if TYPE_CHECKING:
    import torch

Progress = Callable[[int, int], None]
"""progress(texts_done, texts_total)"""

TOKEN_BUDGET = {"cpu": 2048, "cuda": 262144}
"""Tokens per batch (padded width x rows): CPU caches favour small batches (2,048 ran 1.6x faster
than 8,192 on the 2-core host), a GPU large ones (bench/RESULTS.md)."""


def resolve_precision(precision: Precision, device: str) -> str:
    """`auto`: fp16 on cuda, bf16 on a CPU with native bf16 kernels, fp32 otherwise."""
    if precision != "auto":
        return precision
    if device.startswith("cuda"):
        return "fp16"
    import torch

    native_bf16 = (
        getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)() or getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
    )
    return "bf16" if native_bf16 else "fp32"


class SentenceEncoder:
    """One sentence-transformers model on one device, loaded offline; unit vectors out."""

    def __init__(self, model: str, device: str = "cpu", precision: Precision = "auto", token_budget: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import torch
        from sentence_transformers import SentenceTransformer

        self.device = device
        self.precision = resolve_precision(precision, device)
        self.token_budget = token_budget or TOKEN_BUDGET["cuda" if device.startswith("cuda") else "cpu"]
        self._model = SentenceTransformer(model, device=device).float().eval()  # fp32 weights; autocast lowers precision
        self._dtype = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[self.precision]
        self._tokenizer = self._model.tokenizer
        self._max_length = self._model.max_seq_length or self._tokenizer.model_max_length
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dimension = int(dimension() or 0)

    def encode(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        """float32 unit vectors, one row per text, in the order given."""
        import torch

        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        encoded = self._tokenizer(texts, truncation=True, max_length=self._max_length, return_attention_mask=False)
        ids: list[list[int]] = encoded["input_ids"]
        done = 0
        autocast = torch.autocast(self._model.device.type, dtype=self._dtype, enabled=self.precision != "fp32")
        with torch.inference_mode(), autocast:
            for rows in _token_batches([len(i) for i in ids], self.token_budget):
                features = self._features([ids[r] for r in rows])
                pooled = self._model(features)["sentence_embedding"].float()
                out[rows] = torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()
                done += len(rows)
                if progress:
                    progress(done, len(texts))
        return out

    def _features(self, batch: list[list[int]]) -> dict[str, torch.Tensor]:
        """Right-padded input ids and attention mask on the model's device."""
        import torch

        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), self._tokenizer.pad_token_id or 0, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[row, : len(ids)] = 1
        features = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in self._tokenizer.model_input_names:
            features["token_type_ids"] = torch.zeros_like(input_ids)
        non_blocking = self._model.device.type == "cuda"
        return {k: (v.pin_memory() if non_blocking else v).to(self._model.device, non_blocking=non_blocking) for k, v in features.items()}


def _token_batches(lengths: list[int], token_budget: int) -> Iterator[list[int]]:
    """Indices sorted by length, cut into batches whose padded size stays within the budget."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batch: list[int] = []
    for index in order:
        if batch and (len(batch) + 1) * lengths[index] > token_budget:
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch
