"""The Slack bot: a slack_bolt App whose handlers ask the shared Assistant and reply in threads.

Events are acknowledged at once (bolt acks Events API requests before running the listener in
its thread pool), so answering may take longer than Slack's 3 seconds. The bot keeps no state of
its own: a thread's history comes from Slack (ui/slack/history.py), answers and votes go to the
shared feedback store, so any number of bot processes can serve one app.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from sqlalchemy.exc import SQLAlchemyError

from assistant.bounded import BoundedMap
from assistant.corpus.profile import CorpusProfile
from assistant.errors import AssistantError
from assistant.feedback import FeedbackStore, Rating
from assistant.index.overview import Overview
from assistant.types import Answer, Turn
from ui.slack import messages as msg
from ui.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP, render_answer
from ui.slack.config import SlackSettings
from ui.slack.history import BotIdentity, ThreadHistory, answer_metadata
from ui.slack.overview_blocks import overview_request, render_overview

logger = logging.getLogger(__name__)

PROGRESS_REACTION = "eyes"
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_EMOJI = {"up": "👍", "down": "👎"}


class Asks(Protocol):
    """What the bot needs of the Assistant facade."""

    def ask(self, question: str, conversation_id: str | None = None, *, history: tuple[Turn, ...] | None = None) -> Answer: ...

    def overview(self) -> Overview: ...

    @property
    def profile(self) -> CorpusProfile: ...


class RateLimiter:
    """At most `limit` questions per user in any `window_s` seconds."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit, self._window, self._clock = limit, window_s, clock
        self._asked: BoundedMap[str, deque[float]] = BoundedMap(10_000)
        self._lock = threading.Lock()

    def wait_s(self, user: str) -> float:
        """0 and the question counts, or the seconds until this user may ask again."""
        now = self._clock()
        with self._lock:
            times: deque[float] = self._asked.get(user) or deque()
            while times and now - times[0] >= self._window:
                times.popleft()
            if len(times) >= self._limit:
                return max(self._window - (now - times[0]), 1.0)
            times.append(now)
            self._asked.put(user, times)
            return 0.0


def conversation_id(channel: str, thread_ts: str) -> str:
    """A Slack thread is one conversation."""
    return f"slack:{channel}:{thread_ts}"


