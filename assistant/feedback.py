"""Feedback store (SQLite) shared by the Streamlit app, the Slack bot and the eval scripts."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from assistant.types import Answer

Rating = Literal["up", "down"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    source TEXT NOT NULL,
    conversation TEXT,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    standalone_question TEXT NOT NULL,
    answer TEXT NOT NULL,
    declined INTEGER NOT NULL,
    backend TEXT NOT NULL,
    citations TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class FeedbackEntry:
    id: int
    created_at: str
    source: str
    conversation: str | None
    rating: Rating
    comment: str
    question: str
    standalone_question: str
    answer: str
    declined: bool
    backend: str
    citations: list[dict[str, Any]]


class FeedbackStore:
    """Append-only thumbs up/down with the question, answer and citations they judge."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=10)

    def record(
        self, answer: Answer | dict[str, Any], rating: Rating, *, source: str, conversation: str | None = None, comment: str = ""
    ) -> int:
        """Store one judgement; `answer` is an Answer or its JSON form. Returns the entry id."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        payload = answer.to_json() if isinstance(answer, Answer) else answer
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            source,
            conversation,
            rating,
            comment[:2000],
            payload["question"],
            payload.get("standalone_question", payload["question"]),
            payload["answer"],
            int(bool(payload.get("declined"))),
            payload.get("backend", ""),
            json.dumps(payload.get("citations", []), ensure_ascii=False),
        )
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, source, conversation, rating, comment, question, standalone_question,"
                " answer, declined, backend, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid or 0)

    def entries(self, rating: Rating | None = None) -> list[FeedbackEntry]:
        query = "SELECT * FROM feedback" + (" WHERE rating = ?" if rating else "") + " ORDER BY id"
        with self._connect() as db:
            rows = db.execute(query, (rating,) if rating else ()).fetchall()
        return [FeedbackEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10], json.loads(r[11])) for r in rows]
