"""The cleaned form every loader produces: text plus paragraph spans with their section."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_PAGE = re.compile(r"^<!-- page (\d+) -->$")


@dataclass(frozen=True)
class Paragraph:
    """`document.text[start:end]` is one paragraph of body text under `section`."""

    section: str
    start: int
    end: int
    page: int | None = None


@dataclass
class SourceDocument:
    """A cleaned document ready for chunking; offsets in paragraphs index into `text`."""

    id: str
    title: str
    text: str
    paragraphs: list[Paragraph]
    url: str = ""
    kind: str = "linked"
    authors: list[str] = field(default_factory=list)
    publisher: str = ""
    date: str = ""


def parse_markdown(doc_id: str, text: str, *, title: str = "", url: str = "", kind: str = "linked") -> SourceDocument:
    """Split Markdown into paragraphs (blank-line separated) under their `##` sections.

    The first `#` heading becomes the title when none is given; text before the first `##`
    heading is the "Lead" section; `<!-- page N -->` lines set the page of what follows.
    """
    paragraphs: list[Paragraph] = []
    section = ""
    page: int | None = None
    for start, end in _blocks(text):
        block = text[start:end]
        page_marker = _PAGE.match(block)
        if page_marker:
            page = int(page_marker.group(1))
            continue
        heading = _HEADING.match(block) if "\n" not in block else None
        if heading:
            level, name = len(heading.group(1)), heading.group(2).strip()
            if level == 1 and not title:
                title = name
            elif level >= 2:
                section = name
            continue
        paragraphs.append(Paragraph(section=section or "Lead", start=start, end=end, page=page))
    return SourceDocument(id=doc_id, title=title or doc_id, text=text, paragraphs=paragraphs, url=url, kind=kind)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of non-blank lines; a heading line is always a block of its own."""
    spans: list[tuple[int, int]] = []
    block: list[int] = []  # [start, end] of the open block
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        start = offset + len(line) - len(line.lstrip())
        end = offset + len(line.rstrip())
        offset += len(line)
        if stripped and not _HEADING.match(stripped) and not _PAGE.match(stripped):
            block = [block[0] if block else start, end]
            continue
        if block:
            spans.append((block[0], block[1]))
            block = []
        if stripped:
            spans.append((start, end))
    if block:
        spans.append((block[0], block[1]))
    return spans
