"""`corpus clean` (regenerate the brief's Markdown) and `corpus fetch` (download linked sources)."""

from __future__ import annotations

import typer
from rich.console import Console

from assistant.cli.common import one_line_errors
from assistant.settings import Settings

app = typer.Typer(help="Work on the corpus documents.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)


@app.command(help="Regenerate the cleaned brief (Markdown) from its raw PDF text.")
@one_line_errors
def clean() -> None:
    from assistant.corpus.library import clean_brief_file

    path, brief = clean_brief_file(Settings())
    console.print(
        f"wrote {path.name}: {len(brief.sections)} sections, {len(brief.notes)} notes, {len(brief.removed_pull_quotes)} pull quotes removed"
    )


@app.command(help="Download the linked OSW sources (when online) and rebuild the index.")
@one_line_errors
def fetch() -> None:
    from assistant.cli.index import build
    from assistant.corpus.fetch_sources import fetch_linked_sources

    settings = Settings()
    for line in fetch_linked_sources(settings):
        console.print(line, highlight=False)
    build(settings)
