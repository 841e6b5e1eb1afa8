"""The chat page, run by `brief-assistant web` (or `make run`). Everything it answers comes from the Assistant facade."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import streamlit as st  # noqa: E402

from assistant.errors import AssistantError  # noqa: E402
from assistant.facade import Assistant, Delta  # noqa: E402
from assistant.feedback import FeedbackStore  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.types import Answer  # noqa: E402
from ui.web import components, export, glance, loading, markup, messages  # noqa: E402

log = logging.getLogger("ui.app")
MAX_TOP_K = 20


@st.cache_resource
def _feedback_store(database: str) -> FeedbackStore:
    return FeedbackStore(database)


def main() -> None:
    st.set_page_config(page_title=messages.PAGE_TITLE, page_icon=":material/description:", layout="wide")
    components.inject_css()
    settings = loading.settings_from_env()
    try:
        assistant = loading.get_assistant(settings)
    except AssistantError as error:
        st.error(str(error))
        st.stop()
    _init_state(assistant)
    options = _sidebar(assistant, settings)

    st.title(messages.PAGE_TITLE)
    st.caption(assistant.profile.tagline or messages.TAGLINE)
    views = [messages.CHAT_VIEW, messages.GLANCE_VIEW, messages.READER_VIEW]
    view = st.segmented_control("View", views, key="view", label_visibility="collapsed")
    if view == messages.GLANCE_VIEW:
        glance.view(assistant.overview())
    elif view == messages.READER_VIEW:
        documents = assistant.index.manifest.documents
        brief = next((d.id for d in documents if d.kind == "brief"), documents[0].id if documents else "")
        focus = st.session_state.get("focus")
        components.reader(loading.documents(settings), focus.document if focus else brief)
    else:
        _chat(assistant, _feedback_store(settings.database), options)
    _sidebar_status(assistant)


def _init_state(assistant: Assistant) -> None:
    state = st.session_state
    if "conversation_id" not in state:
        state.conversation_id = assistant.new_conversation()
        state.turns = []
    state.setdefault("view", messages.CHAT_VIEW)


def _new_conversation(assistant: Assistant) -> None:
    assistant.conversations.reset(st.session_state.conversation_id)
    st.session_state.conversation_id = assistant.new_conversation()
    st.session_state.turns = []
    st.session_state.pop("focus", None)
    st.session_state.view = messages.CHAT_VIEW


def _sidebar(assistant: Assistant, settings: Settings) -> dict[str, object]:
    titles = {document.id: document.title for document in assistant.index.manifest.documents}
    with st.sidebar:
        st.header(messages.SIDEBAR_SETTINGS)
        backend = st.selectbox(messages.BACKEND_LABEL, assistant.backend_names, key="backend")
        top_k = st.slider(messages.TOP_K_LABEL, 1, max(MAX_TOP_K, settings.top_k), settings.top_k, key="top_k")
        document = st.selectbox(
            messages.DOCUMENT_LABEL,
            [None, *titles],
            format_func=lambda doc: messages.ALL_DOCUMENTS if doc is None else titles[doc],
            key="document",
        )
        st.button(messages.NEW_CONVERSATION, on_click=_new_conversation, args=(assistant,), icon=":material/add_comment:", width="stretch")

    return {"backend": backend, "top_k": top_k, "document": document}


def _sidebar_status(assistant: Assistant) -> None:
    """Export and index status, drawn after the chat so they include the answer just given."""
    manifest = assistant.index.manifest
    answers = [turn.answer for turn in st.session_state.turns if turn.answer is not None]
    conversation_id = st.session_state.conversation_id
    with st.sidebar:
        st.subheader(messages.EXPORT_HEADING)
        formats = [
            (messages.EXPORT_MARKDOWN, export.to_markdown, "md", "text/markdown"),
            (messages.EXPORT_JSON, export.to_json, "json", "application/json"),
        ]
        for column, (label, render, extension, mime) in zip(st.columns(len(formats)), formats):
            column.download_button(
                label,
                render(answers, conversation_id),
                file_name=f"conversation-{conversation_id[:8]}.{extension}",
                mime=mime,
                on_click="ignore",
                disabled=not answers,
                key=f"export-{extension}",
                width="stretch",
            )

        st.subheader(messages.INDEX_HEADING)
        st.caption(
            messages.INDEX_STATUS.format(
                documents=len(manifest.documents),
                chunks=manifest.chunks,
                model=manifest.model_label,
                device=manifest.device,
                built_at=manifest.built_at,
            )
        )


def _chat(assistant: Assistant, feedback: FeedbackStore, options: dict[str, object]) -> None:
    state = st.session_state
    prompt = st.chat_input(messages.CHAT_PLACEHOLDER, max_chars=assistant.settings.max_question_chars)
    question = prompt or state.pop("pending", None)
    for index, turn in enumerate(state.turns):
        components.user_message(turn.question)
        with st.chat_message("assistant"):
            components.answer_body(index, turn, feedback, state.conversation_id)
    starters = assistant.profile.starter_questions
    if starters and not state.turns and not question:
        st.markdown(f"**{messages.STARTERS_HEADING}**")
        for number, starter in enumerate(starters):
            st.button(starter, key=f"starter-{number}", on_click=state.__setitem__, args=("pending", starter))
    if question:
        _ask(assistant, feedback, question, options)


def _ask(assistant: Assistant, feedback: FeedbackStore, question: str, options: dict[str, object]) -> None:
    """Stream one answer into the page, then keep it in the session's turns."""
    state = st.session_state
    components.user_message(question)
    with st.chat_message("assistant"):
        draft = st.empty()
        turn = components.ChatTurn(question)
        text = ""
        try:
            for event in assistant.stream(question, state.conversation_id, **options):  # type: ignore[arg-type]
                if isinstance(event, Delta):
                    text += event.text
                    draft.html(markup.answer_text(text + "▌"))
                elif isinstance(event, Answer):
                    turn.answer = event
        except AssistantError as error:
            turn.error = str(error)
        except Exception as error:  # a bug must not show a traceback to the reader; it is logged in full
            log.exception("answering %r failed", question)
            turn.error = messages.UNEXPECTED_ERROR.format(kind=type(error).__name__)
        draft.empty()
        state.turns.append(turn)
        components.answer_body(len(state.turns) - 1, turn, feedback, state.conversation_id)


main()
