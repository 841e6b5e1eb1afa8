"""Helpers shared by the commands: one-line errors on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import typer

from assistant.errors import AssistantError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(code=1)


def one_line_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn AssistantError into `error: …` on stderr and exit status 1."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except AssistantError as error:
            raise fail(str(error)) from None

    return wrapper
