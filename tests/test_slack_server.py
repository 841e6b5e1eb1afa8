"""The Slack HTTP endpoint under hostile or broken clients, over real sockets on 127.0.0.1: malformed,
unsigned, oversized, stalled and slow-drip requests get 4xx (never 500), one bounded log line each,
and cannot hold more than the server's connection limit."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from assistant.errors import IndexMissingError
from assistant.feedback import FeedbackStore
from assistant.testing.fake_slack_api import BOT_TOKEN, SIGNING_SECRET, FakeSlackAPI, post, slack_event
from ui.slack.bot import SlackBot
from ui.slack.config import SlackSettings
from ui.slack.server import LOG_PREVIEW, http_server

READ_TIMEOUT_S = 1.0
MAX_CONNECTIONS = 4


class NeverAsked:
    """An assistant that must not be reached: every request in this module is refused, or is a DM it ignores."""

    questions: list[str] = []

    def ask(self, question: str, conversation_id: str | None = None, *, history: Any = None) -> Any:
        self.questions.append(question)
        raise AssertionError("a rejected request reached the assistant")


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def records() -> Iterator[Records]:
    handler, root = Records(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


@dataclass
class Endpoint:
    url: str
    port: int
    index_missing: bool = False
    """What the health check finds."""

    def health(self) -> dict[str, Any]:
        if self.index_missing:
            raise IndexMissingError("No index yet: run `make index`.")
        return {"status": "ok", "index_build": "b1"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """The bot's HTTP server with a 1 s read deadline and 4 connections."""
    slack = FakeSlackAPI()
    settings = SlackSettings(_env_file=None, bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack.url)  # type: ignore[call-arg]
    bot = SlackBot(NeverAsked(), FeedbackStore(tmp_path_factory.mktemp("server") / "feedback.sqlite"), settings)
    state = Endpoint("", 0)
    server = http_server(bot.app, SIGNING_SECRET, "127.0.0.1", 0, health=lambda: state.health(), read_timeout_s=READ_TIMEOUT_S,
                         max_connections=MAX_CONNECTIONS)  # fmt: skip
    state.url, state.port = f"http://127.0.0.1:{server.server_port}/slack/events", server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    server.shutdown()
    server.server_close()
    slack.server.shutdown()


def raw(port: int, request: bytes, *, wait_s: float = 10) -> tuple[int, float]:
    """Send `request` as it is; the status of the reply and the seconds it took."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as sock:
        sock.sendall(request)
        reply = sock.recv(200)
    return int(reply.split()[1]), time.monotonic() - started


def signed_headers(body: bytes, timestamp: str | None = None) -> dict[str, str]:
    """Slack's signature of the raw bytes: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")."""
    timestamp = timestamp or str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def send(url: str, body: bytes, headers: dict[str, str], content_type: str = "application/json") -> int:
    request = urllib.request.Request(url, body, method="POST", headers={"Content-Type": content_type, **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def rejections(records: Records) -> list[str]:
    return [line for line in records.lines if line.startswith("rejected") or line.startswith("refused")]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"type": "event_callback", "event": ', "application/json", 400),  # malformed JSON, signed
        (b'[{"type": "event_callback"}]', "application/json", 400),  # a JSON array, signed
        (b"\xff\xfe not utf-8", "application/json", 400),
        (b"payload=%7Bnot+json", "application/x-www-form-urlencoded", 400),
        (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded", 400),
    ],
)
def test_signed_but_malformed_bodies_get_400(endpoint: Endpoint, records: Records, body: bytes, content_type: str,
                                             status: int) -> None:  # fmt: skip
    url = endpoint.url
    assert send(url, body, signed_headers(body), content_type) == status
    assert len(rejections(records)) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},  # unsigned
        {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},  # non-numeric timestamp
        {"X-Slack-Request-Timestamp": "12.5", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=deadbeef"},
    ],
)
def test_unsigned_or_badly_signed_requests_get_401_before_parsing(endpoint: Endpoint, records: Records,
                                                                  headers: dict[str, str]) -> None:  # fmt: skip
    url = endpoint.url
    assert send(url, b"[not even json", headers) == 401
    assert send(url, b'{"type": "event_callback"}', {**signed_headers(b"x", str(int(time.time()) - 600))}) == 401  # stale
    assert len(rejections(records)) == 2


