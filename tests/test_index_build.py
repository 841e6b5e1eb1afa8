"""Index builds: the brief, incremental re-index, incompatible indexes, the single-writer lock."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_checks import stored_collection
from filelock import FileLock
from index_helpers import run_cli, seeded_settings

from assistant.corpus.library import load_corpus
from assistant.errors import IndexIncompatibleError, IndexLockedError, IndexMissingError
from assistant.facade import Assistant
from assistant.index.build import build_index
from assistant.index.chunking import chunk_document
from assistant.index.reader import open_index
from assistant.index.store import BuildManifest, IndexPaths
from assistant.settings import Settings


@pytest.fixture
def seeded(tmp_path: Path, built_settings: Settings) -> Settings:
    return seeded_settings(tmp_path, built_settings)


ADDED = """---
id: added-note
title: Added note on Arctic shipping
kind: external
---
# Added note on Arctic shipping

Icebreaker convoys along the Northern Sea Route doubled in the summer of 2025. Shipping insurers in Oslo raised premiums for the route.

## Outlook

Analysts in Tromsø expect the convoys to grow again next year.
"""


def test_brief_index_built_and_second_build_embeds_nothing(built_settings: Settings) -> None:
    index = open_index(built_settings)
    manifest = index.manifest
    assert manifest.chunks == len(index.chunks) > 20
    assert [d.id for d in manifest.documents] == ["osw-trump-russia-ukraine-brief"]
    assert manifest.dimension == 768 and manifest.mode == "embedded"
    assert index.sentence_vectors.shape == (manifest.sentences, 768)
    assert stored_collection(built_settings).count() == manifest.chunks
    again = build_index(built_settings)
    assert again.up_to_date and again.embedded == 0
    assert again.manifest.build_id == manifest.build_id


def test_stored_chunks_keep_exact_offsets(built_settings: Settings) -> None:
    document = load_corpus(built_settings)[0]
    index = open_index(built_settings)
    assert index.chunks == chunk_document(document, built_settings.chunk_words)
    got = stored_collection(built_settings).get(ids=[index.chunks[3].id], include=["documents", "metadatas"])
    assert got["documents"] == [index.chunks[3].text]
    assert got["metadatas"][0]["start"] == index.chunks[3].start


def test_first_build_embeds_the_brief(fresh_settings: Settings) -> None:
    reported: list[tuple[str, int, int]] = []
    first = build_index(fresh_settings, progress=lambda stage, done, total: reported.append((stage, done, total)))
    assert not first.up_to_date and first.embedded > first.manifest.chunks
    assert first.manifest.precision in {"fp32", "bf16"} and first.manifest.embedded_on.startswith("cpu ")
    embed = [done for stage, done, total in reported if stage == "embed" and total == first.embedded]
    assert embed == sorted(embed) and embed[-1] == first.embedded and len(embed) > 2
    again = build_index(fresh_settings, force=True)
    assert again.embedded == 0 and again.manifest.precision == "" and again.manifest.embedded_on == "cpu"


def test_incremental_add_and_remove(seeded: Settings) -> None:
    fresh_settings = seeded
    first = build_index(fresh_settings)
    assert not first.up_to_date and first.embedded == 0
    assert build_index(fresh_settings).embedded == 0

    added = fresh_settings.corpus_dir / "documents" / "added-note.md"
    added.parent.mkdir()
    added.write_text(ADDED, encoding="utf-8")
    new_doc = next(d for d in load_corpus(fresh_settings) if d.id == "added-note")
    new_chunks = chunk_document(new_doc, fresh_settings.chunk_words)
    new_texts = {c.text for c in new_chunks} | {c.text[s:e] for c in new_chunks for s, e in c.sentences}
    second = build_index(fresh_settings)
    assert second.embedded == len(new_texts), "only the new document's texts are embedded"
    assert second.manifest.chunks == first.manifest.chunks + len(new_chunks)
    assert {d.id for d in second.manifest.documents} == {"osw-trump-russia-ukraine-brief", "added-note"}
    answer = Assistant(fresh_settings).ask("Who raised premiums for the Northern Sea Route?")
    assert any(p.chunk.document == "added-note" for p in answer.passages)

    added.unlink()
    third = build_index(fresh_settings)
    assert third.embedded == 0 and third.manifest.chunks == first.manifest.chunks
    index = open_index(fresh_settings)
    assert all(c.document != "added-note" for c in index.chunks)
    assert stored_collection(fresh_settings).count() == first.manifest.chunks
    assert not stored_collection(fresh_settings).get(where={"document": "added-note"})["ids"]
    builds = [p for p in IndexPaths(fresh_settings.index_dir).builds.iterdir() if p.is_dir()]
    assert len(builds) <= 2, "old builds are cleaned up"


def test_missing_index_message(fresh_settings: Settings) -> None:
    with pytest.raises(IndexMissingError, match="run `make index`"):
        open_index(fresh_settings)


def test_model_change_is_detected_at_open(built_settings: Settings) -> None:
    other = built_settings.model_copy(update={"embedding_model": "minilm"})
    with pytest.raises(IndexIncompatibleError) as error:
        open_index(other)
    message = str(error.value)
    assert "all-mpnet-base-v2" in message and "all-MiniLM-L6-v2" in message and "make index" in message
    with pytest.raises(IndexIncompatibleError):
        Assistant(other)


def test_chromadb_version_and_mode_change_detected(seeded: Settings) -> None:
    fresh_settings = seeded
    build_index(fresh_settings)
    paths = IndexPaths(fresh_settings.index_dir)
    build_dir = paths.build(paths.current_build_id() or "")
    manifest = json.loads((build_dir / "manifest.json").read_text())
    (build_dir / "manifest.json").write_text(json.dumps({**manifest, "chromadb_version": "0.4.24"}))
    with pytest.raises(IndexIncompatibleError, match=r"chromadb 0\.4\.24.*make index"):
        open_index(fresh_settings)
    (build_dir / "manifest.json").write_text(json.dumps({**manifest, "mode": "server"}))
    with pytest.raises(IndexIncompatibleError, match="server Chroma"):
        open_index(fresh_settings)
    assert not build_index(fresh_settings).up_to_date, "an incompatible active build is rebuilt by the next ingest"
    assert BuildManifest.read(paths.build(paths.current_build_id() or "")).mode == "embedded"


def test_build_from_an_older_format_is_refused_then_rebuilt(seeded: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build whose manifest records no checksums (an older format) is refused at open, and the next
    ingest rebuilds it from the embedding cache."""
    import assistant.index.build as build_module

    first = build_index(seeded)
    manifest_path = IndexPaths(seeded.index_dir).build(first.manifest.build_id) / "manifest.json"
    older = {key: value for key, value in json.loads(manifest_path.read_text()).items() if key != "files"}
    manifest_path.write_text(json.dumps(older))
    with pytest.raises(IndexIncompatibleError, match="older version.*make index"):
        open_index(seeded)
    monkeypatch.setattr(build_module, "BUILD_FORMAT", build_module.BUILD_FORMAT + 1)
    rebuilt = build_index(seeded)
    assert not rebuilt.up_to_date and rebuilt.embedded == 0
    index = open_index(seeded)
    assert "sanction" in index.lexical.vocabulary and "" not in index.lexical.vocabulary
    assert index.lexical.scores("sanctions on Rosneft").max() > 0


