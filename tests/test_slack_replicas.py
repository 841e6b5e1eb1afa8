"""Slack threads survive restarts and replicas: real bot processes (`brief-assistant slack --http`)
over HTTP against the fake Slack Web API, which keeps the thread like Slack does. A follow-up is
answered in context by the same process, by a restarted process and by a second process; votes
clicked on any process land in one table of the shared database, and `eval import-feedback` reads it."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.feedback import FeedbackStore
from assistant.settings import Settings
from assistant.testing.fake_slack_api import BOT_USER, FakeSlackAPI, button_click, post
from assistant.testing.slack_processes import bot_environment, running_bot
from ui.slack import messages as msg
from ui.slack.blocks import FEEDBACK_DOWN, FEEDBACK_UP

pytest_plugins = ["db_helpers"]  # the database_url and postgres fixtures
pytestmark = pytest.mark.slow

CHANNEL = "CREPLICA"


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI()
    yield fake
    fake.server.shutdown()


def ask(url: str, slack: FakeSlackAPI, question: str, *, thread_ts: str | None = None, user: str = "U1") -> dict[str, Any]:
    """Mention the bot (a new thread, or a reply in `thread_ts`); the bot's answer as Slack keeps it."""
    body, _ = slack.event("app_mention", f"<@{BOT_USER}> {question}", channel=CHANNEL, user=user, thread_ts=thread_ts)
    thread = thread_ts or json.loads(body)["event"]["ts"]
    earlier = len(slack.bot_replies(CHANNEL, thread))
    assert post(url, body)[0] == 200
    return slack.wait_replies(CHANNEL, thread, earlier + 1)[earlier]


def understood_as(reply: dict[str, Any]) -> str:
    return str(reply["metadata"]["event_payload"]["standalone_question"])


def click(url: str, slack: FakeSlackAPI, reply: dict[str, Any], action_id: str, user: str) -> str:
    """`user` clicks a button of `reply`; the note the bot answers with (visible to them only)."""
    earlier = len(slack.of("chat.postEphemeral"))
    assert post(url, button_click(reply, action_id, user=user, channel=CHANNEL), "application/x-www-form-urlencoded")[0] == 200
    return str(slack.wait_count("chat.postEphemeral", earlier + 1)[earlier]["text"])


def test_a_thread_continues_on_the_same_a_restarted_and_a_second_process(
    built_settings: Settings, database_url: str, slack: FakeSlackAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = bot_environment(built_settings.model_copy(update={"database_url": database_url}), slack.url)
    with running_bot(env, tmp_path / "first.log") as (first, _):
        opening = ask(first, slack, "What is the 28-point plan?")
        thread = opening["ts"]
        same = ask(first, slack, "Who drafted it?", thread_ts=thread)
        notes = [click(first, slack, opening, FEEDBACK_DOWN, "U1")]

    with running_bot(env, tmp_path / "restarted.log") as (restarted, _), running_bot(env, tmp_path / "second.log") as (second, _):
        after_restart = ask(restarted, slack, "When was it presented?", thread_ts=thread)
        on_second = ask(second, slack, "How did Europe respond to it?", thread_ts=thread)
        fresh_thread = ask(second, slack, "How did Europe respond to it?")

        # votes on answers of a process that is gone, clicked on either process
        notes.append(click(second, slack, opening, FEEDBACK_UP, "U1"))  # replaces U1's 👎 given to the first process
        notes.append(click(restarted, slack, same, FEEDBACK_DOWN, "U2"))
        notes.append(click(second, slack, on_second, FEEDBACK_DOWN, "U2"))

    assert understood_as(same) == "Who drafted the 28-point plan?"  # (a) the same process
    assert understood_as(after_restart) == "When was the 28-point plan presented?"  # (b) a restarted process
    assert understood_as(on_second) == "How did Europe respond to the 28-point plan?"  # (c) a second process
    assert understood_as(fresh_thread) == "How did Europe respond to it?"  # nothing to refer to in a new thread
    assert notes == [msg.FEEDBACK_THANKS.format(emoji="👎"), msg.FEEDBACK_CHANGED.format(emoji="👍"),
                     msg.FEEDBACK_THANKS.format(emoji="👎"), msg.FEEDBACK_THANKS.format(emoji="👎")]  # fmt: skip

    votes = {(e.answer_id, e.voter, e.rating) for e in FeedbackStore(database_url).entries()}
    answer_id = lambda reply: reply["metadata"]["event_payload"]["answer_id"]  # noqa: E731
    assert votes == {(answer_id(opening), "U1", "up"), (answer_id(same), "U2", "down"), (answer_id(on_second), "U2", "down")}

    monkeypatch.setenv("BRIEF_DATABASE_URL", database_url)
    drafts = tmp_path / "drafts.jsonl"
    result = CliRunner().invoke(app, ["eval", "import-feedback", "--out", str(drafts)])
    assert result.exit_code == 0, result.output
    questions = sorted(json.loads(line)["question"] for line in drafts.read_text().splitlines())
    assert questions == ["How did Europe respond to the 28-point plan?", "Who drafted the 28-point plan?"]


def test_a_stopped_process_finishes_the_answers_in_progress(built_settings: Settings, slack: FakeSlackAPI, tmp_path: Path) -> None:
    """SIGTERM (a rolling restart): the process stops taking requests, and questions it acknowledged are still answered."""
    env = bot_environment(built_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'feedback.sqlite'}"}), slack.url)
    with running_bot(env, tmp_path / "bot.log") as (url, process):
        threads = []
        for question in ("What is the 28-point plan?", "Who is Steve Witkoff?"):
            body, _ = slack.event("app_mention", f"<@{BOT_USER}> {question}", channel=CHANNEL)
            assert post(url, body)[0] == 200
            threads.append(json.loads(body)["event"]["ts"])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    for thread in threads:
        (reply,) = slack.bot_replies(CHANNEL, thread)
        assert reply["metadata"]["event_payload"]["question"] in ("What is the 28-point plan?", "Who is Steve Witkoff?")
