"""Feedback store shared by the Streamlit app, the Slack bot and the eval scripts, on the shared database
(a SQLite file by default, PostgreSQL when `BRIEF_DATABASE_URL` is set: assistant/database.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from assistant.database import Database, answers, feedback, open_database, sqlite_url, utc_timestamp
from assistant.types import Answer

Rating = Literal["up", "down"]
Vote = Literal["new", "changed", "same"]
"""What a vote did: first vote of this user on this answer, a changed vote, or the same vote again."""

ANSWER_RETENTION = timedelta(days=30)
"""Answers are kept this long so that a vote on them can be recorded by any process."""
_PAYLOAD_KEYS = ("question", "standalone_question", "answer", "declined", "backend", "citations")


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
    answer_id: str | None = None
    voter: str | None = None


class FeedbackStore:
    """Thumbs up/down with the question, answer and citations they judge; one vote per voter per answer."""

    def __init__(self, target: Path | str) -> None:
        """`target`: a SQLite file, or a database URL (`settings.database`)."""
        self.database: Database = open_database(target if isinstance(target, str) else sqlite_url(target))
        self._engine = self.database.engine

    def record(
        self, answer: Answer | dict[str, Any], rating: Rating, *, source: str, conversation: str | None = None, comment: str = ""
    ) -> int:
        """Store one judgement; `answer` is an Answer or its JSON form. Returns the entry id."""
        with self._engine.begin() as connection:
            return _insert(connection, _row(_payload(answer), rating, source, conversation, comment))

    def remember(self, answer_id: str, answer: Answer | dict[str, Any], conversation: str | None) -> None:
        """Keep `answer` (without its passages) so that a vote on `answer_id` can be recorded by any process."""
        now = datetime.now(UTC)
        with self._engine.begin() as connection:
            connection.execute(answers.delete().where(answers.c.created_at < utc_timestamp(now - ANSWER_RETENTION)))
            row = {"id": answer_id, "created_at": utc_timestamp(now), "conversation": conversation}
            connection.execute(answers.insert().values(**row, payload=json.dumps(_payload(answer), ensure_ascii=False)))

    def vote(self, answer_id: str, voter: str, rating: Rating, *, source: str) -> tuple[int, Vote] | None:
        """Record `voter`'s rating of a remembered answer, replacing their earlier vote on it.

        Returns the entry id and what the vote did, or None when the answer is unknown (or older than
        ANSWER_RETENTION)."""
        with self._engine.begin() as connection:
            stored = connection.execute(select(answers.c.payload, answers.c.conversation).where(answers.c.id == answer_id)).first()
            if stored is None:
                return None
            key = (feedback.c.answer_id == answer_id) & (feedback.c.voter == voter)
            earlier = connection.execute(select(feedback.c.id, feedback.c.rating).where(key).with_for_update()).first()
            if earlier is not None and earlier.rating == rating:
                return int(earlier.id), "same"
            if earlier is not None:
                changed = {"rating": _rating(rating), "created_at": utc_timestamp()}
                connection.execute(update(feedback).where(feedback.c.id == earlier.id).values(**changed))
                return int(earlier.id), "changed"
            row = {**_row(json.loads(stored.payload), rating, source, stored.conversation, ""), "answer_id": answer_id, "voter": voter}
            return _upsert_vote(connection, row), "new"

    def entries(self, rating: Rating | None = None) -> list[FeedbackEntry]:
        query = select(feedback).order_by(feedback.c.id)
        if rating:
            query = query.where(feedback.c.rating == rating)
        with self._engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [
            FeedbackEntry(**{**row, "declined": bool(row["declined"]), "citations": json.loads(row["citations"])})  # type: ignore[arg-type]
            for row in rows
        ]


def _payload(answer: Answer | dict[str, Any]) -> dict[str, Any]:
    payload = answer.to_json() if isinstance(answer, Answer) else answer
    return {key: payload[key] for key in _PAYLOAD_KEYS if key in payload}


def _rating(rating: str) -> str:
    if rating not in ("up", "down"):
        raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
    return rating


def _row(payload: dict[str, Any], rating: str, source: str, conversation: str | None, comment: str) -> dict[str, Any]:
    return {
        "created_at": utc_timestamp(),
        "source": source,
        "conversation": conversation,
        "rating": _rating(rating),
        "comment": comment[:2000],
        "question": payload["question"],
        "standalone_question": payload.get("standalone_question", payload["question"]),
        "answer": payload["answer"],
        "declined": int(bool(payload.get("declined"))),
        "backend": payload.get("backend", ""),
        "citations": json.dumps(payload.get("citations", []), ensure_ascii=False),
    }


def _insert(connection: Connection, row: dict[str, Any]) -> int:
    return int(connection.execute(feedback.insert().values(**row).returning(feedback.c.id)).scalar_one())


def _upsert_vote(connection: Connection, row: dict[str, Any]) -> int:
    """Insert a first vote; a concurrent first vote of the same voter (another process) is replaced instead."""
    dialect_insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(feedback).values(**row)
    statement = statement.on_conflict_do_update(
        index_elements=[feedback.c.answer_id, feedback.c.voter], set_={"rating": row["rating"], "created_at": row["created_at"]}
    )
    return int(connection.execute(statement.returning(feedback.c.id)).scalar_one())
