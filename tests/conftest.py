"""Shared fixtures: one real index of the shipped corpus per test session, isolated settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.settings import CHECKOUT, Settings, isolated_settings  # noqa: E402

RIVERBASIN = CHECKOUT / "tests" / "corpora" / "riverbasin"
"""A second corpus on an unrelated subject: the same code must answer it."""


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose index of the shipped corpus is built once for the whole session."""
    from assistant.index.build import build_index

    settings = isolated_settings(tmp_path_factory.mktemp("shared"))
    build_index(settings)
    return settings


@pytest.fixture(scope="session")
def assistant(built_settings: Settings) -> Iterator[object]:
    """One Assistant over the session index (tests must use their own conversation ids)."""
    from assistant.facade import Assistant

    yield Assistant(built_settings)


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Settings:
    """Settings with an empty index of their own, for tests that build or break indexes."""
    return isolated_settings(tmp_path)


@pytest.fixture(scope="session")
def riverbasin_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The second corpus indexed with the model-free hashing embedder (builds in about a second)."""
    import shutil

    from assistant.index.build import build_index

    root = tmp_path_factory.mktemp("riverbasin")
    shutil.copytree(RIVERBASIN, root / "corpus")
    settings = isolated_settings(root, embedding_model="hashing")
    build_index(settings)
    return settings
