"""Database fixtures: a real PostgreSQL server per test session (assistant/testing/postgres.py) and
`database_url`, which runs a test once on a SQLite file and once on a fresh PostgreSQL database.

A test module that uses them declares `pytest_plugins = ["db_helpers"]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.testing.postgres import PostgresServer, running_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
"""Parameters of a fixture that runs its tests on each engine (see `new_database`)."""


def new_database(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a database of its own for the test: a SQLite file, or a new database on the session's PostgreSQL."""
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / 'brief.sqlite'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_database(request.param, request, tmp_path)


@pytest.fixture(params=["memory", *ENGINES])
def database_or_memory(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """Like `database_url`, and once more with None: for stores that also have an in-memory kind."""
    return None if request.param == "memory" else new_database(request.param, request, tmp_path)
