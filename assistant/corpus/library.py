"""The corpus on disk: the cleaned brief plus documents added by `ingest` and `corpus fetch`."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import yaml

from assistant.corpus.clean import CleanDocument
from assistant.corpus.clean_brief import clean_brief
from assistant.corpus.document import SourceDocument, parse_markdown
from assistant.corpus.loaders import LoadedSource
from assistant.corpus.manifest import SourceEntry, SourcesManifest
from assistant.settings import Settings

ADDED_DIR = "documents"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def clean_brief_file(settings: Settings) -> tuple[Path, CleanDocument]:
    """Regenerate the brief's Markdown from its raw text (the `corpus clean` command)."""
    entry = SourcesManifest.load(settings.corpus_dir).require_brief()
    if not entry.raw or not entry.path:
        raise ValueError("sources.yaml: the brief entry needs `raw` and `path`.")
    raw = (settings.corpus_dir / entry.raw).read_text(encoding="utf-8")
    brief = clean_brief(raw, publisher=entry.publisher)
    target = settings.corpus_dir / entry.path
    write_atomic(target, brief.to_markdown())
    return target, brief


def load_corpus(settings: Settings) -> list[SourceDocument]:
    """Every document to index: manifest entries with a local file, then added documents."""
    manifest = SourcesManifest.load(settings.corpus_dir)
    documents = []
    for entry in manifest.documents:
        if entry.path and (settings.corpus_dir / entry.path).exists():
            text = (settings.corpus_dir / entry.path).read_text(encoding="utf-8")
            documents.append(_with_entry(parse_markdown(entry.id, text, url=entry.url, kind=entry.kind), entry))
    added = settings.corpus_dir / ADDED_DIR
    for path in sorted(added.glob("*.md")) if added.exists() else []:
        documents.append(_read_added(path, manifest))
    return documents


def save_added(settings: Settings, source: LoadedSource, *, doc_id: str | None = None, kind: str = "linked") -> Path:
    """Store a loaded document under corpus/documents/ with its metadata as front matter."""
    doc_id = doc_id or document_id(source.title, source.origin)
    front = {"id": doc_id, "title": source.title, "url": source.url, "kind": kind, "origin": source.origin,
             "authors": list(source.authors), "publisher": source.publisher, "date": source.date}  # fmt: skip
    path = settings.corpus_dir / ADDED_DIR / f"{doc_id}.md"
    write_atomic(path, f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip()}\n---\n{source.markdown}")
    return path


def document_id(title: str, origin: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48] or "document"
    return f"{slug}-{hashlib.sha1(origin.encode()).hexdigest()[:6]}"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)


def _read_added(path: Path, manifest: SourcesManifest) -> SourceDocument:
    content = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(content)
    front = yaml.safe_load(match.group(1)) if match else {}
    body = content[match.end() :] if match else content
    doc_id = str(front.get("id") or path.stem)
    title, url, kind = str(front.get("title") or ""), str(front.get("url") or ""), str(front.get("kind") or "linked")
    document = parse_markdown(doc_id, body, title=title, url=url, kind=kind)
    document.authors = [str(name) for name in front.get("authors") or []]
    document.publisher, document.date = str(front.get("publisher") or ""), str(front.get("date") or "")
    entry = manifest.get(doc_id)
    return _with_entry(document, entry) if entry else document


def _with_entry(document: SourceDocument, entry: SourceEntry) -> SourceDocument:
    document.title = entry.title
    document.url = entry.url or document.url
    document.kind = entry.kind
    document.authors = list(entry.authors)
    document.publisher = entry.publisher
    document.date = entry.date
    return document
