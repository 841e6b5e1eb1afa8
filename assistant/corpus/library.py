"""The corpus on disk: the cleaned brief plus documents added by `ingest` and `corpus fetch`."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.clean import CleanDocument
from assistant.corpus.clean_brief import clean_brief
from assistant.corpus.document import SourceDocument, parse_markdown
from assistant.corpus.loaders import LoadedSource
from assistant.corpus.manifest import MANIFEST_NAME, SourceEntry, SourcesManifest
from assistant.settings import Settings

ADDED_DIR = "documents"
CACHE_DIR = "cache"
"""Downloads kept by `corpus fetch`: not an input of the index, so not part of the corpus digest."""
FILE_MODE = 0o644
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


@dataclass(frozen=True)
class StagedFile:
    """A corpus file an ingest writes (an added document, sources.yaml): its path under corpus/ and its text."""

    path: str
    text: str


def load_corpus(settings: Settings, staged: Iterable[StagedFile] = ()) -> list[SourceDocument]:
    """Every document to index: manifest entries with a local file, then added documents; `staged`
    files (an ingest in progress) count in place of or beside those on disk."""
    overlay = {file.path: file.text for file in staged}
    manifest = SourcesManifest.parse(overlay[MANIFEST_NAME]) if MANIFEST_NAME in overlay else SourcesManifest.load(settings.corpus_dir)
    documents = []
    for entry in manifest.documents:
        if entry.path and (settings.corpus_dir / entry.path).exists():
            text = (settings.corpus_dir / entry.path).read_text(encoding="utf-8")
            documents.append(_with_entry(parse_markdown(entry.id, text, url=entry.url, kind=entry.kind), entry))
    added = settings.corpus_dir / ADDED_DIR
    texts = {f"{ADDED_DIR}/{path.name}": path.read_text(encoding="utf-8") for path in (added.glob("*.md") if added.exists() else [])}
    texts.update({path: text for path, text in overlay.items() if Path(path).parent.as_posix() == ADDED_DIR})
    for path in sorted(texts):
        documents.append(_parse_added(texts[path], Path(path).stem, manifest))
    return documents


def added_document(source: LoadedSource, *, doc_id: str | None = None, kind: str = "linked") -> StagedFile:
    """A loaded document as it is stored under corpus/documents/: metadata as front matter, then Markdown."""
    doc_id = doc_id or document_id(source.title, source.origin)
    front = {"id": doc_id, "title": source.title, "url": source.url, "kind": kind, "origin": source.origin,
             "authors": list(source.authors), "publisher": source.publisher, "date": source.date}  # fmt: skip
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip()
    return StagedFile(f"{ADDED_DIR}/{doc_id}.md", f"---\n{header}\n---\n{source.markdown}")


def save_added(settings: Settings, source: LoadedSource, *, doc_id: str | None = None, kind: str = "linked") -> Path:
    """Store a loaded document under corpus/documents/ at once (the `ingest` command stages it with its build instead)."""
    document = added_document(source, doc_id=doc_id, kind=kind)
    path = settings.corpus_dir / document.path
    write_atomic(path, document.text)
    return path


def corpus_digest(settings: Settings, staged: Iterable[StagedFile] = ()) -> str:
    """A hash of every file of the corpus (with `staged` documents in place), to tell whether an
    index was built from the corpus as it is now; downloads under cache/ do not count."""
    root = settings.corpus_dir
    files = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).parts[0] != CACHE_DIR and not path.name.endswith(".tmp")
    }
    files.update({file.path: hashlib.sha256(file.text.encode("utf-8")).hexdigest() for file in staged})
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\x00{files[name]}\n".encode())
    return digest.hexdigest()


def document_id(title: str, origin: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48] or "document"
    return f"{slug}-{hashlib.sha1(origin.encode()).hexdigest()[:6]}"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file, flushed to disk, and rename, so readers never see half a file;
    the file gets the usual mode 0644 (a temporary file starts as 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(handle.name, FILE_MODE)
    os.replace(handle.name, path)


def _parse_added(content: str, stem: str, manifest: SourcesManifest) -> SourceDocument:
    match = _FRONT_MATTER.match(content)
    front = yaml.safe_load(match.group(1)) if match else {}
    body = content[match.end() :] if match else content
    doc_id = str(front.get("id") or stem)
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
