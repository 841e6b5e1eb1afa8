"""A fake of Slack's Web API on 127.0.0.1 port 0 (records every call, answers `ok: true` like Slack),
the fake workspace's credentials, and Events API requests signed like Slack sends them.

The real `slack_sdk.WebClient` talks to it over HTTP (`SlackSettings.api_url = fake.url`), so the
Slack bot's tests and its load benchmark exercise the real client code.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any

from slack_sdk.signature import SignatureVerifier

BOT_USER = "UBOT"
BOT_TOKEN = "xoxb-111-222-TESTbotTOKENvalue"
SIGNING_SECRET = "TESTsigningSECRET0123456789abcdef"
_timestamps = count(1000)


class FakeSlackAPI:
    """Slack's Web API on 127.0.0.1: records every call and answers `ok: true` like Slack."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any], str]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                method = self.path.rsplit("/", 1)[-1]
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                with fake._lock:
                    fake.calls.append((method, params, self.headers.get("Authorization", "")))
                body = json.dumps(fake.reply(method, params)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reply(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://test.slack.com/",
                "team": "Test",
                "user": "brief",
                "team_id": "T1",
                "user_id": BOT_USER,
                "bot_id": "BBOT",
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            ts = f"{next(_timestamps)}.000"
            return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": {"ts": ts, "text": params.get("text")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{next(_timestamps)}.000"}
        return {"ok": True}

    def of(self, method: str, **match: str) -> list[dict[str, Any]]:
        with self._lock:
            return [p for m, p, _ in self.calls if m == method and all(p.get(k) == v for k, v in match.items())]

    def methods_for(self, channel: str) -> list[str]:
        with self._lock:
            return [m for m, p, _ in self.calls if p.get("channel") == channel]

    def wait_for(self, method: str, timeout: float = 60, **match: str) -> dict[str, Any]:
        """The latest matching call, once there is one."""
        return self.wait_count(method, 1, timeout, **match)[-1]

    def wait_count(self, method: str, n: int, timeout: float = 60, **match: str) -> list[dict[str, Any]]:
        """The matching calls, once there are at least `n`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method, **match)
            if len(found) >= n:
                return found
            time.sleep(0.02)
        raise AssertionError(f"fewer than {n} {method} matching {match}; calls: {[(m, p.get('channel')) for m, p, _ in self.calls]}")


def post(
    url: str,
    body: str,
    content_type: str = "application/json",
    *,
    secret: str = SIGNING_SECRET,
    age_s: int = 0,
    headers: dict[str, str] | None = None,
) -> tuple[int, float]:
    """POST `body` signed like Slack does; returns the status and the seconds the reply took."""
    timestamp = str(int(time.time()) - age_s)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    request = urllib.request.Request(
        url,
        body.encode(),
        method="POST",
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature or "",
            **(headers or {}),
        },
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started


_event_ids = count(1)


def slack_event(
    kind: str, text: str, *, channel: str, ts: str, user: str = "U1", thread_ts: str | None = None, **extra: Any
) -> tuple[str, str]:
    """An Events API envelope (JSON body) and its event_id."""
    inner = {"type": kind, "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts, **extra}
    if thread_ts:
        inner["thread_ts"] = thread_ts
    event_id = f"Ev{next(_event_ids):06d}"
    envelope = {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "event": inner,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
    }
    return json.dumps(envelope), event_id
