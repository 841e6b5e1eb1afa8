"""The Slack bot end to end over real HTTP on 127.0.0.1: a fake Slack Web API, the bot served by its
threaded WSGI server, and signed Events API / interactivity POSTs like Slack sends."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import messages
from assistant.corpus.profile import CorpusProfile
from assistant.feedback import FeedbackStore
from assistant.settings import CHECKOUT
from assistant.testing.fake_slack_api import BOT_TOKEN, BOT_USER, SIGNING_SECRET, FakeSlackAPI, button_click, post
from ui.slack import messages as msg
from ui.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP, MAX_BLOCKS, MAX_TEXT
from ui.slack.bot import SlackBot
from ui.slack.config import SlackSettings
from ui.slack.server import http_server


class FlakyAssistant:
    """The real Assistant, except that a question containing 'KABOOM' fails unexpectedly."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def ask(self, question: str, conversation_id: str | None = None, *, history: Any = None) -> Any:
        if "KABOOM" in question:
            raise RuntimeError("simulated failure inside the assistant")
        return self.real.ask(question, conversation_id, history=history)

    @property
    def profile(self) -> Any:
        return self.real.profile


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")


@pytest.fixture(scope="module")
def logs() -> Iterator[LogCapture]:
    """Every log record of the module, DEBUG included, as written (no redacting filter)."""
    capture, root = LogCapture(), logging.getLogger()
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    yield capture
    root.removeHandler(capture)
    root.setLevel(level)


@pytest.fixture(scope="module")
def slack(logs: LogCapture) -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI()
    yield fake
    fake.server.shutdown()


@pytest.fixture(scope="module")
def feedback(tmp_path_factory: pytest.TempPathFactory) -> FeedbackStore:
    return FeedbackStore(tmp_path_factory.mktemp("slack") / "feedback.sqlite")


