"""Judge policies for the fake OpenAI-compatible server (assistant.testing.fake_llm_server).

The judge is exercised through the real OpenAI client over HTTP; what it answers is scripted:
- `oracle(labels)` answers each claim's label from the evaluation set — a judge that is always
  right, so the "+ judge" column is the ceiling the wiring allows (it can never overrule a veto);
- `lenient` calls everything SUPPORTED with a valid quote — the worst judge: what is caught
  then is caught by the deterministic checks alone.
A real model's judgement lies between; measure it with `BRIEF_LLM` pointing at a real server.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from assistant.answering.verification.judge import JUDGE_MARK
from assistant.testing.fake_llm_server import Messages

_REQUEST = re.compile(r"Passage:\n<<<\n(.*)\n>>>\n\nClaim: (.*)$", re.DOTALL)


def judge_request(messages: Messages) -> tuple[str, str] | None:
    """(passage, claim) of a judge request; None for any other request."""
    if not any(JUDGE_MARK in str(m.get("content", "")) for m in messages):
        return None
    match = _REQUEST.search(str(messages[-1].get("content", "")))
    return (match.group(1), match.group(2).strip()) if match else None


def _first_sentence(passage: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s|$)", passage, re.DOTALL)
    return (match.group(1) if match else passage).strip()


def oracle(labels: dict[str, str]) -> Callable[[Messages], str]:
    """A judge that knows every claim's label (NOT_FOUND for claims it was not given)."""

    def policy(messages: Messages) -> str:
        request = judge_request(messages)
        if request is None:
            return ""
        passage, claim = request
        return json.dumps({"verdict": labels.get(claim, "NOT_FOUND"), "quote": _first_sentence(passage)})

    return policy


def lenient(messages: Messages) -> str:
    """A judge that finds every claim supported, quoting the passage's first sentence."""
    request = judge_request(messages)
    return json.dumps({"verdict": "SUPPORTED", "quote": _first_sentence(request[0])}) if request else ""
