"""Conversation history: turns per conversation id, for front ends whose platform does not keep it.

`MemoryConversationStore` (the default) lives in one process; `DatabaseConversationStore`
(conversation/shared.py) keeps the turns in the shared database so that several processes, on one
machine (SQLite) or several (PostgreSQL), continue the same conversation. Slack keeps its threads itself:
the Slack bot rebuilds history from them and passes it to the facade instead.
"""

from __future__ import annotations

from typing import Protocol

from assistant.bounded import BoundedMap
from assistant.settings import Settings
from assistant.types import Turn

MAX_CONVERSATIONS = 1000
MAX_TURNS = 20


class ConversationStore(Protocol):
    """Where the facade keeps the turns of each conversation."""

    def history(self, conversation_id: str | None) -> tuple[Turn, ...]:
        """The last MAX_TURNS turns, oldest first; () for None or an unknown id."""
        ...

    def add(self, conversation_id: str | None, turn: Turn) -> None:
        """Append a turn (nothing is kept for None)."""
        ...

    def reset(self, conversation_id: str) -> None:
        """Forget a conversation."""
        ...


class MemoryConversationStore:
    """Turns per conversation id in this process; bounded, thread-safe (a UI and a bot may share it)."""

    def __init__(self) -> None:
        self._turns: BoundedMap[str, tuple[Turn, ...]] = BoundedMap(MAX_CONVERSATIONS)

    def history(self, conversation_id: str | None) -> tuple[Turn, ...]:
        if conversation_id is None:
            return ()
        return self._turns.get(conversation_id) or ()

    def add(self, conversation_id: str | None, turn: Turn) -> None:
        if conversation_id is None:
            return
        self._turns.update(conversation_id, lambda turns: ((*(turns or ()), turn))[-MAX_TURNS:])

    def reset(self, conversation_id: str) -> None:
        self._turns.pop(conversation_id)


def conversation_store(settings: Settings) -> ConversationStore:
    """The store `settings.conversations` names: this process's memory, or the shared database."""
    if settings.conversations == "database":
        from assistant.conversation.shared import DatabaseConversationStore

        return DatabaseConversationStore(settings.database)
    return MemoryConversationStore()
