"""One contract every answer backend passes: extractive, and the real OpenAI/Ollama clients against a fake server."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from corpus_checks import assert_quotes_in_corpus

from assistant.facade import Assistant, Delta
from assistant.settings import Settings
from assistant.testing.fake_llm_server import FakeChatServer, faithful, first_sentence, is_rewrite, passages_of
from assistant.types import Answer

IN_SCOPE = [
    "Who is Steve Witkoff?",
    "What role did Jared Kushner play in the negotiations?",
    "What happens in the negative scenario?",
    "Why was Keith Kellogg marginalised?",
    "What did the Harvard CAPS Harris poll show about Republican voters?",
]
OUT_OF_SCOPE = ["What is the recipe for Neapolitan pizza?", "Who won the 1998 FIFA World Cup final?"]
_SEGMENT = re.compile(r"[^\[]+?(?: \[\d+\])+")


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeChatServer]:
    with FakeChatServer() as server:
        yield server


@pytest.fixture
def server(fake_server: FakeChatServer) -> Iterator[FakeChatServer]:
    """The module's fake server, reset to the faithful policy after each test."""
    yield fake_server
    fake_server.policy, fake_server.fault = faithful, None
    fake_server.requests.clear()


def llm_assistant(settings: Settings, server: FakeChatServer, provider: str = "openai", **overrides: object) -> Assistant:
    url = server.openai_url if provider == "openai" else server.ollama_url
    values = {"llm": f"{provider}:fake-model", "llm_base_url": url, "llm_timeout_s": 10.0, **overrides}
    return Assistant(settings.model_copy(update=values))


@pytest.fixture(params=["extractive", "openai-fake", "ollama-fake"])
def backend_assistant(request: pytest.FixtureRequest, built_settings: Settings, assistant: Assistant, server: FakeChatServer) -> Assistant:
    if request.param == "extractive":
        return assistant
    return llm_assistant(built_settings, server, request.param.split("-")[0])


def assert_contract(answer: Answer, settings: Settings) -> None:
    """Every sentence cited, every quote exact, every marker pointing at a citation."""
    assert answer.standalone_question.strip()
    assert not answer.declined, answer.text
    assert answer.citations
    segments = _SEGMENT.findall(answer.text)
    assert "".join(segments).strip() == answer.text.strip(), f"a sentence without a marker: {answer.text!r}"
    numbers = {c.n for c in answer.citations}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == numbers, "every marker refers to a citation and every citation is used"
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {citation.chunk.id for citation in answer.citations} <= {p.chunk.id for p in answer.passages}
    assert_quotes_in_corpus(answer.citations, settings)


@pytest.mark.parametrize("question", IN_SCOPE)
def test_contract_in_scope(backend_assistant: Assistant, question: str) -> None:
    answer = backend_assistant.ask(question)
    assert_contract(answer, backend_assistant.settings)
    assert answer.backend == backend_assistant.settings.llm
    assert not answer.notice


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_contract_declines_out_of_scope(backend_assistant: Assistant, question: str) -> None:
    answer = backend_assistant.ask(question)
    assert answer.declined and not answer.citations
    assert answer.text.startswith("The brief does not cover this")


def test_contract_follow_up_has_standalone_question(backend_assistant: Assistant, server: FakeChatServer) -> None:
    conversation = backend_assistant.new_conversation()
    backend_assistant.ask("Why was Keith Kellogg marginalised?", conversation)
    follow_up = backend_assistant.ask("Is he expected to resign?", conversation)
    if backend_assistant.settings.llm == "extractive":
        assert "Kellogg" in follow_up.standalone_question, "the rules resolve 'he' to the person asked about"
    else:
        rewrites = [r["body"]["messages"] for r in server.requests if is_rewrite(r["body"]["messages"])]
        assert rewrites and "Kellogg" in str(rewrites[-1]), "the LLM rewrites follow-ups, given the conversation"
        assert follow_up.standalone_question == "Is he expected to resign?", "the LLM's rewrite (the fake echoes it) is used"


