"""Serve the bot: HTTP (Events API on 127.0.0.1 by default, threaded WSGI) or Socket Mode.

The HTTP server is the standard library's threaded WSGI server with three limits of its own, so no
request can hold it: a whole request (line, headers, body) must arrive within `read_timeout_s`
(else 408), at most `max_connections` are served at once (more get 503 at once), and bodies over
MAX_BODY_BYTES get 413 unread. `SlackGuard` checks size and signature before bolt parses anything
(401 for unsigned or stale, 400 for a signed body that is not a JSON object or form), and logs one
bounded, escaped line per rejected request. `/healthz` answers GET with the bot's status.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from assistant.errors import AssistantError

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000
READ_TIMEOUT_S = 10.0
"""A request must arrive whole within this; Slack sends small bodies at once."""
WRITE_TIMEOUT_S = 10.0
MAX_CONNECTIONS = 64
MAX_SKEW_S = 300
"""Slack's replay window: older timestamps are refused."""
LOG_PREVIEW = 80
"""Characters of a rejected request's fields and body that reach the log."""

Health = Callable[[], dict[str, Any]]
StartResponse = Callable[..., Any]


def escaped(value: str | bytes, limit: int = LOG_PREVIEW) -> str:
    """A log-safe preview: at most `limit` characters, control characters and non-ASCII escaped."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    shown = ascii(text[:limit])[1:-1]
    return shown + ("…" if len(text) > limit else "")


class SlackGuard:
    """WSGI middleware in front of bolt: health, routing, size, read deadline, signature, body shape."""

    def __init__(self, app: App, signing_secret: str, health: Health | None = None, path: str = EVENTS_PATH) -> None:
        self._bolt = SlackRequestHandler(app, path)
        self._secret = signing_secret.encode()
        self._health = health or (lambda: {"status": "ok"})
        self._path = path

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and method == "GET":
            try:
                return _reply(start_response, "200 OK", json.dumps(self._health()), "application/json")
            except AssistantError as error:
                return _reply(start_response, "503 Service Unavailable", json.dumps({"status": "unavailable", "error": str(error)}))
        if path != self._path:
            return self._reject(environ, start_response, "404 Not Found", "unknown path")
        if method != "POST":
            return self._reject(environ, start_response, "405 Method Not Allowed", "not a POST")
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return self._reject(environ, start_response, "411 Length Required", "no valid Content-Length")
        if not 0 <= length <= MAX_BODY_BYTES:
            return self._reject(environ, start_response, "413 Payload Too Large", "body too large")
        try:
            body = _read_exactly(environ["wsgi.input"], length)
        except TimeoutError:
            return self._reject(environ, start_response, "408 Request Timeout", "body did not arrive in time")
        if body is None:
            return self._reject(environ, start_response, "400 Bad Request", "body shorter than Content-Length")
        problem = self._unsigned(environ, body)
        if problem:
            return self._reject(environ, start_response, "401 Unauthorized", problem, body)
        problem = _malformed(environ.get("CONTENT_TYPE", ""), body)
        if problem:
            return self._reject(environ, start_response, "400 Bad Request", problem, body)
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
        return self._bolt(environ, start_response)

    def _unsigned(self, environ: dict[str, Any], body: bytes) -> str:
        """Why the request is not signed by Slack ('' when it is)."""
        timestamp, signature = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""), environ.get("HTTP_X_SLACK_SIGNATURE", "")
        if not timestamp.isdigit():
            return "missing or non-numeric X-Slack-Request-Timestamp"
        if abs(time.time() - int(timestamp)) > MAX_SKEW_S:
            return "stale X-Slack-Request-Timestamp"
        expected = "v0=" + hmac.new(self._secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            return "missing or invalid X-Slack-Signature"
        return ""

    def _reject(
        self, environ: dict[str, Any], start_response: StartResponse, status: str, reason: str, body: bytes = b""
    ) -> Iterable[bytes]:
        logger.warning(
            "rejected %s %s from %s: %s, %s (%s bytes: %s)",
            escaped(environ.get("REQUEST_METHOD", ""), 10), escaped(environ.get("PATH_INFO", "")), environ.get("REMOTE_ADDR", "?"),
            status[:3], reason, escaped(environ.get("CONTENT_LENGTH") or "?", 12), escaped(body),
        )  # fmt: skip
        return _reply(start_response, status, status[4:])


def _reply(start_response: StartResponse, status: str, text: str, content_type: str = "text/plain; charset=utf-8") -> list[bytes]:
    body = text.encode()
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def _read_exactly(stream: io.BufferedIOBase, length: int) -> bytes | None:
    """`length` bytes, or None when the client closed early (TimeoutError past the deadline)."""
    chunks, remaining = [], length
    while remaining:
        chunk = stream.read(min(remaining, 65536))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _malformed(content_type: str, body: bytes) -> str:
    """Why a signed body is not one bolt can take ('' when it is): a JSON object, or a form whose payload is one."""
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            return "" if isinstance(json.loads(text), dict) else "JSON body is not an object"
        payload = urllib.parse.parse_qs(text).get("payload")
        return "" if payload is None or isinstance(json.loads(payload[0]), dict) else "form payload is not a JSON object"
    except UnicodeDecodeError:
        return "body is not UTF-8"
    except json.JSONDecodeError:
        return "malformed JSON"


# -- the server -------------------------------------------------------------------------------------
class _DeadlineReader(io.RawIOBase):
    """Socket reads that fail with TimeoutError once the request's deadline has passed, however slowly bytes drip in."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock, self._deadline = sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("request deadline passed")
        self._sock.settimeout(remaining)
        try:
            return self._sock.recv_into(buffer)
        finally:
            self._sock.settimeout(WRITE_TIMEOUT_S)


