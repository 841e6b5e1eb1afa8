"""Record an ingested document in corpus/sources.yaml: it fills the cited entry its title matches
(one of the publications the brief's footnotes cite), or gets an entry of its own."""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

import yaml

from assistant.corpus.library import ADDED_DIR, document_id, write_atomic
from assistant.corpus.loaders import LoadedSource
from assistant.corpus.manifest import MANIFEST_NAME, SourceEntry, SourcesManifest
from assistant.corpus.metadata import matching_entry

_ORIGIN = re.compile(r"^origin: (.*)$", re.MULTILINE)


def record_source(corpus_dir: Path, source: LoadedSource) -> str:
    """The id to store `source` under, after filling or adding its entry in sources.yaml.

    A matched entry whose document came from another file or URL is left alone: the new one is a
    separate document. Filled are the fields the entry lacks, and the address where the entry
    named only the site."""
    manifest = SourcesManifest.load(corpus_dir)
    before = manifest.model_copy(deep=True)
    doc_id = register_source(manifest, corpus_dir, source)
    if manifest != before:
        save_manifest(corpus_dir, manifest)
    return doc_id


def register_source(manifest: SourcesManifest, corpus_dir: Path, source: LoadedSource) -> str:
    """`record_source` on `manifest` in memory (the `ingest` command stages the result with its build)."""
    entry = matching_entry(manifest, source.title)
    if entry is not None and _origin(corpus_dir, entry.id) not in ("", source.origin):
        entry = None
    if entry is None:
        doc_id = document_id(source.title, source.origin)
        entry = manifest.get(doc_id) or SourceEntry(id=doc_id, kind="linked", title=source.title)
        if entry not in manifest.documents:
            manifest.documents.append(entry)
    entry.authors = entry.authors or list(source.authors)
    entry.publisher = entry.publisher or source.publisher
    entry.date = entry.date or source.date
    if source.url and not entry.url_exact:
        entry.url, entry.url_exact = source.url, True
    return entry.id


def present(corpus_dir: Path, entry: SourceEntry) -> bool:
    """Whether the corpus holds the entry's text (its own file, or an ingested document)."""
    return bool(entry.path and (corpus_dir / entry.path).exists()) or (corpus_dir / ADDED_DIR / f"{entry.id}.md").exists()


def save_manifest(corpus_dir: Path, manifest: SourcesManifest) -> None:
    """Write sources.yaml back, keeping the comment it opens with."""
    write_atomic(corpus_dir / MANIFEST_NAME, manifest_text(corpus_dir, manifest))


def manifest_text(corpus_dir: Path, manifest: SourcesManifest) -> str:
    """sources.yaml as `manifest` has it, with the comment the file on disk opens with."""
    path = corpus_dir / MANIFEST_NAME
    comment = "".join(takewhile(lambda line: line.startswith("#"), path.read_text(encoding="utf-8").splitlines(keepends=True)))
    entries = [entry.model_dump(exclude_defaults=True) for entry in manifest.documents]
    return comment + yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)


def _origin(corpus_dir: Path, doc_id: str) -> str:
    """Where the stored document of `doc_id` came from ("" when none is stored)."""
    path = corpus_dir / ADDED_DIR / f"{doc_id}.md"
    if not path.exists():
        return ""
    match = _ORIGIN.search(path.read_text(encoding="utf-8").split("\n---\n", 1)[0])
    return str(yaml.safe_load(match.group(1))) if match else ""
