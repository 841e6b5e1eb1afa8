"""The answering words of an answer are bold in the chat and in Slack, escaped like the rest."""

from __future__ import annotations

from assistant.types import Answer
from ui.slack.blocks import render_answer
from ui.web.markup import answer_text

TEXT = "Henrik Aalto <the negotiator> convened the first round in Vienna in mid-September 2024. [1]"


def _answer(highlights: list[tuple[int, int]]) -> Answer:
    return Answer("Who?", "Who?", TEXT, False, [], [], "extractive", highlights=highlights)


def _span(word: str) -> tuple[int, int]:
    return TEXT.index(word), TEXT.index(word) + len(word)


def test_chat_bolds_the_highlights_and_escapes_everything() -> None:
    html = answer_text(TEXT, highlights=[_span("Vienna"), _span("Henrik Aalto")])
    assert "<b>Henrik Aalto</b>" in html and "<b>Vienna</b>" in html
    assert "&lt;the negotiator&gt;" in html and "<the" not in html
    assert '<span class="ba-ref">[1]</span>' in html
    assert "<b>" not in answer_text(TEXT)


def test_slack_bolds_the_highlights() -> None:
    _, blocks = render_answer(_answer([_span("mid-September 2024")]), "a1")
    body = " ".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "*mid-September 2024*" in body and "&lt;the negotiator&gt;" in body
    _, plain = render_answer(_answer([]), "a1")
    assert "*" not in " ".join(b["text"]["text"] for b in plain if b["type"] == "section")
