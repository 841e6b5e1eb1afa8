"""Whether a text reports an event only as expected.

"Did Lind resign in May?" asks whether something happened. A text that says only that it was to happen
("Lind is expected to resign in May", "the board will decide in June"; questions.yaml `expectation_cues`)
reports a prospect, not the event: the question is beyond what the text knows. When no sentence reports
the event in the question's own verb the question is left to the other coverage checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from assistant.answering.events import CLAUSE_BREAK, AskedEvent, reports
from assistant.data import load
from assistant.retrieval.query import matches_patterns
from assistant.text import alternatives


def only_expected(event: AskedEvent, passages: Sequence[Sequence[str]]) -> bool:
    """Whether some clause of the passages (each a list of sentences) reports the event and every one that
    does reports it as expected, not as done."""
    reporting = _reporting(event, passages)
    return bool(reporting) and all(_expectation_cues().search(clause) for clause in reporting)


def never_reported(event: AskedEvent, passages: Sequence[Sequence[str]]) -> bool:
    """Whether no clause of the passages reports the event: "Did the council end up passing it?" when no passage
    says that anyone passed it."""
    return not _reporting(event, passages)


def _reporting(event: AskedEvent, passages: Sequence[Sequence[str]]) -> list[str]:
    clauses = [clause for sentences in passages for sentence in sentences for clause in CLAUSE_BREAK.split(sentence)]
    return [clause for clause in clauses if reports(event, clause)]


def asks_what_next(question: str) -> bool:
    """Whether the question asks what is to come for someone or something ("What's next for Lind?"; questions.yaml
    `next_asks`): a sentence saying what is now expected answers it."""
    return matches_patterns("next_asks", question)


def says_what_next(text: str) -> bool:
    """Whether the text says what is now expected or planned ("Lind is expected to resign in May"; not "was expected
    to"; questions.yaml `next_cues`)."""
    return _next_cues().search(text) is not None


@cache
def _next_cues() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternatives(load("questions")["next_cues"], longest_first=True) + r")\b", re.IGNORECASE)


@cache
def _expectation_cues() -> re.Pattern[str]:
    cues = alternatives(load("questions")["expectation_cues"], longest_first=True)
    return re.compile(r"\b(?:" + cues + r")\b")  # in lower case: "May" is a month
