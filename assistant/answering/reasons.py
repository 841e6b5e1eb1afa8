"""Whether a text gives the reason a why-question asks for.

"Why did the council reject the plan?" is about an event the question names by its verb. A text that
reports the event ("the plan was rejected by the council") answers the question only when the clause
reporting it, or the sentence after it, gives a reason ("because", "stemmed from", "in order to";
questions.yaml `reason_cues`). When no sentence reports the event in the question's own verb the
question is left to the other coverage checks: the reason may be worded in ways no cue list covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from assistant.data import load
from assistant.retrieval.query import document_term
from assistant.text import content_terms, matching_terms

_WHY_DID = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?why\s+(?:did|does|do|has|have|had|would|will|could|might)\s+"
    r"(?:he|she|it|they|we|you|(?:the|a|an|its|their|his|her)\s+(?-i:[a-z])[\w\-]*"
    r"|(?:the\s+)?(?-i:[A-Z])[\w\-]*(?:['’]s)?(?:\s+(?-i:[A-Z])[\w\-]*(?:['’]s)?)*)(?<!['’]s)\s+"
    r"(?P<verb>(?-i:[a-z])[\w\-]+(?:\s+(?:down|up|out|off|aside|away|back|over))?)\b"
    r"(?=\s*[?.!,]|\s*$|\s+(?:(?-i:[A-Z])|(?:the|a|an|his|her|its|their|him|them|it|us|me|this|that|these|those|any|so|such"
    r"|further|more|all|some|no|every|each|both|new|to|from|with|on|in|at|for|over|about|against|into|after|before)\b))",
    re.IGNORECASE,
)
"""A why-question about what a party did, the party a pronoun, a name or a one-word noun phrase ("the council"):
its verb follows, before its object or the end. A longer subject ("the new council") is not read."""
_LATE_PARTICLE = re.compile(r"^\s+(?:[\w'’\-]+\s+){1,3}(down|up|out|off|aside|away|back|over)\s*[?.!]*\s*$", re.IGNORECASE)
"""A particle after the object, ending the question: "Why did they turn him down?"."""
_CLAUSE_BREAK = re.compile(r"[;:–—()]|,\s*(?:which|who|while|but|and)\b|\s(?:and|but|while|whereas|however)\s", re.IGNORECASE)


@dataclass(frozen=True)
class AskedEvent:
    """What a "Why did X <verb> …?" question asks the reason for."""

    verb: frozenset[str]
    """The verb's terms: the verb, and the document's word for a reader's phrasal verb ("turn down": "rejected")."""
    about: frozenset[str]
    """The question's other terms, names that stand for one another folded: a clause reports the event only with one."""


def asked_event(question: str) -> AskedEvent | None:
    """The event a "Why did X <verb> …?" question asks the reason for, if it has that shape."""
    match = _WHY_DID.match(question)
    if match is None:
        return None
    verb = match.group("verb").lower()
    late = _LATE_PARTICLE.search(question[match.end() :])
    verb = f"{verb} {late.group(1).lower()}" if late and " " not in verb else verb  # "turn him down"
    if " " in verb:  # a phrasal verb ("turn down") is the event only in the document's word for it
        terms = set(content_terms(document_term(verb) or ""))
    else:
        terms = set(content_terms(f"{verb} {document_term(verb) or ''}"))
    about = set(matching_terms(question)) - terms - set(content_terms(verb))
    return AskedEvent(frozenset(terms), frozenset(about)) if terms else None


def unexplained(event: AskedEvent, passages: Sequence[Sequence[str]]) -> bool:
    """Whether some sentence of the passages (each a list of sentences) reports the event and none that does
    gives a reason for it: in the clause that reports it, or at the opening of the next sentence."""
    reported = False
    for sentences in passages:
        for i, sentence in enumerate(sentences):
            reporting = [clause for clause in _CLAUSE_BREAK.split(sentence) if _reports(event, clause)]
            if not reporting:
                continue
            reported = True
            following = sentences[i + 1] if i + 1 < len(sentences) else ""
            if any(_gives_reason(clause) for clause in reporting) or _gives_reason(" ".join(following.split()[:8])):
                return False
    return reported


def _reports(event: AskedEvent, clause: str) -> bool:
    terms = set(matching_terms(clause))
    return bool(event.verb & terms) and (not event.about or bool(event.about & terms))


def _gives_reason(text: str) -> bool:
    return _reason_cues().search(text) is not None or _AS_CLAUSE.search(text) is not None


_AS_CLAUSE = re.compile(r"(?<!such )(?<!well )(?<!so )\bas\s+(?:[a-z]+\s+){0,2}?(?:[a-z]+ed|was|were|had|did)\b")
"""'as' opening a clause ("marginalised as others gained access"): a reason, unlike "such as" or "as part of"."""


@cache
def _reason_cues() -> re.Pattern[str]:
    cues = sorted(load("questions")["reason_cues"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(cue) for cue in cues) + r")", re.IGNORECASE)
