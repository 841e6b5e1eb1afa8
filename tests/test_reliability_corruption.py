"""A damaged index: readers fall back to the last good build with a one-line warning, `index status`
says what is wrong, `index repair` restores answering; a damaged embedding cache is moved aside."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_helpers import QUESTION, answered, cli, hashing_indexed, indexed

from assistant.index.build import build_index
from assistant.index.store import IndexPaths
from assistant.settings import Settings


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garble(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


DAMAGE: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    # name: (damage(index_dir, active build folder), what `index status` says)
    "sentences.npy missing": (lambda index, build: (build / "sentences.npy").unlink(), "sentences.npy is missing"),
    "sentences.npy truncated": (lambda index, build: _truncate(build / "sentences.npy"), "sentences.npy has"),
    "chunks.jsonl truncated": (lambda index, build: _truncate(build / "chunks.jsonl"), "chunks.jsonl has"),
    "manifest.json invalid": (lambda index, build: (build / "manifest.json").write_text("{not json"), "manifest.json is unreadable"),
    "CURRENT garbage": (lambda index, build: (index / "CURRENT").write_bytes(b"\x00\xffgarbage\n"), "CURRENT does not name a build"),
    "chroma.sqlite3 garbage": (lambda index, build: _garble(build / "chroma/chroma.sqlite3"), "chroma.sqlite3 is not a SQLite database"),
}


def _damage(settings: Settings, case: str) -> str:
    """Apply one damage to the active build; what `index status` is to say about it."""
    paths = IndexPaths(settings.index_dir)
    damage, said = DAMAGE[case]
    damage(paths.root, paths.build(paths.current_build_id() or ""))
    return said


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("case", list(DAMAGE))
def test_readers_fall_back_and_repair_switches_to_the_last_good_build(tmp_path: Path, built_settings: Settings, case: str) -> None:
    settings = indexed(tmp_path, built_settings)
    first = IndexPaths(settings.index_dir).current_build_id()
    second = build_index(settings, force=True).manifest.build_id
    # the last good build: the one before the damaged one, or the one a garbled CURRENT named
    previous = second if case == "CURRENT garbage" else first
    said = _damage(settings, case)

    asked = cli(settings, "ask", QUESTION, "--json")
    answered(asked)
    warning = _one_line(asked.stderr)
    assert warning.startswith("warning: the active index build is broken (") and said in warning
    assert warning.endswith(f"answering from the last good build {previous}: run `python -m assistant index repair`")

    status = cli(settings, "index", "status")
    assert status.returncode == 1 and said in status.stdout and "BROKEN" in status.stdout, status.stdout + status.stderr
    repaired = cli(settings, "index", "repair")
    assert repaired.returncode == 0 and said in repaired.stdout, repaired.stdout + repaired.stderr
    assert repaired.stdout.strip().endswith(f"switched to the last good build {previous}")

    checked = cli(settings, "index", "check")
    assert checked.returncode == 0 and checked.stdout.startswith(f"build {previous}: OK"), checked.stdout
    again = cli(settings, "ask", QUESTION, "--json")
    answered(again)
    assert again.stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize("case", ["sentences.npy missing", "chroma.sqlite3 garbage", "manifest.json invalid"])
def test_without_a_good_build_readers_say_so_and_repair_rebuilds(tmp_path: Path, built_settings: Settings, case: str) -> None:
    settings = indexed(tmp_path, built_settings)
    broken = IndexPaths(settings.index_dir).current_build_id()
    said = _damage(settings, case)

    asked = cli(settings, "ask", QUESTION, "--json")
    assert asked.returncode == 1
    error = _one_line(asked.stderr)
    assert error.startswith("error: The index is broken (") and said in error and error.endswith("run `python -m assistant index repair`.")
    assert json.loads(asked.stdout) == {"error": error.removeprefix("error: ")}

    repaired = cli(settings, "index", "repair")
    assert repaired.returncode == 0 and "rebuilt the index as build" in repaired.stdout, repaired.stdout + repaired.stderr
    assert IndexPaths(settings.index_dir).current_build_id() != broken
    again = cli(settings, "ask", QUESTION, "--json")
    answered(again)
    assert again.stderr == ""


@pytest.mark.slow
def test_a_damaged_embedding_cache_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    settings = hashing_indexed(tmp_path)
    paths = IndexPaths(settings.index_dir)
    paths.cache.write_bytes(b"this is not a database" * 100)
    asked = cli(settings, "ask", QUESTION, "--json")
    assert asked.returncode == 0 and asked.stderr == "", "readers do not use the cache"

    done = cli(settings, "ingest", "--force")
    assert done.returncode == 0, done.stderr
    warning, summary = done.stderr.strip().splitlines()
    assert warning.startswith(f"warning: the embedding cache {paths.cache} was unreadable (file is not a database); moved it to ")
    assert warning.endswith("and started a new one") and "index built" in summary
    assert [p.name.split("-")[0] for p in paths.root.glob("embeddings.sqlite.corrupt-*")] == ["embeddings.sqlite.corrupt"]
    assert cli(settings, "ingest", "--force").stderr.count("warning") == 0, "the new cache is sound"