def test_rejected_requests_log_one_bounded_escaped_line(endpoint: Endpoint, records: Records) -> None:
    url = endpoint.url
    forged = b"x" * 50 + b"\n2026-01-01 INFO ui.slack.bot: FORGED admin login\r\n" + b"y" * 900_000
    assert send(url, forged, {}) == 401
    (line,) = rejections(records)
    assert "\n" not in line and "\r" not in line and len(line) < 2 * LOG_PREVIEW + 200
    assert "401" in line and "X-Slack-Request-Timestamp" in line and "900101 bytes" in line  # status, reason, size
    assert "x\\n2026-01-01 INFO" in line and "admin login" not in line  # the newline escaped, the preview cut short
    long_path = url.rsplit("/", 2)[0] + "/" + "p" * 5000
    assert send(long_path, b"{}", {}) == 404
    assert all(len(entry) < 2 * LOG_PREVIEW + 200 for entry in rejections(records))


def test_oversized_bodies_are_refused_unread(endpoint: Endpoint) -> None:
    port = endpoint.port
    head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n"
    status, seconds = raw(port, head)  # no body sent at all: the answer does not wait for it
    assert status == 413 and seconds < READ_TIMEOUT_S


@pytest.mark.parametrize(
    "partial",
    [
        b"",  # connects and says nothing
        b"POST /slack/events HTT",  # stalls in the request line
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Le",  # stalls in the headers
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\"",  # in the body
    ],
)
def test_a_stalled_request_gets_408_at_the_deadline(endpoint: Endpoint, partial: bytes) -> None:
    port = endpoint.port
    status, seconds = raw(port, partial)
    assert status == 408 and READ_TIMEOUT_S - 0.1 < seconds < READ_TIMEOUT_S + 1


def test_a_slow_drip_request_gets_408_at_the_deadline_not_per_read(endpoint: Endpoint) -> None:
    port = endpoint.port
    request = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n" + b" " * 400
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            for byte in request:  # one byte every 50 ms: each read is quick, the request never completes in time
                sock.sendall(bytes([byte]))
                time.sleep(0.05)
        except OSError:
            pass  # the server answered and closed
        reply = sock.recv(200)
    assert int(reply.split()[1]) == 408 and time.monotonic() - started < READ_TIMEOUT_S + 1


def test_connections_are_bounded_and_freed(endpoint: Endpoint) -> None:
    url, port = endpoint.url, endpoint.port
    stalled = [socket.create_connection(("127.0.0.1", port)) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.2)  # all accepted and waiting for their request
        status, seconds = raw(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status == 503 and seconds < 0.5
        time.sleep(READ_TIMEOUT_S + 0.3)  # the stalled ones time out and free their slots
        with urllib.request.urlopen(url.replace("/slack/events", "/healthz"), timeout=5) as response:
            assert response.status == 200
    finally:
        for sock in stalled:
            sock.close()


def test_healthz_and_a_signed_event_pass(endpoint: Endpoint) -> None:
    url = endpoint.url
    health_url = url.replace("/slack/events", "/healthz")
    with urllib.request.urlopen(health_url, timeout=5) as response:
        assert json.loads(response.read()) == {"status": "ok", "index_build": "b1"}
    body, _ = slack_event("message", "edited", channel="D1", ts="1.1", channel_type="im", subtype="message_changed")
    assert post(url, body)[0] == 200  # signed and well formed: bolt takes it (and ignores an edit)
    assert post(url, "", "application/x-www-form-urlencoded")[0] != 500
    assert NeverAsked.questions == []


def test_healthz_says_unavailable_without_an_index(endpoint: Endpoint) -> None:
    endpoint.index_missing = True
    try:
        status, _ = raw(endpoint.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    finally:
        endpoint.index_missing = False
    assert status == 503