class SlackBot:
    """Owns the bolt `App`; `bot.app` is what the HTTP server or Socket Mode handler runs."""

    def __init__(self, assistant: Asks, feedback: FeedbackStore, settings: SlackSettings | None = None) -> None:
        self.settings = settings or SlackSettings()
        self.assistant = assistant
        self.feedback = feedback
        token = self.settings.bot_token.get_secret_value() if self.settings.bot_token else None
        secret = self.settings.signing_secret.get_secret_value() if self.settings.signing_secret else ""
        self.client = WebClient(token=token, base_url=self.settings.api_url)
        self.client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
        self.app = App(client=self.client, signing_secret=secret, name="brief-assistant", process_before_response=False)
        self._seen_events: BoundedMap[str, bool] = BoundedMap(5_000)
        self._history = ThreadHistory(self.settings.history_ttl_s)
        self._limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window_s)

        self.app.use(self._deduplicate)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.app.action(FEEDBACK_UP)(self._on_feedback)
        self.app.action(FEEDBACK_DOWN)(self._on_feedback)

    # -- middleware -------------------------------------------------------------------------
    def _deduplicate(self, req: BoltRequest, next: Callable[[], BoltResponse]) -> BoltResponse | None:
        """Answer each event once: Slack retries (X-Slack-Retry-Num) carry the same event_id."""
        event_id = req.body.get("event_id") if isinstance(req.body, dict) else None
        if event_id and not self._seen_events.add_new(str(event_id), True):
            retry = (req.headers.get("x-slack-retry-num") or ["?"])[0]
            logger.info("skipping duplicate event %s (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        return next()

    # -- events -----------------------------------------------------------------------------
    def _on_mention(self, event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if _from_bot(event) or event.get("channel_type") == "im":
            return  # direct messages are answered by _on_message
        part = overview_request(_MENTION.sub(" ", event.get("text") or ""))
        if part is not None:
            overview = render_overview(self.assistant.overview(), part)
            self._post(client, event["channel"], event.get("thread_ts") or event["ts"], *overview)
            return
        self._answer(client, event, BotIdentity(context.bot_user_id, context.bot_id))

    def _on_message(self, event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or _from_bot(event):
            return  # edits, joins and bots; channel messages need a mention
        self._answer(client, event, BotIdentity(context.bot_user_id, context.bot_id))

    def _answer(self, client: WebClient, event: dict[str, Any], bot: BotIdentity) -> None:
        channel, ts, user = event["channel"], event["ts"], event.get("user", "")
        thread_ts = event.get("thread_ts") or ts
        question = " ".join(_MENTION.sub(" ", event.get("text") or "").split())
        if not question:
            self._post(client, channel, thread_ts, _usage(self.assistant.profile))
            return
        wait = self._limiter.wait_s(user)
        if wait:
            logger.info("rate limited user %s for %.0f s", user, wait)
            self._ephemeral(client, channel, user, thread_ts, msg.RATE_LIMITED.format(seconds=wait))
            return
        conversation = conversation_id(channel, thread_ts)
        self._react(client.reactions_add, channel, ts)
        try:
            history = self._history.turns(client, bot, channel, thread_ts, ts) if thread_ts != ts else ()
            answer = self.assistant.ask(question, conversation, history=history)
            answer_id = uuid.uuid4().hex
            self._remember(answer_id, answer, conversation)
            text, blocks = render_answer(answer, answer_id)
            metadata = answer_metadata(answer.question, answer.standalone_question, answer_id)
            self._post(client, channel, thread_ts, text, blocks, metadata)
        except AssistantError as error:
            self._post(client, channel, thread_ts, str(error))
        except Exception:
            error_id = uuid.uuid4().hex[:10]
            logger.exception("answering failed, error id %s (conversation %s)", error_id, conversation)
            self._post(client, channel, thread_ts, msg.APOLOGY.format(error_id=error_id))
        finally:
            self._react(client.reactions_remove, channel, ts)

    # -- interactivity ----------------------------------------------------------------------
    def _on_feedback(self, ack: Callable[[], Any], body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        rating: Rating = "up" if action.get("action_id") == FEEDBACK_UP else "down"
        answer_id = str(action.get("value", ""))
        user = body.get("user", {}).get("id", "")
        channel = body.get("channel", {}).get("id", "")
        container = body.get("container", {})
        thread_ts = container.get("thread_ts") or body.get("message", {}).get("thread_ts") or container.get("message_ts")
        try:
            vote = self.feedback.vote(answer_id, user, rating, source="slack")
        except SQLAlchemyError:
            error_id = uuid.uuid4().hex[:10]
            logger.exception("recording feedback failed, error id %s", error_id)
            self._ephemeral(client, channel, user, thread_ts, msg.APOLOGY.format(error_id=error_id))
            return
        if vote is None:
            self._ephemeral(client, channel, user, thread_ts, msg.FEEDBACK_EXPIRED)
            return
        entry, outcome = vote
        logger.info("feedback %s (%s) recorded as entry %d", rating, outcome, entry)
        notes = {"new": msg.FEEDBACK_THANKS, "changed": msg.FEEDBACK_CHANGED, "same": msg.FEEDBACK_ALREADY}
        self._ephemeral(client, channel, user, thread_ts, notes[outcome].format(emoji=_EMOJI[rating]))

    def _remember(self, answer_id: str, answer: Answer, conversation: str) -> None:
        """Keep the answer for votes from any bot process; without the database it is still posted."""
        try:
            self.feedback.remember(answer_id, answer, conversation)
        except SQLAlchemyError as error:
            logger.error("could not keep answer %s for feedback (%s): its votes will not be recorded", answer_id, type(error).__name__)

    # -- Web API calls that must not stop the bot ---------------------------------------------
    def _post(
        self, client: WebClient, channel: str, thread_ts: str, text: str, blocks: list[dict[str, Any]] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:  # fmt: skip
        try:
            client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, metadata=metadata, unfurl_links=False, unfurl_media=False
            )
        except SlackApiError as error:
            logger.error("chat.postMessage to %s failed: %s", channel, error.response.get("error"))

    def _ephemeral(self, client: WebClient, channel: str, user: str, thread_ts: str | None, text: str) -> None:
        try:
            client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=text)
        except SlackApiError as error:
            logger.error("chat.postEphemeral to %s failed: %s", channel, error.response.get("error"))

    def _react(self, call: Callable[..., Any], channel: str, ts: str) -> None:
        try:
            call(channel=channel, timestamp=ts, name=PROGRESS_REACTION)
        except SlackApiError as error:  # e.g. already_reacted, missing reactions:write
            logger.warning("reaction %s failed: %s", PROGRESS_REACTION, error.response.get("error"))


def _usage(profile: CorpusProfile) -> str:
    """The reply to a mention with no question: an example from the corpus profile when it has one."""
    if profile.starter_questions:
        return msg.EMPTY_MENTION_EXAMPLE.format(example=profile.starter_questions[0])
    return msg.EMPTY_MENTION


def _from_bot(event: dict[str, Any]) -> bool:
    return bool(event.get("bot_id") or event.get("subtype") == "bot_message" or event.get("bot_profile"))


class RedactSecrets(logging.Filter):
    """Replace secret values in log records (defence in depth: nothing should log them anyway)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            for secret in self._secrets:
                message = message.replace(secret, "[redacted]")
            record.msg, record.args = message, None
        return True
