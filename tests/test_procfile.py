"""`honcho start` runs the Procfile as docs/deploy.md says: `chroma run`, two Slack replicas and the chat
UI come up on a fresh index folder (the first process builds the index into Chroma), and a thread
started on one replica continues on the other."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from index_helpers import seeded_settings

from assistant.settings import CHECKOUT, Settings
from assistant.testing.fake_slack_api import BOT_TOKEN, BOT_USER, SIGNING_SECRET, FakeSlackAPI, post
from assistant.testing.local_servers import free_port

pytestmark = [pytest.mark.server, pytest.mark.slow]
START_TIMEOUT_S = 240


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def test_honcho_starts_the_procfile_and_both_replicas_continue_a_thread(built_settings: Settings, tmp_path: Path) -> None:
    settings = seeded_settings(tmp_path / "home", built_settings)
    slack = FakeSlackAPI()
    ports = {name: free_port() for name in ("CHROMA_PORT", "SLACK_A_PORT", "SLACK_B_PORT", "WEB_PORT")}
    values = {**{k: str(v) for k, v in ports.items()}, "CHROMA_HOST": "127.0.0.1", "CHROMA_DATA": str(tmp_path / "chroma"),
              "BRIEF_INDEX_DIR": str(settings.index_dir), "BRIEF_CORPUS_DIR": str(settings.corpus_dir),
              "BRIEF_FEEDBACK_DB": str(tmp_path / "feedback.sqlite"), "BRIEF_LLM": "extractive", "HF_HUB_OFFLINE": "1",
              "ANONYMIZED_TELEMETRY": "False", "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
              "SLACK_API_URL": slack.url}  # fmt: skip
    (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "CHROMA_", "SLACK_"))}
    honcho = str(Path(sys.executable).parent / "honcho")
    log = (tmp_path / "honcho.log").open("wb")
    process = subprocess.Popen([honcho, "start", "-f", str(CHECKOUT / "Procfile"), "-d", str(CHECKOUT), "-e", str(tmp_path / ".env")],
                               env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    slack_a, slack_b = (f"http://127.0.0.1:{ports[p]}" for p in ("SLACK_A_PORT", "SLACK_B_PORT"))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        urls = [f"{slack_a}/healthz", f"{slack_b}/healthz", f"http://127.0.0.1:{ports['WEB_PORT']}/_stcore/health"]
        while not all(healthy(url) for url in urls):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "honcho.log").read_text(errors="replace")[-4000:]
            time.sleep(1)
        with urllib.request.urlopen(f"{slack_b}/healthz", timeout=5) as response:
            assert json.loads(response.read())["index_build"]

        body, _ = slack.event("app_mention", f"<@{BOT_USER}> What is the 28-point plan?", channel="CP")
        thread = json.loads(body)["event"]["ts"]
        assert post(f"{slack_a}/slack/events", body)[0] == 200
        slack.wait_replies("CP", thread, 1, timeout=120)
        body, _ = slack.event("app_mention", f"<@{BOT_USER}> Who drafted it?", channel="CP", thread_ts=thread)
        assert post(f"{slack_b}/slack/events", body)[0] == 200
        follow_up = slack.wait_replies("CP", thread, 2, timeout=120)[-1]
        assert follow_up["metadata"]["event_payload"]["standalone_question"] == "Who drafted the 28-point plan?"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # honcho and the processes it started
        process.wait(timeout=60)
        log.close()
        slack.server.shutdown()
