"""The text to search with, which can say more than the question as asked."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.index.store import DocumentSummary

_WHO_WROTE_IT = re.compile(
    r"(who\s+(wrote|writes|authored|penned)|(is|are)\s+the\s+authors?\s+of|written\s+by|writers?\s+of)\s+"
    r"(the|this)\s+(brief|text|document|paper|analysis|report|publication)\b"
    r"|^\W*who\s+(is|are)\s+(the|its)\s+authors?\W*$|^\W*who\s+wrote\s+(it|this)\W*$",
    re.IGNORECASE,
)
"""Questions about who wrote the brief itself ("Who wrote the brief?", "Who is the author?"),
not about who wrote something the brief mentions ("Who authored the sanctions bill?")."""


def search_query(question: str, documents: Sequence[DocumentSummary], document: str | None = None) -> str:
    """The question, plus the author names of the brief (or of the `document` filtered to) when it
    asks who wrote it: a byline names its authors without the words "author" or "wrote"."""
    if not _WHO_WROTE_IT.search(question):
        return question
    chosen = [d for d in documents if d.id == document] if document else [d for d in documents if d.kind == "brief"]
    names = list(dict.fromkeys(name for d in chosen for name in d.authors))
    return f"{question} {', '.join(names)}" if names else question
