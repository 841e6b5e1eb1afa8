"""Sentence embeddings of a MiniLM/BERT sentence-transformers folder, computed with NumPy.

The query path of `minilm` (and any BERT folder of the same shape): importing sentence-transformers
(torch, transformers, scikit-learn, scipy) costs about 5 s per process; this forward pass over the
model's own safetensors weights and fast tokenizer imports none of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.index.forward import WrittenOutEmbeddings


class MiniLMEmbeddings(WrittenOutEmbeddings):
    """Sentence embeddings of a MiniLM/BERT sentence-transformers folder, computed with NumPy.

    Thread-safe: the weights are read-only and each call works on its own arrays. Loading it
    limits NumPy's BLAS to one thread for the process: the matrices of a question are tiny, and
    on the shared 2-core host a BLAS thread pool waiting for cores made a query embedding 20 times
    slower (640 ms against 27 ms median at load average 9; bench/RESULTS.md).
    """

    def __init__(self, folder: Path, batch_size: int = 64) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        super().__init__()
        _single_threaded_blas()

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.max_length = int(min(st_config.get("max_seq_length") or 512, config["max_position_embeddings"]))
        self.batch_size = max(batch_size, 1)
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_length)

        w = {k.removeprefix("bert."): v.astype(np.float32, copy=False) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self._word = w["embeddings.word_embeddings.weight"]
        self.dimension = int(self._word.shape[1])
        self._position = w["embeddings.position_embeddings.weight"]
        self._type0 = w["embeddings.token_type_embeddings.weight"][0]
        self._ln0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T.copy()
            qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self._layers.append(
                (
                    qkv,
                    qkv_bias,
                    w[p + "attention.output.dense.weight"].T.copy(),
                    w[p + "attention.output.dense.bias"],
                    (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    w[p + "intermediate.dense.weight"].T.copy(),
                    w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.float32)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        x = self._layer_norm(self._word[input_ids] + self._position[:width] + self._type0, self._ln0)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        b, n, d = x.shape
        h = self._heads
        scale = np.float32(1.0 / np.sqrt(d // h))
        for qkv, qkv_bias, out_w, out_b, ln1, up_w, up_b, down_w, down_b, ln2 in self._layers:
            q, k, v = (x @ qkv + qkv_bias).reshape(b, n, 3, h, d // h).transpose(2, 0, 3, 1, 4)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
            x = self._layer_norm(context @ out_w + out_b + x, ln1)
            x = self._layer_norm(_gelu(x @ up_w + up_b) @ down_w + down_b + x, ln2)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer_norm(self, x: np.ndarray, weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        centered = x - mean
        variance = (centered * centered).mean(axis=-1, keepdims=True)
        return centered / np.sqrt(variance + np.float32(self._eps)) * weights[0] + weights[1]


def _single_threaded_blas() -> None:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optional speed-up (threadpoolctl comes with scikit-learn); results are the same
        return
    threadpool_limits(limits=1, user_api="blas")


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, in place; erf by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7)."""
    z = np.abs(x)
    z *= np.float32(1 / np.sqrt(2))
    t = z * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for a in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(a)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x|)
    np.subtract(np.float32(1.0), poly, out=poly)
    np.copysign(poly, x, out=poly)  # erf(x)
    poly += np.float32(1.0)
    x *= poly
    x *= np.float32(0.5)
    return x
