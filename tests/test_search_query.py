"""Questions about who wrote the brief are searched with its authors' names (the byline's words)."""

from __future__ import annotations

import pytest

from assistant.facade import Assistant
from assistant.index.store import DocumentSummary
from assistant.retrieval.query import search_query

DOCUMENTS = [
    DocumentSummary(id="brief", title="The brief", kind="brief", url="", chunks=3, authors=["Andrzej Kohut"]),
    DocumentSummary(id="nss", title="The NSS", kind="linked", url="", chunks=2, authors=["J. Gotkowska", "A. Kohut"]),
]


@pytest.mark.parametrize(
    "question",
    ["Who wrote the brief?", "who is the author of this text", "Who are the authors of the paper?", "Who is the author?",
     "Who wrote it?", "Which analyst is the writer of the brief?"],
)  # fmt: skip
def test_questions_about_the_brief_gain_its_authors(question: str) -> None:
    assert search_query(question, DOCUMENTS) == f"{question} Andrzej Kohut"


@pytest.mark.parametrize(
    "question",
    ["Who authored the sanctions bill?", "Who is the author of War and Peace?", "Who wrote the 28-point plan?",
     "What did Trump write about Putin?", "Who drafted the peace plan?"],
)  # fmt: skip
def test_other_questions_are_searched_as_asked(question: str) -> None:
    assert search_query(question, DOCUMENTS) == question


def test_a_document_filter_names_that_documents_authors() -> None:
    assert search_query("Who wrote this document?", DOCUMENTS, document="nss") == "Who wrote this document? J. Gotkowska, A. Kohut"
    assert search_query("Who wrote the brief?", [DOCUMENTS[1]]) == "Who wrote the brief?", "no brief, nothing to add"


def test_who_wrote_the_brief_is_answered_from_its_byline(assistant: Assistant) -> None:
    for question in ("Who wrote the brief?", "Who is the author of the brief?"):
        answer = assistant.ask(question)
        assert not answer.declined and answer.standalone_question == question
        assert answer.citations and all("Andrzej Kohut" in c.quote for c in answer.citations)
