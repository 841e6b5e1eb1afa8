"""Lines of a PDF in reading order, with their geometry and type, read from character positions (pdfminer.six).

Characters are grouped into rows by baseline, rows are cut at column gutters (vertical runs of white
that most rows share), and the pieces are ordered column by column. Small raised digits become
superscript markers ("governments.¹"), so they never stick to words as plain digits.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from assistant.errors import InputError
from assistant.text import SUPERSCRIPT_DIGITS

PageProgress = Callable[[int, int], None]
"""Called with (pages done, pages in all) while a PDF is read."""

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_ITALIC = re.compile(r"italic|oblique", re.I)
WORD_GAP = 0.15
"""A gap wider than this share of the type size between two characters is a space."""
GUTTER_MIN_WIDTH = 6.0
"""Points of white a column gutter is at least."""
GUTTER_MAX_SHARE = 0.2
"""At most this share of the rows may cross a gutter (titles, pull quotes, headers spanning columns)."""


@dataclass(frozen=True)
class Line:
    """One line of one column; coordinates in points from the page's top left corner."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    column: int | None
    """0, 1, … from the left; None for a line spanning the columns."""


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[Line]
    images: int


@dataclass(frozen=True)
class PdfContent:
    pages: list[PdfPage]
    info: dict[str, str]


@dataclass(frozen=True)
class _Char:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    baseline: float
    font: str


def read_pdf(data: bytes, origin: str, progress: PageProgress | None = None) -> PdfContent:
    """Every page's lines in reading order and the document information; InputError for what cannot be read."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns of damage it recovers from; what it cannot read is raised
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = list(PDFPage.create_pages(document))
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        read: list[PdfPage] = []
        for number, page in enumerate(pages, start=1):
            interpreter.process_page(page)
            read.append(_page(number, device.get_result()))
            if progress:
                progress(number, len(pages))
        info = _info(document.info)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise InputError(f"{origin}: the PDF is encrypted; decrypt it first.") from error
    except (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise InputError(f"{origin}: not a readable PDF ({type(error).__name__}).") from error
    if not read:
        raise InputError(f"{origin}: not a readable PDF (no pages).")
    if not any(page.lines for page in read):
        raise InputError(f"{origin}: no text layer (a scanned or image-only PDF); OCR it first, e.g. `ocrmypdf in.pdf out.pdf`.")
    return PdfContent(read, info)


def _info(infos: list[dict[str, object]]) -> dict[str, str]:
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for info in infos:
        for key, value in info.items():
            value = getattr(value, "resolve", lambda v=value: v)()
            if isinstance(value, bytes):
                out[key] = decode_text(value).strip()
            elif isinstance(value, str):
                out[key] = value.strip()
    return out


def _page(number: int, layout: object) -> PdfPage:
    from pdfminer.layout import LTImage

    height = float(layout.height)  # type: ignore[attr-defined]
    chars = [char for char in _chars(layout) if char.text.strip()]
    images = sum(isinstance(item, LTImage) for item in _walk(layout))
    rows = _rows(chars)
    gutters = _gutters(rows)
    lines = [_line(piece, number, height, column) for column, piece in _reading_order(rows, gutters)]
    return PdfPage(number, float(layout.width), height, [line for line in lines if line.text], images)  # type: ignore[attr-defined]


def _walk(item: object) -> Iterator[object]:
    from pdfminer.layout import LTContainer

    yield item
    if isinstance(item, LTContainer):
        for child in item:
            yield from _walk(child)


def _chars(layout: object) -> Iterator[_Char]:
    from pdfminer.layout import LTChar

    for item in _walk(layout):
        if isinstance(item, LTChar) and item.upright:
            yield _Char(item.get_text(), item.x0, item.x1, item.y0, item.y1, round(item.size, 1), item.matrix[5], item.fontname)


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped by baseline, top row first; a raised marker joins the row it belongs to."""
    rows: list[list[_Char]] = []
    anchors: list[tuple[float, float]] = []  # (baseline, size) of each row's largest character
    for char in sorted(chars, key=lambda c: (-c.baseline, c.x0)):
        if rows and abs(anchors[-1][0] - char.baseline) <= 0.55 * min(char.size, anchors[-1][1]):
            rows[-1].append(char)
            if char.size > anchors[-1][1]:
                anchors[-1] = (char.baseline, char.size)
            continue
        rows.append([char])
        anchors.append((char.baseline, char.size))
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _runs(row: list[_Char]) -> list[tuple[float, float]]:
    """Horizontal extents of the row's ink, word gaps closed."""
    runs: list[list[float]] = []
    for char in row:
        if runs and char.x0 - runs[-1][1] <= 0.6 * char.size:
            runs[-1][1] = max(runs[-1][1], char.x1)
        else:
            runs.append([char.x0, char.x1])
    return [(a, b) for a, b in runs]


