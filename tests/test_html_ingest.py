"""An HTML page shaped like an OSW publication page: main text, metadata and footnotes as Notes, page furniture dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.corpus.loaders import load_source
from assistant.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "osw_publication.html"
EXPECTED = """# Grain corridors on the Danube: exports after the blockade

Marta Nowicka, Piotr Zieliński, Centre for River Studies

Barge operators moved more grain along the Danube in 2025 than in any year before the blockade of the sea ports. \
The river route now carries a third of the country's grain exports.

## A route that grew by necessity

When the sea ports closed, exporters turned to the river terminals at Izmail and Reni, which had handled only local cargo \
for decades.¹ Within a year the terminals doubled their capacity, and private operators built new silos along the northern bank.

The growth came at a cost: freight rates on the river rose fourfold, and queues of barges at the Sulina channel stretched \
for weeks.² Operators expect the rates to fall only when the sea corridor is fully reopened.

## What comes next

The river route will stay important even after the sea ports reopen, because the new silos give inland farmers a cheaper \
way to reach the terminals. Exporters now plan to keep a share of their cargo on the river as insurance against further closures.

## Notes

¹ A. Kowalski, ‘River terminals in wartime’, Centre for River Studies, 2 May 2024, rivers.example.

² Danube Commission, ‘Annual navigation report 2025’, 10 January 2026.
"""


def test_publication_page_cleans_to_markdown_with_notes(fresh_settings: Settings) -> None:
    source = load_source(str(FIXTURE), fresh_settings)
    assert source.markdown == EXPECTED
    assert (source.title, source.authors, source.publisher, source.date) == (
        "Grain corridors on the Danube: exports after the blockade",
        ("Marta Nowicka", "Piotr Zieliński"),
        "Centre for River Studies",
        "2025-03-14",
    )
    for furniture in ("Share", "Facebook", "Related publications", "Rail gauges", "Newsletter", "[1]", "Publications"):
        assert furniture not in source.markdown


@pytest.fixture
def site() -> Iterator[str]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(FIXTURE.parent), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_publication_page_by_url_reports_the_download(fresh_settings: Settings, site: str) -> None:
    settings = fresh_settings.model_copy(update={"allow_private_urls": True})
    seen: list[tuple[str, int, int | None]] = []
    source = load_source(f"{site}/{FIXTURE.name}", settings, lambda stage, done, total: seen.append((stage, done, total)))
    assert source.markdown == EXPECTED
    assert seen == [("downloading", 0, None), ("downloading", 1, 1)]
