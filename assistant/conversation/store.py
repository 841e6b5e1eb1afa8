"""Conversation history: turns per conversation id."""

from __future__ import annotations

from assistant.bounded import BoundedMap
from assistant.types import Turn

MAX_CONVERSATIONS = 1000
MAX_TURNS = 20


class ConversationStore:
    """Turns per conversation id; bounded, thread-safe (a UI and a bot may share it)."""

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
