"""Slack HTTP endpoint under concurrency: 8 askers POST signed events to the bot over real HTTP.

The real bot (ui/slack_bot.py behind ui/slack_server.py's threaded WSGI server) answers through the
fake Slack Web API of the tests (tests/fake_slack_api.py), both on 127.0.0.1. Per question: the HTTP
ack latency, and the time from the POST to the answer's chat.postMessage reaching the fake.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assistant.testing.fake_slack_api import (
    BOT_TOKEN,
    BOT_USER,
    SIGNING_SECRET,
    FakeSlackAPI,
    post,
    slack_event,
)
from bench.common import brief_index, load, questions, summary

ANSWER_TIMEOUT_S = 60.0

ThreadKey = tuple[str, str]  # (channel, thread_ts): one Slack thread, one conversation


class TimedSlackAPI(FakeSlackAPI):
    """The fake Web API, also noting when each reply (answer or ephemeral notice) reaches it, by thread."""

    def __init__(self) -> None:
        self.replies: dict[ThreadKey, list[tuple[float, str, dict[str, Any]]]] = defaultdict(list)
        self.finished: set[ThreadKey] = set()  # (channel, question ts) whose 👀 was removed: the listener is done
        self._changed = threading.Condition()
        super().__init__()

    def reply(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        arrived = time.perf_counter()
        with self._changed:
            if method in ("chat.postMessage", "chat.postEphemeral"):
                self.replies[(str(params.get("channel")), str(params.get("thread_ts")))].append((arrived, method, params))
            elif method == "reactions.remove":
                self.finished.add((str(params.get("channel")), str(params.get("timestamp"))))
            self._changed.notify_all()
        return super().reply(method, params)

    def wait(self, ready: Callable[[], bool], timeout: float) -> bool:
        """Whether `ready()` became true within `timeout` seconds (checked at every call received)."""
        with self._changed:
            return self._changed.wait_for(ready, timeout)


def event_body(question: str, *, channel: str, ts: str, user: str, thread_ts: str | None) -> str:
    """A direct message in `D…` channels, an app_mention elsewhere."""
    if channel.startswith("D"):
        return slack_event("message", question, channel=channel, ts=ts, user=user, thread_ts=thread_ts, channel_type="im")[0]
    return slack_event("app_mention", f"<@{BOT_USER}> {question}", channel=channel, ts=ts, user=user, thread_ts=thread_ts)[0]


def signed_post(url: str, body: str) -> int:
    """The HTTP status of a signed Events API POST (0 when no reply came)."""
    try:
        return post(url, body)[0]
    except OSError:
        return 0


def measure(clients: int = 8, per_client: int = 25) -> dict:
    from pydantic import SecretStr

    from assistant.facade import Assistant
    from assistant.feedback import FeedbackStore
    from ui.slack.bot import SlackBot
    from ui.slack.config import SlackSettings
    from ui.slack.server import http_server

    with tempfile.TemporaryDirectory() as tmp:
        settings = brief_index(Path(tmp))
        assistant = Assistant(settings)
        slack = TimedSlackAPI()
        bot_settings = SlackSettings(
            _env_file=None,  # type: ignore[call-arg]
            bot_token=SecretStr(BOT_TOKEN),
            signing_secret=SecretStr(SIGNING_SECRET),
            api_url=slack.url,
            rate_limit=per_client + 1,  # one user per client asks as fast as answers come: not what is measured
        )
        bot = SlackBot(assistant, FeedbackStore(settings.feedback_db), bot_settings)
        server = http_server(bot.app, SIGNING_SECRET, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/slack/events"
        asked = questions(clients * per_client, seed=7)
        acks: list[float] = []
        answers: list[float] = []
        errors: list[str] = []
        declined = 0
        lock = threading.Lock()

        def ask(question: str, channel: str, ts: str, user: str, thread_ts: str | None, earlier: int) -> None:
            """One question; waits for the reply number `earlier` + 1 in its thread."""
            nonlocal declined
            thread = (channel, thread_ts or ts)
            body = event_body(question, channel=channel, ts=ts, user=user, thread_ts=thread_ts)
            started = time.perf_counter()
            status = signed_post(url, body)
            acked = time.perf_counter()
            with lock:
                if not 200 <= status < 300:
                    errors.append(f"ack {status} for {channel}/{ts}")
                    return
                acks.append((acked - started) * 1000)
            if not slack.wait(lambda: len(slack.replies[thread]) > earlier, ANSWER_TIMEOUT_S):
                with lock:
                    errors.append(f"no answer within {ANSWER_TIMEOUT_S:.0f} s for {channel}/{ts}")
                return
            arrived, method, params = slack.replies[thread][earlier]
            with lock:
                if method != "chat.postMessage" or not params.get("blocks"):  # apology, refusal, rate-limit notice
                    errors.append(f"{method} without an answer for {channel}/{ts}: {str(params.get('text'))[:160]}")
                    return
                answers.append((arrived - started) * 1000)
                declined += str(params.get("text", "")).startswith("Not covered")

        def client(n: int) -> None:
            """Odd clients keep one thread (follow-ups); even ones open a thread per question; every fourth is a DM."""
            channel, user = (f"D{n}" if n % 4 == 3 else f"C{n}"), f"U{n}"
            first = f"{2000 + n}.000001"
            for i, question in enumerate(asked[n::clients]):
                ts = f"{2000 + n}.{i + 1:06d}"
                keep = n % 2 == 1
                ask(question, channel, ts, user, first if keep and i else None, i if keep else 0)

        try:
            ask("warm-up question about sanctions", "CWARM", "1000.000001", "UWARM", None, 0)
            if errors or not answers:
                raise RuntimeError(f"the warm-up question was not answered: {errors}")
            acks.clear()
            answers.clear()
            declined = 0
            before = load()
            started = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                list(pool.map(client, range(clients)))
            seconds = time.perf_counter() - started
            after = load()
            slack.wait(lambda: len(slack.finished) >= len(asked) + 1, ANSWER_TIMEOUT_S)  # 👀 removed everywhere
        finally:
            server.shutdown()
            server.server_close()
            bot.app.listener_runner.listener_executor.shutdown(wait=True)
            slack.server.shutdown()
            slack.server.server_close()
        workers = getattr(bot.app.listener_runner.listener_executor, "_max_workers", None)
    return {
        "clients": clients,
        "questions": len(asked),
        "answered": len(answers),
        "declined": declined,
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(seconds, 2),
        "throughput_aps": round(len(answers) / seconds, 1),
        "ack_ms": summary(acks),
        "answer_ms": summary(answers),
        "bolt_listener_threads": workers,
        "load_avg_before": before,
        "load_avg_after": after,
        "note": "answer_ms: from the POST to the answer's chat.postMessage reaching the fake Web API; odd clients keep one "
        "thread (follow-up rewriting), even ones open a thread per question; every fourth client (n % 4 == 3) asks in a DM",
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
