"""Conversation turns in the shared database (assistant/database.py): every process sees every turn."""

from __future__ import annotations

from sqlalchemy import delete, select

from assistant.conversation.store import MAX_TURNS
from assistant.database import conversation_turns, open_database, utc_timestamp
from assistant.types import Turn


class DatabaseConversationStore:
    """Turns in the shared database (`settings.database`): every process sees every turn."""

    def __init__(self, database_url: str) -> None:
        self._engine = open_database(database_url).engine

    def history(self, conversation_id: str | None) -> tuple[Turn, ...]:
        if conversation_id is None:
            return ()
        table = conversation_turns
        query = select(table.c.question, table.c.standalone_question, table.c.answer).where(table.c.conversation == conversation_id)
        with self._engine.connect() as connection:
            rows = connection.execute(query.order_by(table.c.id.desc()).limit(MAX_TURNS)).all()
        return tuple(Turn(*row) for row in reversed(rows))

    def add(self, conversation_id: str | None, turn: Turn) -> None:
        if conversation_id is None:
            return
        table = conversation_turns
        with self._engine.begin() as connection:
            connection.execute(
                table.insert().values(
                    conversation=conversation_id,
                    question=turn.question,
                    standalone_question=turn.standalone_question,
                    answer=turn.answer,
                    created_at=utc_timestamp(),
                )
            )
            oldest_kept = (
                select(table.c.id).where(table.c.conversation == conversation_id).order_by(table.c.id.desc()).offset(MAX_TURNS - 1).limit(1)
            ).scalar_subquery()
            connection.execute(delete(table).where(table.c.conversation == conversation_id, table.c.id < oldest_kept))

    def reset(self, conversation_id: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(conversation_turns).where(conversation_turns.c.conversation == conversation_id))
