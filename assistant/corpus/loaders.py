"""Turn a file or URL (.md, .txt, .html, .pdf) into Markdown text the corpus can hold."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.fetch import fetch_url
from assistant.errors import InputError
from assistant.settings import Settings

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
PAGE_MARKER = "<!-- page {} -->"


@dataclass(frozen=True)
class LoadedSource:
    """A document converted to Markdown; PDF pages are marked with `<!-- page N -->` lines."""

    title: str
    markdown: str
    url: str
    origin: str


def load_source(target: str, settings: Settings) -> LoadedSource:
    """Load a local path or an http(s) URL; raises InputError with a one-line reason."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target):
        return _load_url(target, settings)
    return _load_file(Path(target), settings)


def _load_file(path: Path, settings: Settings) -> LoadedSource:
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
    return _convert(data, suffix, origin=str(path), url="", fallback_title=path.stem)


def _load_url(url: str, settings: Settings) -> LoadedSource:
    fetched = fetch_url(
        url, timeout_s=settings.fetch_timeout_s, max_bytes=settings.max_file_bytes, allow_private=settings.allow_private_urls
    )
    is_pdf = "pdf" in fetched.content_type or fetched.content.startswith(b"%PDF")
    suffix = ".pdf" if is_pdf else ".html" if "html" in fetched.content_type or b"<html" in fetched.content[:2048].lower() else ".txt"
    return _convert(fetched.content, suffix, origin=url, url=fetched.url, fallback_title=url)


def _convert(data: bytes, suffix: str, *, origin: str, url: str, fallback_title: str) -> LoadedSource:
    if suffix == ".pdf":
        title, markdown = pdf_to_markdown(data, origin)
    elif suffix in (".html", ".htm"):
        title, markdown = html_to_markdown(_decode(data, origin), origin)
    else:
        markdown = _decode(data, origin)
        heading = re.search(r"^#\s+(.+)$", markdown, flags=re.MULTILINE)
        title = heading.group(1).strip() if heading else ""
    if not re.sub(r"<!-- page \d+ -->", "", markdown).strip():
        raise InputError(f"{origin}: the document has no text.")
    return LoadedSource(title=title or fallback_title, markdown=markdown, url=url, origin=origin)


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{origin}: not UTF-8 text (byte {error.start}); convert it to UTF-8 first.") from error


def html_to_markdown(html: str, origin: str) -> tuple[str, str]:
    """Main text and title of an HTML page (scripts, navigation and boilerplate dropped)."""
    import trafilatura

    text = trafilatura.extract(html, output_format="markdown", include_comments=False, include_tables=False)
    metadata = trafilatura.extract_metadata(html)
    if not text or not text.strip():
        raise InputError(f"{origin}: no main text found in the HTML.")
    return (metadata.title if metadata and metadata.title else ""), text


def pdf_to_markdown(data: bytes, origin: str) -> tuple[str, str]:
    """Text of every page, each page preceded by a `<!-- page N -->` marker."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{origin}: the PDF is encrypted; decrypt it first.")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise InputError(f"{origin}: not a readable PDF ({type(error).__name__}).") from error
    parts = [f"{PAGE_MARKER.format(number)}\n\n{_reflow(text)}" for number, text in enumerate(pages, start=1) if text.strip()]
    return str(title), "\n\n".join(parts)


def _reflow(text: str) -> str:
    """Join PDF lines into paragraphs: a line ending a sentence followed by a short gap ends one."""
    lines = [line.strip() for line in text.splitlines()]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