def _gutters(rows: list[list[_Char]]) -> list[tuple[float, float]]:
    """White vertical bands between columns: crossed by few rows, with text on both sides."""
    if len(rows) < 6:
        return []
    runs = [_runs(row) for row in rows]
    left = min(run[0][0] for run in runs)
    right = max(run[-1][1] for run in runs)
    bins = int((right - left) // 2) + 1
    coverage = [0] * bins
    for row_runs in runs:
        for a, b in row_runs:
            for i in range(int((a - left) // 2), min(bins, int((b - left) // 2) + 1)):
                coverage[i] += 1
    low = [count <= GUTTER_MAX_SHARE * len(rows) for count in coverage]
    column = max(3, GUTTER_MAX_SHARE * len(rows))  # rows a bin of a column holds at least
    gutters = []
    i = 0
    while i < bins:
        if not low[i]:
            i += 1
            continue
        j = i
        while j < bins and low[j]:
            j += 1
        a, b = left + i * 2, left + j * 2
        text_left = any(count > column for count in coverage[:i])
        text_right = any(count > column for count in coverage[j:])
        wide_sides = min(a - left, right - b) >= 0.15 * (right - left)
        if b - a >= GUTTER_MIN_WIDTH and text_left and text_right and wide_sides:
            gutters.append((a, b))
        i = j
    return gutters


def _reading_order(rows: list[list[_Char]], gutters: list[tuple[float, float]]) -> Iterable[tuple[int | None, list[_Char]]]:
    """Row pieces column by column; a row crossing a gutter ends the columns above it, unless text
    continues in the columns below it too (an inset, such as a pull quote): then it stays in place."""
    pieces: list[tuple[int | None, list[_Char]]] = []
    for row in rows:
        runs = _runs(row)
        crosses = any(a < (g0 + g1) / 2 < b for a, b in runs for g0, g1 in gutters)
        if not gutters or crosses:
            pieces.append((None, row))
            continue
        for index in range(len(gutters) + 1):
            lo = sum(gutters[index - 1]) / 2 if index else float("-inf")
            hi = sum(gutters[index]) / 2 if index < len(gutters) else float("inf")
            part = [char for char in row if lo <= (char.x0 + char.x1) / 2 < hi]
            if part:
                pieces.append((index, part))
    if not gutters:
        return pieces
    ordered: list[tuple[int | None, list[_Char]]] = []
    band: list[tuple[int | None, list[_Char]]] = []
    for i, (column, piece) in enumerate(pieces):
        columns_follow = any(c is not None for c, _ in pieces[i + 1 :])
        if column is None and not (band and columns_follow):
            ordered += sorted(band, key=lambda p: p[0] or 0)
            band = []
            ordered.append((column, piece))
        elif column is None:
            band.append((0, piece))  # an inset: read with the first column, where it interrupts the text
        else:
            band.append((column, piece))
    return ordered + sorted(band, key=lambda p: p[0] or 0)


def _line(chars: list[_Char], page: int, height: float, column: int | None) -> Line:
    size = Counter(char.size for char in chars).most_common(1)[0][0]
    main = [char for char in chars if char.size == size]
    floor = statistics.median(char.y0 for char in main)
    text = ""
    previous: _Char | None = None
    for char in chars:
        raised = char.size < 0.85 * size and char.y0 > floor + 0.15 * size
        glyph = SUPERSCRIPT_DIGITS[int(char.text)] if raised and char.text.isdigit() and len(char.text) == 1 else char.text
        if previous is not None and char.x0 - previous.x1 > WORD_GAP * min(size, previous.size * 1.5):
            text += " "
        text += glyph
        previous = char
    fonts = Counter(char.font for char in main)
    bold = sum(n for font, n in fonts.items() if _BOLD.search(font)) * 2 > len(main)
    italic = sum(n for font, n in fonts.items() if _ITALIC.search(font)) * 2 > len(main)
    return Line(
        text=" ".join(text.split()),
        page=page,
        x0=min(char.x0 for char in chars),
        x1=max(char.x1 for char in chars),
        top=height - max(char.y1 for char in main),
        bottom=height - min(char.y0 for char in main),
        size=size,
        bold=bold,
        italic=italic,
        column=column,
    )
