"""The embedding model: packaged all-mpnet-base-v2 by default, loaded offline once per process.

Two paths, one model, the same vectors (bench/RESULTS.md):
- `get_embeddings` embeds questions and draft sentences. On CPU a mean-pooled, normalised
  sentence-transformers folder runs through a forward pass written out over the model's own weights
  and fast tokenizer, because importing sentence-transformers (transformers, scikit-learn, scipy)
  costs seconds per process: `MPNetEmbeddings` (torch) for MPNet, `MiniLMEmbeddings` (NumPy) for
  BERT models such as the packaged `minilm`. Other models, and cuda, go through the `SentenceEncoder`.
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

from assistant.index.encoder import SentenceEncoder
from assistant.index.forward import embeddings_base
from assistant.index.hashing import HASHING_MODEL, HashingEmbeddings
from assistant.index.packaged import MPNET, PACKAGED_MODELS, packaged_label, packaged_model_path
from assistant.settings import QueryPrecision, Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

_ST_MODULES = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling", "sentence_transformers.models.Normalize"]
_WRITTEN_OUT = ("bert", "mpnet")
"""Model types whose forward pass `get_embeddings` runs without sentence-transformers."""


def resolve_model(settings: Settings) -> str:
    """The configured model: a packaged one's folder (`mpnet` when unset, or `minilm`), else the name or path as given."""
    name = settings.embedding_model or MPNET
    if name in PACKAGED_MODELS:
        return str(packaged_model_path(name, settings.models_dir))
    return name


def model_label(model: str) -> str:
    """A short, machine-independent name for the manifest and status output."""
    return packaged_label(model) or model


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
    kind = written_out_type(Path(model)) if device == "cpu" else None
    if kind == "bert":
        return _load_minilm(model, settings.embed_batch_size)
    if kind == "mpnet":
        return _load_mpnet(model, settings.query_precision, settings.embed_batch_size)
    return _encoder_embeddings(model, device, settings.embed_precision)


def model_words(settings: Settings) -> frozenset[str]:
    """The whole words of the embedding model's tokenizer vocabulary ("though", "headed"): words a reader spelt
    right whatever the corpus says; none for a model without a local tokenizer.json (the hashing embedder)."""
    return _tokenizer_words(resolve_model(settings))


@lru_cache(maxsize=4)
def _tokenizer_words(model: str) -> frozenset[str]:
    try:
        vocabulary = json.loads((Path(model) / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()
    tokens = vocabulary if isinstance(vocabulary, dict) else [entry[0] for entry in vocabulary]  # WordPiece, or Unigram pairs
    return frozenset(token for token in tokens if isinstance(token, str) and token.isalpha() and token.islower())


def get_encoder(settings: Settings) -> SentenceEncoder | HashingEmbeddings:
    """The ingest encoder (one model load per process)."""
    if resolve_model(settings) == HASHING_MODEL:
        return HashingEmbeddings()
    return _load_encoder(resolve_model(settings), resolve_device(settings.device), settings.embed_precision)


@lru_cache(maxsize=4)
def _load_minilm(model: str, batch_size: int) -> Embeddings:
    from assistant.index.minilm import MiniLMEmbeddings

    return MiniLMEmbeddings(Path(model), batch_size)


@lru_cache(maxsize=4)
def _load_mpnet(model: str, precision: QueryPrecision, batch_size: int) -> Embeddings:
    from assistant.index.mpnet import MPNetEmbeddings

    return MPNetEmbeddings(Path(model), precision, batch_size)


@lru_cache(maxsize=4)
def _load_encoder(model: str, device: str, precision: str) -> SentenceEncoder:
    return SentenceEncoder(model, device, precision)  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def _encoder_embeddings(model: str, device: str, precision: str) -> Embeddings:
    return EncoderEmbeddings(_load_encoder(model, device, precision))


def written_out_type(folder: Path) -> str | None:
    """`bert` or `mpnet` for a local sentence-transformers folder whose forward pass this package
    computes exactly (GELU, absolute or MPNet positions, mean pooling, then normalisation); else None."""
    try:
        modules = [m["type"] for m in json.loads((folder / "modules.json").read_text(encoding="utf-8"))]
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    other_pooling = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens" and v]
    kind = config.get("model_type")
    exact = (
        modules == _ST_MODULES
        and kind in _WRITTEN_OUT
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and pooling.get("pooling_mode_mean_tokens") is True
        and not other_pooling
        and (folder / "model.safetensors").exists()
        and (folder / "tokenizer.json").exists()
    )
    return str(kind) if exact else None


class EncoderEmbeddings(embeddings_base()):  # type: ignore[misc]
    """LangChain `Embeddings` over a `SentenceEncoder`."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder = encoder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encoder.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encoder.encode([text])[0].tolist()
