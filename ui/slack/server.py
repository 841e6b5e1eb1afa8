"""Serve the bot: HTTP (Events API on 127.0.0.1 by default, threaded WSGI) or Socket Mode."""

from __future__ import annotations

import logging
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY_BYTES = 1_000_000


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Handler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        logger.debug("%s %s", self.address_string(), format % args)


class _BodyLimit:
    """Refuse oversized bodies before bolt reads them."""

    def __init__(self, wsgi_app: SlackRequestHandler) -> None:
        self._app = wsgi_app

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_BODY_BYTES + 1
        if length > MAX_BODY_BYTES:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"Payload Too Large"]
        return self._app(environ, start_response)


def http_server(app: App, host: str = "127.0.0.1", port: int = 3000, path: str = EVENTS_PATH) -> WSGIServer:
    """A threaded HTTP server for the Events API and interactivity at `path` (port 0 picks a free one)."""
    return make_server(host, port, _BodyLimit(SlackRequestHandler(app, path)), server_class=_ThreadingServer, handler_class=_Handler)


def run_socket_mode(app: App, app_token: str, api_url: str) -> None:
    """Connect over Socket Mode (no public URL needed) and serve until interrupted."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token, web_client=WebClient(base_url=api_url)).start()
