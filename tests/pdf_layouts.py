"""Test PDFs typeset with reportlab: columns, running header and footer, pull quotes, footnotes, title page.

Text is given as lines (the test decides every line break, hyphens included) or as paragraphs that
are wrapped to the column. `^N` in a line draws footnote marker N in small raised type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72.0, WIDTH - 72.0, HEIGHT - 80.0, 90.0
GUTTER = 20.0
_MARKER = re.compile(r"\^(\d+)")


@dataclass
class Para:
    """Body text: explicit `lines`, or `text` wrapped to the column."""

    text: str = ""
    lines: list[str] = field(default_factory=list)
    size: float = 10.0
    font: str = "Helvetica"
    space_after: float = 8.0
    indent: float = 0.0


@dataclass
class Inset:
    """A pull quote or heading: larger or bolder type set in the text flow (full width if `span`)."""

    text: str
    size: float = 15.0
    font: str = "Helvetica-Oblique"
    span: bool = False
    space_after: float = 10.0


@dataclass
class Page:
    items: list[Para | Inset] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Footnotes in small type at the page foot, each opening with `^N`."""


@dataclass
class TitlePage:
    title: list[str]
    byline: list[str]


def write_pdf(
    path: Path,
    pages: list[Page | TitlePage],
    *,
    columns: int = 1,
    header: str | None = None,
    page_numbers: bool = False,
    metadata_title: str | None = None,
    metadata_author: str | None = None,
) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if metadata_title:
        pdf.setTitle(metadata_title)
    if metadata_author:
        pdf.setAuthor(metadata_author)
    width = (RIGHT - LEFT - GUTTER * (columns - 1)) / columns
    for number, page in enumerate(pages, start=1):
        if header and not isinstance(page, TitlePage):
            _line(pdf, LEFT, HEIGHT - 45, header.replace("{page}", str(number)), "Helvetica", 8)
        if page_numbers:
            pdf.setFont("Helvetica", 9)
            pdf.drawCentredString(WIDTH / 2, 40, str(number))
        if isinstance(page, TitlePage):
            _title_page(pdf, page)
        else:
            _flow(pdf, page, columns, width)
        pdf.showPage()
    pdf.save()
    return path


def _title_page(pdf: canvas.Canvas, page: TitlePage) -> None:
    y = HEIGHT - 220
    for line in page.title:
        _line(pdf, LEFT, y, line, "Helvetica-Bold", 24)
        y -= 30
    y -= 20
    for line in page.byline:
        _line(pdf, LEFT, y, line, "Helvetica", 12)
        y -= 18


def _flow(pdf: canvas.Canvas, page: Page, columns: int, width: float) -> None:
    column, y = 0, TOP
    columns_top = TOP
    floor = BOTTOM + 12 * len(page.notes) + 16
    for item in page.items:
        if isinstance(item, Inset):
            if item.span and (column or y < columns_top):
                raise ValueError("a spanning inset goes above the columns only")
            inset_width = RIGHT - LEFT if item.span else width
            x = LEFT if item.span else LEFT + column * (width + GUTTER)
            y -= 4
            for line in wrap(item.text, item.font, item.size, inset_width):
                _line(pdf, x, y, line, item.font, item.size)
                y -= item.size * 1.25
            y -= item.space_after
            columns_top = y if item.span else columns_top
            continue
        lines = item.lines or wrap(item.text, item.font, item.size, width - item.indent)
        for i, line in enumerate(lines):
            if y < floor:
                column, y = column + 1, columns_top
                if column >= columns:
                    raise ValueError("the page is full: move text to the next page")
            x = LEFT + column * (width + GUTTER) + (item.indent if i == 0 else 0)
            _line(pdf, x, y, line, item.font, item.size)
            y -= item.size * 1.2
        y -= item.space_after
    y = BOTTOM + 9 * len(page.notes)
    if page.notes:
        pdf.line(LEFT, y + 10, LEFT + 120, y + 10)
    for note in page.notes:
        _line(pdf, LEFT, y, note, "Helvetica", 7)
        y -= 9


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces to `width` points."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(_MARKER.sub(r"\1", candidate), font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def _line(pdf: canvas.Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """One line; `^N` drawn as a raised marker in 70% type."""
    out = pdf.beginText(x, y)
    for i, part in enumerate(_MARKER.split(text)):
        if i % 2:
            out.setFont(font, size * 0.7)
            out.setRise(size * 0.35)
            out.textOut(part)
            out.setRise(0)
        elif part:
            out.setFont(font, size)
            out.textOut(part)
    pdf.drawText(out)
