"""PDF ingest speed: a 20-page commentary (running header, page numbers, headings, footnote markers)
typeset with reportlab, read and cleaned by the layout-aware loader (`load_source`) several times.

    .venv/bin/python -m bench.pdf_ingest [--pages 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.corpus.loaders import load_source
from assistant.settings import isolated_settings

SENTENCE = "Sentence {n} of the commentary explains how barge operators on the river adapted to the closure of the sea ports"


def write_commentary(path: Path, pages: int) -> Path:
    """About `pages` pages: title, sections of marked paragraphs, header and page number on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "RIVER STUDIES COMMENTARY NUMBER 42 | 14.03.2025")
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))

    story = [Paragraph("Barges on the upper river: a season of records", styles["Title"])]
    n = 0
    while n < pages * 19 // 2:  # about nine and a half 60-word paragraphs fill an A4 page
        if n % 8 == 0:
            story.append(Paragraph(f"Section {n // 8 + 1} of the commentary", styles["Heading2"]))
        words = " ".join(SENTENCE.format(n=n * 4 + i) + ("." if i % 3 else f".<super>{n % 9 + 1}</super>") for i in range(4))
        story.append(Paragraph(words, styles["BodyText"]))
        n += 1
    document = SimpleDocTemplate(str(path), pagesize=A4)
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pdf = write_commentary(root / "commentary.pdf", args.pages)
        settings = isolated_settings(root)
        seconds = []
        counted: list[int] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            source = load_source(str(pdf), settings, lambda stage, done, total: counted.append(total or 0))
            seconds.append(time.perf_counter() - started)
        pages = counted[-1]
        words = len(source.markdown.split())
    median = statistics.median(seconds)
    print(json.dumps({"pages": pages, "words": words, "runs": args.runs, "median_s": round(median, 3),
                      "min_s": round(min(seconds), 3), "pages_per_s": round(pages / median, 1)}))  # fmt: skip


if __name__ == "__main__":
    main()
