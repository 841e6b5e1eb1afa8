"""Conversations: their history (`store`) and how follow-ups become standalone questions (`followups`)."""

from assistant.conversation.followups import rewrite_follow_up
from assistant.conversation.store import ConversationStore

__all__ = ["ConversationStore", "rewrite_follow_up"]
