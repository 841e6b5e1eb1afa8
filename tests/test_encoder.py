"""The ingest encoder and the query embedders: token-budget batches, order, precision, agreement of both paths."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.index.embeddings import resolve_model
from assistant.index.encoder import SentenceEncoder, _token_batches, resolve_precision
from assistant.index.minilm import MiniLMEmbeddings
from assistant.index.mpnet import Int8Linear, MPNetEmbeddings, resolve_query_precision
from assistant.settings import Settings

TEXTS = [
    "Witkoff and Kushner drafted the 28-point peace plan.",
    "Sanctions on Rosneft and Lukoil took effect in November 2025. " * 30,  # over the 256-token limit
    "Kyiv rejected territorial concessions in Donbas.",
    "Zażółć gęślą jaźń — Київ, Москва.",
    "",
    "The European Union prepared a twentieth sanctions package against Russia while the talks went on.",
]


@pytest.fixture(scope="module")
def model() -> str:
    """The default model (packaged all-mpnet-base-v2)."""
    return resolve_model(Settings(_env_file=None))  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def minilm() -> str:
    return resolve_model(Settings(_env_file=None, embedding_model="minilm"))  # type: ignore[call-arg]


@pytest.mark.parametrize("budget", [1, 50, 300, 10_000])
def test_token_batches_cover_every_text_once_within_budget(budget: int) -> None:
    lengths = [5, 40, 3, 40, 17, 200, 9, 9, 120]
    batches = list(_token_batches(lengths, budget))
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        widest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or len(batch) * widest <= budget
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(flat)


def test_fp32_matches_the_query_embedder_in_order(model: str, minilm: str) -> None:
    pairs = ((model, MPNetEmbeddings(Path(model), "fp32"), 768), (minilm, MiniLMEmbeddings(Path(minilm)), 384))
    for folder, query_embedder, dimension in pairs:
        encoder = SentenceEncoder(folder, "cpu", "fp32", token_budget=64)  # small budget: several batches
        vectors = encoder.encode(TEXTS)
        reference = query_embedder.encode(TEXTS)
        assert vectors.shape == (len(TEXTS), dimension) and vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        assert np.min(np.sum(vectors * reference, axis=1)) > 0.99999


def test_bf16_query_embedder_stays_within_cosine_1e3_of_fp32(model: str) -> None:
    fp32 = MPNetEmbeddings(Path(model), "fp32").encode(TEXTS)
    bf16 = MPNetEmbeddings(Path(model), "bf16", batch_size=2).encode(TEXTS)
    assert np.min(np.sum(fp32 * bf16, axis=1)) > 0.999
    assert MPNetEmbeddings(Path(model), "fp32").encode([]).shape == (0, 768)


def test_int8_query_embedder_stays_within_cosine_1e2_of_fp32(model: str) -> None:
    fp32 = MPNetEmbeddings(Path(model), "fp32").encode(TEXTS)
    int8 = MPNetEmbeddings(Path(model), "int8", batch_size=2).encode(TEXTS)
    cosines = np.sum(fp32 * int8, axis=1)
    assert np.min(cosines) > 0.99 and np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert (np.argsort(fp32 @ fp32.T, axis=1)[:, -2] == np.argsort(int8 @ fp32.T, axis=1)[:, -2]).all(), "same nearest other text"


def test_int8_linear_is_exact_on_values_its_scales_represent_and_close_elsewhere() -> None:
    import torch

    generator = torch.Generator().manual_seed(0)
    weight = torch.randint(-127, 128, (6, 8), generator=generator).float()
    weight[:, 0] = 127.0  # one scale of exactly 1 per output channel
    x = torch.randint(-127, 128, (2, 3, 8), generator=generator).float()
    x[..., 0] = 127.0  # one scale of exactly 1 per token
    bias = torch.arange(6).float()
    assert torch.equal(Int8Linear(weight, bias)(x), torch.nn.functional.linear(x, weight, bias))
    weight, x = torch.randn(64, 96, generator=generator), torch.randn(5, 96, generator=generator)
    exact = torch.nn.functional.linear(x, weight, bias=torch.zeros(64))
    relative = (Int8Linear(weight, torch.zeros(64))(x) - exact).norm() / exact.norm()
    assert relative < 0.02


def test_int8_linear_computes_outlier_channels_in_float() -> None:
    """One input channel 300 times the others: quantised with the rest, it erases them; split off, it does not."""
    import torch

    generator = torch.Generator().manual_seed(1)
    weight, x = torch.randn(32, 64, generator=generator), torch.randn(4, 64, generator=generator)
    x[:, 5] = 300.0
    weight[:, 5] = 0.001  # the channel adds little to the product; its size is the problem
    exact = torch.nn.functional.linear(x, weight, bias=torch.ones(32))

    def error(layer: Int8Linear) -> float:
        return float((layer(x) - exact).norm() / exact.norm())

    assert error(Int8Linear(weight, torch.ones(32))) > 0.1
    assert error(Int8Linear(weight, torch.ones(32), outliers=torch.tensor([5]))) < 0.02


def test_query_precision_resolution() -> None:
    import torch

    assert resolve_query_precision("bf16") == "bf16" and resolve_query_precision("int8") == "int8"
    assert (resolve_query_precision("auto") == "int8") == torch.cpu._is_vnni_supported()
    assert resolve_query_precision("auto") in {"int8", "bf16", "fp32"}


def test_bf16_stays_within_cosine_1e3_of_fp32(model: str) -> None:
    fp32 = SentenceEncoder(model, "cpu", "fp32").encode(TEXTS)
    bf16 = SentenceEncoder(model, "cpu", "bf16").encode(TEXTS)
    assert np.min(np.sum(fp32 * bf16, axis=1)) > 0.999


def test_progress_and_empty_input(model: str) -> None:
    encoder = SentenceEncoder(model, "cpu", "fp32", token_budget=32)
    seen: list[tuple[int, int]] = []
    encoder.encode(TEXTS, progress=lambda done, total: seen.append((done, total)))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and seen[-1] == (len(TEXTS), len(TEXTS))
    assert encoder.encode([]).shape == (0, 768)


def test_precision_resolution() -> None:
    assert resolve_precision("auto", "cuda") == "fp16"
    assert resolve_precision("auto", "cpu") in {"fp32", "bf16"}
    assert resolve_precision("fp32", "cuda") == "fp32"


def test_each_packaged_model_gets_its_written_out_query_embedder(model: str, minilm: str) -> None:
    from assistant.index.embeddings import written_out_type

    assert written_out_type(Path(model)) == "mpnet" and written_out_type(Path(minilm)) == "bert"
    assert written_out_type(Path(model).parent) is None, "not a model folder"


def test_recent_texts_are_not_embedded_again() -> None:
    from types import SimpleNamespace

    from assistant.index.forward import WrittenOutEmbeddings

    class Counting(WrittenOutEmbeddings):
        """Vector of a text: its length and its number of words; counts the texts it embeds."""

        dimension, batch_size = 2, 2
        _tokenizer = SimpleNamespace(encode_batch=lambda texts: [SimpleNamespace(ids=[len(t), len(t.split())]) for t in texts])

        def __init__(self) -> None:
            super().__init__()
            self.embedded: list[int] = []

        def _forward(self, batch: list[list[int]]) -> np.ndarray:
            self.embedded += [ids[0] for ids in batch]
            return np.array(batch, dtype=np.float32)

    model = Counting()
    first = model.encode(["a b", "ccc dd e", "a b"])
    assert first.tolist() == [[3, 2], [8, 3], [3, 2]] and sorted(model.embedded) == [3, 3, 8]
    again = model.encode(["ccc dd e", "zz", "a b"])
    assert again.tolist() == [[8, 3], [2, 1], [3, 2]] and sorted(model.embedded) == [2, 3, 3, 8], "only the new text"
