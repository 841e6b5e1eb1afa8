"""Whether the text reports what a publication it cites concluded about what a question asks.

"What did the Tidings piece 'Water Wars' conclude about Berg's dealings?" asks for the piece's findings. A
document that only lists the piece in a note, or cites it for something else, does not report them: the
question is covered only by a sentence that cites a source (a note marker) or names this one, and holds most of
the words of what is asked. The asking pattern is questions.yaml `source_findings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from assistant.answering.answer_type import quoted_spans
from assistant.answering.typed_support import lexicon_terms
from assistant.data import load
from assistant.retrieval.query import QueryIntent
from assistant.text import SUPERSCRIPT_DIGITS, content_terms


@dataclass(frozen=True)
class AskedFindings:
    """What a question asks a publication concluded, and how it names the publication."""

    names: frozenset[str]
    """The words naming it outside its title ("the Tidings piece": tidings, piece)."""
    titles: tuple[str, ...]
    """Titles the question quotes: a sentence names the publication by one only as a whole."""
    about: frozenset[str]
    """What the findings asked for are about."""


def asked_findings(intent: QueryIntent) -> AskedFindings | None:
    """For a question asking what a publication concluded or found: how it names the publication and which of its
    words say what the findings are about (names included: "among Republicans"); None for other questions."""
    match = _asking().search(intent.question)
    if match is None:
        return None
    titles = tuple(intent.question[start + 1 : end - 1] for start, end in quoted_spans(intent.question))
    named = match.group("source")
    for title in titles:
        named = named.replace(title, " ")
    in_titles = {term for title in titles for term in content_terms(title)}
    names = set(content_terms(named))
    said = names | in_titles | set(content_terms(match.group("verb")))
    asked = set(content_terms(intent.question)) - said - lexicon_terms("questions", "generic_terms")
    return AskedFindings(frozenset(names), titles, frozenset(asked - lexicon_terms("conversation", "not_modifiers")))  # not "among"


def findings_reported(asked: AskedFindings, sentences: Iterable[str]) -> bool:
    """Whether a sentence that cites a source (a note marker) or names this one holds most of the words of what is
    asked ("tariff plans": a sentence citing a plan is not about tariffs)."""
    for sentence in sentences:
        terms = set(content_terms(sentence))
        cites = (
            any(digit in sentence for digit in SUPERSCRIPT_DIGITS)
            or bool(asked.names & terms)
            or any(title.lower() in sentence.lower() for title in asked.titles)
        )
        if cites and (not asked.about or len(asked.about & terms) * 2 > len(asked.about)):  # "What did the poll find?"
            return True
    return False


@cache
def _asking() -> re.Pattern[str]:
    return re.compile(load("questions")["source_findings"], re.IGNORECASE)
