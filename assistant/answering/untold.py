"""Whether the passages report an event without the time or place a question asks for.

"When did Lind hand the plan to the council?" names an event by its verb. Where the passages report that event
("a plan submitted by Lind formed the basis …") and no sentence reporting it, nor the sentence before it, holds a
date (or sets it after or before another event: questions.yaml `relative_time_cues`), the date of some other event
is no answer. When no sentence reports the event in the question's verb (or the documents' word for it) the
question is left to the other coverage checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from assistant.answering.answer_type import answer_spans
from assistant.answering.events import CLAUSE_BREAK, AskedEvent, reports
from assistant.data import load
from assistant.retrieval.query import QueryIntent
from assistant.text import alternatives


def told_without(event: AskedEvent, intent: QueryIntent, passages: Sequence[Sequence[str]]) -> bool:
    """Whether some sentence of the passages (each a list of sentences) reports the event and none that does, nor the
    sentence before it, holds the kind of answer `intent` asks for."""
    reported = False
    for sentences in passages:
        for i, sentence in enumerate(sentences):
            if not any(reports(event, clause) for clause in CLAUSE_BREAK.split(sentence)):
                continue
            reported = True
            if _answers(intent, sentence) or (i > 0 and _answers(intent, sentences[i - 1])):
                return False
    return reported


def _answers(intent: QueryIntent, sentence: str) -> bool:
    """Whether `sentence` holds the kind of answer asked for; for a time, a date or another event it is set by."""
    return bool(answer_spans(intent, sentence)) or (intent.answer_type == "date" and _relative_time().search(sentence) is not None)


@cache
def _relative_time() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternatives(load("questions")["relative_time_cues"], longest_first=True) + r")\b", re.IGNORECASE)
