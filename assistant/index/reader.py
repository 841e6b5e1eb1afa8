"""Open the active build for reading: chunks, sentence vectors and the Chroma vector store.

Readers never take the write lock and never write. When the build CURRENT names fails its checks,
they open the last good build that was active before it, with a warning; when the corpus has
changed since the build, they answer from it and say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant import messages
from assistant.corpus.library import corpus_digest
from assistant.errors import IndexCorruptError, IndexIncompatibleError, IndexMissingError
from assistant.index.catalogue import EntityCatalogue
from assistant.index.catalogue_build import load_catalogue
from assistant.index.context_vectors import ranking_vectors
from assistant.index.embeddings import get_embeddings, model_label, model_words, resolve_model
from assistant.index.integrity import BuildCheck, check_build
from assistant.index.lexical import LexicalIndex
from assistant.index.overview import Overview, load_overview
from assistant.index.store import LEXICAL_DIR, BuildManifest, IndexPaths, chroma_client, chromadb_version
from assistant.settings import Settings
from assistant.types import Chunk

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings


@dataclass
class OpenIndex:
    """A read-only view of one complete build; builds are never modified once switched on."""

    manifest: BuildManifest
    chunks: list[Chunk]
    sentence_vectors: np.ndarray
    """Row i is the embedding of the i-th sentence, chunks in order (see `sentence_rows`)."""
    sentence_rows: dict[str, int]
    """First row in `sentence_vectors` of each chunk's sentences."""
    vectorstore: Chroma
    embeddings: Embeddings
    """The model that embeds questions and answer sentences for this index."""
    lexical: LexicalIndex
    catalogue: EntityCatalogue = EntityCatalogue(())
    """People, organisations, places and dates of the corpus (assistant/index/catalogue.py)."""
    overview: Overview = Overview()
    """Actors, timeline and scenarios of the corpus, every item cited (assistant/index/overview.py)."""
    words: frozenset[str] = frozenset()
    """Words spelt right whatever the corpus says: the embedding model's whole-word tokens (none for hashing)."""
    warnings: list[str] = field(default_factory=list)
    """One line each: this is a fallback build, or the corpus changed since it was built."""

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._by_id.get(chunk_id)

    def __post_init__(self) -> None:
        self._by_id = {chunk.id: chunk for chunk in self.chunks}

    @cached_property
    def ranking_vectors(self) -> np.ndarray:
        """`sentence_vectors` read in context, for ranking sentences (assistant/index/context_vectors.py);
        made on first use, not when the index opens."""
        return ranking_vectors(self.sentence_vectors, self.sentence_rows.values())

    def chunk_sentence_vectors(self, chunk: Chunk) -> np.ndarray:
        """The embeddings of `chunk`'s sentences, each on its own (what verification compares claims with)."""
        first = self.sentence_rows[chunk.id]
        return np.asarray(self.sentence_vectors[first : first + len(chunk.sentences)], dtype=np.float32)

    def chunk_ranking_vectors(self, chunk: Chunk) -> np.ndarray:
        """The ranking vectors of `chunk`'s sentences (what answer selection and coverage rank by)."""
        first = self.sentence_rows[chunk.id]
        return self.ranking_vectors[first : first + len(chunk.sentences)]


def open_index(settings: Settings) -> OpenIndex:
    """Open the build named by index/CURRENT, or the last good one before it when that build is
    broken; raises a one-line error naming the fix when there is none."""
    paths = IndexPaths(settings.index_dir)
    current = paths.current_name()
    candidates = [current] if current else []
    candidates += [build_id for build_id in paths.committed() if build_id != current]
    if not candidates:
        if not paths.current.exists():
            raise IndexMissingError(f"No index at {settings.index_dir}: run `make index` (or start the app, which builds it).")
        raise IndexCorruptError(messages.INDEX_BROKEN.format(problem=messages.CURRENT_GARBAGE.format(path=paths.current)))
    failed: list[BuildCheck] = []
    for build_id in candidates:
        check = check_build(settings, paths, build_id, deep=False)
        if check.manifest is not None and not check.manifest.files and check.manifest.build_id == current:
            raise IndexIncompatibleError("The index was built by an older version of Brief Assistant: run `make index` to rebuild.")
        if check.ok and check.manifest is not None:
            check_compatible(check.manifest, settings)
            index = _load(settings, paths, check)
            if index is not None:
                index.warnings = _warnings(settings, paths, index.manifest, current, failed)
                return index
        failed.append(check)
    raise IndexCorruptError(messages.INDEX_BROKEN.format(problem=_first_problem(paths, current, failed)))


def _warnings(settings: Settings, paths: IndexPaths, manifest: BuildManifest, current: str | None, failed: list[BuildCheck]) -> list[str]:
    warnings = []
    if manifest.build_id != current:
        warnings.append(messages.INDEX_FALLBACK.format(problem=_first_problem(paths, current, failed), build=manifest.build_id))
    if manifest.corpus_digest and manifest.corpus_digest != corpus_digest(settings):
        warnings.append(messages.CORPUS_CHANGED)
    return warnings


def _first_problem(paths: IndexPaths, current: str | None, failed: list[BuildCheck]) -> str:
    if current is None:
        return messages.CURRENT_GARBAGE.format(path=paths.current)
    return f"build {failed[0].build_id}: {failed[0].summary()}" if failed else ""


def _load(settings: Settings, paths: IndexPaths, check: BuildCheck) -> OpenIndex | None:
    """The build opened, or None (with the reason added to `check`) when a file cannot be read."""
    from chromadb.errors import ChromaError

    assert check.manifest is not None
    try:
        return _open_build(settings, paths.build(check.build_id), check.manifest)
    except (OSError, ValueError, KeyError, ChromaError) as error:
        check.problems.append(f"cannot be opened ({type(error).__name__}: {str(error).splitlines()[0][:120] if str(error) else ''})")
        return None


def _open_build(settings: Settings, build_dir: Path, manifest: BuildManifest) -> OpenIndex:
    chunks = [Chunk.from_record(json.loads(line)) for line in (build_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
    rows: dict[str, int] = {}
    row = 0
    for chunk in chunks:
        rows[chunk.id] = row
        row += len(chunk.sentences)
    vectors = np.load(build_dir / "sentences.npy", mmap_mode="r")

    from langchain_chroma import Chroma

    embeddings = get_embeddings(settings)
    vectorstore = Chroma(
        client=chroma_client(settings, build_dir),
        collection_name=manifest.collection,
        embedding_function=embeddings,
        create_collection_if_not_exists=False,
    )
    lexical = LexicalIndex.load(build_dir / LEXICAL_DIR)
    catalogue, overview = load_catalogue(build_dir, chunks), load_overview(build_dir, chunks)
    return OpenIndex(manifest, chunks, vectors, rows, vectorstore, embeddings, lexical, catalogue, overview, model_words(settings))


def check_compatible(manifest: BuildManifest, settings: Settings) -> None:
    """Refuse an index built with another model or chromadb version (results would be wrong)."""
    model = resolve_model(settings)
    if manifest.model != model:
        raise IndexIncompatibleError(
            f"The index was built with model {manifest.model_label} but settings use {model_label(model)}: run `make index` to rebuild."
        )
    if manifest.chromadb_version.split(".")[:2] != chromadb_version().split(".")[:2]:
        raise IndexIncompatibleError(
            f"The index was built with chromadb {manifest.chromadb_version}, this is {chromadb_version()}: run `make index` to rebuild."
        )
    if manifest.mode != settings.chroma_mode:
        raise IndexIncompatibleError(f"The index was built for a {manifest.mode} Chroma: run `make index` to rebuild for this one.")