class _Handler(WSGIRequestHandler):
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # replaced by one that keeps the deadline
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, time.monotonic() + self.server.read_timeout_s))

    def handle(self) -> None:
        try:
            super().handle()
        except TimeoutError:  # the request line or headers did not arrive in time
            logger.warning("rejected a request from %s: 408, request line or headers did not arrive in time", self.client_address[0])
            self.wfile.write(b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        logger.debug("%s %s", self.address_string(), escaped(format % args, 300))


class _Server(ThreadingMixIn, WSGIServer):
    """One thread per connection, at most `max_connections` at once; closing waits for them (each ends
    within the read deadline), so the requests being read when the server stops are still handled."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], *, max_connections: int, read_timeout_s: float) -> None:
        self._slots = threading.BoundedSemaphore(max_connections)
        self.read_timeout_s = read_timeout_s
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            logger.warning("refused a connection from %s: 503, all connections busy", client_address[0])
            try:
                request.settimeout(1)
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass  # the client is gone: nothing to tell it
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def http_server(
    app: App,
    signing_secret: str,
    host: str = "127.0.0.1",
    port: int = 3000,
    *,
    health: Health | None = None,
    read_timeout_s: float = READ_TIMEOUT_S,
    max_connections: int = MAX_CONNECTIONS,
) -> WSGIServer:
    """A threaded HTTP server for the Events API and interactivity at /slack/events (port 0 picks a free one)."""
    server = _Server((host, port), _Handler, max_connections=max_connections, read_timeout_s=read_timeout_s)
    server.set_app(SlackGuard(app, signing_secret, health))
    return server


def serve(server: WSGIServer, app: App) -> None:
    """Serve until SIGTERM or Ctrl-C, then stop taking requests and finish the answers in progress
    (a rolling restart loses none: Slack got its acknowledgement, the answer still follows)."""

    def stop(signum: int, frame: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()  # shutdown() waits for serve_forever to return

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        logger.info("stopped taking requests; finishing the requests and answers in progress")
        server.server_close()  # waits for the connections being handled, which may queue answers
        app.listener_runner.listener_executor.shutdown(wait=True)


def run_socket_mode(app: App, app_token: str, api_url: str) -> None:
    """Connect over Socket Mode (no public URL needed) and serve until interrupted."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token, web_client=WebClient(base_url=api_url)).start()
