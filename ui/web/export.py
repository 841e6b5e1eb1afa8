"""A conversation as Markdown or JSON, for the sidebar's download buttons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from assistant.types import Answer


def to_json(answers: Sequence[Answer], conversation_id: str) -> str:
    """Every answer's JSON contract (`Answer.to_json`, citations included), in order."""
    payload = {
        "conversation_id": conversation_id,
        "exported_at": _now(),
        "turns": [answer.to_json() for answer in answers],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_markdown(answers: Sequence[Answer], conversation_id: str) -> str:
    """A readable transcript: each question, the answer with its [n] markers, then the cited quotes."""
    lines = ["# Brief Assistant conversation", "", f"Conversation `{conversation_id}`, exported {_now()}.", ""]
    for number, answer in enumerate(answers, start=1):
        lines += [f"## {number}. {_one_line(answer.question)}", ""]
        if answer.standalone_question and answer.standalone_question != answer.question:
            lines += [f"*Understood as:* {_one_line(answer.standalone_question)}", ""]
        lines += [answer.text, ""]
        for citation in answer.citations:
            chunk = citation.chunk
            where = f"{chunk.title}, {chunk.section}" if chunk.section else chunk.title
            link = f" <{chunk.url}>" if chunk.url else ""
            lines.append(f"[{citation.n}] {where}{link}")
            lines.append(f"> {_one_line(citation.quote)}")
            for source in citation.linked_sources:
                lines.append(f">\n> Footnote {source.footnote}: {source.title}" + (f" <{source.url}>" if source.url else ""))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
