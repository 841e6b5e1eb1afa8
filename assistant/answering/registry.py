"""Answer backends and question rewriters by provider name: `BRIEF_LLM=provider[:model]`.

The built-in providers are `extractive`, `openai` (any OpenAI-compatible server) and `ollama`.
A plugin adds one with `register(...)`, or from its own package through the entry-point group
`brief_assistant.backends`, whose object is a `Provider`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points

from assistant.answering.base import AnswerBackend, BackendContext, QuestionRewriter
from assistant.errors import BackendError
from assistant.settings import Settings

ENTRY_POINT_GROUP = "brief_assistant.backends"


@dataclass(frozen=True)
class Provider:
    """How to build a provider's backend for a model, and its question rewriter (None: the rule-based one)."""

    backend: Callable[[str, BackendContext], AnswerBackend]
    rewriter: Callable[[str, Settings], QuestionRewriter] | None = None
    needs_model: bool = True


def _extractive(model: str, context: BackendContext) -> AnswerBackend:
    from assistant.answering.extractive import ExtractiveBackend

    return ExtractiveBackend(context.sentence_vectors, context.settings.max_answer_sentences)


def _chat_backend(provider: str) -> Callable[[str, BackendContext], AnswerBackend]:
    def build(model: str, context: BackendContext) -> AnswerBackend:
        from assistant.answering.llm import ChatModelBackend, chat_model

        return ChatModelBackend(f"{provider}:{model}", chat_model(provider, model, context.settings))

    return build


def _chat_rewriter(provider: str) -> Callable[[str, Settings], QuestionRewriter]:
    def build(model: str, settings: Settings) -> QuestionRewriter:
        from assistant.answering.llm import ChatModelRewriter, chat_model

        return ChatModelRewriter(f"{provider}:{model}", chat_model(provider, model, settings))

    return build


PROVIDERS: dict[str, Provider] = {
    "extractive": Provider(_extractive, needs_model=False),
    "openai": Provider(_chat_backend("openai"), _chat_rewriter("openai")),
    "ollama": Provider(_chat_backend("ollama"), _chat_rewriter("ollama")),
}


def register(name: str, provider: Provider) -> None:
    """Make `name[:model]` a valid BRIEF_LLM (replaces a provider of the same name)."""
    PROVIDERS[name] = provider


def provider(spec: str) -> tuple[Provider, str]:
    """The provider of `spec` (`name` or `name:model`) and the model part; BackendError naming the fix."""
    name, _, model = spec.partition(":")
    if name not in PROVIDERS:
        for point in entry_points(group=ENTRY_POINT_GROUP, name=name):
            register(name, point.load())
    if name not in PROVIDERS:
        raise BackendError(f"BRIEF_LLM={spec!r}: unknown provider {name!r}; use one of {', '.join(sorted(PROVIDERS))}.")
    found = PROVIDERS[name]
    if found.needs_model and not model:
        raise BackendError(f"BRIEF_LLM={spec!r}: name the model, e.g. {name}:MODEL.")
    return found, model


def create_backend(spec: str, context: BackendContext) -> AnswerBackend:
    found, model = provider(spec)
    return found.backend(model, context)


def create_rewriter(spec: str, settings: Settings) -> QuestionRewriter | None:
    """The provider's own rewriter, or None when follow-ups are rewritten by rules."""
    found, model = provider(spec)
    return found.rewriter(model, settings) if found.rewriter else None
