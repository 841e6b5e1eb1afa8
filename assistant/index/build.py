"""Build the index: one writer at a time, into a fresh build folder, switched on atomically.

An ingest is one transaction: the documents it adds are written into the new build folder (added/)
and reach corpus/documents/ only after index/CURRENT names that build — the switch of CURRENT is the
commit point. A writer killed before it leaves corpus/ and the active build as they were (its
unfinished build folder is removed by the next writer); one killed after it is completed by the
next writer, and readers answer from the new build meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import numpy as np
from filelock import FileLock, Timeout

from assistant.corpus.document import SourceDocument
from assistant.corpus.library import StagedFile, corpus_digest, load_corpus, write_atomic
from assistant.data import fingerprint as lexicons_fingerprint
from assistant.discourse import chunk_as_searched
from assistant.errors import IndexLockedError
from assistant.index.cache import open_cache
from assistant.index.catalogue import CATALOGUE_FILE
from assistant.index.catalogue_build import build_catalogue
from assistant.index.chunking import chunk_document
from assistant.index.embeddings import get_encoder, model_label, resolve_device, resolve_model
from assistant.index.integrity import check_build, file_records
from assistant.index.lexical import LexicalIndex
from assistant.index.overview import write_overview
from assistant.index.store import (
    ADDED_DIR,
    CHROMA_DIR,
    COLLECTION_PREFIX,
    LEXICAL_DIR,
    BuildManifest,
    DocumentSummary,
    IndexPaths,
    chroma_client,
    chromadb_version,
    new_build_id,
)
from assistant.settings import Settings
from assistant.types import Chunk

BUILD_FORMAT = 9
"""Bumped when a build folder gains or changes a file, or terms are normalised or chunks searched otherwise (the
saved BM25 index, the chunk vectors): older builds are then rebuilt (from the cache)."""
KEEP_BUILDS = 2
"""The active build and the one before it (readers that opened it keep working)."""
CHROMA_BATCH = 2000
CACHE_SLICE = 4096
"""Texts embedded between cache writes: an interrupted ingest keeps what it had embedded."""

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total)"""
Notify = Callable[[str], None]
"""notify(message): one line for the user (a wait, a cache moved aside)."""


@dataclass(frozen=True)
class BuildResult:
    manifest: BuildManifest
    up_to_date: bool
    embedded: int
    """Texts embedded by this run (0 when everything came from the cache)."""


def build_index(
    settings: Settings,
    *,
    force: bool = False,
    progress: Progress | None = None,
    add: Sequence[StagedFile] = (),
    notify: Notify | None = None,
    wait_s: float = 0,
) -> BuildResult:
    """Rebuild the index from corpus/ with the files of `add` in place unless it is already up to
    date; embeds only uncached text. Waits up to `wait_s` for another writer (telling `notify`) before
    raising IndexLockedError."""
    paths = IndexPaths(settings.index_dir)
    notify = notify or _no_notice
    with writer_lock(paths, wait_s, notify):
        finish_commit(settings, paths)
        return build_locked(settings, paths, force=force, progress=progress or _no_progress, add=add, notify=notify)


@contextmanager
def writer_lock(paths: IndexPaths, wait_s: float = 0, notify: Notify | None = None) -> Iterator[None]:
    """Hold index/write.lock: at once, or after waiting up to `wait_s` (telling `notify`); else IndexLockedError."""
    paths.root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(paths.lock))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if wait_s <= 0:
                raise
            (notify or _no_notice)(f"another process is writing the index; waiting for it (up to {wait_s:.0f} s)…")
            lock.acquire(timeout=wait_s)
    except Timeout as error:
        raise IndexLockedError(f"Another ingest is writing the index (lock {paths.lock}); wait for it to finish and try again.") from error
    try:
        yield
    finally:
        lock.release()


