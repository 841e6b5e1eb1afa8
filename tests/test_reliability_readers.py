"""Readers never take the write lock: concurrent `ask` processes answer while a writer holds the lock
or ingests; only a reader that finds no index builds one (the others wait for it); a corpus changed
since the build is reported, not rebuilt."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reliability_helpers import ADDED_NOTE, QUESTION, answered, cli, indexed, start

from assistant.index.store import IndexPaths
from assistant.settings import Settings

READERS = 6
HOLD_LOCK = "import sys, time; from filelock import FileLock; FileLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(300)"


def _ask_together(settings: Settings, count: int) -> list[subprocess.Popen[str]]:
    return [start(settings, "-m", "assistant", "ask", QUESTION, "--json") for _ in range(count)]


def _all_answered(readers: list[subprocess.Popen[str]]) -> list[str]:
    """Each reader's stderr, after checking that every one printed a cited answer."""
    errors = []
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        answered(subprocess.CompletedProcess(reader.args, reader.returncode, out, err))
        errors.append(err)
    return errors


@pytest.mark.slow
def test_readers_answer_while_a_writer_holds_the_lock(tmp_path: Path, built_settings: Settings) -> None:
    settings = indexed(tmp_path, built_settings)
    holder = start(settings, "-c", HOLD_LOCK, str(IndexPaths(settings.index_dir).lock))
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "held"
        errors = _all_answered(_ask_together(settings, READERS))
    finally:
        holder.kill()
        holder.wait()
    assert errors == [""] * READERS, "no reader waited for or mentioned the lock"


@pytest.mark.slow
def test_readers_answer_during_an_ingest(tmp_path: Path, built_settings: Settings) -> None:
    settings = indexed(tmp_path, built_settings)
    old = IndexPaths(settings.index_dir).current_build_id()
    note = tmp_path / "arctic-note.md"
    note.write_text(ADDED_NOTE, encoding="utf-8")
    writer = start(settings, "-m", "assistant", "ingest", str(note))
    readers = _ask_together(settings, READERS)
    _all_answered(readers)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0 and "index built" in err, err
    assert IndexPaths(settings.index_dir).current_build_id() != old


@pytest.mark.slow
def test_readers_that_find_no_index_build_it_once(tmp_path: Path, built_settings: Settings) -> None:
    from index_helpers import seeded_settings

    settings = seeded_settings(tmp_path, built_settings)
    errors = _all_answered(_ask_together(settings, 4))
    paths = IndexPaths(settings.index_dir)
    assert len(paths.committed()) == 1 and [p.name for p in paths.builds.iterdir()] == paths.committed(), "one build, by one reader"
    assert all(f"no index at {settings.index_dir} yet: building it" in err for err in errors)
    assert "Another ingest is writing the index" not in "".join(errors)


@pytest.mark.slow
def test_a_changed_corpus_is_reported_and_still_answered(tmp_path: Path, built_settings: Settings) -> None:
    settings = indexed(tmp_path, built_settings)
    paths = IndexPaths(settings.index_dir)
    before = paths.current_build_id()
    (settings.corpus_dir / "documents").mkdir()
    (settings.corpus_dir / "documents" / "arctic-note.md").write_text(ADDED_NOTE, encoding="utf-8")
    done = cli(settings, "ask", QUESTION, "--json")
    answer = answered(done)
    assert done.stderr == "warning: corpus changed since the last build: run `make index`\n"
    assert {p["document"] for p in answer["passages"]} == {"osw-trump-russia-ukraine-brief"}
    assert paths.current_build_id() == before and [p.name for p in paths.builds.iterdir()] == [before], "the reader built nothing"
    status = cli(settings, "index", "status")
    assert status.returncode == 0 and f"build {before}: OK (" in status.stdout
    assert "  osw-trump-russia-ukraine-brief  [brief] " in status.stdout
    assert status.stdout.strip().endswith("corpus changed since the last build: run `make index`")
    rebuilt = cli(settings, "ingest")
    assert rebuilt.returncode == 0 and "index built" in rebuilt.stderr
    assert cli(settings, "ask", QUESTION, "--json").stderr == "", "up to date again after `make index`"
