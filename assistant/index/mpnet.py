"""Sentence embeddings of an MPNet sentence-transformers folder (all-mpnet-base-v2), computed with torch.

The query path: the forward pass written out over the model's own safetensors weights and fast
tokenizer, so that answering imports torch but not transformers or sentence-transformers (seconds
per process). A question's embedding is bound by reading the weights of the 48 matrix products, so
they are kept as small as the CPU computes with: int8 where it has int8 dot-product instructions
(VNNI), else bf16 where it has native bf16 kernels, else fp32 (`query_precision` overrides). bf16
moves a vector by cosine < 1e-4 against sentence-transformers in fp32; int8 by ~0.003 on average
(tests/test_encoder.py, bench/RESULTS.md).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.index.forward import WrittenOutEmbeddings
from assistant.settings import QueryPrecision

if TYPE_CHECKING:
    from collections.abc import Callable

    import torch

OUTLIER_RATIO = 8.0
"""An input channel whose peak on the calibration text is over this many times the median channel's is an outlier."""
MOST_OUTLIERS = 8
"""Most outlier channels a layer keeps in float (104 in all for all-mpnet-base-v2)."""
CALIBRATION_TEXTS = (
    "Why?",
    "Who is the minister of finance, and what did she propose after the committee's long debate on 3 March 2024?",
)
"""Sample text on which int8 layers find their outlier channels (a property of the model, not of the text)."""

_MAX_DISTANCE = 128
"""The relative distance from which MPNet's position buckets stop growing (fixed by the model)."""