@pytest.fixture(scope="module")
def bot_url(slack: FakeSlackAPI, assistant: Any, feedback: FeedbackStore) -> Iterator[str]:
    settings = SlackSettings(_env_file=None, bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.url, rate_limit=3)  # type: ignore[call-arg]
    bot = SlackBot(FlakyAssistant(assistant), feedback, settings)
    server = http_server(bot.app, SIGNING_SECRET, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()


def mention(
    url: str, slack: FakeSlackAPI, question: str, *, channel: str, ts: str, user: str = "U1", thread_ts: str | None = None
) -> None:
    """A user mentions the bot: Slack keeps the message and delivers the event."""
    body, _ = slack.event("app_mention", f"<@{BOT_USER}> {question}", channel=channel, ts=ts, user=user, thread_ts=thread_ts)
    status, seconds = post(url, body)
    assert status == 200 and seconds < 3, (status, seconds)


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    out = []
    for block in blocks:
        if block["type"] == "section":
            out.append(block["text"]["text"])
        elif block["type"] == "context":
            out.extend(element["text"] for element in block["elements"])
    return out


def check_limits(reply: dict[str, Any]) -> None:
    assert reply["text"].strip(), "the plain-text fallback is always set"
    assert 0 < len(reply["blocks"]) <= MAX_BLOCKS
    assert all(len(text) <= MAX_TEXT for text in texts(reply["blocks"]))


def citation_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [t for t in texts(blocks) if t.startswith("*[")]


# -- tests --------------------------------------------------------------------------------------


def test_mention_is_answered_in_its_thread_with_citation_blocks(bot_url: str, slack: FakeSlackAPI, tmp_path: Path) -> None:
    mention(bot_url, slack, "Who drafted the 28-point peace plan?", channel="C1", ts="100.1")
    reply = slack.wait_for("chat.postMessage", channel="C1", thread_ts="100.1")
    check_limits(reply)
    assert not reply["text"].startswith("Not covered") and "28-point" in reply["text"]
    citations = citation_texts(reply["blocks"])
    assert citations and citations[0].startswith("*[1]*") and "“" in citations[0]
    assert "[1]" in reply["blocks"][0]["text"]["text"]
    actions = [b for b in reply["blocks"] if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == ["feedback_up", "feedback_down"]
    # 👀 while working: added on the question before the reply, removed after it
    slack.wait_for("reactions.remove", channel="C1", timestamp="100.1", name="eyes")
    assert slack.of("reactions.add", channel="C1", timestamp="100.1", name="eyes")
    order = slack.methods_for("C1")
    assert order.index("reactions.add") < order.index("chat.postMessage") < order.index("reactions.remove")
    assert all(auth == f"Bearer {BOT_TOKEN}" for _, _, auth in slack.calls)


def test_follow_up_in_the_thread_is_understood_with_the_earlier_turns(bot_url: str, slack: FakeSlackAPI) -> None:
    mention(bot_url, slack, "What is the 28-point plan?", channel="C2", ts="200.1", user="U2")
    slack.wait_for("chat.postMessage", channel="C2", thread_ts="200.1")
    mention(bot_url, slack, "Who drafted it?", channel="C2", ts="200.5", thread_ts="200.1", user="U2")
    follow_up = slack.wait_count("chat.postMessage", 2, channel="C2", thread_ts="200.1")[-1]
    assert any("Understood as" in t and "28-point plan" in t for t in texts(follow_up["blocks"]))
    read = slack.of("conversations.replies", channel="C2", ts="200.1")  # the earlier turns came from Slack's thread
    assert [(r["latest"], r["include_all_metadata"]) for r in read] == [("200.5", "1")]
    assert citation_texts(follow_up["blocks"]) and "drafted" in follow_up["text"]

    # the same words opening a new thread have nothing to refer to
    mention(bot_url, slack, "Who drafted it?", channel="C2", ts="201.1", user="U2b")
    alone = slack.wait_for("chat.postMessage", channel="C2", thread_ts="201.1")
    assert not any("Understood as" in t and "28-point" in t for t in texts(alone["blocks"]))


def test_direct_message_is_answered(bot_url: str, slack: FakeSlackAPI) -> None:
    body, _ = slack.event("message", "Who drafted the 28-point peace plan?", channel="D1", ts="300.1", channel_type="im", user="U3")
    assert post(bot_url, body)[0] == 200
    reply = slack.wait_for("chat.postMessage", channel="D1", thread_ts="300.1")
    check_limits(reply)
    assert citation_texts(reply["blocks"])


def test_bot_and_own_messages_and_edits_are_ignored(bot_url: str, slack: FakeSlackAPI) -> None:
    for body, _ in (
        slack.event("message", "Who drafted the 28-point peace plan?", channel="D2", ts="310.1", channel_type="im", user=BOT_USER),
        slack.event("message", "Who drafted the 28-point peace plan?", channel="D2", ts="310.2", channel_type="im", bot_id="BOTHER"),
        slack.event("message", "edited", channel="D2", ts="310.3", channel_type="im", subtype="message_changed"),
        slack.event("message", "Who drafted the 28-point peace plan?", channel="C9", ts="310.4", channel_type="channel"),
        # sentinels, sent last, that are answered: once they are, the ignored ones had their chance
        slack.event("message", "Who drafted the 28-point peace plan?", channel="D2", ts="310.5", channel_type="im", user="U3b"),
        slack.event("app_mention", f"<@{BOT_USER}> Who drafted the 28-point peace plan?", channel="C9", ts="310.6", user="U3b"),
    ):
        assert post(bot_url, body)[0] == 200
    for channel, ts in (("D2", "310.5"), ("C9", "310.6")):
        slack.wait_for("reactions.remove", channel=channel, timestamp=ts)
        assert [p["thread_ts"] for p in slack.of("chat.postMessage", channel=channel)] == [ts]
        assert [p["timestamp"] for p in slack.of("reactions.add", channel=channel)] == [ts]


def test_a_retried_event_is_answered_once(bot_url: str, slack: FakeSlackAPI) -> None:
    body, _ = slack.event("app_mention", f"<@{BOT_USER}> Who drafted the 28-point peace plan?", channel="C3", ts="400.1", user="U4")
    assert post(bot_url, body)[0] == 200
    status, _ = post(bot_url, body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert status == 200
    slack.wait_for("reactions.remove", channel="C3", timestamp="400.1")  # the first delivery is done
    assert len(slack.of("chat.postMessage", channel="C3")) == 1
    assert len(slack.of("reactions.add", channel="C3")) == 1


def test_bad_or_stale_signature_is_rejected_and_never_answered(bot_url: str, slack: FakeSlackAPI) -> None:
    body, _ = slack.event("app_mention", f"<@{BOT_USER}> Who drafted the 28-point peace plan?", channel="C4", ts="500.1")
    assert post(bot_url, body, secret="not-the-signing-secret")[0] == 401
    body, _ = slack.event("app_mention", f"<@{BOT_USER}> Who drafted the 28-point peace plan?", channel="C4", ts="500.2")
    assert post(bot_url, body, age_s=600)[0] == 401
    time.sleep(0.5)  # rejected before dispatch: nothing was started that could still arrive
    assert slack.methods_for("C4") == []


def test_feedback_click_is_stored_and_a_second_click_replaces_it(bot_url: str, slack: FakeSlackAPI, feedback: FeedbackStore) -> None:
    mention(bot_url, slack, "Who drafted the 28-point peace plan?", channel="C5", ts="600.1", user="U5")
    (reply,) = slack.wait_replies("C5", "600.1", 1)
    down = button_click(reply, FEEDBACK_DOWN, user="U5", channel="C5")
    status, seconds = post(bot_url, down, "application/x-www-form-urlencoded")
    assert status == 200 and seconds < 3
    thanks = slack.wait_for("chat.postEphemeral", channel="C5", user="U5")
    assert thanks["text"] == msg.FEEDBACK_THANKS.format(emoji="👎") and thanks["thread_ts"] == "600.1"
    entries = [e for e in feedback.entries() if e.conversation == "slack:C5:600.1"]
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.source, entry.rating, entry.question, entry.voter) == ("slack", "down", "Who drafted the 28-point peace plan?", "U5")
    assert entry.citations and entry.answer == reply["text"]

    # the same click again is not counted twice; the other button replaces the vote
    post(bot_url, down, "application/x-www-form-urlencoded")
    assert slack.wait_count("chat.postEphemeral", 2, channel="C5")[-1]["text"] == msg.FEEDBACK_ALREADY.format(emoji="👎")
    post(bot_url, button_click(reply, FEEDBACK_UP, user="U5", channel="C5"), "application/x-www-form-urlencoded")
    assert slack.wait_count("chat.postEphemeral", 3, channel="C5")[-1]["text"] == msg.FEEDBACK_CHANGED.format(emoji="👍")
    votes = [e for e in feedback.entries() if e.conversation == "slack:C5:600.1"]
    assert [(v.id, v.rating, v.voter) for v in votes] == [(entry.id, "up", "U5")]


def test_a_mention_without_a_question_gets_an_example_from_the_corpus_profile(bot_url: str, slack: FakeSlackAPI) -> None:
    mention(bot_url, slack, "   ", channel="C13", ts="1300.1", user="U13")
    reply = slack.wait_for("chat.postMessage", channel="C13", thread_ts="1300.1")
    example = CorpusProfile.load(CHECKOUT / "corpus").starter_questions[0]
    assert reply["text"] == msg.EMPTY_MENTION_EXAMPLE.format(example=example)


def test_declined_question_gets_the_declined_form(bot_url: str, slack: FakeSlackAPI) -> None:
    mention(bot_url, slack, "Who is Emmanuel Macron?", channel="C6", ts="700.1", user="U6")
    reply = slack.wait_for("chat.postMessage", channel="C6", thread_ts="700.1")
    check_limits(reply)
    assert reply["text"].startswith(messages.NOT_COVERED)
    assert reply["blocks"][0]["text"]["text"] == f"{msg.DECLINED_MARK} {reply['text']}"
    assert citation_texts(reply["blocks"]) == []
    assert any(b["type"] == "actions" for b in reply["blocks"])


def test_rate_limit_answers_politely(bot_url: str, slack: FakeSlackAPI) -> None:
    for n in range(4):  # the test bot allows 3 questions a minute
        mention(bot_url, slack, "Who drafted the 28-point peace plan?", channel="C7", ts=f"800.{n + 1}", user="U7")
    notice = slack.wait_for("chat.postEphemeral", channel="C7", user="U7")
    assert "please wait" in notice["text"] and notice["thread_ts"] == "800.4"
    slack.wait_count("chat.postMessage", 3, channel="C7")
    slack.wait_count("reactions.remove", 3, channel="C7")
    assert len(slack.of("chat.postMessage", channel="C7")) == 3


def test_failures_answer_with_an_error_id_and_the_bot_keeps_running(bot_url: str, slack: FakeSlackAPI, logs: Any) -> None:
    mention(bot_url, slack, "KABOOM what now?", channel="C8", ts="900.1", user="U8")
    apology = slack.wait_for("chat.postMessage", channel="C8", thread_ts="900.1")
    error_id = apology["text"].split("`")[1]
    assert apology["text"] == msg.APOLOGY.format(error_id=error_id)
    assert any(error_id in line and "simulated failure" in line for line in logs.lines)
    slack.wait_for("reactions.remove", channel="C8", timestamp="900.1")

    mention(bot_url, slack, "x" * 2500, channel="C8", ts="900.2", user="U8")  # an AssistantError: its line, as it is
    refused = slack.wait_for("chat.postMessage", channel="C8", thread_ts="900.2")
    assert "limit is 2,000" in refused["text"]

    mention(bot_url, slack, "Who drafted the 28-point peace plan?", channel="C8", ts="900.3", user="U8b")
    assert citation_texts(slack.wait_for("chat.postMessage", channel="C8", thread_ts="900.3")["blocks"])


def test_tokens_never_appear_in_logs(slack: FakeSlackAPI, logs: Any) -> None:
    """Runs last in this module: every record written so far, DEBUG included."""
    assert any("slack_sdk" in line for line in logs.lines), "DEBUG records of the Web API client were captured"
    assert any(m == "chat.postMessage" for m, _, _ in slack.calls)
    for secret in (BOT_TOKEN, SIGNING_SECRET):
        assert not [line for line in logs.lines if secret in line]
