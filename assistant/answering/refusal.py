"""Decide whether the corpus covers a question before answering it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import STOPWORDS, content_terms, normalise_term

MIN_SIMILARITY = 0.35
"""Best question-to-sentence cosine similarity below which nothing retrieved is on topic."""
MIN_KNOWN_TERMS = 0.5
_NAME = re.compile(r"\b[A-Z][A-Za-z'’\-]+")


@dataclass(frozen=True)
class Coverage:
    covered: bool
    reason: str = ""


def assess_coverage(question: str, vocabulary: frozenset[str], best_similarity: float) -> Coverage:
    """Not covered when the question names something the corpus never mentions, or nothing retrieved is close."""
    unknown = [name for name in _names(question) if normalise_term(name) not in vocabulary]
    if unknown:
        return Coverage(False, f"it never mentions {', '.join(dict.fromkeys(unknown))}")
    terms = content_terms(question)
    known = sum(term in vocabulary for term in terms) / len(terms) if terms else 0.0
    if best_similarity < MIN_SIMILARITY or known < MIN_KNOWN_TERMS:
        return Coverage(False, "nothing in it is close to this question")
    return Coverage(True)


def _names(question: str) -> list[str]:
    """Capitalised words that are not just the first word of the question or a stopword."""
    names = []
    for match in _NAME.finditer(question):
        word = match.group().replace("’", "'")
        if word.lower() in STOPWORDS or word.lower().removesuffix("'s") in STOPWORDS:
            continue
        if match.start() == len(question) - len(question.lstrip()) and word.lower() in _QUESTION_OPENERS:
            continue
        names.append(word.removesuffix("'s"))
    return names


_QUESTION_OPENERS = frozenset("list give name summarise summarize compare is are was were which".split())
