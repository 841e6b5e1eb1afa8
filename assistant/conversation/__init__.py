"""Conversations: their history (`store`) and how follow-ups become standalone questions (`followups`)."""

from assistant.conversation.followups import rewrite_follow_up
from assistant.conversation.store import ConversationStore, MemoryConversationStore, conversation_store

__all__ = ["ConversationStore", "MemoryConversationStore", "conversation_store", "rewrite_follow_up"]
