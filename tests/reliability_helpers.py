"""Helpers for the reliability tests: an index of the shipped corpus per test, the CLI, and a
fingerprint of everything an ingest may change."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from index_helpers import cli_env, seeded_settings

from assistant.index.build import build_index
from assistant.index.hashing import HASHING_MODEL
from assistant.index.store import IndexPaths
from assistant.settings import CHECKOUT, Settings, isolated_settings

QUESTION = "Who drafted the 28-point peace plan?"
"""Answered with citations from the brief (its answer names Witkoff and Kushner)."""

ADDED_NOTE = "# Arctic shipping note\n\nIcebreaker convoys on the Northern Sea Route doubled in 2025. Insurers in Oslo raised premiums.\n"


def indexed(tmp: Path, built: Settings) -> Settings:
    """Settings of a private copy of the corpus with its index built (from the seeded cache: nothing embedded)."""
    settings = seeded_settings(tmp, built)
    build_index(settings)
    return settings


def hashing_indexed(tmp: Path) -> Settings:
    """Like `indexed`, with the model-free embedder (for tests whose ingests embed new text)."""
    settings = isolated_settings(tmp, embedding_model=HASHING_MODEL)
    build_index(settings)
    return settings


def env(settings: Settings, **extra: str) -> dict[str, str]:
    """`cli_env`, passing on the embedding model of `settings` too."""
    return cli_env(settings, **({"BRIEF_EMBEDDING_MODEL": settings.embedding_model} if settings.embedding_model else {}), **extra)


def cli(settings: Settings, *args: str, timeout: float = 180, input: bytes | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m assistant ARGS` confined to `settings`; stdin given as bytes, output decoded."""
    done = subprocess.run([sys.executable, "-m", "assistant", *args], env=env(settings, **extra), cwd=CHECKOUT,
                          capture_output=True, timeout=timeout, input=input)  # fmt: skip
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def start(settings: Settings, *command: str, **extra: str) -> subprocess.Popen[str]:
    """`python COMMAND…` (e.g. `-m assistant ask …`) started, confined to `settings`."""
    return subprocess.Popen([sys.executable, *command], env=env(settings, **extra), cwd=CHECKOUT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def answered(done: subprocess.CompletedProcess[str]) -> dict:
    """The JSON answer of `ask --json`, checked to be a cited one."""
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert not answer["declined"] and answer["citations"], answer["answer"]
    return answer


def fingerprint(settings: Settings) -> dict[str, str]:
    """SHA-256 of every corpus file, of CURRENT and HISTORY, and of every file of the active build."""
    paths = IndexPaths(settings.index_dir)
    files = {f"corpus/{p.relative_to(settings.corpus_dir)}": p for p in settings.corpus_dir.rglob("*") if p.is_file()}
    files.update({"index/CURRENT": paths.current, "index/HISTORY": paths.history})
    build_id = paths.current_build_id()
    assert build_id is not None
    build = paths.build(build_id)
    files.update({f"build/{p.relative_to(build)}": p for p in build.rglob("*") if p.is_file()})
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in sorted(files.items()) if path.exists()}
