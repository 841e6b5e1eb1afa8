"""What tests check against the source itself: quotes in the cleaned documents, what Chroma stores.

A citation's `quote` is defined as a slice of its chunk, so comparing the two proves nothing; these
checks compare it with the document the index was built from, through the chunk's own offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.corpus.library import load_corpus
from assistant.index.store import BuildManifest, IndexPaths, chroma_client
from assistant.settings import Settings
from assistant.types import Citation


@lru_cache(maxsize=8)
def _document_texts(corpus_dir: Path, settings_json: str) -> dict[str, str]:
    settings = Settings.model_validate_json(settings_json)
    return {document.id: document.text for document in load_corpus(settings)}


def document_texts(settings: Settings) -> dict[str, str]:
    """The cleaned text of every corpus document, by id."""
    return _document_texts(settings.corpus_dir, settings.model_dump_json())


def assert_quotes_in_corpus(citations: Iterable[Citation], settings: Settings) -> None:
    """Every quote is non-empty and sits, verbatim, at its offsets in the cleaned source document."""
    texts = document_texts(settings)
    for citation in citations:
        payload = citation.to_json()
        document = texts[payload["document"]]
        at = citation.chunk.start + payload["start"]
        assert payload["quote"].strip(), f"empty quote in citation [{citation.n}]"
        assert document[at : citation.chunk.start + payload["end"]] == payload["quote"], (
            f"citation [{citation.n}] quote is not at its offsets in {payload['document']}: {payload['quote'][:80]!r}"
        )


def stored_collection(settings: Settings) -> Any:
    """The Chroma collection of the active build, through chromadb's public client API."""
    paths = IndexPaths(settings.index_dir)
    build_id = paths.current_build_id()
    assert build_id is not None, "no active build"
    manifest = BuildManifest.read(paths.build(build_id))
    return chroma_client(settings, paths.build(build_id)).get_collection(manifest.collection)
