"""PDFs typeset in the test (reportlab) in several layouts come out as the same clean Markdown the brief is.

Each test compares the Markdown stored for the document with the text the PDF was typeset from:
no running header, footer or page number in the body, pull quotes gone from the sentence they
interrupted, footnote markers detached from words and linked to a Notes section, hyphenation at
line ends undone, title and authors read from the first page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_layouts import Inset, Page, Para, TitlePage, write_pdf

from assistant.corpus.document import parse_markdown
from assistant.corpus.library import save_added
from assistant.corpus.loaders import LoadedSource, load_source
from assistant.errors import InputError
from assistant.settings import Settings

HEADER = "RIVER STUDIES COMMENTARY NUMBER 42 | 14.03.2025"


def body(markdown: str) -> list[str]:
    """The body paragraphs of stored Markdown: no heading, page marker or note."""
    document = parse_markdown("doc", markdown)
    return [markdown[p.start : p.end] for p in document.paragraphs if p.section != "Notes"]


def notes(markdown: str) -> list[str]:
    document = parse_markdown("doc", markdown)
    return [markdown[p.start : p.end] for p in document.paragraphs if p.section == "Notes"]


def load(path: Path, settings: Settings) -> LoadedSource:
    return load_source(str(path), settings)


def test_running_header_footer_and_page_numbers_stay_out_of_the_body(tmp_path: Path, fresh_settings: Settings) -> None:
    first = "The river authority counted more barges in the spring than in any year since the locks were rebuilt."
    second = "Operators said the higher water let them load each barge more deeply than before."
    pdf = write_pdf(
        tmp_path / "header.pdf",
        [
            Page([Para(first), Para("Freight rates fell as the locks opened for night traffic, and the ports at the")]),
            Page([Para("confluence handled twice the tonnage of the year before."), Para(second)]),
            Page([Para("A third page closes the commentary with a short outlook for the autumn.")]),
        ],
        header=HEADER,
        page_numbers=True,
    )
    source = load(pdf, fresh_settings)
    assert body(source.markdown) == [
        first,
        "Freight rates fell as the locks opened for night traffic, and the ports at the confluence handled twice the tonnage "
        "of the year before.",
        second,
        "A third page closes the commentary with a short outlook for the autumn.",
    ]
    assert "RIVER STUDIES" not in source.markdown and "14.03.2025" not in source.markdown
    document = parse_markdown("doc", source.markdown)
    assert [p.page for p in document.paragraphs] == [1, 1, 2, 3], "a paragraph keeps the page it starts on"


def test_two_columns_are_read_column_by_column(tmp_path: Path, fresh_settings: Settings) -> None:
    left = " ".join(f"Left sentence {i} tells how the northern ferry line carried more passengers." for i in range(12))
    cut = " ".join(f"Cut sentence {i} covers winter ice and the cancellations it caused." for i in range(20))
    right = " ".join(f"Right sentence {i} explains why freight volumes stayed flat." for i in range(8))
    pdf = write_pdf(
        tmp_path / "columns.pdf",
        [Page([Inset("Ferries across the gulf in 2025", size=20, font="Helvetica-Bold", span=True), Para(left), Para(cut), Para(right)])],
        columns=2,
    )
    source = load(pdf, fresh_settings)
    assert source.title == "Ferries across the gulf in 2025"
    assert body(source.markdown) == [left, cut, right], "the paragraph cut at the column foot is one paragraph again"
    assert source.markdown.startswith("# Ferries across the gulf in 2025\n\n<!-- page 1 -->\n\nLeft sentence 0 ")


def test_pull_quote_mid_paragraph_is_removed_and_the_sentence_rejoined(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(
        tmp_path / "pull.pdf",
        [
            Page(
                [
                    Para(
                        lines=[
                            "Harbour authorities in Tallinn attributed the growth to new fast ferries.",
                            "Lower fares on the route drew passengers who had flown between the two",
                        ],
                        space_after=0,
                    ),
                    Inset("“Harbour authorities attributed the growth to new fast ferries.”"),
                    Para(lines=["capitals before, and the operators expect the trend to hold next year."]),
                    Para("Freight volumes on the same crossing stayed flat."),
                ]
            ),
            Page([Para("The report also noted that winter ice caused fewer cancellations.")]),
        ],
    )
    source = load(pdf, fresh_settings)
    assert body(source.markdown)[:2] == [
        "Harbour authorities in Tallinn attributed the growth to new fast ferries. Lower fares on the route drew passengers who "
        "had flown between the two capitals before, and the operators expect the trend to hold next year.",
        "Freight volumes on the same crossing stayed flat.",
    ]
    assert "“" not in source.markdown


def test_footnotes_on_two_pages_become_linked_notes(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(
        tmp_path / "notes.pdf",
        [
            Page(
                [Para("The ministry blamed the delays on the customs rules of neighbouring governments.^1 Talks resumed in May.")],
                notes=["^1 A. Kowalski, 'Customs at the river border', Centre for River Studies, 2 May 2024, rivers.example."],
            ),
            Page(
                [Para("A second agreement followed in June,^2 and the queues at the border shortened.^3")],
                notes=[
                    "^2 Danube Commission, 'Annual navigation report 2025', 10 January 2026.",
                    "^3 Border Guard statistics, https://border.example/stats.",
                ],
            ),
        ],
    )
    source = load(pdf, fresh_settings)
    assert body(source.markdown) == [
        "The ministry blamed the delays on the customs rules of neighbouring governments.¹ Talks resumed in May.",
        "A second agreement followed in June,² and the queues at the border shortened.³",
    ]
    assert notes(source.markdown) == [
        "¹ A. Kowalski, 'Customs at the river border', Centre for River Studies, 2 May 2024, rivers.example.",
        "² Danube Commission, 'Annual navigation report 2025', 10 January 2026.",
        "³ Border Guard statistics, https://border.example/stats.",
    ]
    from assistant.index.chunking import chunk_document

    chunks = chunk_document(parse_markdown("doc", source.markdown), 120)
    assert [c.footnotes for c in chunks if c.section != "Notes"] == [(1,), (2, 3)]


def test_hyphenation_at_line_ends_is_undone_and_compounds_kept(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(
        tmp_path / "hyphens.pdf",
        [
            Page(
                [
                    Para(lines=["The new infra-", "structure of the port is a well-", "known example of the Russia-", "Ukraine trade."]),
                    Para(lines=["Its well-known cranes moved most of the cargo."]),
                ]
            )
        ],
    )
    assert body(load(pdf, fresh_settings).markdown) == [
        "The new infrastructure of the port is a well-known example of the Russia-Ukraine trade.",
        "Its well-known cranes moved most of the cargo.",
    ]


def test_title_page_gives_title_authors_publisher_and_date(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(
        tmp_path / "title.pdf",
        [
            TitlePage(
                ["Barges on the upper river:", "a season of records"],
                ["Marta Nowicka, Piotr Zielinski", "Centre for River Studies", "14 March 2025"],
            ),
            Page([Para("Operators reported that traffic on the upper river grew in every month of the season.")]),
            Page([Para("The locks will close for repairs in the winter.")]),
        ],
        header=HEADER,
        page_numbers=True,
        metadata_title="untitled",
    )
    source = load(pdf, fresh_settings)
    assert (source.title, source.authors, source.publisher, source.date) == (
        "Barges on the upper river: a season of records",
        ("Marta Nowicka", "Piotr Zielinski"),
        "Centre for River Studies",
        "2025-03-14",
    )
    assert source.markdown.startswith(
        "# Barges on the upper river: a season of records\n\nMarta Nowicka, Piotr Zielinski, Centre for River Studies\n\n"
        "<!-- page 2 -->\n\nOperators reported that traffic"
    )
    stored = save_added(fresh_settings, source).read_text(encoding="utf-8")
    assert "authors:\n- Marta Nowicka\n- Piotr Zielinski\n" in stored and "date: '2025-03-14'" in stored


def test_metadata_author_is_used_when_the_page_names_none(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(tmp_path / "meta.pdf", [Page([Para("Short text about the ferry timetable for the winter season.")])],
                    metadata_title="Ferry timetable", metadata_author="J. Gotkowska, A. Kohut")  # fmt: skip
    source = load(pdf, fresh_settings)
    assert (source.title, source.authors) == ("Ferry timetable", ("J. Gotkowska", "A. Kohut"))


def test_pages_are_reported_while_a_pdf_is_read(tmp_path: Path, fresh_settings: Settings) -> None:
    cargoes = ("grain", "coal", "timber", "fuel")
    pdf = write_pdf(tmp_path / "pages.pdf", [Page([Para(f"Barges carried {cargo} on this stretch.")]) for cargo in cargoes])
    seen: list[tuple[str, int, int | None]] = []
    load_source(str(pdf), fresh_settings, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert seen == [("reading pages", n, 4) for n in range(1, 5)]


def test_scanned_pdf_without_text_layer_is_one_clear_line(tmp_path: Path, fresh_settings: Settings) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = tmp_path / "scan.png"
    from PIL import Image

    Image.new("L", (200, 280), color=235).save(image)
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        pdf.drawImage(ImageReader(str(image)), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as error:
        load(path, fresh_settings)
    message = str(error.value)
    assert message.startswith(f"{path}: no text layer") and "OCR it first" in message and "\n" not in message
