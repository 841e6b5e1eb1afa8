"""A thread's conversation, rebuilt from Slack: any bot process, fresh or restarted, continues it.

Every answer the bot posts carries Slack message metadata (`ANSWER_EVENT`) with the question it
answers and the standalone question it was understood as. `conversations.replies` returns the thread;
the bot's own messages (its user id or bot id) with that metadata are the turns, the message text is
the answer. Only messages before the question being answered count, so the history of a question
never changes once it is asked: a per-process cache keeps each thread's turns for `ttl_s` seconds
and asks Slack only for the messages since the last question it saw.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.bounded import BoundedMap
from assistant.conversation.store import MAX_TURNS
from assistant.types import Turn

logger = logging.getLogger(__name__)

ANSWER_EVENT = "brief_answer"
"""The metadata event type of the bot's answers."""
PAGE_SIZE = 200
MAX_PAGES = 10
CACHE_TTL_S = 60.0
MAX_THREADS = 2_000


class BotIdentity(NamedTuple):
    """Who the bot is in this workspace (bolt's context: `bot_user_id`, `bot_id`)."""

    user_id: str | None
    bot_id: str | None


def answer_metadata(question: str, standalone_question: str, answer_id: str) -> dict[str, Any]:
    """The metadata an answer is posted with, from which `ThreadHistory` rebuilds the turn."""
    payload = {"question": question, "standalone_question": standalone_question, "answer_id": answer_id}
    return {"event_type": ANSWER_EVENT, "event_payload": payload}


@dataclass(frozen=True)
class _Known:
    fetched_at: float
    through: Decimal
    """Every message before this timestamp has been read."""
    turns: tuple[tuple[Decimal, Turn], ...]


class ThreadHistory:
    """The turns of a Slack thread before a given message, from `conversations.replies` (cached)."""

    def __init__(self, ttl_s: float = CACHE_TTL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl, self._clock = ttl_s, clock
        self._threads: BoundedMap[tuple[str, str], _Known] = BoundedMap(MAX_THREADS)

    def turns(self, client: WebClient, bot: BotIdentity, channel: str, thread_ts: str, before_ts: str) -> tuple[Turn, ...]:
        """The last MAX_TURNS turns of the thread before message `before_ts`; () when Slack cannot say."""
        before = _ts(before_ts)
        key = (channel, thread_ts)
        known = self._threads.get(key)
        if known is not None and self._clock() - known.fetched_at >= self._ttl:
            known = None
        try:
            if known is None:
                known = _Known(self._clock(), before, self._read(client, bot, channel, thread_ts, None, before))
            elif before > known.through:
                new = self._read(client, bot, channel, thread_ts, known.through, before)
                seen = {ts for ts, _ in known.turns}
                merged = (*known.turns, *(turn for turn in new if turn[0] not in seen))
                known = _Known(known.fetched_at, before, merged[-MAX_TURNS:])
        except SlackApiError as error:
            logger.warning("conversations.replies for %s/%s failed (%s): answering without the thread", channel, thread_ts,
                           error.response.get("error"))  # fmt: skip
            return ()
        self._threads.put(key, known)
        return tuple(turn for ts, turn in known.turns if ts < before)[-MAX_TURNS:]

    def _read(
        self, client: WebClient, bot: BotIdentity, channel: str, thread_ts: str, oldest: Decimal | None, latest: Decimal
    ) -> tuple[tuple[Decimal, Turn], ...]:
        turns: list[tuple[Decimal, Turn]] = []
        cursor = None
        for _ in range(MAX_PAGES):
            reply = client.conversations_replies(
                channel=channel, ts=thread_ts, oldest=f"{oldest}" if oldest is not None else None, latest=f"{latest}", inclusive=False,
                limit=PAGE_SIZE, cursor=cursor, include_all_metadata=True,
            )  # fmt: skip
            turns.extend(turn for message in reply.get("messages") or [] if (turn := _turn(message, bot)) is not None)
            cursor = (reply.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        else:
            logger.warning("thread %s/%s is longer than %d messages: its latest turns may be missing", channel, thread_ts,
                           PAGE_SIZE * MAX_PAGES)  # fmt: skip
        return tuple(turns[-MAX_TURNS:])


def _turn(message: dict[str, Any], bot: BotIdentity) -> tuple[Decimal, Turn] | None:
    """The turn an answer of this bot records, or None for any other message."""
    ours = (bot.user_id and message.get("user") == bot.user_id) or (bot.bot_id and message.get("bot_id") == bot.bot_id)
    metadata = message.get("metadata") or {}
    if not ours or metadata.get("event_type") != ANSWER_EVENT:
        return None
    payload = metadata.get("event_payload") or {}
    question = str(payload.get("question") or "")
    try:
        ts = _ts(str(message.get("ts")))
    except ValueError:
        return None
    return ts, Turn(question, str(payload.get("standalone_question") or question), str(message.get("text") or ""))


def _ts(value: str) -> Decimal:
    """Slack timestamps ("1712345678.123456") compare as numbers, not as text."""
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a Slack timestamp: {value!r}") from None
