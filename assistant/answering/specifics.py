"""Specific outcomes or contents a question asks for (questions.yaml `specifics`: what was agreed, whether a bill
became law) and the words a sentence that reports one uses: a question for one is covered only by such a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.data import load
from assistant.retrieval.query import QueryIntent
from assistant.text import alternatives, content_terms, matching_terms

_CHOICE = re.compile(r"((?:[\w'’-]+\s+){0,2}[\w'’-]+),?\s+or\s+(?!not\b)((?:[\w'’-]+\s+){0,6}[\w'’-]+)", re.IGNORECASE)
"""A choice a question offers: up to three words before "or" and seven after ("Berg or the mayor")."""
_RANKED_BY = re.compile(r"\bmost\s+([\w-]+)", re.IGNORECASE)
"""The quality a question ranks by ("which has the most say …")."""


@dataclass(frozen=True)
class Specific:
    """A kind of outcome or content a question asks for, and the words a sentence that reports it uses."""

    what: str
    asks: tuple[re.Pattern[str], ...]
    said_by: re.Pattern[str]
    words: tuple[str, ...]
    topic: re.Pattern[str] | None = None
    """Words one of which a reporting sentence also uses, where the `said_by` words are common ("by", "through"
    report how a relationship was built only in a sentence about the relationship)."""
    holds_answer: bool = False
    """Whether the reporting sentence must also hold the kind of answer asked for (a deadline: its date)."""
    compares: bool = False
    """Whether it is a comparison: a reporting sentence is about the choice the question offers ("A or B") and ranks
    by the quality the question ranks by ("the most say")."""

    def said_in(self, text: str, question: str) -> bool:
        """Whether `text` reports it: one of its words, a topic word where it has topics, and for a comparison the
        quality the question ranks by ("the most say": say), or that quality ranked in the same words."""
        ranked_by = _RANKED_BY.search(question) if self.compares else None
        if ranked_by is not None:
            quality = content_terms(ranked_by.group(1))
            if not quality or not set(quality) & set(content_terms(text)):
                return False
            if re.search(rf"\b{re.escape(ranked_by.group(0))}\b", text, re.IGNORECASE):
                return True
        return self.said_by.search(text) is not None and (self.topic is None or self.topic.search(text) is not None)

    def topics(self, question: str) -> set[str]:
        """The terms of the choice the question offers ("Berg or the mayor"), for a specific about the choice;
        none otherwise."""
        offered = _CHOICE.search(question) if self.compares else None
        return set(matching_terms(" ".join(offered.groups()))) if offered else set()

    def one_of_its_words(self, term: str) -> bool:
        """Whether a content term is one of the words that report it ("term" for "terms")."""
        return any(word.startswith(term) or term.startswith(word) for word in self.words)


@cache
def _specifics() -> tuple[Specific, ...]:
    return tuple(
        Specific(
            entry["what"],
            tuple(re.compile(p, re.IGNORECASE) for p in entry["asks"]),
            re.compile(r"\b(?:" + alternatives(entry["said_by"]) + ")", re.IGNORECASE),
            tuple(w.lower() for w in entry["said_by"]),
            re.compile(r"\b(?:" + alternatives(entry["topic"]) + ")", re.IGNORECASE) if "topic" in entry else None,
            bool(entry.get("holds_answer", False)),
            bool(entry.get("compares", False)),
        )
        for entry in load("questions")["specifics"]
    )


def asked_specific(intent: QueryIntent) -> Specific | None:
    """The specific outcome or content the question asks for (questions.yaml `specifics`), if any."""
    return next((s for s in _specifics() if any(p.search(intent.question) for p in s.asks)), None)
