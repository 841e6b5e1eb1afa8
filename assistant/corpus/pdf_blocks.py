"""From PDF lines to blocks with roles, by typography and position.

- running headers and footers: text in the page margins that repeats (digits aside) on most pages,
  and page numbers;
- title: the largest type on the first page; byline, organisation and date in the lines under it;
- footnotes: small type below the body text of a page, opening with a number a body marker uses
  (a note running on to the next page continues there);
- headings and pull quotes: lines set apart from the body type (size, weight or slant);
- paragraphs: body lines, broken at a wider gap, an indent or a list bullet; a block cut by a
  column or page end or by an inset is marked as cut, for rejoining.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict

from assistant.corpus.blocks import Block, DocumentMetadata, ReadDocument, Role
from assistant.corpus.clean import OPENING_QUOTES
from assistant.corpus.hyphenation import ends_sentence
from assistant.corpus.metadata import find_date, names_organisation, pdf_date, split_authors, usable_title
from assistant.corpus.notes import note_number
from assistant.corpus.pdf_layout import Line, PdfContent
from assistant.text import footnote_numbers

MARGIN_BAND = 0.07
"""Share of the page height at top and bottom where running headers, footers and page numbers sit."""
BODY_ZONE = 0.75
"""The body type is the type most of the text in the upper part of the pages is set in (footnotes sit lower)."""
REPEAT_SHARE = 0.5
"""A margin line repeating on at least this share of the pages (and on two) is a running header or footer."""
TITLE_SCALE = 1.25
"""The title is set at least this much larger than the body type."""
SMALL_SCALE = 0.9
"""Footnotes are set at most this much of the body type size."""
LEADING_GAP = 0.35
"""Most white between two lines of a paragraph, as a share of the type size (line spacing up to 1.35)."""
PARAGRAPH_GAP = 0.4
"""Extra white, as a share of the type size, that separates paragraphs."""
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_BULLET = re.compile(r"^(?:[•▪◦·●■–-]\s|\d{1,2}[.)]\s)")


def pdf_document(content: PdfContent) -> ReadDocument:
    """Metadata and role-tagged blocks of a read PDF."""
    furniture = _furniture(content)
    lines = [line for page in content.pages for line in page.lines if line not in furniture]
    heights = {page.number: page.height for page in content.pages}
    body_size = _body_size([line for line in lines if line.top < BODY_ZONE * heights[line.page]])
    title, byline = _title_and_byline([line for line in lines if line.page == 1], body_size)
    metadata = _metadata(content, title, byline, [line for line in furniture if line.page == 1])
    rest = [line for line in lines if line not in title and line not in byline]
    markers = {n for line in rest if line.size >= SMALL_SCALE * body_size for n in footnote_numbers(line.text)}
    notes = _note_lines(rest, body_size, markers)
    flow = [line for line in rest if line not in notes]
    return ReadDocument(metadata, _flow_blocks(flow, body_size) + _note_blocks(rest, notes))


def _furniture(content: PdfContent) -> set[Line]:
    margins = [
        line
        for page in content.pages
        for line in page.lines
        if line.top < MARGIN_BAND * page.height or line.bottom > (1 - MARGIN_BAND) * page.height
    ]
    pages_of: dict[str, set[int]] = defaultdict(set)
    for line in margins:
        pages_of[_shape(line.text)].add(line.page)
    needed = max(2, REPEAT_SHARE * len(content.pages))
    return {line for line in margins if _PAGE_NUMBER.match(line.text) or len(pages_of[_shape(line.text)]) >= needed}


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _body_size(lines: list[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _title_and_byline(first_page: list[Line], body_size: float) -> tuple[list[Line], list[Line]]:
    """The first page's largest lines (if clearly larger than the body), and the metadata lines under them."""
    if not first_page:
        return [], []
    largest = max(line.size for line in first_page)
    if largest < TITLE_SCALE * body_size:
        return [], []
    start = next(i for i, line in enumerate(first_page) if line.size == largest)
    if any(abs(line.size - body_size) < 0.1 * body_size for line in first_page[:start]):
        return [], []  # large type after the text has begun: a pull quote or a heading, not the title
    end = start
    while end < len(first_page) and abs(first_page[end].size - largest) <= 0.5:
        end += 1
    byline = []
    for line in first_page[end : end + 4]:
        if not (split_authors(line.text) or find_date(line.text) or names_organisation(line.text)) or len(line.text) > 120:
            break
        byline.append(line)
    return first_page[start:end], byline


