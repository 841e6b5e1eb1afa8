"""The case a question names ("in the optimistic scenario", "the best-case outlook"), among the scenarios the
overview derived at ingest (assistant/index/scenarios.py): its sentences are where an answer about it lies."""

from __future__ import annotations

import re
from functools import cache

from assistant.data import load
from assistant.index.overview import Scenario
from assistant.retrieval.query import QueryIntent
from assistant.text import alternatives, matching_terms


def named_case_sentences(intent: QueryIntent, scenarios: tuple[Scenario, ...]) -> frozenset[str]:
    """The sentences of the one scenario the question names by a word of its name that no other scenario's
    name has ("optimistic", or a reader's word read as it: "best-case"), next to a case noun; else none."""
    if not scenarios or not _case_noun().search(intent.question):
        return frozenset()
    asked = set(matching_terms(f"{intent.question} {' '.join(intent.terms)}"))
    words = [set(matching_terms(scenario.name)) - _generic_terms() for scenario in scenarios]
    named = [
        scenario
        for i, (scenario, own) in enumerate(zip(scenarios, words))
        if asked & (own - {term for j, other in enumerate(words) if j != i for term in other})
    ]
    return frozenset(point.text for point in named[0].points) if len(named) == 1 else frozenset()


@cache
def _case_noun() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternatives(load('questions')['case_nouns'], longest_first=True)})\b", re.IGNORECASE)


@cache
def _generic_terms() -> frozenset[str]:
    """Terms of the case nouns and of the words that grade a case's name."""
    lexicon = load("questions")
    return frozenset(matching_terms(" ".join(lexicon["case_nouns"] + lexicon["case_qualifiers"])))
