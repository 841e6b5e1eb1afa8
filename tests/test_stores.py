"""Feedback and conversation stores: one suite, run on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from assistant.conversation import MemoryConversationStore
from assistant.conversation.shared import DatabaseConversationStore
from assistant.conversation.store import MAX_TURNS, ConversationStore
from assistant.database import MIGRATIONS, Database, DatabaseError
from assistant.feedback import FeedbackStore
from assistant.testing.local_servers import free_port
from assistant.types import Turn

pytest_plugins = ["db_helpers"]  # the database_url and postgres fixtures

ANSWER = {
    "question": "Who drafted it?",
    "standalone_question": "Who drafted the 28-point plan?",
    "answer": "Witkoff and Kushner drafted it. [1]",
    "declined": False,
    "backend": "extractive",
    "citations": [{"n": 1, "quote": "Witkoff and Jared Kushner … played a central role in drafting it"}],
    "passages": [{"text": "not kept: the passages are not what a vote judges"}],
}


# -- feedback --------------------------------------------------------------------------------------
def test_a_judgement_is_stored_with_what_it_judges(database_url: str) -> None:
    store = FeedbackStore(database_url)
    first = store.record(ANSWER, "down", source="streamlit", conversation="c1", comment="wrong person")
    second = store.record({"question": "Q?", "answer": "A."}, "up", source="streamlit")
    assert second > first
    entries = store.entries()
    assert [e.id for e in entries] == [first, second]
    entry = entries[0]
    assert (entry.source, entry.conversation, entry.rating, entry.comment) == ("streamlit", "c1", "down", "wrong person")
    assert [entry.question, entry.standalone_question, entry.answer] == [ANSWER[k] for k in ("question", "standalone_question", "answer")]
    assert entry.declined is False and entry.citations == ANSWER["citations"] and entry.backend == "extractive"
    assert entries[1].standalone_question == "Q?"  # a missing standalone question is the question
    assert [e.id for e in store.entries("up")] == [second]
    with pytest.raises(ValueError, match="'up' or 'down'"):
        store.record(ANSWER, "meh", source="streamlit")  # type: ignore[arg-type]


def test_a_second_vote_replaces_the_first(database_url: str) -> None:
    store = FeedbackStore(database_url)
    store.remember("answer-1", ANSWER, "slack:C1:1.0")
    first = store.vote("answer-1", "U1", "up", source="slack")
    assert first is not None and first[1] == "new"
    assert store.vote("answer-1", "U1", "up", source="slack") == (first[0], "same")
    assert store.vote("answer-1", "U1", "down", source="slack") == (first[0], "changed")
    other = store.vote("answer-1", "U2", "up", source="slack")
    assert other is not None and other[1] == "new" and other[0] != first[0]

    rows = {(e.voter, e.rating) for e in store.entries()}
    assert rows == {("U1", "down"), ("U2", "up")}
    entry = store.entries("down")[0]
    assert (entry.answer_id, entry.conversation, entry.question, entry.citations) == (
        "answer-1", "slack:C1:1.0", ANSWER["question"], ANSWER["citations"])  # fmt: skip
    assert store.vote("never-remembered", "U1", "up", source="slack") is None


def test_votes_from_concurrent_processes_land_in_one_table(database_url: str, tmp_path: Path) -> None:
    """Two processes (replicas) record votes at the same time; the same voter's votes stay one row."""
    FeedbackStore(database_url).remember("shared", ANSWER, "slack:C1:1.0")
    script = (
        "import sys\nfrom assistant.feedback import FeedbackStore\n"
        "store = FeedbackStore(sys.argv[1]); replica = sys.argv[2]\n"
        "store.remember('a-' + replica, {'question': 'Q', 'answer': 'A'}, None)\n"
        "for n in range(15):\n"
        "    store.vote('a-' + replica, f'U{n}', 'up', source='slack')\n"
        "    store.vote('shared', 'UALL', 'up' if n % 2 else 'down', source='slack')\n"
    )
    replicas = [subprocess.Popen([sys.executable, "-c", script, database_url, name]) for name in ("one", "two")]
    assert [process.wait(timeout=120) for process in replicas] == [0, 0]
    entries = FeedbackStore(database_url).entries()
    assert sorted(e.answer_id for e in entries if e.answer_id != "shared") == ["a-one"] * 15 + ["a-two"] * 15
    assert len([e for e in entries if e.answer_id == "shared"]) == 1