class MPNetEmbeddings(WrittenOutEmbeddings):
    """LangChain `Embeddings` of an MPNet folder: mean pooling, then normalisation.

    Thread-safe: the weights are read-only and each call works on its own tensors. Loading it limits
    torch to one thread per operation for the process: with other work on the cores, a thread pool
    waits for a core it cannot get, and a question's embedding takes many times longer (bench/RESULTS.md).
    """

    def __init__(self, folder: Path, precision: QueryPrecision = "auto", batch_size: int = 64) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        super().__init__()
        torch.set_num_threads(1)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.batch_size = max(batch_size, 1)
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._pad = int(config["pad_token_id"])
        self._buckets = int(config["relative_attention_num_buckets"])
        self.precision = resolve_query_precision(precision)
        self._dtype = torch.bfloat16 if self.precision == "bf16" else torch.float32
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(
            int(min(st_config.get("max_seq_length") or 512, config["max_position_embeddings"] - self._pad - 1))
        )

        weights = load_file(str(folder / "model.safetensors"))

        def w(name: str) -> torch.Tensor:
            return weights[name].to(self._dtype)

        def linear(prefix: str) -> Callable[[torch.Tensor], torch.Tensor]:
            return self._linear(weights[prefix + ".weight"], weights[prefix + ".bias"])

        def joined(prefix: str) -> Callable[[torch.Tensor], torch.Tensor]:
            parts = [f"{prefix}attention.attn.{n}" for n in "qkv"]
            return self._linear(torch.cat([weights[p + ".weight"] for p in parts]), torch.cat([weights[p + ".bias"] for p in parts]))

        self._word = w("embeddings.word_embeddings.weight")
        self.dimension = int(self._word.shape[1])
        self._position = w("embeddings.position_embeddings.weight")
        self._ln0 = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self._relative = w("encoder.relative_attention_bias.weight")
        self._layers = [
            (
                joined(p),
                linear(p + "attention.attn.o"),
                (w(p + "attention.LayerNorm.weight"), w(p + "attention.LayerNorm.bias")),
                linear(p + "intermediate.dense"),
                linear(p + "output.dense"),
                (w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
            )
            for p in (f"encoder.layer.{i}." for i in range(int(config["num_hidden_layers"])))
        ]
        if self.precision == "int8":
            self._calibrate()

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
            for qkv, out, ln1, up, down, ln2 in self._layers:
                q, k, v = qkv(x).view(b, n, 3, self._heads, d // self._heads).permute(2, 0, 3, 1, 4)
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=bias).transpose(1, 2).reshape(b, n, d)
                x = F.layer_norm(out(context) + x, (d,), *ln1, self._eps)
                x = F.layer_norm(down(F.gelu(up(x))) + x, (d,), *ln2, self._eps)
            pooled = (x.float() * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return F.normalize(pooled, dim=-1).numpy()

    def _calibrate(self) -> None:
        """Run `CALIBRATION_TEXTS` through the float layers, then replace each by its int8 layer."""
        for encoding in self._tokenizer.encode_batch(list(CALIBRATION_TEXTS)):
            self._forward([encoding.ids])

        def quantized(linear: Callable[[torch.Tensor], torch.Tensor]) -> Callable[[torch.Tensor], torch.Tensor]:
            return linear.quantized() if isinstance(linear, ObservedLinear) else linear

        self._layers = [
            (quantized(qkv), quantized(out), ln1, quantized(up), quantized(down), ln2) for qkv, out, ln1, up, down, ln2 in self._layers
        ]

    def _linear(self, weight: torch.Tensor, bias: torch.Tensor) -> Callable[[torch.Tensor], torch.Tensor]:
        """A linear layer in this embedder's precision (int8: a float layer observing its inputs until `_calibrate`)."""
        if self.precision == "int8":
            return ObservedLinear(weight, bias)
        from functools import partial

        import torch.nn.functional as F

        return partial(F.linear, weight=weight.to(self._dtype), bias=bias.to(self._dtype))

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


class Int8Linear:
    """A linear layer in int8: weights with one scale per output channel, and each call's input
    quantised per token (symmetric, W8A8). The product runs on the CPU's int8 dot-product units and
    reads half the bytes of bf16 weights.

    A few input channels of a transformer carry values tens of times larger than the rest; quantised
    with them, a token's other values lose their precision (a two-word question moves by cosine 0.05).
    Those channels (`outliers`) are multiplied in float instead."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, outliers: torch.Tensor | None = None) -> None:
        import torch

        weight = weight.float()
        self._outliers: tuple[torch.Tensor, torch.Tensor] | None = None
        """The outlier channels and their weights (input by output), multiplied in float."""
        if outliers is not None and len(outliers):
            self._outliers = (outliers, weight[:, outliers].t().contiguous())
            weight = weight.index_fill(1, outliers, 0.0)
        self._scale = weight.abs().amax(1).clamp(min=1e-12) / 127
        self._weight = torch.round(weight / self._scale[:, None]).to(torch.int8).t()
        self._bias = bias.float()

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        import torch

        rows = x.reshape(-1, x.shape[-1]).float()
        out = self._bias
        if self._outliers is not None:
            channels, channel_weight = self._outliers
            out = torch.addmm(out, rows[:, channels], channel_weight)
            rows = rows.index_fill(1, channels, 0.0)
        row_scale = torch.linalg.vector_norm(rows, math.inf, dim=1, keepdim=True).clamp_(min=1e-12) / 127
        product = torch._int_mm(rows.div(row_scale).round_().to(torch.int8), self._weight)
        return torch.addcmul(out, product, row_scale * self._scale).view(*x.shape[:-1], -1)


class ObservedLinear:
    """A float linear layer that records the peak of each input channel, to become an `Int8Linear`."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor) -> None:
        self._weight, self._bias = weight.float(), bias.float()
        self._peaks: torch.Tensor | None = None

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        import torch
        import torch.nn.functional as F

        peaks = x.reshape(-1, x.shape[-1]).abs().amax(0)
        self._peaks = peaks if self._peaks is None else torch.maximum(self._peaks, peaks)
        return F.linear(x, self._weight, self._bias)

    def quantized(self, ratio: float = OUTLIER_RATIO, most: int = MOST_OUTLIERS) -> Int8Linear:
        """The int8 layer, with the channels whose peak is over `ratio` times the median peak (at most `most`) as outliers."""
        outliers = None
        if self._peaks is not None:
            outliers = (self._peaks > self._peaks.median() * ratio).nonzero()[:, 0]
            if len(outliers) > most:
                outliers = self._peaks.topk(most).indices
        return Int8Linear(self._weight, self._bias, outliers)


def resolve_query_precision(precision: QueryPrecision) -> str:
    """`auto`: int8 on a CPU with int8 dot-product instructions (VNNI), else bf16 where bf16 is native, else fp32."""
    if precision != "auto":
        return precision
    import torch

    if getattr(torch.cpu, "_is_vnni_supported", lambda: False)():
        return "int8"
    from assistant.index.encoder import resolve_precision

    return "bf16" if resolve_precision("auto", "cpu") == "bf16" else "fp32"