def test_openai_streams_tokens_before_the_verified_answer(built_settings: Settings, server: FakeChatServer) -> None:
    events = list(llm_assistant(built_settings, server).stream("Who is Steve Witkoff?"))
    deltas, answer = [e for e in events if isinstance(e, Delta)], events[-1]
    assert isinstance(answer, Answer) and len(deltas) > 3
    request = next(r for r in server.requests if not is_rewrite(r["body"]["messages"]))
    assert request["body"]["stream"] is True
    assert "".join(d.text for d in deltas) == faithful(request["body"]["messages"])
    assert_contract(answer, built_settings)


def test_openai_non_streaming_reply_is_parsed(built_settings: Settings, server: FakeChatServer) -> None:
    from langchain_openai import ChatOpenAI

    chat = ChatOpenAI(model="fake-model", base_url=server.openai_url, api_key="x", max_retries=0, streaming=False)
    reply = chat.invoke("Passages:\n[1] (Lead) Alpha beta gamma. Delta.\n\nQuestion: q")
    assert reply.content == "Alpha beta gamma. [1]"


# -- a model that cites badly: verification repairs or drops ---------------------------------------


def test_wrong_marker_is_re_cited_to_the_supporting_passage(built_settings: Settings, server: FakeChatServer) -> None:
    def swapped(messages: list) -> str:
        if is_rewrite(messages):
            return ""
        passages = passages_of(messages)
        return f"{first_sentence(passages[2])} [1]"  # passage 2's sentence, cited as [1]

    server.policy = swapped
    answer = llm_assistant(built_settings, server).ask("Who is Steve Witkoff?")
    assert_contract(answer, built_settings)
    second = answer.passages[1].chunk
    assert answer.backend.startswith("openai") and len(answer.citations) == 1
    citation = answer.citations[0]
    assert citation.chunk.id == second.id
    assert citation.quote.rstrip(".").strip() in first_sentence(second.text), "the quote is the sentence's real support"


def test_unsupported_sentence_dropped_and_dangling_marker_removed(built_settings: Settings, server: FakeChatServer) -> None:
    claim = "Witkoff secretly negotiated the sale of Alaska back to Russia in 2019"

    def embellished(messages: list) -> str:
        passages = passages_of(messages)
        return f"{first_sentence(passages[1])} [99] {claim}. [1]"

    server.policy = embellished
    answer = llm_assistant(built_settings, server).ask("Who is Steve Witkoff?")
    assert_contract(answer, built_settings)
    assert "Alaska back" not in answer.text and "[99]" not in answer.text
    assert answer.citations[0].quote.rstrip(".") in answer.passages[0].chunk.text


def test_reply_with_no_supported_sentence_falls_back_to_extractive(built_settings: Settings, server: FakeChatServer) -> None:
    server.policy = lambda messages: "Bananas are an excellent source of potassium and fibre. [1]"
    answer = llm_assistant(built_settings, server).ask("Who is Steve Witkoff?")
    assert answer.backend == "extractive" and "this answer is extractive" in answer.notice
    assert_contract(answer, built_settings)


@pytest.mark.parametrize("provider", ["openai", "ollama"])
@pytest.mark.parametrize("fault", ["error", "garbage", "empty", "slow"])
def test_llm_failures_fall_back_to_extractive_with_notice(
    built_settings: Settings, server: FakeChatServer, provider: str, fault: str
) -> None:
    server.fault, server.slow_s = fault, 3.0
    answer = llm_assistant(built_settings, server, provider, llm_timeout_s=1.0).ask("Who is Steve Witkoff?")
    assert answer.backend == "extractive"
    assert "extractive" in answer.notice and answer.notice.count("\n") == 0
    assert_contract(answer, built_settings)
    assert answer.to_json()["notice"] == answer.notice


def test_unreachable_llm_falls_back(built_settings: Settings, server: FakeChatServer) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings = built_settings.model_copy(update={"llm": "openai:fake-model", "llm_base_url": f"http://127.0.0.1:{closed_port}/v1"})
    answer = Assistant(settings).ask("Who is Steve Witkoff?")
    assert answer.backend == "extractive" and "failed" in answer.notice
    assert_contract(answer, built_settings)