def _metadata(content: PdfContent, title: list[Line], byline: list[Line], first_page_furniture: list[Line]) -> DocumentMetadata:
    info = content.info
    authors = [name for line in byline for name in split_authors(line.text)] or split_authors(info.get("Author", ""))
    publisher = next((line.text for line in byline if names_organisation(line.text) and not split_authors(line.text)), "")
    dates = [find_date(line.text) for line in [*byline, *first_page_furniture]]
    return DocumentMetadata(
        title=" ".join(line.text for line in title) or usable_title(info.get("Title", "")),
        authors=tuple(authors),
        publisher=publisher or info.get("Publisher", ""),
        date=next((date for date in dates if date), "") or pdf_date(info.get("CreationDate", "")),
    )


def _note_lines(lines: list[Line], body_size: float, markers: set[int]) -> set[Line]:
    """Small type below every body line of its page that it shares a column with."""
    notes: set[Line] = set()
    for page in sorted({line.page for line in lines}):
        on_page = [line for line in lines if line.page == page]
        body = [line for line in on_page if line.size >= SMALL_SCALE * body_size]
        for line in on_page:
            if line.size >= SMALL_SCALE * body_size:
                continue
            above = [b.bottom for b in body if b.x0 < line.x1 and b.x1 > line.x0]
            if all(line.top >= bottom - 1 for bottom in above):
                notes.add(line)
    opened = False
    kept: set[Line] = set()
    for line in lines:  # in reading order: a note opens with a marker's number; unnumbered lines continue it
        if line not in notes:
            continue
        number = note_number(line.text)
        if number is not None and (number in markers or not markers):
            opened = True
        if opened:
            kept.add(line)
    return kept


def _note_blocks(lines: list[Line], notes: set[Line]) -> list[Block]:
    blocks: list[list[Line]] = []
    for line in lines:
        if line not in notes:
            continue
        number = note_number(line.text)
        if number is not None or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return [Block("note", tuple(line.text for line in block), block[0].page) for block in blocks]


def _flow_blocks(lines: list[Line], body_size: float) -> list[Block]:
    body = [line for line in lines if abs(line.size - body_size) < 0.1 * body_size]
    bold = sum(line.bold for line in body) * 2 > len(body)
    italic = sum(line.italic for line in body) * 2 > len(body)

    def style(line: Line) -> tuple[float, bool, bool] | None:
        """None for body type, else what sets the line apart."""
        if abs(line.size - body_size) < 0.1 * body_size and line.bold == bold and line.italic == italic:
            return None
        return (line.size, line.bold, line.italic)

    edges = _column_edges([line for line in lines if style(line) is None])
    gap = _normal_gap([line for line in lines if style(line) is None])
    blocks: list[Block] = []
    current: list[Line] = []
    current_style: tuple[float, bool, bool] | None = None

    def close(open_end: bool) -> None:
        if current:
            blocks.append(_block(current, current_style, open_end))
            current.clear()

    for line in lines:
        line_style = style(line)
        if current and line_style != current_style:
            close(open_end=current_style is None)
        elif current and _breaks(current[-1], line, line_style is None, edges, gap):
            close(open_end=(current[-1].page, current[-1].column) != (line.page, line.column))
        current_style = line_style
        current.append(line)
    close(open_end=False)
    return blocks


def _block(lines: list[Line], style: tuple[float, bool, bool] | None, open_end: bool) -> Block:
    text = " ".join(line.text for line in lines)
    role: Role = "paragraph"
    if style is not None:
        heading_like = len(lines) <= 2 and not ends_sentence(text) and not text.startswith(OPENING_QUOTES)
        role = "heading" if heading_like else "pull_quote"
    return Block(role, tuple(line.text for line in lines), lines[0].page, open_end)


def _column_edges(body: list[Line]) -> dict[tuple[int, int | None], float]:
    """Left edge of the body text of each page column: where most of its lines start."""
    groups: dict[tuple[int, int | None], list[Line]] = defaultdict(list)
    for line in body:
        groups[(line.page, line.column)].append(line)
    return {
        key: float(Counter(round(line.x0) for line in group).most_common(1)[0][0]) for key, group in groups.items()
    }


def _normal_gap(body: list[Line]) -> float:
    gaps = [b.top - a.bottom for a, b in zip(body, body[1:]) if (a.page, a.column) == (b.page, b.column) and b.top > a.bottom - 1]
    return statistics.median(gaps) if gaps else 0.0


def _breaks(previous: Line, line: Line, is_body: bool, edges: dict[tuple[int, int | None], float], gap: float) -> bool:
    """Whether `line` starts a new block after `previous` (both of the same type)."""
    if (previous.page, previous.column) != (line.page, line.column):
        return True
    if line.top - previous.bottom > min(gap, LEADING_GAP * line.size) + PARAGRAPH_GAP * line.size:
        return True
    if not is_body:
        return False
    left = edges.get((line.page, line.column), line.x0)
    indented = line.x0 > left + 0.8 * line.size
    return (indented and previous.x0 <= left + 0.8 * line.size) or bool(_BULLET.match(line.text))