def test_a_feedback_file_from_before_versioning_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    with sqlite3.connect(path) as db:  # the schema every earlier release created
        db.execute(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, source TEXT NOT NULL,"
            " conversation TEXT, rating TEXT NOT NULL CHECK (rating IN ('up', 'down')), comment TEXT NOT NULL DEFAULT '',"
            " question TEXT NOT NULL, standalone_question TEXT NOT NULL, answer TEXT NOT NULL, declined INTEGER NOT NULL,"
            " backend TEXT NOT NULL, citations TEXT NOT NULL)"
        )
        db.execute("INSERT INTO feedback VALUES (7, '2026-01-01T00:00:00+00:00', 'slack', 'c', 'down', '', 'Q', 'Q', 'A', 0, 'x', '[]')")
    store = FeedbackStore(path)
    assert store.database.version() == len(MIGRATIONS)
    assert [(e.id, e.question, e.voter) for e in store.entries()] == [(7, "Q", None)]
    store.remember("a", ANSWER, None)
    assert store.vote("a", "U1", "up", source="slack") == (8, "new")
    assert store.vote("a", "U1", "down", source="slack") == (8, "changed")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT version FROM schema_version ORDER BY version").fetchall() == [(n,) for n in range(1, len(MIGRATIONS) + 1)]


@pytest.mark.postgres
def test_processes_opening_a_new_postgres_database_together_migrate_it_once(postgres: Any) -> None:
    url = postgres.create_database()
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Database(url)  # an engine of its own, like another process
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Database(url).engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version FROM schema_version ORDER BY version").scalars().all()
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def test_database_errors_are_one_line_naming_the_setting() -> None:
    with pytest.raises(DatabaseError, match="BRIEF_DATABASE_URL") as bad:
        Database("not a url")
    assert "\n" not in str(bad.value)
    with pytest.raises(DatabaseError, match="Unsupported database 'mysql'"):
        Database("mysql://u@127.0.0.1/x")
    closed = f"postgresql://brief:s3cret@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(DatabaseError, match="Cannot open the database") as unreachable:
        Database(closed)
    message = str(unreachable.value)
    assert "\n" not in message and "s3cret" not in message and "check BRIEF_DATABASE_URL" in message


# -- conversations -------------------------------------------------------------------------------
@pytest.fixture
def conversations(database_or_memory: str | None) -> ConversationStore:
    return MemoryConversationStore() if database_or_memory is None else DatabaseConversationStore(database_or_memory)


def _turn(n: int) -> Turn:
    return Turn(f"question {n}?", f"standalone question {n}?", f"answer {n}.")


def test_conversation_store_keeps_turns_per_conversation(conversations: ConversationStore) -> None:
    assert conversations.history(None) == () and conversations.history("unknown") == ()
    conversations.add(None, _turn(0))  # nothing is kept without an id
    conversations.add("a", _turn(1))
    conversations.add("b", _turn(2))
    conversations.add("a", _turn(3))
    assert conversations.history("a") == (_turn(1), _turn(3))
    assert conversations.history("b") == (_turn(2),)
    conversations.reset("a")
    assert conversations.history("a") == () and conversations.history("b") == (_turn(2),)


def test_conversation_store_keeps_the_latest_turns(conversations: ConversationStore) -> None:
    for n in range(MAX_TURNS + 5):
        conversations.add("long", _turn(n))
    assert conversations.history("long") == tuple(_turn(n) for n in range(5, MAX_TURNS + 5))


def test_database_conversations_are_shared_by_processes(database_url: str) -> None:
    DatabaseConversationStore(database_url).add("c", _turn(1))
    script = (
        "import sys\nfrom assistant.conversation.shared import DatabaseConversationStore\nfrom assistant.types import Turn\n"
        "store = DatabaseConversationStore(sys.argv[1])\nprint([t.question for t in store.history('c')])\n"
        "store.add('c', Turn('from the other process?', 's', 'a'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, database_url], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == ["question 1?"]
    assert [t.question for t in DatabaseConversationStore(database_url).history("c")] == ["question 1?", "from the other process?"]
