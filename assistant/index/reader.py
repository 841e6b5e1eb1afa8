"""Open the active build for reading: chunks, sentence vectors and the Chroma vector store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assistant.errors import IndexIncompatibleError, IndexMissingError
from assistant.index.catalogue import EntityCatalogue, load_catalogue
from assistant.index.embeddings import get_embeddings, resolve_model
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

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._by_id.get(chunk_id)

    def __post_init__(self) -> None:
        self._by_id = {chunk.id: chunk for chunk in self.chunks}

    def chunk_sentence_vectors(self, chunk: Chunk) -> np.ndarray:
        first = self.sentence_rows[chunk.id]
        return np.asarray(self.sentence_vectors[first : first + len(chunk.sentences)], dtype=np.float32)


def open_index(settings: Settings) -> OpenIndex:
    """Open the build named by index/CURRENT; raises a one-line error naming the fix."""
    paths = IndexPaths(settings.index_dir)
    build_id = paths.current_build_id()
    if build_id is None:
        raise IndexMissingError(f"No index at {settings.index_dir}: run `make index` (or start the app, which builds it).")
    build_dir = paths.build(build_id)
    manifest = BuildManifest.read(build_dir)
    check_compatible(manifest, settings)
    if not (build_dir / LEXICAL_DIR).is_dir():
        raise IndexIncompatibleError("The index was built by an older version of Brief Assistant: run `make index` to rebuild.")

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
    return OpenIndex(manifest, chunks, vectors, rows, vectorstore, embeddings, lexical, catalogue, overview)


def check_compatible(manifest: BuildManifest, settings: Settings) -> None:
    """Refuse an index built with another model or chromadb version (results would be wrong)."""
    model = resolve_model(settings)
    if manifest.model != model:
        raise IndexIncompatibleError(
            f"The index was built with model {manifest.model_label} but settings use {model}: run `make index` to rebuild."
        )
    if manifest.chromadb_version.split(".")[:2] != chromadb_version().split(".")[:2]:
        raise IndexIncompatibleError(
            f"The index was built with chromadb {manifest.chromadb_version}, this is {chromadb_version()}: run `make index` to rebuild."
        )
    if manifest.mode != settings.chroma_mode:
        raise IndexIncompatibleError(f"The index was built for a {manifest.mode} Chroma: run `make index` to rebuild for this one.")
