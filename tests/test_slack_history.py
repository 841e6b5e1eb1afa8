"""A thread's turns rebuilt from Slack (ui/slack/history.py) with the real WebClient against the fake
Web API: only the bot's own answers count, only those before the question, the latest MAX_TURNS of
them, and the per-process cache asks Slack only for what is new until its TTL runs out."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from slack_sdk import WebClient

from assistant.conversation.store import MAX_TURNS
from assistant.testing.fake_slack_api import BOT_ID, BOT_TOKEN, BOT_USER, FakeSlackAPI
from assistant.types import Turn
from ui.slack import history
from ui.slack.history import BotIdentity, ThreadHistory, answer_metadata

BOT = BotIdentity(BOT_USER, BOT_ID)
CHANNEL = "CHIST"


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI()
    yield fake
    fake.server.shutdown()


@pytest.fixture
def client(slack: FakeSlackAPI) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=slack.url)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def exchange(slack: FakeSlackAPI, client: WebClient, thread: str | None, n: int) -> tuple[str, str]:
    """A user's question in the thread and the bot's answer to it: (thread ts, question ts)."""
    slack.event("app_mention", f"<@{BOT_USER}> question {n}?", channel=CHANNEL, thread_ts=thread)
    question_ts = slack.messages[CHANNEL][-1]["ts"]
    thread = thread or question_ts
    metadata = answer_metadata(f"question {n}?", f"standalone question {n}?", f"answer-{n}")
    client.chat_postMessage(channel=CHANNEL, thread_ts=thread, text=f"answer {n}.", metadata=metadata)
    return thread, question_ts


def turn(n: int) -> Turn:
    return Turn(f"question {n}?", f"standalone question {n}?", f"answer {n}.")


def next_question(slack: FakeSlackAPI, thread: str) -> str:
    slack.event("app_mention", f"<@{BOT_USER}> and then?", channel=CHANNEL, thread_ts=thread)
    return str(slack.messages[CHANNEL][-1]["ts"])


def replies_calls(slack: FakeSlackAPI) -> list[dict[str, str]]:
    return slack.of("conversations.replies", channel=CHANNEL)


def test_turns_are_the_bots_answers_before_the_question(slack: FakeSlackAPI, client: WebClient) -> None:
    thread, _ = exchange(slack, client, None, 1)
    # another app answering in the thread, with the same metadata, is not the bot
    after_first = f"{Decimal(slack.messages[CHANNEL][-1]['ts']) + Decimal('0.000001'):.6f}"
    slack.messages[CHANNEL].append({"type": "message", "user": "UOTHER", "bot_id": "BOTHER", "text": "not ours", "ts": after_first,
                                    "thread_ts": thread, "metadata": answer_metadata("q", "q", "x")})  # fmt: skip
    _, second_ts = exchange(slack, client, thread, 2)
    assert ThreadHistory().turns(client, BOT, CHANNEL, thread, second_ts) == (turn(1),)
    assert ThreadHistory().turns(client, BOT, CHANNEL, thread, next_question(slack, thread)) == (turn(1), turn(2))
    assert ThreadHistory().turns(client, BotIdentity("USOMEONE", "BSOMEONE"), CHANNEL, thread, next_question(slack, thread)) == ()


def test_the_cache_asks_only_for_new_messages_until_its_ttl(slack: FakeSlackAPI, client: WebClient) -> None:
    clock = Clock()
    cache = ThreadHistory(ttl_s=60, clock=clock)
    thread, _ = exchange(slack, client, None, 1)
    first = next_question(slack, thread)
    assert cache.turns(client, BOT, CHANNEL, thread, first) == (turn(1),)
    assert replies_calls(slack)[-1].get("oldest") is None  # the whole thread

    exchange(slack, client, thread, 2)  # answered by another replica: this process did not post it
    second = next_question(slack, thread)
    clock.now = 30
    assert cache.turns(client, BOT, CHANNEL, thread, second) == (turn(1), turn(2))
    assert replies_calls(slack)[-1]["oldest"] == first and replies_calls(slack)[-1]["latest"] == second

    calls = len(replies_calls(slack))
    assert cache.turns(client, BOT, CHANNEL, thread, first) == (turn(1),)  # an earlier question again (a late event): no call
    assert len(replies_calls(slack)) == calls

    clock.now = 61  # past the TTL: the whole thread again (edits and deletions show)
    slack.messages[CHANNEL] = [m for m in slack.messages[CHANNEL] if m.get("text") != "answer 1."]
    assert cache.turns(client, BOT, CHANNEL, thread, next_question(slack, thread)) == (turn(2),)
    assert replies_calls(slack)[-1].get("oldest") is None


def test_long_threads_keep_the_latest_turns_across_pages(slack: FakeSlackAPI, client: WebClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "PAGE_SIZE", 7)
    thread, _ = exchange(slack, client, None, 0)
    for n in range(1, MAX_TURNS + 5):
        exchange(slack, client, thread, n)
    turns = ThreadHistory().turns(client, BOT, CHANNEL, thread, next_question(slack, thread))
    assert turns == tuple(turn(n) for n in range(5, MAX_TURNS + 5))
    assert len(replies_calls(slack)) > 1 and all(call["limit"] == "7" for call in replies_calls(slack))


def test_a_thread_slack_cannot_return_means_no_history(slack: FakeSlackAPI, client: WebClient, caplog: pytest.LogCaptureFixture) -> None:
    assert ThreadHistory().turns(client, BOT, CHANNEL, "123.456", "124.000") == ()
    assert "thread_not_found" in caplog.text
