"""Helpers for tests that need an index of their own: seed the embedding cache, run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant.index.cache import seed_cache
from assistant.settings import CHECKOUT, Settings, isolated_settings


def seeded_settings(tmp: Path, built: Settings, **overrides: object) -> Settings:
    """Settings with an empty index whose embedding cache already holds the shipped corpus (no re-embedding)."""
    settings = isolated_settings(tmp, **overrides)
    seed_cache(settings.index_dir, built.index_dir)
    return settings


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a `python -m assistant` subprocess confined to `settings`' corpus and index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "CHROMA_"))}
    env.update({"BRIEF_CORPUS_DIR": str(settings.corpus_dir), "BRIEF_INDEX_DIR": str(settings.index_dir),
                "BRIEF_FEEDBACK_DB": str(settings.feedback_db), "BRIEF_LLM": "extractive", "COLUMNS": "200",
                "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", **extra})
    return env


def run_cli(
    settings: Settings, *args: str, timeout: float = 180, input: str | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], env=cli_env(settings, **extra), cwd=CHECKOUT,
                          capture_output=True, text=True, timeout=timeout, input=input)
