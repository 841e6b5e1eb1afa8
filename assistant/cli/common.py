"""Helpers shared by the commands: one-line errors on stderr, opening the Assistant as a reader."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer

from assistant.errors import AssistantError, IndexMissingError, InputError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.facade import Assistant

P = ParamSpec("P")
R = TypeVar("R")

TOP_K_RANGE = (1, 50)
WAIT_FOR_WRITER_S = 600.0
"""How long a reader that finds no index waits for another process building one."""


def fail(message: str) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(code=1)


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def one_line_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn AssistantError into `error: …` on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except AssistantError as error:
            raise fail(str(error)) from None

    return wrapper


def check_top_k(top_k: int | None) -> None:
    """Refuse a `-k/--top-k` outside 1–50 (an InputError, so a one-line error)."""
    low, high = TOP_K_RANGE
    if top_k is not None and not low <= top_k <= high:
        raise InputError(f"-k/--top-k must be between {low} and {high} (got {top_k}).")


def open_assistant(settings: Settings | None = None) -> Assistant:
    """The Assistant over the current build, as a reader: it never takes the write lock, except to
    build an index when there is none at all (waiting for another process building one). Warnings of
    the index (a fallback build, a changed corpus) go to stderr, one line each."""
    from assistant.facade import Assistant
    from assistant.index.build import build_index

    settings = settings or Settings()
    try:
        assistant = Assistant(settings)
    except IndexMissingError:
        warn(f"no index at {settings.index_dir} yet: building it from {settings.corpus_dir} (once)…")
        build_index(settings, notify=warn, wait_s=WAIT_FOR_WRITER_S)
        assistant = Assistant(settings)
    for message in assistant.index.warnings:
        warn(message)
    return assistant

