"""`overview [actors|timeline|scenarios] [--json]`: the corpus at a glance, every item cited."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assistant.cli.common import one_line_errors
from assistant.index.overview import Overview
from assistant.types import Citation

NO_GROUP = "other"
FUTURE = "scheduled"


class Part(StrEnum):
    actors = "actors"
    timeline = "timeline"
    scenarios = "scenarios"


def register(app: typer.Typer) -> None:
    app.command(help="The corpus at a glance: actors, timeline and scenarios, every item cited.")(overview)


@one_line_errors
def overview(
    part: Annotated[Part | None, typer.Argument(help="Only this part: actors, timeline or scenarios.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (keys actors, timeline, scenarios).")] = False,
) -> None:
    from assistant.facade import Assistant  # imported here to keep `--help` fast

    result = Assistant().overview()
    if as_json:
        print(json.dumps(result.to_json(part.value if part else None), ensure_ascii=False))
        return
    console = Console()
    for table in tables(result, part):
        console.print(table)


def tables(result: Overview, part: Part | None = None) -> list[Table]:
    """Readable tables of the overview (every part, or only `part`)."""
    builders = {Part.actors: _actors, Part.timeline: _timeline, Part.scenarios: _scenarios}
    return [builders[p](result) for p in Part if part in (None, p)]


def _actors(result: Overview) -> Table:
    table = Table(title="Actors", show_lines=True)
    for column in ("Group", "Name", "Role", "Mentions", "What the text says"):
        table.add_column(column, overflow="fold")
    for group in result.groups():
        for actor in (a for a in result.actors if a.group == group):
            aliases = f"\n[dim]{escape(', '.join(actor.aliases))}[/dim]" if actor.aliases else ""
            name = escape(actor.name) + aliases
            table.add_row(escape(group or NO_GROUP), name, escape(actor.role), str(actor.mentions), _quotes(actor.citations[:2]))
    return table


def _timeline(result: Overview) -> Table:
    table = Table(title="Timeline", show_lines=True)
    for column in ("Date", "As written", "Phase", "Event"):
        table.add_column(column, overflow="fold")
    for event in result.timeline:
        when = f"{event.date} ({FUTURE})" if event.future else event.date
        table.add_row(when, escape(event.label), escape(event.phase), _quotes(event.citations))
    return table


def _scenarios(result: Overview) -> Table:
    table = Table(title="Scenarios", show_lines=True)
    for scenario in result.scenarios:
        table.add_column(scenario.name, overflow="fold", ratio=1)
    kinds = ("condition", "consequence")
    table.add_row(
        *(
            "\n".join(f"[bold]{kind}[/bold]: {escape(point.text)}" for kind in kinds for point in scenario.points if point.kind == kind)
            for scenario in result.scenarios
        )
    )
    return table


def _quotes(citations: tuple[Citation, ...]) -> str:
    return "\n".join(f"“{escape(citation.quote)}” [dim]({escape(citation.chunk.section)})[/dim]" for citation in citations)
