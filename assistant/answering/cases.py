"""The case a question names ("in the optimistic scenario", "the best-case outlook"), among the scenarios the
overview derived at ingest (assistant/index/scenarios.py): its sentences are where an answer about it lies."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from assistant.data import load
from assistant.index.overview import Scenario
from assistant.retrieval.query import QueryIntent
from assistant.text import alternatives, matching_terms


def names_a_case(text: str) -> bool:
    """Whether `text` has a noun for one of a document's cases ("scenario", "outlook"): it may name one."""
    return _case_noun().search(text) is not None


def named_case(intent: QueryIntent, scenarios: tuple[Scenario, ...]) -> Scenario | None:
    """The one scenario the question names by a word of its name that no other scenario's name has
    ("optimistic", or a reader's word read as it: "best-case"), next to a case noun; else None."""
    if not scenarios or not names_a_case(intent.question):
        return None
    asked = set(matching_terms(f"{intent.question} {' '.join(intent.terms)}"))
    words = [set(matching_terms(scenario.name)) - _generic_terms() for scenario in scenarios]
    names_holding = Counter(term for own in words for term in own)
    named = [scenario for scenario, own in zip(scenarios, words) if any(names_holding[term] == 1 for term in asked & own)]
    if not named:  # "the reopening scenario": a word before the case noun that one scenario's sentences alone say
        described = set(matching_terms(" ".join(m.group("word") for m in _described().finditer(intent.question)))) - _generic_terms()
        named = [scenario for scenario in scenarios if described & set(matching_terms(" ".join(scenario.sentences)))]
    return named[0] if len(named) == 1 else None


@cache
def _described() -> re.Pattern[str]:
    """A word describing a case right before its noun ("the reopening scenario")."""
    return re.compile(rf"\b(?P<word>[a-z][\w\-]*)\s+{_case_noun().pattern}", re.IGNORECASE)


@cache
def _case_noun() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternatives(load('questions')['case_nouns'], longest_first=True)})\b", re.IGNORECASE)


@cache
def _generic_terms() -> frozenset[str]:
    """Terms of the case nouns and of the words that grade a case's name."""
    lexicon = load("questions")
    return frozenset(matching_terms(" ".join(lexicon["case_nouns"] + lexicon["case_qualifiers"])))
