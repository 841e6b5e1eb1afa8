"""End to end through the real OpenAI and Ollama clients against the local fake server: a draft's
contradicted sentences never reach the answer, whatever the judge says; verdicts reach the JSON."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.facade import Assistant
from assistant.settings import Settings
from assistant.testing.fake_llm_server import FakeChatServer, Messages, is_rewrite, passages_of
from assistant.text import split_sentences
from assistant.types import Passage
from eval.verification.judges import judge_request

QUESTION = "What did the Harvard CAPS Harris poll show about Republican voters?"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def corrupted_number(sentence: str) -> str:
    return re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), sentence, count=1)


def plain_first_sentence(passages: list[Passage]) -> str:
    """The first passage sentence without figures (a footnote's dates would be another check's business)."""
    return next(s for p in passages for s in sentences(p.chunk.text) if not re.search(r"\d", s))


def negated(sentence: str) -> str:
    return re.sub(r"\b(has|have|had|was|were|is|are|would|could)\b", r"\1 not", sentence, count=1)


class Script:
    """Drafts a true sentence followed by corrupted ones; judges as told."""

    def __init__(self, verdict: str = "SUPPORTED") -> None:
        self.verdict = verdict
        self.drafted: list[str] = []

    def __call__(self, messages: Messages) -> str:
        request = judge_request(messages)
        if request is not None:
            if self.verdict == "garbage":
                return "I think it is fine."
            return json.dumps({"verdict": self.verdict, "quote": sentences(request[0])[0]})
        if is_rewrite(messages):
            return ""
        passages = passages_of(messages)
        pool = [s for n in sorted(passages) for s in sentences(passages[n])]
        true = pool[0]
        with_number = next(s for s in pool if re.search(r"\d+%", s))
        with_auxiliary = next(s for s in pool if negated(s) != s and s != true)
        self.drafted = [true, corrupted_number(with_number), negated(with_auxiliary)]
        return " ".join(f"{s} [1]" for s in self.drafted)


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def server(script: Script) -> Iterator[FakeChatServer]:
    with FakeChatServer(script) as fake:
        yield fake


def ask(settings: Settings, server: FakeChatServer, provider: str = "openai") -> Assistant:
    url = server.openai_url if provider == "openai" else server.ollama_url
    return Assistant(settings.model_copy(update={"llm": f"{provider}:fake-model", "llm_base_url": url, "llm_timeout_s": 10.0}))


@pytest.mark.parametrize("provider", ["openai", "ollama"])
def test_contradicted_sentences_never_reach_the_answer_even_with_a_gullible_judge(
    built_settings: Settings, server: FakeChatServer, script: Script, provider: str
) -> None:
    answer = ask(built_settings, server, provider).ask(QUESTION)
    true, wrong_number, wrong_negation = script.drafted
    assert wrong_number != true and wrong_negation not in (true, wrong_number)
    assert answer.backend.startswith(provider) and not answer.declined
    assert true.rstrip(".") in answer.text
    assert wrong_number.rstrip(".") not in answer.text and wrong_negation.rstrip(".") not in answer.text
    verdicts = {v.sentence: v for v in answer.verdicts}
    assert verdicts[true].verdict == "SUPPORTED"
    assert verdicts[wrong_number].verdict == "CONTRADICTED" and "%" in verdicts[wrong_number].reason
    assert verdicts[wrong_negation].verdict == "CONTRADICTED" and "negated" in verdicts[wrong_negation].reason
    assert "2 of the drafted sentences left out" in answer.notice and "\n" not in answer.notice


def test_verdicts_are_in_the_json_contract_with_their_evidence(built_settings: Settings, server: FakeChatServer, script: Script) -> None:
    payload = ask(built_settings, server).ask(QUESTION).to_json()
    assert [v["verdict"] for v in payload["verdicts"]] == ["SUPPORTED", "CONTRADICTED", "CONTRADICTED"]
    assert all(set(v) == {"sentence", "verdict", "reason", "citation"} for v in payload["verdicts"])
    kept, dropped = payload["verdicts"][0], payload["verdicts"][1]
    assert kept["citation"]["n"] == 1 and kept["citation"]["quote"] == payload["citations"][0]["quote"]
    evidence = dropped["citation"]
    assert evidence["n"] == 0 and evidence["text"][evidence["start"] : evidence["end"]] == evidence["quote"]
    assert re.search(r"\d+%", evidence["quote"]), "a dropped sentence shows the evidence that contradicts it"
    assert json.loads(json.dumps(payload)) == payload


def test_the_judge_is_asked_for_json_at_temperature_zero(built_settings: Settings, server: FakeChatServer) -> None:
    assistant = ask(built_settings, server)
    passages = assistant.ask(QUESTION).passages
    first = plain_first_sentence(passages)
    server.requests.clear()
    assistant.verify(f"{first.rstrip('.')}, as the brief reports.", passages, "openai:fake-model")
    (request,) = [r["body"] for r in server.requests if judge_request(r["body"]["messages"])]
    assert request["response_format"] == {"type": "json_object"} and request["temperature"] == 0


@pytest.mark.parametrize(("judged", "expected"), [("SUPPORTED", "SUPPORTED"), ("CONTRADICTED", "CONTRADICTED"), ("garbage", "NOT_FOUND")])
def test_the_judge_decides_only_what_the_checks_let_through(
    built_settings: Settings, server: FakeChatServer, script: Script, judged: str, expected: str
) -> None:
    assistant = ask(built_settings, server)
    passages = assistant.ask(QUESTION).passages
    script.verdict = judged
    first = plain_first_sentence(passages)
    paraphrase = f"{first.rstrip('.')}, as the brief reports."
    (verdict,) = assistant.verify(paraphrase, passages, "openai:fake-model").verdicts
    assert verdict.verdict == expected
    (checks_only,) = assistant.verify(paraphrase, passages).verdicts
    assert checks_only.verdict == "SUPPORTED", "without a judge the checks alone keep it"


def test_ollama_judge_asks_for_json(built_settings: Settings, server: FakeChatServer) -> None:
    assistant = ask(built_settings, server, "ollama")
    passages = assistant.ask(QUESTION).passages
    server.requests.clear()
    first = plain_first_sentence(passages)
    assistant.verify(f"{first.rstrip('.')}, as the brief reports.", passages, "ollama:fake-model")
    (request,) = [r["body"] for r in server.requests if judge_request(r["body"]["messages"])]
    assert request["format"] == "json" and request["options"]["temperature"] == 0


def test_slack_reply_lists_what_was_left_out(built_settings: Settings, server: FakeChatServer, script: Script) -> None:
    from ui.slack import messages as slack_messages
    from ui.slack.blocks import render_answer

    answer = ask(built_settings, server).ask(QUESTION)
    _, blocks = render_answer(answer, "a1")
    contexts = [block["elements"][0]["text"] for block in blocks if block["type"] == "context"]
    (line,) = [text for text in contexts if text.startswith(slack_messages.DROPPED.split("{")[0])]
    _, wrong_number, wrong_negation = script.drafted
    assert wrong_number[:40] in line and wrong_negation[:40] in line and "negated" in line


def test_chat_ui_shows_dropped_sentences_under_a_collapsed_expander(
    built_settings: Settings, server: FakeChatServer, script: Script, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from streamlit.testing.v1 import AppTest

    from ui.web import APP_SCRIPT
    from ui.web import messages as web_messages

    for name, value in {
        "BRIEF_INDEX_DIR": built_settings.index_dir,
        "BRIEF_CORPUS_DIR": built_settings.corpus_dir,
        "BRIEF_FEEDBACK_DB": tmp_path / "feedback.sqlite",
        "BRIEF_LLM": "openai:fake-model",
        "BRIEF_LLM_BASE_URL": server.openai_url,
    }.items():
        monkeypatch.setenv(name, str(value))
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=120).run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception
    (expander,) = [e for e in at.expander if e.label == web_messages.NOT_SUPPORTED]
    assert not expander.proto.expanded
    listed = " ".join(element.proto.body for element in expander.children.values() if hasattr(element.proto, "body"))
    _, wrong_number, wrong_negation = script.drafted
    assert html.escape(wrong_number[:40]) in listed and web_messages.VERDICTS["CONTRADICTED"] in listed
    (answer_html,) = [element.proto.body for element in at.html if 'class="ba-answer' in element.proto.body]
    true = script.drafted[0]
    assert html.escape(true[:40]) in answer_html
    assert answer_html.count("ba-ref") == 1, "only the true sentence is in the answer"
