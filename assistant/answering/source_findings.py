"""Whether the text reports what a publication it cites concluded about what a question asks.

"What did the Tidings piece 'Water Wars' conclude about Berg's dealings?" asks for the piece's findings. A
document that only lists the piece in a note, or cites it for something else, does not report them: the
question is covered only by a sentence that cites a source (a note marker) or names this one, and says something
of what is asked. The asking pattern is questions.yaml `source_findings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from assistant.answering.answer_type import quoted_spans
from assistant.data import load
from assistant.retrieval.query import QueryIntent
from assistant.text import SUPERSCRIPT_DIGITS, content_terms


def asked_findings(intent: QueryIntent, focus: set[str]) -> tuple[set[str], set[str]] | None:
    """For a question asking what a publication concluded or found: the words that name the publication, and
    those of `focus` (what the question is about) that say what it is asked about; None for other questions."""
    match = _asking().search(intent.question)
    if match is None:
        return None
    source = set(content_terms(match.group("source")))
    for start, end in quoted_spans(intent.question):  # a title's words say what the piece is called, not what is asked
        source |= set(content_terms(intent.question[start:end]))
    return source, focus - source - set(content_terms(match.group("verb")))


def findings_reported(source: set[str], about: set[str], sentences: Iterable[str]) -> bool:
    """Whether a sentence that cites a source (a note marker) or names this one says something of `about`."""
    for sentence in sentences:
        terms = set(content_terms(sentence))
        cites = any(digit in sentence for digit in SUPERSCRIPT_DIGITS) or bool(source & terms)
        if cites and (not about or about & terms):
            return True
    return False


@cache
def _asking() -> re.Pattern[str]:
    return re.compile(load("questions")["source_findings"], re.IGNORECASE)
