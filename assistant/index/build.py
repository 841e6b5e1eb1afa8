"""Build the index: one writer at a time, into a fresh build folder, switched on atomically."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import numpy as np
from filelock import FileLock, Timeout

from assistant.corpus.document import SourceDocument
from assistant.corpus.library import load_corpus, write_atomic
from assistant.errors import IndexLockedError
from assistant.index.cache import EmbeddingCache
from assistant.index.catalogue import CATALOGUE_FILE, build_catalogue
from assistant.index.chunking import chunk_document
from assistant.index.embeddings import get_encoder, model_label, resolve_device, resolve_model
from assistant.index.lexical import LexicalIndex
from assistant.index.overview import write_overview
from assistant.index.store import (
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

BUILD_FORMAT = 2
"""Bumped when a build folder gains or changes a file: older builds are then rebuilt (from the cache)."""
KEEP_BUILDS = 2
"""The active build and the one before it (readers that opened it keep working)."""
CHROMA_BATCH = 2000
CACHE_SLICE = 4096
"""Texts embedded between cache writes: an interrupted ingest keeps what it had embedded."""

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total)"""


@dataclass(frozen=True)
class BuildResult:
    manifest: BuildManifest
    up_to_date: bool
    embedded: int
    """Texts embedded by this run (0 when everything came from the cache)."""


def build_index(settings: Settings, *, force: bool = False, progress: Progress | None = None) -> BuildResult:
    """Rebuild the index from corpus/ unless it is already up to date; embeds only uncached text."""
    paths = IndexPaths(settings.index_dir)
    paths.root.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(paths.lock), timeout=0):
            return _build_locked(settings, paths, force=force, progress=progress or _no_progress)
    except Timeout as error:
        raise IndexLockedError(f"Another ingest is writing the index (lock {paths.lock}); wait for it to finish and try again.") from error


def _build_locked(settings: Settings, paths: IndexPaths, *, force: bool, progress: Progress) -> BuildResult:
    started = time.perf_counter()
    model = resolve_model(settings)
    documents = load_corpus(settings)
    chunks = [chunk for document in documents for chunk in chunk_document(document, settings.chunk_words)]
    corpus_hash = _corpus_hash(documents, chunks, model, settings)

    current = paths.current_build_id()
    if current and not force:
        manifest = BuildManifest.read(paths.build(current))
        compatible = manifest.chromadb_version == chromadb_version() and manifest.mode == settings.chroma_mode
        if manifest.corpus_hash == corpus_hash and compatible and _collection_exists(settings, paths, manifest):
            return BuildResult(manifest, up_to_date=True, embedded=0)

    sentences = [chunk.text[s:e] for chunk in chunks for s, e in chunk.sentences]
    vectors, embedded, precision, dimension = _embed_with_cache(settings, paths, model, [c.text for c in chunks] + sentences, progress)

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
    )
    manifest.write(build_dir)
    write_atomic(paths.current, build_id)  # the switch: readers see the new build from here on
    _remove_old_builds(settings, paths)
    return BuildResult(manifest, up_to_date=False, embedded=embedded)


def _corpus_hash(documents: list[SourceDocument], chunks: list[Chunk], model: str, settings: Settings) -> str:
    digest = hashlib.sha256(f"{BUILD_FORMAT}\x00{model}\x00{settings.chunk_words}".encode())
    for document in documents:  # what the manifest records of each document
        digest.update(json.dumps([document.id, document.title, document.kind, document.url, document.authors]).encode())
    for chunk in chunks:
        digest.update(json.dumps(chunk.to_record(), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _embed_with_cache(
    settings: Settings, paths: IndexPaths, model: str, texts: list[str], progress: Progress
) -> tuple[dict[str, np.ndarray], int, str, int]:
    """Vectors for `texts`, embedding only those not in the cache; also the count embedded, the
    precision they were embedded in ("" when none was) and the dimension."""
    cache = EmbeddingCache(paths.cache, model)
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
            embeddings=[vectors[chunk.text].tolist() for chunk in part],
        )
    progress("store", len(chunks), len(chunks))


def _collection_exists(settings: Settings, paths: IndexPaths, manifest: BuildManifest) -> bool:
    if not settings.server_mode:
        return (paths.build(manifest.build_id) / "chroma").exists()
    client = chroma_client(settings, paths.build(manifest.build_id))
    return manifest.collection in {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}


def _remove_old_builds(settings: Settings, paths: IndexPaths) -> None:
    """Keep the newest complete builds; drop older ones and leftovers of interrupted builds."""
    builds = sorted((p for p in paths.builds.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True)
    complete = [p for p in builds if (p / "manifest.json").exists()]
    keep = {p.name for p in complete[:KEEP_BUILDS]}
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
