"""An ingested PDF whose title matches a publication the brief cites fills that manifest entry, and
`corpus list` shows which cited sources the corpus holds."""

from __future__ import annotations

from pathlib import Path

from index_helpers import run_cli
from pdf_layouts import Page, Para, TitlePage, write_pdf

from assistant.corpus.manifest import SourcesManifest
from assistant.settings import Settings

HEADER = "OSW COMMENTARY NUMBER 600 06.05.2025"


def test_ingested_pdf_fills_the_cited_entry_and_corpus_list_shows_it(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(
        tmp_path / "minerals.pdf",
        [
            TitlePage(["The Ukraine-US agreement", "on minerals"], ["M. Jedrysiak, S. Matuszak"]),
            Page([Para("The agreement sets up a joint investment fund fed by revenue from new mining licences.")]),
            Page([Para("Half of the fund's income is to be reinvested in Ukraine's reconstruction.")]),
        ],
        header=HEADER,
        page_numbers=True,
    )
    before = SourcesManifest.load(fresh_settings.corpus_dir).get("osw-ukraine-us-minerals-agreement")
    done = run_cli(fresh_settings, "ingest", str(pdf), BRIEF_EMBEDDING_MODEL="hashing")
    assert done.returncode == 0, done.stderr
    stored = fresh_settings.corpus_dir / "documents" / "osw-ukraine-us-minerals-agreement.md"
    assert stored.exists(), sorted(p.name for p in (fresh_settings.corpus_dir / "documents").iterdir())
    text = stored.read_text(encoding="utf-8")
    assert "# The Ukraine-US agreement on minerals\n\nM. Jedrysiak, S. Matuszak\n\n<!-- page 2 -->\n\nThe agreement sets up" in text
    after = SourcesManifest.load(fresh_settings.corpus_dir)
    assert after.get("osw-ukraine-us-minerals-agreement") == before, "the cited entry keeps its bibliography"
    assert len(after.documents) == 7, "no new, untitled entry"

    listed = run_cli(fresh_settings, "corpus", "list")
    assert listed.returncode == 0, listed.stderr
    lines = {line.split()[2]: line for line in listed.stdout.splitlines()}
    assert lines["osw-ukraine-us-minerals-agreement"].startswith("present  linked")
    assert "(footnote 3)" in lines["osw-ukraine-us-minerals-agreement"]
    assert lines["osw-world-according-to-trump"].startswith("missing  linked")
    assert lines["osw-trump-russia-ukraine-brief"].startswith("present  brief")


def test_unmatched_pdf_gets_an_entry_with_its_metadata(tmp_path: Path, fresh_settings: Settings) -> None:
    pdf = write_pdf(
        tmp_path / "ferries.pdf",
        [
            TitlePage(["Ferries across the gulf"], ["Anna Tamm", "Institute of Baltic Shipping", "2 February 2025"]),
            Page([Para("Passenger numbers between the two capitals grew by a tenth in 2025.")]),
        ],
    )
    done = run_cli(fresh_settings, "ingest", str(pdf), BRIEF_EMBEDDING_MODEL="hashing")
    assert done.returncode == 0, done.stderr
    entry = SourcesManifest.load(fresh_settings.corpus_dir).documents[-1]
    assert (entry.title, entry.authors, entry.publisher, entry.date) == (
        "Ferries across the gulf", ["Anna Tamm"], "Institute of Baltic Shipping", "2025-02-02"
    )
    assert (fresh_settings.corpus_dir / "documents" / f"{entry.id}.md").exists()


def test_title_matching_needs_the_same_title_not_just_shared_words(fresh_settings: Settings) -> None:
    from assistant.corpus.metadata import matching_entry

    manifest = SourcesManifest.load(fresh_settings.corpus_dir)
    main_title = matching_entry(manifest, "The world according to Trump")
    assert main_title is not None and main_title.id == "osw-world-according-to-trump", "the main title without its subtitle"
    shouted = "THE NEW US NATIONAL SECURITY STRATEGY: A MANIFESTO FOR A SOVEREIGN AMERICAN IN A MULTIPOLAR WORLD"
    assert matching_entry(manifest, shouted) is not None, "case and a one-letter slip do not matter"
    assert matching_entry(manifest, "The Ukraine-US agreement on gas transit") is None
    assert matching_entry(manifest, "The Trump administration and the Russia-Ukraine war") is None, "the brief is no cited entry"


def test_a_second_copy_from_elsewhere_does_not_take_over_the_filled_entry(tmp_path: Path, fresh_settings: Settings) -> None:
    from assistant.corpus.library import save_added
    from assistant.corpus.loaders import LoadedSource
    from assistant.corpus.registration import record_source

    first = LoadedSource("The Ukraine-US agreement on minerals", "# x\n\nText.\n", "https://example.org/minerals", "https://example.org/minerals")
    doc_id = record_source(fresh_settings.corpus_dir, first)
    save_added(fresh_settings, first, doc_id=doc_id)
    entry = SourcesManifest.load(fresh_settings.corpus_dir).get(doc_id)
    assert doc_id == "osw-ukraine-us-minerals-agreement" and entry is not None
    assert (entry.url, entry.url_exact) == ("https://example.org/minerals", True), "the page address replaces the bare site"
    again = record_source(fresh_settings.corpus_dir, first)
    assert again == doc_id, "re-ingesting the same source updates its entry"
    other = LoadedSource("The Ukraine-US agreement on minerals", "# x\n\nText.\n", "", str(tmp_path / "copy.pdf"))
    assert record_source(fresh_settings.corpus_dir, other) != doc_id