def build_locked(
    settings: Settings, paths: IndexPaths, *, force: bool, progress: Progress, add: Sequence[StagedFile] = (), notify: Notify
) -> BuildResult:
    """Build with the write lock held (see `build_index`)."""
    started = time.perf_counter()
    model = resolve_model(settings)
    documents = load_corpus(settings, add)
    chunks = [chunk for document in documents for chunk in chunk_document(document, settings.chunk_words)]
    corpus_hash = _corpus_hash(documents, chunks, model, settings)

    current = paths.current_build_id()
    if current and not force:
        check = check_build(settings, paths, current, deep=False)
        manifest = check.manifest
        if manifest is not None and check.ok and not _needs_rebuild(settings, paths, manifest, corpus_hash, corpus_digest(settings, add)):
            return BuildResult(manifest, up_to_date=True, embedded=0)

    sentences = [chunk.text[s:e] for chunk in chunks for s, e in chunk.sentences]
    texts = [chunk_as_searched(c) for c in chunks] + sentences
    vectors, embedded, precision, dimension = _embed_with_cache(settings, paths, model, texts, progress, notify)

    build_id = new_build_id(corpus_hash)
    build_dir = paths.build(build_id)
    build_dir.mkdir(parents=True)
    collection_name = COLLECTION_PREFIX + build_id
    _write_collection(settings, build_dir, collection_name, chunks, vectors, progress)
    with (build_dir / "chunks.jsonl").open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk.to_record(), ensure_ascii=False) + "\n")
    LexicalIndex.build(chunks).save(build_dir / LEXICAL_DIR)
    build_catalogue(chunks, {d.id: d.date for d in documents}).save(build_dir / CATALOGUE_FILE)
    write_overview(build_dir, chunks, {d.id: d.date for d in documents})
    sentence_matrix = np.array([vectors[text] for text in sentences], dtype=np.float16).reshape(len(sentences), dimension)
    np.save(build_dir / "sentences.npy", sentence_matrix)
    for file in add:
        staged = build_dir / ADDED_DIR / file.path
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(file.text, encoding="utf-8")

    manifest = BuildManifest(
        build_id=build_id,
        chromadb_version=chromadb_version(),
        model=model,
        model_label=model_label(model),
        dimension=dimension,
        chunk_words=settings.chunk_words,
        corpus_hash=corpus_hash,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        seconds=round(time.perf_counter() - started, 2),
        device=resolve_device(settings.device),
        precision=precision,
        mode=settings.chroma_mode,
        collection=collection_name,
        chunks=len(chunks),
        sentences=len(sentences),
        embedded=embedded,
        documents=[
            DocumentSummary(
                id=d.id, title=d.title, kind=d.kind, url=d.url, chunks=sum(c.document == d.id for c in chunks), authors=d.authors
            )
            for d in documents
        ],
        corpus_digest=corpus_digest(settings, add),
        added=[file.path for file in add],
        files=file_records(build_dir),
    )
    manifest.write(build_dir)
    write_atomic(paths.current, build_id)  # the commit point: readers see the new build from here on
    finish_commit(settings, paths)
    return BuildResult(manifest, up_to_date=False, embedded=embedded)


def finish_commit(settings: Settings, paths: IndexPaths) -> None:
    """Complete the switch to the build CURRENT names, when a writer was stopped after it: put the
    files the build added into corpus/, record the build in HISTORY, remove the builds
    no longer kept (and unfinished ones). Call with the write lock held."""
    build_id = paths.current_build_id()
    committed = paths.committed()
    if build_id is None or build_id in committed:
        _remove_old_builds(settings, paths)
        return
    check = check_build(settings, paths, build_id, deep=False)
    if check.manifest is None or not check.ok:
        return  # a broken build is not completed; `index repair` deals with it
    build_dir = paths.build(build_id)
    for path in check.manifest.added:
        text = (build_dir / ADDED_DIR / path).read_text(encoding="utf-8")
        target = settings.corpus_dir / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
    record_switch(paths, build_id)
    _remove_old_builds(settings, paths)


def record_switch(paths: IndexPaths, build_id: str) -> None:
    """Put `build_id` first in HISTORY (the builds a reader may fall back to)."""
    kept = [build_id, *(b for b in paths.committed() if b != build_id)][:KEEP_BUILDS]
    write_atomic(paths.history, "\n".join(kept) + "\n")