def test_a_lexicon_change_rebuilds_from_the_cache(seeded: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexicons decide BM25 terms, the catalogue and how sentences are read: a build made with others is rebuilt."""
    import assistant.index.build as build_module

    build_index(seeded)
    assert build_index(seeded).up_to_date
    monkeypatch.setattr(build_module, "lexicons_fingerprint", lambda: "edited")
    rebuilt = build_index(seeded)
    assert not rebuilt.up_to_date and rebuilt.embedded == 0
    assert build_index(seeded).up_to_date


def test_model_change_rebuilds(seeded: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A different model means a different corpus hash: the next ingest rebuilds with that model."""
    import sqlite3

    import assistant.index.build as build_module

    assert build_index(seeded).embedded == 0
    real = build_module.resolve_model
    other = real(seeded) + "/"  # the same weights under another name, so the test needs no second model
    with sqlite3.connect(IndexPaths(seeded.index_dir).cache) as db:  # its vectors cached under the new name: no re-embedding here
        db.execute("INSERT INTO vectors SELECT ?, key, vector FROM vectors WHERE model = ?", (other, real(seeded)))
    monkeypatch.setattr(build_module, "resolve_model", lambda settings: other)
    rebuilt = build_index(seeded)
    assert not rebuilt.up_to_date and rebuilt.manifest.model == other
    with pytest.raises(IndexIncompatibleError):
        open_index(seeded)


def test_second_writer_gets_a_clear_lock_error(seeded: Settings) -> None:
    fresh_settings = seeded
    paths = IndexPaths(fresh_settings.index_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(); "
         "print('held', flush=True); time.sleep(60)",
         str(paths.lock)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "held"
        with pytest.raises(IndexLockedError) as error:
            build_index(fresh_settings)
        assert "Another ingest is writing the index" in str(error.value) and "try again" in str(error.value)
        done = run_cli(fresh_settings, "ingest")
        assert done.returncode == 1
        assert done.stderr.strip().startswith("error: Another ingest is writing the index") and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()
    with FileLock(str(paths.lock), timeout=5):
        pass
    assert not build_index(fresh_settings).up_to_date, "the lock is free again once its holder dies"
