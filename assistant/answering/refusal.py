"""Decide whether the corpus covers a question before answering it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import STOPWORDS, content_terms, normalise_term

MIN_SIMILARITY = 0.35
"""Best question-to-sentence cosine similarity below which nothing retrieved is on topic."""
ANCHORED_MIN_SIMILARITY = 0.25
"""Lower bar when the question names things (names, numbers) and the corpus knows every one of them."""
MIN_KNOWN_TERMS = 0.5
"""More than this share of the question's content terms must occur in the corpus."""
_NAME = re.compile(r"\b[A-Z][A-Za-z'’\-]+")
_NUMBER = re.compile(r"\b\d[\w\-]*")


@dataclass(frozen=True)
class Coverage:
    covered: bool
    reason: str = ""


def assess_coverage(question: str, vocabulary: frozenset[str], best_similarity: float) -> Coverage:
    """Not covered when the question names something the corpus never mentions, or nothing retrieved is close."""
    anchors = _names(question, vocabulary) + _NUMBER.findall(question)
    unknown = [anchor for anchor in anchors if not _known(anchor, vocabulary)]
    if unknown:
        return Coverage(False, f"it never mentions {', '.join(dict.fromkeys(unknown))}")
    terms = content_terms(question)
    known = sum(term in vocabulary for term in terms) / len(terms) if terms else 0.0
    floor = ANCHORED_MIN_SIMILARITY if anchors else MIN_SIMILARITY
    if best_similarity < floor or known <= MIN_KNOWN_TERMS:
        return Coverage(False, "nothing in it is close to this question")
    return Coverage(True)


def _known(anchor: str, vocabulary: frozenset[str]) -> bool:
    """A name or number the corpus uses; for `US-led` the capitalised parts are what must be known."""
    if normalise_term(anchor) in vocabulary:
        return True
    parts = [part for part in anchor.split("-") if part[:1].isupper() or part[:1].isdigit()]
    return "-" in anchor and bool(parts) and all(normalise_term(part) in vocabulary for part in parts)


def _names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Capitalised words that are not stopwords. The question's first word is capitalised anyway, so it
    counts only when the corpus knows it ("Witkoff's role?"), not when it is an opener ("Briefly, …")."""
    names = []
    for match in _NAME.finditer(question):
        word = match.group().replace("’", "'")
        if word.lower() in STOPWORDS or word.lower().removesuffix("'s") in STOPWORDS:
            continue
        name = word.removesuffix("'s").rstrip("'")
        if match.start() == len(question) - len(question.lstrip()) and not _known(name, vocabulary):
            continue
        names.append(name)
    return names
