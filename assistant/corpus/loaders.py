"""Turn a file or URL (.md, .txt, .html, .pdf) into Markdown text the corpus can hold.

PDFs and HTML pages go through the layout-aware readers (`pdf_layout`/`pdf_blocks`, `html`) and the
one cleaning pipeline (`clean`), the same that cleans the brief's raw text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.corpus.blocks import ReadDocument
from assistant.corpus.clean import clean_blocks
from assistant.corpus.fetch import fetch_url
from assistant.errors import InputError
from assistant.settings import Settings

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
PAGE_MARKER = "<!-- page {} -->"
LoadProgress = Callable[[str, int, int | None], None]
"""Called with (stage, done, total or None when unknown) while a source is downloaded and read."""


@dataclass(frozen=True)
class LoadedSource:
    """A document converted to Markdown (PDF pages marked with `<!-- page N -->` lines) and its metadata."""

    title: str
    markdown: str
    url: str
    origin: str
    authors: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""


def load_source(target: str, settings: Settings, progress: LoadProgress | None = None) -> LoadedSource:
    """Load a local path or an http(s) URL; raises InputError with a one-line reason."""
    report = progress or _no_progress
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target):
        return _load_url(target, settings, report)
    return _load_file(Path(target), settings, report)


def _load_file(path: Path, settings: Settings, progress: LoadProgress) -> LoadedSource:
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the files inside it.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}.")
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise InputError(f"{path}: {size:,} bytes is over the {settings.max_file_bytes:,}-byte limit.")
    data = path.read_bytes()
    return _convert(data, suffix, origin=str(path), url="", fallback_title=path.stem, progress=progress)


def _load_url(url: str, settings: Settings, progress: LoadProgress) -> LoadedSource:
    progress("downloading", 0, None)
    fetched = fetch_url(
        url, timeout_s=settings.fetch_timeout_s, max_bytes=settings.max_file_bytes, allow_private=settings.allow_private_urls
    )
    progress("downloading", 1, 1)
    is_pdf = "pdf" in fetched.content_type or fetched.content.startswith(b"%PDF")
    suffix = ".pdf" if is_pdf else ".html" if "html" in fetched.content_type or b"<html" in fetched.content[:2048].lower() else ".txt"
    return _convert(fetched.content, suffix, origin=url, url=fetched.url, fallback_title=url, progress=progress)


def _convert(data: bytes, suffix: str, *, origin: str, url: str, fallback_title: str, progress: LoadProgress) -> LoadedSource:
    if suffix in (".pdf", ".html", ".htm"):
        read = _read_pdf(data, origin, progress) if suffix == ".pdf" else _read_html(_decode(data, origin), origin)
        metadata = replace(read.metadata, title=read.metadata.title or fallback_title)
        body = [block for block in read.blocks if block.role != "note"]
        if not body:
            raise InputError(f"{origin}: the document has no text.")
        markdown = clean_blocks(metadata, read.blocks).to_markdown()
        return LoadedSource(metadata.title, markdown, url, origin, metadata.authors, metadata.publisher, metadata.date)
    markdown = _decode(data, origin)
    if not markdown.strip():
        raise InputError(f"{origin}: the document has no text.")
    heading = re.search(r"^#\s+(.+)$", markdown, flags=re.MULTILINE)
    return LoadedSource(heading.group(1).strip() if heading else fallback_title, markdown, url, origin)


def _read_pdf(data: bytes, origin: str, progress: LoadProgress) -> ReadDocument:
    from assistant.corpus.pdf_blocks import pdf_document
    from assistant.corpus.pdf_layout import read_pdf

    return pdf_document(read_pdf(data, origin, lambda done, total: progress("reading pages", done, total)))


def _read_html(html: str, origin: str) -> ReadDocument:
    from assistant.corpus.html import read_html

    return read_html(html, origin)


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{origin}: not UTF-8 text (byte {error.start}); convert it to UTF-8 first.") from error


def html_to_markdown(html: str, origin: str) -> tuple[str, str]:
    """Title and cleaned Markdown of an HTML page (furniture dropped, footnotes in a Notes section)."""
    read = _read_html(html, origin)
    return read.metadata.title, clean_blocks(read.metadata, read.blocks).to_markdown()


def _no_progress(stage: str, done: int, total: int | None) -> None:
    return None
