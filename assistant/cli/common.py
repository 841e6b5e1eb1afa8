"""Helpers shared by the commands: one-line errors on stderr, the project's other packages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import typer

from assistant.errors import AssistantError
from assistant.settings import PROJECT_ROOT

P = ParamSpec("P")
R = TypeVar("R")


def importable_project_packages() -> None:
    """ui/ and eval/ sit beside assistant/ at the project root; make them importable from any directory."""
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))


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
