"""A deployment's moving parts together: a `chroma run` server, a Slack bot process reading from it, and
an ingest job in another process. The running bot answers from the new build as soon as the ingest
job switches it on — no restart."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from index_helpers import seeded_settings

from assistant.index.build import build_index
from assistant.settings import Settings
from assistant.testing.fake_slack_api import BOT_USER, FakeSlackAPI, post
from assistant.testing.local_servers import running_chroma
from assistant.testing.slack_processes import bot_environment, running_bot

pytestmark = [pytest.mark.server, pytest.mark.slow]

NEW_DOCUMENT = """# Quillmere Accord

## Terms

The Quillmere Accord was signed by the harbour towns of Ostvik and Larnholm in 1911. It set shared
rules for the lighthouse keepers of the Quillmere strait and a common fund for their upkeep.
"""
QUESTION = "What did the Quillmere Accord set for the lighthouse keepers?"


def health(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url.replace("/slack/events", "/healthz"), timeout=10) as response:
        return dict(json.loads(response.read()))


def test_a_running_replica_answers_from_the_build_an_ingest_job_switches_on(
    built_settings: Settings, tmp_path: Path
) -> None:
    slack = FakeSlackAPI()
    try:
        with running_chroma(tmp_path / "chroma") as (port, _):
            settings = seeded_settings(tmp_path / "deploy", built_settings, chroma_host="127.0.0.1", chroma_port=port)
            build_index(settings)
            env = bot_environment(settings, slack.url)
            with running_bot(env, tmp_path / "bot.log") as (url, _):
                first_build = health(url)["index_build"]
                before = ask(url, slack, "C1")
                assert "lighthouse keepers" not in before["text"]

                document = tmp_path / "quillmere.md"
                document.write_text(NEW_DOCUMENT, encoding="utf-8")
                ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(document)], env=env, capture_output=True,
                                        text=True, timeout=300)  # fmt: skip
                assert ingest.returncode == 0, ingest.stderr[-2000:]

                assert health(url)["index_build"] != first_build  # the same process, the new build
                after = ask(url, slack, "C2")
                assert "shared rules for the lighthouse keepers" in after["text"]
                assert any("Quillmere" in element["text"] for block in after["blocks"] if block["type"] == "context"
                           for element in block["elements"])  # fmt: skip
    finally:
        slack.server.shutdown()


def ask(url: str, slack: FakeSlackAPI, channel: str) -> dict:
    body, _ = slack.event("app_mention", f"<@{BOT_USER}> {QUESTION}", channel=channel)
    thread = json.loads(body)["event"]["ts"]
    assert post(url, body)[0] == 200
    return slack.wait_replies(channel, thread, 1)[0]
