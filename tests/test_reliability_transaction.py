"""An ingest is one transaction: SIGKILL before the switch of CURRENT leaves corpus and index exactly
as they were (and the next run never picks the document up); SIGKILL after it, the next writer
completes the ingest."""

from __future__ import annotations

import json
import signal
import textwrap
from pathlib import Path

import pytest
from reliability_helpers import ADDED_NOTE, cli, fingerprint, hashing_indexed, start

from assistant.index.store import IndexPaths
from assistant.settings import Settings

# Runs `ingest NOTE` and kills itself (SIGKILL, as `kill -9` would) at one point of it.
KILLED_INGEST = textwrap.dedent(
    """
    import os, signal, sys
    import assistant.index.build as build
    from assistant.cli import main

    point, note = sys.argv[1], sys.argv[2]
    real_write, real_collection, real_encoder = build.write_atomic, build._write_collection, build.get_encoder

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    class DyingEncoder:
        precision = "fp32"
        def encode(self, texts, progress=None):
            die()

    def write_atomic(path, text):
        if (point, path.name) in {("before-switch", "CURRENT"), ("before-history", "HISTORY")}:
            die()
        if point == "after-switch" and path.parent.name == "documents":
            die()
        real_write(path, text)

    def write_collection(*args):
        real_collection(*args)
        die()

    build.write_atomic = write_atomic
    if point == "embedding":
        build.get_encoder = lambda settings: DyingEncoder()
    if point == "chroma":
        build._write_collection = write_collection
    sys.argv = ["assistant", "ingest", note]
    main()
    """
)
BEFORE_SWITCH = ["embedding", "chroma", "before-switch"]
AFTER_SWITCH = ["after-switch", "before-history"]
NOTE_QUESTION = "Who raised premiums for the Northern Sea Route?"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "arctic-note.md"
    path.write_text(ADDED_NOTE, encoding="utf-8")
    return path


def _killed_ingest(settings: Settings, point: str, note: Path) -> None:
    process = start(settings, "-c", KILLED_INGEST, point, str(note))
    _, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, f"the ingest was not killed at {point}: {err}"


def _documents(settings: Settings) -> list[str]:
    done = cli(settings, "ask", NOTE_QUESTION, "--json")
    assert done.returncode == 0, done.stderr
    return sorted({passage["document"] for passage in json.loads(done.stdout)["passages"]})


@pytest.mark.slow
@pytest.mark.parametrize("point", BEFORE_SWITCH)
def test_ingest_killed_before_the_switch_changes_nothing(tmp_path: Path, note: Path, point: str) -> None:
    settings = hashing_indexed(tmp_path / "home")
    before = fingerprint(settings)
    _killed_ingest(settings, point, note)
    assert fingerprint(settings) == before, "corpus, CURRENT, HISTORY and the active build are byte-identical"
    assert not (settings.corpus_dir / "documents").exists() or not any((settings.corpus_dir / "documents").iterdir())

    again = cli(settings, "ingest")
    assert again.returncode == 0 and "index up to date: 1 documents" in again.stderr, again.stderr
    paths = IndexPaths(settings.index_dir)
    assert {p.name for p in paths.builds.iterdir()} == {paths.current_build_id()}, "the killed build's folder is removed"
    assert fingerprint(settings) == before
    assert _documents(settings) == ["osw-trump-russia-ukraine-brief"], "the aborted document is never indexed"


@pytest.mark.slow
@pytest.mark.parametrize("point", AFTER_SWITCH)
def test_ingest_killed_after_the_switch_is_completed_by_the_next_writer(tmp_path: Path, note: Path, point: str) -> None:
    settings = hashing_indexed(tmp_path / "home")
    paths = IndexPaths(settings.index_dir)
    old = paths.current_build_id()
    _killed_ingest(settings, point, note)
    new = paths.current_build_id()
    assert new != old, "CURRENT names the new build: the ingest is committed"

    asked = cli(settings, "ask", NOTE_QUESTION, "--json")
    assert asked.returncode == 0 and "arctic-shipping-note" in asked.stdout, "readers answer from the new build at once"
    stored = settings.corpus_dir / "documents"
    if point == "after-switch":
        assert not stored.exists() or not any(stored.iterdir())
        assert asked.stderr.strip() == "warning: corpus changed since the last build: run `make index`"

    done = cli(settings, "ingest")
    assert done.returncode == 0 and "index up to date: 2 documents" in done.stderr, done.stderr
    files = list(stored.iterdir())
    assert len(files) == 1 and files[0].name.startswith("arctic-shipping-note-")
    assert files[0].read_text(encoding="utf-8").endswith(ADDED_NOTE)
    assert paths.committed()[:2] == [new, old]
    asked = cli(settings, "ask", NOTE_QUESTION, "--json")
    assert asked.returncode == 0 and asked.stderr == "", "no warning once the ingest is complete"
