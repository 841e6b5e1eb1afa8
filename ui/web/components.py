"""Streamlit pieces of the chat: messages, citation cards, feedback and the brief reader."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assistant.corpus.document import SourceDocument
from assistant.feedback import FeedbackStore, Rating
from assistant.types import Answer, Citation
from ui.web import markup, messages

CLOSEST_SHOWN = 3


@dataclass
class ChatTurn:
    """One exchange as the page keeps it: the answer, or the friendly error it ended with."""

    question: str
    answer: Answer | None = None
    error: str = ""
    feedback: str | None = None
    feedback_note: str = ""


@dataclass(frozen=True)
class Focus:
    """A citation opened in the reader: its passage and quote as offsets into the document text."""

    n: int
    document: str
    section: str
    start: int
    end: int
    quote_start: int
    quote_end: int

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


def inject_css() -> None:
    st.html(markup.CSS)


def user_message(question: str) -> None:
    with st.chat_message("user"):
        st.html(markup.user_text(question))


def answer_body(index: int, turn: ChatTurn, feedback_store: FeedbackStore, conversation_id: str) -> None:
    """The answer text, its notice, the citation cards (or closest passages) and the feedback row."""
    answer = turn.answer
    if answer is None:
        st.error(turn.error)
        return
    st.html(markup.answer_text(answer.text, declined=answer.declined, highlights=answer.highlights))
    if answer.notice:
        st.caption(answer.notice)
    if answer.dropped:
        dropped_sentences(answer)
    if answer.declined:
        closest = answer.passages[:CLOSEST_SHOWN]
        if closest:
            with st.expander(messages.CLOSEST_PASSAGES):
                for passage in closest:
                    chunk = passage.chunk
                    st.html(markup.card(passage.rank, chunk.title, chunk.section, markup.esc(chunk.text), _source_links(chunk.url)))
    else:
        st.markdown(f"**{messages.SOURCES_HEADING}**")
        for citation in answer.citations:
            citation_card(index, citation)
    feedback_row(index, turn, feedback_store, conversation_id)


def dropped_sentences(answer: Answer) -> None:
    """The drafted sentences verification left out, each with why, in a collapsed expander."""
    with st.expander(messages.NOT_SUPPORTED, expanded=False):
        items = "".join(
            f"<li>{markup.esc(verdict.sentence)} <em>({markup.esc(messages.VERDICTS.get(verdict.verdict, verdict.verdict))}: "
            f"{markup.esc(verdict.reason)})</em></li>"
            for verdict in answer.dropped
        )
        st.html(f'<ul class="ba-dropped">{items}</ul>')


def citation_card(index: int, citation: Citation) -> None:
    chunk = citation.chunk
    links = _source_links(chunk.url)
    for source in citation.linked_sources:
        label = messages.LINKED_PUBLICATION.format(footnote=source.footnote, title=source.title)
        links.append(markup.link(source.url, label) if source.url else markup.esc(label))
    passage = markup.marked(chunk.text, [(citation.start, citation.end)])
    st.html(markup.card(citation.n, chunk.title, chunk.section, passage, links))
    st.button(
        messages.OPEN_IN_BRIEF,
        key=f"open-{index}-{citation.n}",
        on_click=show_in_reader,
        args=(citation,),
        type="tertiary",
        icon=":material/menu_book:",
    )


def _source_links(url: str) -> list[str]:
    return [markup.link(url, messages.SOURCE_LINK)] if url else []


def show_in_reader(citation: Citation) -> None:
    """Open the reader on the cited passage, its quote highlighted."""
    chunk = citation.chunk
    st.session_state.focus = Focus(
        citation.n, chunk.document, chunk.section, chunk.start, chunk.end, chunk.start + citation.start, chunk.start + citation.end
    )
    st.session_state.view = messages.READER_VIEW


def feedback_row(index: int, turn: ChatTurn, store: FeedbackStore, conversation_id: str) -> None:
    """Thumbs up/down with an optional comment, stored once per answer."""
    if turn.feedback:
        st.caption(messages.FEEDBACK_THANKS.format(rating=turn.feedback))
        return
    with st.form(key=f"feedback-{index}", border=False, enter_to_submit=True):
        st.caption(messages.FEEDBACK_PROMPT)
        thumbs, comment, send = st.columns([1, 4, 1.4], vertical_alignment="center")
        with thumbs:
            st.feedback("thumbs", key=f"rating-{index}")
        with comment:
            st.text_input(
                messages.FEEDBACK_COMMENT, key=f"comment-{index}", label_visibility="collapsed", placeholder=messages.FEEDBACK_COMMENT
            )
        with send:
            st.form_submit_button(messages.FEEDBACK_SEND, on_click=_send_feedback, args=(index, turn, store, conversation_id))
    if turn.feedback_note:
        st.warning(turn.feedback_note)


def _send_feedback(index: int, turn: ChatTurn, store: FeedbackStore, conversation_id: str) -> None:
    value = st.session_state.get(f"rating-{index}")
    if value is None or turn.answer is None:
        turn.feedback_note = messages.FEEDBACK_PICK
        return
    rating: Rating = "up" if value == 1 else "down"
    comment = str(st.session_state.get(f"comment-{index}") or "")
    store.record(turn.answer, rating, source="streamlit", conversation=conversation_id, comment=comment)
    turn.feedback, turn.feedback_note = rating, ""


def reader(documents: dict[str, SourceDocument], document_id: str) -> None:
    """The cleaned document by section (notes included); the focused citation highlighted in context."""
    document = documents.get(document_id)
    if document is None:
        st.warning(messages.READER_EMPTY.format(document=document_id))
        return
    focus: Focus | None = st.session_state.get("focus")
    if focus and focus.document != document.id:
        focus = None
    st.subheader(document.title)
    if focus:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(messages.READER_FOCUS.format(n=focus.n, section=focus.section))
        right.button(messages.READER_CLEAR_FOCUS, on_click=lambda: st.session_state.pop("focus", None))
    for section, paragraphs in _sections(document):
        in_focus = focus is not None and any(focus.overlaps(p_start, p_end) for p_start, p_end in paragraphs)
        body = "".join(_paragraph(document.text, start, end, focus) for start, end in paragraphs)
        classes = "ba-brief ba-notes" if section == "Notes" else "ba-brief"
        if section == "Lead" and (in_focus or not focus):
            st.html(f'<div class="{classes}">{body}</div>')
            continue
        with st.expander(messages.READER_LEAD if section == "Lead" else section, expanded=in_focus or not focus):
            st.html(f'<div class="{classes}">{body}</div>')


def _sections(document: SourceDocument) -> list[tuple[str, list[tuple[int, int]]]]:
    sections: list[tuple[str, list[tuple[int, int]]]] = []
    for paragraph in document.paragraphs:
        if not sections or sections[-1][0] != paragraph.section:
            sections.append((paragraph.section, []))
        sections[-1][1].append((paragraph.start, paragraph.end))
    return sections


def _paragraph(text: str, start: int, end: int, focus: Focus | None) -> str:
    if focus is None or not focus.overlaps(start, end):
        return f"<p>{markup.esc(text[start:end])}</p>"
    spans = [(focus.quote_start - start, focus.quote_end - start)] if focus.quote_start < end and start < focus.quote_end else []
    return f'<p class="ba-focus">{markup.marked(text[start:end], spans)}</p>'
