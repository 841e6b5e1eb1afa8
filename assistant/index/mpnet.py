"""Sentence embeddings of an MPNet sentence-transformers folder (all-mpnet-base-v2), computed with torch.

The query path: the forward pass written out over the model's own safetensors weights and fast
tokenizer, so that answering imports torch but not transformers or sentence-transformers (seconds
per process). Weights are kept in bf16 on CPUs with native bf16 kernels, fp32 elsewhere; bf16 moves
a vector by cosine < 1e-4 against sentence-transformers in fp32 (tests/test_encoder.py) and halves
the time of a question (bench/RESULTS.md).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.index.forward import WrittenOutEmbeddings

if TYPE_CHECKING:
    import torch

_MAX_DISTANCE = 128
"""The relative distance from which MPNet's position buckets stop growing (fixed by the model)."""


class MPNetEmbeddings(WrittenOutEmbeddings):
    """LangChain `Embeddings` of an MPNet folder: mean pooling, then normalisation.

    Thread-safe: the weights are read-only and each call works on its own tensors. Loading it limits
    torch to one thread per operation for the process: with other work on the cores, a thread pool
    waits for a core it cannot get, and a question's embedding takes many times longer (bench/RESULTS.md).
    """

    def __init__(self, folder: Path, precision: str = "auto", batch_size: int = 64) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        from assistant.index.encoder import resolve_precision

        super().__init__()
        torch.set_num_threads(1)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.batch_size = max(batch_size, 1)
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._pad = int(config["pad_token_id"])
        self._buckets = int(config["relative_attention_num_buckets"])
        self._dtype = torch.bfloat16 if resolve_precision(precision, "cpu") == "bf16" else torch.float32  # type: ignore[arg-type]
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(
            int(min(st_config.get("max_seq_length") or 512, config["max_position_embeddings"] - self._pad - 1))
        )

        weights = load_file(str(folder / "model.safetensors"))

        def w(name: str) -> torch.Tensor:
            return weights[name].to(self._dtype)

        def joined(prefix: str, kind: str) -> torch.Tensor:
            return torch.cat([weights[f"{prefix}attention.attn.{n}.{kind}"] for n in "qkv"]).to(self._dtype)

        self._word = w("embeddings.word_embeddings.weight")
        self.dimension = int(self._word.shape[1])
        self._position = w("embeddings.position_embeddings.weight")
        self._ln0 = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self._relative = w("encoder.relative_attention_bias.weight")
        self._layers = [
            (
                joined(p, "weight"),
                joined(p, "bias"),
                w(p + "attention.attn.o.weight"),
                w(p + "attention.attn.o.bias"),
                (w(p + "attention.LayerNorm.weight"), w(p + "attention.LayerNorm.bias")),
                w(p + "intermediate.dense.weight"),
                w(p + "intermediate.dense.bias"),
                w(p + "output.dense.weight"),
                w(p + "output.dense.bias"),
                (w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
            )
            for p in (f"encoder.layer.{i}." for i in range(int(config["num_hidden_layers"])))
        ]

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        import torch
        import torch.nn.functional as F

        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), self._pad, dtype=torch.long)
        mask = torch.zeros((len(batch), width))
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids)
            mask[row, : len(ids)] = 1.0
        with torch.inference_mode():
            positions = (mask.cumsum(1) * mask).long() + self._pad
            x = self._word[input_ids] + self._position[positions]
            b, n, d = x.shape
            x = F.layer_norm(x, (d,), *self._ln0, self._eps)
            padding = ((1.0 - mask) * -1e9)[:, None, None, :]
            bias = (self._relative[self._position_buckets(n)].permute(2, 0, 1)[None] + padding).to(self._dtype)
            for qkv, qkv_bias, out_w, out_b, ln1, up_w, up_b, down_w, down_b, ln2 in self._layers:
                q, k, v = F.linear(x, qkv, qkv_bias).view(b, n, 3, self._heads, d // self._heads).permute(2, 0, 3, 1, 4)
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=bias).transpose(1, 2).reshape(b, n, d)
                x = F.layer_norm(F.linear(context, out_w, out_b) + x, (d,), *ln1, self._eps)
                x = F.layer_norm(F.linear(F.gelu(F.linear(x, up_w, up_b)), down_w, down_b) + x, (d,), *ln2, self._eps)
            pooled = (x.float() * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return F.normalize(pooled, dim=-1).numpy()

    def _position_buckets(self, n: int) -> torch.Tensor:
        """MPNet's relative position buckets: exact for near tokens, logarithmic up to `_MAX_DISTANCE`,
        one half of the buckets for tokens after the query position, the other for those before."""
        import torch

        relative = torch.arange(n)[None, :] - torch.arange(n)[:, None]
        half = self._buckets // 2
        exact = half // 2
        distance = relative.abs()
        far = exact + (torch.log(distance.float().clamp(min=1) / exact) / math.log(_MAX_DISTANCE / exact) * (half - exact)).long()
        return (relative > 0).long() * half + torch.where(distance < exact, distance, far.clamp(max=half - 1))
