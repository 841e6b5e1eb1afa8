"""`ingest`, and `index status`, `index check` and `index repair`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from assistant.cli.common import one_line_errors
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.corpus.library import StagedFile
    from assistant.index.build import Notify
    from assistant.index.build import Progress as ProgressCallback
    from assistant.index.integrity import BuildCheck
    from assistant.index.store import IndexPaths

console = Console(stderr=True, soft_wrap=True)
index_app = typer.Typer(help="Inspect, check and repair the index.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command(help="Add files or URLs to the corpus and (re)build the index; no arguments rebuilds from corpus/.")(ingest)
    app.add_typer(index_app, name="index")


@one_line_errors
def ingest(
    targets: Annotated[list[str] | None, typer.Argument(help=".md/.txt/.html/.pdf files or http(s) URLs to add.")] = None,
    device: Annotated[str, typer.Option(help="Embedding device: auto, cpu or cuda.")] = "auto",
    force: Annotated[bool, typer.Option(help="Rebuild even when the corpus is unchanged.")] = False,
) -> None:
    """One transaction: the documents (and their entries in sources.yaml) land in corpus/ together
    with the build that indexes them, or not at all."""
    from assistant.cli.corpus import loading_bar
    from assistant.corpus.library import StagedFile, added_document
    from assistant.corpus.loaders import load_source
    from assistant.corpus.manifest import MANIFEST_NAME, SourcesManifest
    from assistant.corpus.registration import manifest_text, register_source
    from assistant.errors import InputError

    settings = Settings(device=device)  # type: ignore[arg-type]
    sources = SourcesManifest.load(settings.corpus_dir)
    before = sources.model_copy(deep=True)
    added: dict[str, StagedFile] = {}
    failed = 0
    for target in targets or []:
        try:
            with loading_bar(target) as progress:
                source = load_source(target, settings, progress)
                added[target] = added_document(source, doc_id=register_source(sources, settings.corpus_dir, source))
        except InputError as error:
            console.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
            failed += 1
    if targets and failed == len(targets):
        raise typer.Exit(code=1)
    changed = [StagedFile(MANIFEST_NAME, manifest_text(settings.corpus_dir, sources))] if sources != before else []
    build(settings, force=force, add=added, also=changed)
    if failed:
        raise typer.Exit(code=1)


def build(settings: Settings, *, force: bool = False, add: Mapping[str, StagedFile] | None = None, also: Sequence[StagedFile] = ()) -> None:
    """Build the index with the documents of `add` (by the input they came from) and the files of
    `also` staged into it, with a progress bar; print where each document landed and a one-line summary."""
    from assistant.index.build import build_index

    add = add or {}
    with _progress_bar() as (progress, notify):
        result = build_index(settings, force=force, progress=progress, add=[*add.values(), *also], notify=notify)
    for origin, document in add.items():
        console.print(f"added {origin} -> {settings.corpus_dir / document.path}", highlight=False)
    manifest = result.manifest
    state = "up to date" if result.up_to_date else f"built in {manifest.seconds:.1f} s"
    console.print(
        f"index {state}: {len(manifest.documents)} documents, {manifest.chunks} chunks, "
        f"{result.embedded} texts embedded, model {manifest.model_label} on {manifest.embedded_on}"
    )


@contextmanager
def _progress_bar() -> Iterator[tuple[ProgressCallback, Notify]]:
    """A transient progress bar on stderr (when it is a terminal), and a `notify` that prints warnings above it."""
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True,
        disable=not console.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task({"embed": "embedding", "store": "writing Chroma"}.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        def notify(message: str) -> None:
            console.print(f"warning: {escape(message)}", highlight=False)

        yield progress, notify


@index_app.command("status", help="The active build: documents, chunks, model, and whether every file passes its checks.")
@one_line_errors
def status() -> None:
    from assistant.corpus.library import corpus_digest
    from assistant.index.catalogue import catalogue_summary
    from assistant.index.store import IndexPaths

    settings = Settings()
    paths = IndexPaths(settings.index_dir)
    check = _check_active(settings, paths)
    out = Console(soft_wrap=True)
    out.print(f"[bold]index[/bold] {escape(str(settings.index_dir))}, build {check.build_id}: {_verdict(check)}", highlight=False)
    manifest = check.manifest
    if manifest is not None:
        out.print(f"{manifest.mode} Chroma, collection {manifest.collection}; built {manifest.built_at} in {manifest.seconds:.1f} s "
                  f"on {manifest.embedded_on}; chromadb {manifest.chromadb_version}")  # fmt: skip
        out.print(f"model {manifest.model_label} ({manifest.dimension} dimensions); "
                  f"{manifest.chunks} chunks, {manifest.sentences} sentences")  # fmt: skip
        for document in manifest.documents:
            kind = escape(f"[{document.kind}]")
            out.print(f"  {document.id}  {kind} {document.chunks} chunks  {escape(document.title)}", highlight=False)
        out.print(catalogue_summary(paths.build(manifest.build_id)), highlight=False)
        if manifest.corpus_digest and manifest.corpus_digest != corpus_digest(settings):
            from assistant import messages

            out.print(messages.CORPUS_CHANGED)
    if not check.ok:
        raise typer.Exit(code=1)


@index_app.command("check", help="Verify the active build (checksums of every file, counts, the Chroma collection); exit 1 when broken.")
@one_line_errors
def check() -> None:
    from assistant.index.store import IndexPaths

    settings = Settings()
    result = _check_active(settings, IndexPaths(settings.index_dir))
    print(f"build {result.build_id}: {_verdict(result)}")
    if not result.ok:
        raise typer.Exit(code=1)


@index_app.command("repair", help="Switch to the last good build, or rebuild, when the active build is broken.")
@one_line_errors
def repair() -> None:
    from assistant.index.repair import repair_index

    with _progress_bar() as (progress, notify):
        done = repair_index(Settings(), progress=progress, notify=notify)
    if done.action == "none":
        print(f"build {done.build_id} passes every check: nothing to repair")
    elif done.action == "switched":
        print(f"{done.problem}; switched to the last good build {done.build_id}")
    else:
        print(f"{done.problem}; rebuilt the index as build {done.build_id}")


def _check_active(settings: Settings, paths: IndexPaths) -> BuildCheck:
    """The deep check of the build CURRENT names (a failed check when CURRENT names none)."""
    from assistant.errors import IndexMissingError
    from assistant.index.integrity import BuildCheck, check_build

    build_id = paths.current_name()
    if build_id is None:
        if not paths.current.exists():
            raise IndexMissingError(f"No index at {settings.index_dir}: run `make index`.")
        return BuildCheck("?", problems=[f"{paths.current} does not name a build"])
    return check_build(settings, paths, build_id, deep=True)


def _verdict(check: BuildCheck) -> str:
    if check.ok:
        return f"OK ({len(check.manifest.files) if check.manifest else 0} files match their checksums, counts match)"
    return f"BROKEN: {check.summary()}; run `python -m assistant index repair`"