def _needs_rebuild(settings: Settings, paths: IndexPaths, manifest: BuildManifest, corpus_hash: str, digest: str) -> bool:
    """Whether the active build differs from what a build now would give, was built from other corpus
    files (readers would call it out of date), or misses its collection."""
    if manifest.corpus_hash != corpus_hash or manifest.chromadb_version != chromadb_version() or manifest.mode != settings.chroma_mode:
        return True
    return manifest.corpus_digest != digest or not _collection_exists(settings, paths, manifest)


def _corpus_hash(documents: list[SourceDocument], chunks: list[Chunk], model: str, settings: Settings) -> str:
    digest = hashlib.sha256(f"{BUILD_FORMAT}\x00{model}\x00{settings.chunk_words}\x00{lexicons_fingerprint()}".encode())
    for document in documents:  # what the manifest records of each document
        digest.update(json.dumps([document.id, document.title, document.kind, document.url, document.authors]).encode())
    for chunk in chunks:
        digest.update(json.dumps(chunk.to_record(), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _embed_with_cache(
    settings: Settings, paths: IndexPaths, model: str, texts: list[str], progress: Progress, notify: Notify
) -> tuple[dict[str, np.ndarray], int, str, int]:
    """Vectors for `texts`, embedding only those not in the cache; also the count embedded, the
    precision they were embedded in ("" when none was) and the dimension."""
    cache = open_cache(paths.cache, model, notify)
    try:
        vectors = cache.get_many(texts)
        missing = list(dict.fromkeys(text for text in texts if text not in vectors))
        precision = ""
        if missing:
            encoder = get_encoder(settings)
            precision = encoder.precision
            for start in range(0, len(missing), CACHE_SLICE):
                part = missing[start : start + CACHE_SLICE]
                report = partial(_offset_progress, progress, start, len(missing))
                new = dict(zip(part, encoder.encode(part, report)))
                cache.put_many(new)
                vectors.update(new)
            progress("embed", len(missing), len(missing))
        dimension = len(next(iter(vectors.values()))) if vectors else 0
        return vectors, len(missing), precision, dimension
    finally:
        cache.close()


def _write_collection(settings, build_dir, name, chunks, vectors, progress) -> None:  # type: ignore[no-untyped-def]
    client = chroma_client(settings, build_dir)
    collection = client.create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
    for offset in range(0, len(chunks), CHROMA_BATCH):
        progress("store", offset, len(chunks))
        part = chunks[offset : offset + CHROMA_BATCH]
        collection.add(
            ids=[chunk.id for chunk in part],
            documents=[chunk.text for chunk in part],
            metadatas=[chunk.chroma_metadata() for chunk in part],
            embeddings=[vectors[chunk_as_searched(chunk)].tolist() for chunk in part],
        )
    progress("store", len(chunks), len(chunks))


def _collection_exists(settings: Settings, paths: IndexPaths, manifest: BuildManifest) -> bool:
    if not settings.server_mode:
        return (paths.build(manifest.build_id) / CHROMA_DIR).exists()
    client = chroma_client(settings, paths.build(manifest.build_id))
    return manifest.collection in {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}


def _remove_old_builds(settings: Settings, paths: IndexPaths) -> None:
    """Keep the active build and the one active before it; drop older ones and builds of writers
    stopped before their switch."""
    current = paths.current_name()
    keep = set(paths.committed()[:KEEP_BUILDS]) | ({current} if current else set())
    if not keep:
        return  # nothing known to be good: leave every build for `index repair`
    builds = [p for p in paths.builds.iterdir() if p.is_dir()] if paths.builds.exists() else []
    for build_dir in builds:
        if build_dir.name not in keep:
            shutil.rmtree(build_dir, ignore_errors=True)
    if settings.server_mode:
        client = chroma_client(settings, paths.root)
        keep_names = {COLLECTION_PREFIX + name for name in keep}
        for collection in client.list_collections():
            name = collection.name if hasattr(collection, "name") else str(collection)
            if name.startswith(COLLECTION_PREFIX) and name not in keep_names:
                client.delete_collection(name)


def _offset_progress(progress: Progress, offset: int, total: int, done: int, _slice_total: int) -> None:
    progress("embed", offset + done, total)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _no_notice(message: str) -> None:
    return None
