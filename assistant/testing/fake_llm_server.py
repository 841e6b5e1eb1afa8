"""A fake OpenAI-compatible (and Ollama) chat server on 127.0.0.1 port 0, with deterministic replies.

The real LangChain clients talk to it over HTTP, so the tests exercise the real client code:
`/v1/chat/completions` (JSON or SSE streaming) and `/api/chat` (Ollama NDJSON streaming).
A `policy` turns the request's messages into the reply text; `fault` injects failures.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Messages = list[dict[str, Any]]
Policy = Callable[[Messages], str]

_PASSAGE = re.compile(r"^\[(\d+)\] \((.*?)\) (.*)$", re.MULTILINE)


def passages_of(messages: Messages) -> dict[int, str]:
    """The numbered passages the answer prompt sent, by number."""
    text = "\n".join(str(m.get("content", "")) for m in messages)
    return {int(n): body for n, _, body in _PASSAGE.findall(text)}


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return (match.group(1) if match else text).strip()


def faithful(messages: Messages) -> str:
    """Cites like a good model: the first sentence of passages 1 and 2, each with its marker."""
    if is_rewrite(messages):
        return last_question(messages)
    passages = passages_of(messages)
    return " ".join(f"{first_sentence(passages[n])} [{n}]" for n in sorted(passages)[:2])


def is_rewrite(messages: Messages) -> bool:
    return any("Rewrite the user's last question" in str(m.get("content", "")) for m in messages)


def last_question(messages: Messages) -> str:
    text = str(messages[-1].get("content", ""))
    match = re.search(r"(?:Last question|Question): (.*)$", text, flags=re.DOTALL)
    return (match.group(1) if match else text).strip()


class FakeChatServer:
    """Serve chat completions from `policy`; `fault` is None, "error", "slow", "garbage" or "empty"."""

    def __init__(self, policy: Policy = faithful, *, slow_s: float = 5.0) -> None:
        self.policy = policy
        self.fault: str | None = None
        self.slow_s = slow_s
        self.requests: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def openai_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def ollama_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence stderr
                return

            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "body": body})
                if fake.fault == "slow":
                    time.sleep(fake.slow_s)
                if fake.fault == "error":
                    return self._send(500, "application/json", b'{"error": {"message": "internal error", "type": "server_error"}}')
                if fake.fault == "garbage":
                    return self._send(200, "application/json", b"<html>this is not JSON</html>")
                reply = "" if fake.fault == "empty" else fake.policy(body.get("messages", []))
                if self.path.endswith("/chat/completions"):
                    return self._openai(body, reply)
                if self.path == "/api/chat":
                    return self._ollama(body, reply)
                return self._send(404, "application/json", b'{"error": "not found"}')

            def _openai(self, body: dict[str, Any], reply: str) -> None:
                model = body.get("model", "fake-model")
                if not body.get("stream"):
                    payload = {
                        "id": "fake-1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": model,
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                    return self._send(200, "application/json", json.dumps(payload).encode())
                events = []
                for piece in _pieces(reply):
                    delta = {"role": "assistant", "content": piece}
                    events.append({"id": "fake-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                                   "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
                events.append({"id": "fake-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                               "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                data = "".join(f"data: {json.dumps(event)}\n\n" for event in events) + "data: [DONE]\n\n"
                self._send(200, "text/event-stream", data.encode())

            def _ollama(self, body: dict[str, Any], reply: str) -> None:
                model = body.get("model", "fake-model")
                stamp = "2025-01-01T00:00:00Z"
                lines = [{"model": model, "created_at": stamp, "message": {"role": "assistant", "content": p}, "done": False}
                         for p in _pieces(reply)]
                lines.append({"model": model, "created_at": stamp, "message": {"role": "assistant", "content": ""}, "done": True,
                              "done_reason": "stop", "total_duration": 1, "load_duration": 1, "prompt_eval_count": 1,
                              "prompt_eval_duration": 1, "eval_count": 1, "eval_duration": 1})
                if not body.get("stream", True):
                    merged = {**lines[-1], "message": {"role": "assistant", "content": reply}}
                    return self._send(200, "application/json", json.dumps(merged).encode())
                self._send(200, "application/x-ndjson", "".join(json.dumps(line) + "\n" for line in lines).encode())

            def _send(self, status: int, content_type: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                    pass

        return Handler


def _pieces(reply: str) -> list[str]:
    """The reply as streamed tokens (words with their following space)."""
    return re.findall(r"\S+\s*|\s+", reply) or [""]
