"""`@bot overview actors|timeline|scenarios` over real HTTP against the local fake Slack Web API: Block Kit
sections with quotes from the brief, in the mention's thread, within Slack's limits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.feedback import FeedbackStore
from assistant.testing.fake_slack_api import BOT_TOKEN, SIGNING_SECRET, FakeSlackAPI
from tests.test_slack_bot import check_limits, mention, texts
from ui.slack import messages as msg
from ui.slack.bot import SlackBot
from ui.slack.config import SlackSettings
from ui.slack.overview_blocks import overview_request
from ui.slack.server import http_server

BRIEF = Path(__file__).resolve().parents[1] / "corpus" / "osw-trump-russia-ukraine-brief.md"


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI()
    yield fake
    fake.server.shutdown()


@pytest.fixture(scope="module")
def bot_url(slack: FakeSlackAPI, assistant: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = SlackSettings(_env_file=None, bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.url)  # type: ignore[call-arg]
    bot = SlackBot(assistant, FeedbackStore(tmp_path_factory.mktemp("slack-overview") / "feedback.sqlite"), settings)
    server = http_server(bot.app, SIGNING_SECRET, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()


def _quotes(blocks: list[dict[str, Any]]) -> list[str]:
    return [line[3:].split("” — ")[0] for text in texts(blocks) for line in text.splitlines() if line.startswith("> “")]


def test_overview_timeline_in_the_thread_with_quotes_from_the_brief(bot_url: str, slack: FakeSlackAPI) -> None:
    mention(bot_url, slack, "overview timeline", channel="CO1", ts="300.1")
    reply = slack.wait_for("chat.postMessage", channel="CO1", thread_ts="300.1")
    check_limits(reply)
    assert reply["blocks"][0]["type"] == "header" and reply["text"] == msg.OVERVIEW_TITLES["timeline"]
    heads = [t.splitlines()[0] for t in texts(reply["blocks"]) if t.startswith("*20")]
    assert len(heads) >= 10
    dates = [head.split("*")[1] for head in heads]
    assert dates == sorted(dates, key=lambda d: d.ljust(7, "0"))
    assert any("late February" in head for head in heads) and any(msg.OVERVIEW_FUTURE in head for head in heads)
    brief = BRIEF.read_text(encoding="utf-8").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    quotes = _quotes(reply["blocks"])
    assert len(quotes) >= 10 and all(quote in brief for quote in quotes)


def test_overview_actors_and_scenarios(bot_url: str, slack: FakeSlackAPI) -> None:
    mention(bot_url, slack, "overview actors", channel="CO2", ts="301.1")
    actors = slack.wait_for("chat.postMessage", channel="CO2", thread_ts="301.1")
    check_limits(actors)
    joined = "\n".join(texts(actors["blocks"]))
    assert "*Steve Witkoff* · special envoy for peace missions" in joined and "*Lindsey Graham* · Senator" in joined

    mention(bot_url, slack, "overview scenarios", channel="CO2", ts="301.5", thread_ts="301.1")
    scenarios = slack.wait_count("chat.postMessage", 2, channel="CO2", thread_ts="301.1")[-1]
    check_limits(scenarios)
    names = [t for t in texts(scenarios["blocks"]) if t.startswith("*") and t.endswith("scenario*")]
    assert names == ["*Most optimistic scenario*", "*Relatively neutral scenario*", "*Negative scenario*"]


def test_overview_command_is_told_apart_from_questions() -> None:
    assert overview_request("overview") == "" and overview_request(" Overview Timeline ") == "timeline"
    assert overview_request("What is the overview of the negative scenario?") is None
