"""Every answer backend passes `AnswerBackendContract`: extractive, and the real OpenAI and Ollama
clients against the local fake chat server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.answering import registry
from assistant.answering.base import AnswerBackend, AnswerRequest, BackendContext
from assistant.errors import BackendError
from assistant.facade import Assistant
from assistant.settings import Settings
from assistant.testing.backend_contract import AnswerBackendContract
from assistant.testing.fake_llm_server import FakeChatServer, first_sentence


@pytest.fixture(scope="module")
def chat_server() -> Iterator[FakeChatServer]:
    with FakeChatServer() as server:
        yield server


def chat_context(context: BackendContext, server: FakeChatServer, provider: str) -> BackendContext:
    url = server.openai_url if provider == "openai" else server.ollama_url
    settings = context.settings.model_copy(update={"llm_base_url": url, "llm_timeout_s": 10.0})
    return BackendContext(settings, context.sentence_vectors)


class TestExtractiveBackend(AnswerBackendContract):
    @pytest.fixture
    def backend(self, contract_context: BackendContext) -> AnswerBackend:
        return registry.create_backend("extractive", contract_context)


class TestOpenAIBackend(AnswerBackendContract):
    @pytest.fixture
    def backend(self, contract_context: BackendContext, chat_server: FakeChatServer) -> AnswerBackend:
        return registry.create_backend("openai:fake-model", chat_context(contract_context, chat_server, "openai"))


class TestOllamaBackend(AnswerBackendContract):
    @pytest.fixture
    def backend(self, contract_context: BackendContext, chat_server: FakeChatServer) -> AnswerBackend:
        return registry.create_backend("ollama:fake-model", chat_context(contract_context, chat_server, "ollama"))


def test_unknown_provider_names_the_known_ones() -> None:
    with pytest.raises(BackendError, match="unknown provider 'claude'; use one of extractive, ollama, openai"):
        registry.provider("claude:opus")


def test_chat_provider_needs_a_model() -> None:
    with pytest.raises(BackendError, match="name the model"):
        registry.provider("openai")


def test_a_registered_provider_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    class Echo:
        name = "echo"

        def draft(self, request):  # type: ignore[no-untyped-def]
            yield request.question

    monkeypatch.setitem(registry.PROVIDERS, "echo", registry.Provider(lambda model, context: Echo(), needs_model=False))
    backend = registry.create_backend("echo", None)  # type: ignore[arg-type]
    assert isinstance(backend, Echo) and registry.create_rewriter("echo", None) is None  # type: ignore[arg-type]


class FirstSentence:
    """A plugin backend: drafts the first sentence of the top passage."""

    name = "first-sentence"

    def draft(self, request: AnswerRequest) -> Iterator[str]:
        yield f"{first_sentence(request.passages[0].chunk.text)} [1]"


class Broken:
    name = "broken"

    def draft(self, request: AnswerRequest) -> Iterator[str]:
        raise BackendError("broken is down.")


@pytest.mark.parametrize("plugin", [FirstSentence, Broken])
def test_the_facade_treats_a_plugin_backend_like_the_built_in_ones(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch, plugin: type
) -> None:
    monkeypatch.setitem(registry.PROVIDERS, plugin.name, registry.Provider(lambda model, context: plugin(), needs_model=False))
    assistant = Assistant(built_settings.model_copy(update={"llm": plugin.name}))
    assert assistant.backend_names == [plugin.name, "extractive"]
    answer = assistant.ask("Who is Steve Witkoff?")
    assert answer.citations and not answer.declined
    if plugin is FirstSentence:
        assert answer.backend == "first-sentence" and not answer.notice
        assert answer.text.startswith(first_sentence(answer.passages[0].chunk.text))
    else:
        assert answer.backend == "extractive" and answer.notice == "broken is down. This answer is extractive."
