"""`ingest` and `index status`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from assistant.cli.common import one_line_errors
from assistant.settings import Settings

console = Console(stderr=True, soft_wrap=True)
index_app = typer.Typer(help="Inspect the index.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command(help="Add files or URLs to the corpus and (re)build the index; no arguments rebuilds from corpus/.")(ingest)
    app.add_typer(index_app, name="index")


@one_line_errors
def ingest(
    targets: Annotated[list[str] | None, typer.Argument(help=".md/.txt/.html/.pdf files or http(s) URLs to add.")] = None,
    device: Annotated[str, typer.Option(help="Embedding device: auto, cpu or cuda.")] = "auto",
    force: Annotated[bool, typer.Option(help="Rebuild even when the corpus is unchanged.")] = False,
) -> None:
    from assistant.cli.corpus import loading_bar
    from assistant.corpus.catalog import record_source
    from assistant.corpus.library import save_added
    from assistant.corpus.loaders import load_source
    from assistant.errors import InputError

    settings = Settings(device=device)  # type: ignore[arg-type]
    failed = 0
    for target in targets or []:
        try:
            with loading_bar(target) as progress:
                source = load_source(target, settings, progress)
                path = save_added(settings, source, doc_id=record_source(settings.corpus_dir, source))
            console.print(f"added {target} -> {path}", highlight=False)
        except InputError as error:
            console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
            failed += 1
    if targets and failed == len(targets):
        raise typer.Exit(code=1)
    build(settings, force=force)
    if failed:
        raise typer.Exit(code=1)


def build(settings: Settings, *, force: bool = False) -> None:
    """Build the index with a progress bar and print a one-line summary."""
    from assistant.index.build import build_index

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task({"embed": "embedding", "store": "writing Chroma"}.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        result = build_index(settings, force=force, progress=progress)
    manifest = result.manifest
    state = "up to date" if result.up_to_date else f"built in {manifest.seconds:.1f} s"
    console.print(
        f"index {state}: {len(manifest.documents)} documents, {manifest.chunks} chunks, "
        f"{result.embedded} texts embedded, model {manifest.model_label} on {manifest.embedded_on}"
    )


@index_app.command("status", help="Documents, chunks, model, device and build time of the active index.")
@one_line_errors
def status() -> None:
    from assistant.errors import IndexMissingError
    from assistant.index.catalogue import catalogue_summary
    from assistant.index.store import BuildManifest, IndexPaths

    settings = Settings()
    paths = IndexPaths(settings.index_dir)
    build_id = paths.current_build_id()
    if build_id is None:
        raise IndexMissingError(f"No index at {settings.index_dir}: run `make index`.")
    manifest = BuildManifest.read(paths.build(build_id))
    out = Console()
    out.print(f"[bold]index[/bold] {settings.index_dir} ({manifest.mode}, collection {manifest.collection})")
    out.print(f"built {manifest.built_at} in {manifest.seconds:.1f} s on {manifest.embedded_on}; chromadb {manifest.chromadb_version}")
    out.print(f"model {manifest.model_label} ({manifest.dimension} dimensions); {manifest.chunks} chunks, {manifest.sentences} sentences")
    for document in manifest.documents:
        out.print(f"  {document.id}  [{document.kind}] {document.chunks} chunks  {document.title}")
    out.print(catalogue_summary(paths.build(build_id)), highlight=False)
