"""`ask` (one question) and `chat` (terminal chat, or the JSON-lines contract on stdin/stdout)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from assistant.cli.common import check_top_k, fail, one_line_errors, open_assistant
from assistant.errors import AssistantError
from assistant.types import Answer

BackendOption = Annotated[str | None, typer.Option(help="extractive, or the configured LLM (BRIEF_LLM).")]
TopKOption = Annotated[int | None, typer.Option("-k", "--top-k", help="Number of passages to retrieve.")]


def register(app: typer.Typer) -> None:
    app.command(help="Answer one question.")(ask)
    app.command(help="Chat in the terminal; --jsonl reads {conversation, question} lines and prints JSON lines.")(chat)


@one_line_errors
def ask(
    question: Annotated[str, typer.Argument(help="The question.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as one JSON object.")] = False,
    backend: BackendOption = None,
    top_k: TopKOption = None,
    document: Annotated[str | None, typer.Option(help="Only search this document id.")] = None,
    section: Annotated[str | None, typer.Option(help="Only search this section.")] = None,
) -> None:
    try:
        check_top_k(top_k)
        answer = open_assistant().ask(question, backend=backend, top_k=top_k, document=document, section=section)
    except AssistantError as error:
        if as_json:
            print(json.dumps({"error": str(error)}, ensure_ascii=False))
        raise fail(str(error)) from None
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print_answer(Console(), answer)


@one_line_errors
def chat(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Read JSON lines on stdin, write JSON lines on stdout.")] = False,
    backend: BackendOption = None,
    top_k: TopKOption = None,
) -> None:
    check_top_k(top_k)
    assistant = open_assistant()
    if not jsonl:
        _interactive(assistant, backend, top_k)
        return
    answered = failed = 0
    for line in _lines(sys.stdin.buffer):
        reply = _answer_line(assistant, line, backend, top_k)
        print(json.dumps(reply, ensure_ascii=False), flush=True)
        failed += "error" in reply
        answered += "error" not in reply
    if failed and not answered:
        raise typer.Exit(code=1)


def _lines(stream: Iterable[bytes]) -> Iterator[str | UnicodeDecodeError]:
    """Non-blank lines of `stream` decoded one by one: a line that is not UTF-8 comes as its error."""
    for raw in stream:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield error
            continue
        if line.strip():
            yield line


def _answer_line(assistant, line: str | UnicodeDecodeError, backend: str | None, top_k: int | None) -> dict:  # type: ignore[no-untyped-def]
    if isinstance(line, UnicodeDecodeError):
        return {"error": f"invalid UTF-8 at byte {line.start} of the line; send UTF-8 JSON"}
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"invalid JSON: {error.msg} (column {error.colno})"}
    if not isinstance(request, dict) or "question" not in request:
        return {"error": 'each line must be an object like {"conversation": "ID", "question": "TEXT"}'}
    conversation = request.get("conversation")
    try:
        answer = assistant.ask(request["question"], str(conversation) if conversation is not None else None, backend=backend, top_k=top_k)
    except AssistantError as error:
        return {"error": str(error)}
    return answer.to_json()


def _interactive(assistant, backend: str | None, top_k: int | None) -> None:  # type: ignore[no-untyped-def]
    console = Console()
    conversation = assistant.new_conversation()
    console.print("[bold]Brief Assistant[/bold] — ask about the brief. /new starts over, /quit leaves.")
    while True:
        try:
            question = console.input("[bold cyan]you>[/bold cyan] ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if question in ("/quit", "/exit"):
            break
        if question == "/new":
            conversation = assistant.new_conversation()
            console.print("[dim]new conversation[/dim]")
            continue
        if not question:
            continue
        try:
            print_answer(console, assistant.ask(question, conversation, backend=backend, top_k=top_k))
        except AssistantError as error:
            console.print(f"[red]{escape(str(error))}[/red]")


def print_answer(console: Console, answer: Answer) -> None:
    if answer.standalone_question != answer.question:
        console.print(f"[dim]understood as: {escape(answer.standalone_question)}[/dim]")
    style = "yellow" if answer.declined else "bold"
    console.print(f"[{style}]{escape(answer.text)}[/{style}]")
    if answer.notice:
        console.print(f"[dim]{escape(answer.notice)}[/dim]")
    for citation in answer.citations:
        console.print(f"  [cyan][{citation.n}][/cyan] {escape(citation.chunk.section)}: “{escape(citation.quote)}”")
        for source in citation.linked_sources:
            console.print(f"      [dim]note {source.footnote}: {escape(source.title)} {escape(source.url)}[/dim]")
    if answer.declined and answer.passages:
        console.print("[dim]closest passages:[/dim]")
        for passage in answer.passages[:3]:
            console.print(f"  [dim]{escape(passage.chunk.section)}: {escape(passage.chunk.text[:160])}…[/dim]")
    console.print(f"[dim]{answer.backend} · {answer.timings_ms.get('total', 0):.0f} ms[/dim]")
