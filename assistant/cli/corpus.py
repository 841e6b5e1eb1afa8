"""`corpus clean` (regenerate the brief's Markdown), `corpus fetch` (download linked sources),
`corpus list` (which sources the corpus holds), and the progress bar of loading a source."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from assistant.cli.common import one_line_errors
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.corpus.loaders import LoadProgress

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


@app.command(help="Download the linked sources of the manifest (when online) and add them with a rebuild of the index.")
@one_line_errors
def fetch() -> None:
    from assistant.cli.index import build
    from assistant.corpus.fetch_sources import fetch_linked_sources

    settings = Settings()
    fetched = fetch_linked_sources(settings, lambda line: console.print(line, highlight=False))
    build(settings, add=fetched)


@app.command("list", help="Every source in corpus/sources.yaml and whether the corpus holds its text.")
@one_line_errors
def list_sources() -> None:
    from assistant.corpus.manifest import SourcesManifest
    from assistant.corpus.registration import present

    settings = Settings()
    out = Console(soft_wrap=True)
    for entry in SourcesManifest.load(settings.corpus_dir).documents:
        state = "present" if present(settings.corpus_dir, entry) else "missing"
        cited = f" (footnote {entry.footnote})" if entry.footnote is not None else ""
        out.print(f"{state:8} {entry.kind:9} {entry.id}  {escape(entry.title)}{cited}", highlight=False)


@contextmanager
def loading_bar(target: str) -> Iterator[LoadProgress]:
    """A progress bar on a terminal's stderr while `target` is downloaded and its pages read; it appears
    only once there is progress to show, and leaves nothing behind."""
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=True)  # fmt: skip
    tasks: dict[str, TaskID] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        if not console.is_terminal:
            return  # no bar in a log or a pipe
        if not tasks:
            bar.start()
        if stage not in tasks:
            tasks[stage] = bar.add_task(f"{stage} {escape(target)}", total=total)
        bar.update(tasks[stage], completed=done, total=total)

    try:
        yield progress
    finally:
        if tasks:
            bar.stop()
