"""A fake of Slack's Web API on 127.0.0.1 port 0 (records every call, answers `ok: true` like Slack),
the fake workspace's credentials, and Events API requests signed like Slack sends them.

Like Slack, it keeps the messages of each channel — the users' messages it delivers as events
(`FakeSlackAPI.event`) and the bot's `chat.postMessage` calls, with their metadata — and serves
threads from them through `conversations.replies`. The real `slack_sdk.WebClient` talks to it over
HTTP (`SlackSettings.api_url = fake.url`), so the Slack bot's tests and its benchmarks exercise the
real client code.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any

from slack_sdk.signature import SignatureVerifier

BOT_USER = "UBOT"
BOT_ID = "BBOT"
BOT_TOKEN = "xoxb-111-222-TESTbotTOKENvalue"
SIGNING_SECRET = "TESTsigningSECRET0123456789abcdef"
_TICK = Decimal("0.000001")


class FakeSlackAPI:
    """Slack's Web API on 127.0.0.1: records every call and answers `ok: true` like Slack."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any], str]] = []
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        """Every message of each channel, as conversations.replies returns them."""
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path, _, query = self.path.partition("?")
                self._answer(path, {k: v[0] for k, v in urllib.parse.parse_qs(query).items()})

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                self._answer(self.path, params)

            def _answer(self, path: str, params: dict[str, Any]) -> None:
                method = path.rsplit("/", 1)[-1]
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
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            channel = str(params.get("channel"))
            message = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "text": params.get("text", "")}
            message.update({k: params[k] for k in ("thread_ts", "blocks", "metadata") if params.get(k)})
            message = self._keep(channel, message)
            return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{_now():.6f}"}
        if method == "conversations.replies":
            return self._replies(params)
        return {"ok": True}

    # -- messages, like Slack keeps them ---------------------------------------------------------
    def event(self, kind: str, text: str, *, channel: str, user: str = "U1", ts: str | None = None, thread_ts: str | None = None,
              **extra: Any) -> tuple[str, str]:  # fmt: skip
        """A user's message, kept like Slack keeps it, and the Events API envelope delivering it (body, event_id).
        `ts` defaults to the next timestamp of the workspace's clock."""
        message = {"type": "message", "user": user, "text": text, **({"ts": ts} if ts else {})}
        if thread_ts:
            message["thread_ts"] = thread_ts
        message = self._keep(channel, message)
        return slack_event(kind, text, channel=channel, ts=message["ts"], user=user, thread_ts=thread_ts, **extra)

    def bot_replies(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """The bot's messages in a thread as Slack keeps them (with `ts` and metadata), oldest first."""
        with self._lock:
            return [m for m in self.messages[channel] if m.get("user") == BOT_USER and m.get("thread_ts") == thread_ts]

    def wait_replies(self, channel: str, thread_ts: str, n: int, timeout: float = 60) -> list[dict[str, Any]]:
        """The bot's messages in a thread, once there are at least `n`."""
        deadline = time.monotonic() + timeout
        while len(found := self.bot_replies(channel, thread_ts)) < n:
            if time.monotonic() > deadline:
                raise AssertionError(f"fewer than {n} replies in {channel}/{thread_ts}: {[m.get('text', '')[:80] for m in found]}")
            time.sleep(0.02)
        return found

    def _keep(self, channel: str, message: dict[str, Any]) -> dict[str, Any]:
        """Store a message. Without a timestamp, a user's message gets the clock's (and one later than
        every message of its channel), a bot reply one just after the latest message of its channel."""
        with self._lock:
            if "ts" not in message:
                latest = max((Decimal(m["ts"]) for m in self.messages[channel]), default=Decimal(0))
                now = _now() if message.get("user") != BOT_USER else Decimal(0)
                message["ts"] = f"{max(latest + _TICK, now):.6f}"
            self.messages[channel].append(message)
        return message

    def _replies(self, params: dict[str, Any]) -> dict[str, Any]:
        """conversations.replies: the thread's messages oldest first, between `oldest` and `latest`, paged by `limit`."""
        thread = str(params.get("ts"))
        inclusive = str(params.get("inclusive", "0")).lower() in ("1", "true")
        oldest, latest = Decimal(str(params.get("oldest") or 0)), Decimal(str(params.get("latest") or "Infinity"))

        def within(ts: Decimal) -> bool:
            return (oldest <= ts <= latest) if inclusive else (oldest < ts < latest)

        with self._lock:
            found = [m for m in self.messages[str(params.get("channel"))] if thread in (m["ts"], m.get("thread_ts"))]
        if not found:
            return {"ok": False, "error": "thread_not_found"}
        found = sorted((m for m in found if within(Decimal(m["ts"]))), key=lambda m: Decimal(m["ts"]))
        if str(params.get("include_all_metadata", "0")).lower() not in ("1", "true"):
            found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
        start, limit = int(params.get("cursor") or 0), int(params.get("limit") or 1000)
        page, more = found[start : start + limit], start + limit < len(found)
        return {"ok": True, "messages": page, "has_more": more, "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

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


def _now() -> Decimal:
    return Decimal(f"{time.time():.6f}")


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


def button_click(message: dict[str, Any], action_id: str, *, user: str, channel: str) -> str:
    """The interactivity request body (form-encoded) of `user` clicking button `action_id` of the bot's `message`."""
    button = next(e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == action_id)
    thread_ts = message.get("thread_ts", message["ts"])
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": "1.2.3",
        "team": {"id": "T1", "domain": "test"},
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": False, "thread_ts": thread_ts},
        "channel": {"id": channel, "name": "brief"},
        "message": {"type": "message", "ts": message["ts"], "thread_ts": thread_ts, "text": message.get("text", "")},
        "actions": [{**button, "block_id": f"feedback:{button['value']}", "action_ts": f"{time.time():.6f}"}],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


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
