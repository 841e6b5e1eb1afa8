"""Slack bot processes as a deployment runs them (`brief-assistant slack --http`), against the fake
Slack Web API, for the tests and the replica benchmark."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from subprocess import Popen

from assistant.settings import Settings
from assistant.testing.fake_slack_api import BOT_TOKEN, SIGNING_SECRET
from assistant.testing.local_servers import free_port, serving


def bot_environment(settings: Settings, api_url: str) -> dict[str, str]:
    """The environment of a bot process serving `settings`' index and database, talking to the Web API at `api_url`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "CHROMA_", "SLACK_"))}
    env.update({"BRIEF_INDEX_DIR": str(settings.index_dir), "BRIEF_CORPUS_DIR": str(settings.corpus_dir),
                "BRIEF_DATABASE_URL": settings.database, "BRIEF_LLM": settings.llm, "HF_HUB_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False", "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": api_url})  # fmt: skip
    if settings.embedding_model:
        env["BRIEF_EMBEDDING_MODEL"] = settings.embedding_model
    if settings.chroma_host:
        env.update({"CHROMA_HOST": settings.chroma_host, "CHROMA_PORT": str(settings.chroma_port)})
    return env


@contextmanager
def running_bot(env: dict[str, str], log: Path, port: int | None = None) -> Iterator[tuple[str, Popen[bytes]]]:
    """One bot process; yields its Events API URL and the process once /healthz answers."""
    port = port or free_port()
    command = [sys.executable, "-m", "assistant", "slack", "--http", "--port", str(port)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with serving(command, f"http://127.0.0.1:{port}/healthz", log, env) as process:
        yield f"http://127.0.0.1:{port}/slack/events", process
