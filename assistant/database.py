"""The shared database of feedback, answers and conversations: SQLite (embedded default) or PostgreSQL.

SQLAlchemy Core gives one code path for both engines (parameters, types, upserts, connection
pools); psycopg 3 is the PostgreSQL driver underneath. The schema is versioned: a
`schema_version` table records the migrations applied, and `open_database` applies the missing
ones on first use, in one transaction that concurrent processes take in turn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from assistant.errors import AssistantError

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, primary_key=True), Column("applied_at", String(32)))



def _feedback_columns() -> list[Column]:  # type: ignore[type-arg]
    """The feedback table as SQLite files held it before the schema was versioned."""
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("created_at", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("conversation", Text),
        Column("rating", Text, nullable=False),
        Column("comment", Text, nullable=False, default=""),
        Column("question", Text, nullable=False),
        Column("standalone_question", Text, nullable=False),
        Column("answer", Text, nullable=False),
        Column("declined", Integer, nullable=False),
        Column("backend", Text, nullable=False),
        Column("citations", Text, nullable=False),
    ]


feedback = Table("feedback", metadata, *_feedback_columns(), Column("answer_id", Text), Column("voter", Text))
Index("feedback_one_vote", feedback.c.answer_id, feedback.c.voter, unique=True)

answers = Table(
    "answers",
    metadata,
    Column("id", Text, primary_key=True),
    Column("created_at", Text, nullable=False, index=True),
    Column("conversation", Text),
    Column("payload", Text, nullable=False),
)

conversation_turns = Table(
    "conversation_turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation", Text, nullable=False, index=True),
    Column("question", Text, nullable=False),
    Column("standalone_question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)


class DatabaseError(AssistantError):
    """The database URL is wrong or the database cannot be reached."""


# -- migrations ---------------------------------------------------------------------------------
def _create(table: Table) -> Callable[[Connection], None]:
    def create(connection: Connection) -> None:
        table.create(connection, checkfirst=True)
        for index in table.indexes:
            index.create(connection, checkfirst=True)

    return create


def _vote_columns(connection: Connection) -> None:
    """Feedback files from before versioning lack the vote key: add it."""
    present = {column["name"] for column in inspect(connection).get_columns("feedback")}
    for name in ("answer_id", "voter"):
        if name not in present:
            connection.execute(text(f"ALTER TABLE feedback ADD COLUMN {name} TEXT"))
    for index in feedback.indexes:
        index.create(connection, checkfirst=True)


def _feedback_v1(connection: Connection) -> None:
    """The feedback table as SQLite files held it before the schema was versioned (kept when present)."""
    if not inspect(connection).has_table("feedback"):
        Table("feedback", MetaData(), *_feedback_columns()).create(connection)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("feedback", _feedback_v1),
    ("one vote per user per answer", _vote_columns),
    ("answers, so that any process can record a vote on them", _create(answers)),
    ("conversation turns shared by processes", _create(conversation_turns)),
)
"""Applied in order; schema version N means the first N are applied. Append, never edit."""


def _migrate(engine: Engine) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(4206661)"))  # one migrating process at a time
        schema_version.create(connection, checkfirst=True)
        applied = connection.execute(select(schema_version.c.version)).scalars().all()
        current = max(applied, default=0)
        for version, (_, step) in enumerate(MIGRATIONS, start=1):
            if version > current:
                step(connection)
                connection.execute(schema_version.insert().values(version=version, applied_at=utc_timestamp()))


def utc_timestamp(moment: datetime | None = None) -> str:
    """ISO 8601 in UTC to the second: sorts as text, the same on every engine."""
    return (moment or datetime.now(UTC)).isoformat(timespec="seconds")


# -- engines ------------------------------------------------------------------------------------
def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"BRIEF_DATABASE_URL {url!r} is not a database URL: use postgresql://USER:PASSWORD@HOST:PORT/DB.") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    if parsed.get_backend_name() != "postgresql":
        backend = parsed.get_backend_name()
        raise DatabaseError(f"Unsupported database {backend!r}: set BRIEF_DATABASE_URL to postgresql://… or unset it for SQLite.")
    try:
        return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args={"connect_timeout": 10})
    except NoSuchModuleError as error:
        raise DatabaseError(f"No driver for {parsed.drivername}: install the pinned requirements (`make run`).") from error


def _sqlite_connect(connection, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL lets readers and one writer of several processes share the file; transactions are begun by SQLAlchemy."""
    connection.isolation_level = None
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA busy_timeout=30000")


class Database:
    """An engine whose schema is current; one per URL per process (`open_database`)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        try:
            _migrate(self.engine)
        except OperationalError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise DatabaseError(f"Cannot open the database {self.safe_url}: {reason} — check BRIEF_DATABASE_URL.") from None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def safe_url(self) -> str:
        """The URL without its password, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    def version(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc())).scalar() or 0)


_open: dict[str, Database] = {}
_open_lock = threading.Lock()


def open_database(url: str) -> Database:
    """The process's Database for `url` (created, and migrated, on first use)."""
    with _open_lock:
        if url not in _open:
            _open[url] = Database(url)
        return _open[url]
