"""Rule-based rewriting of follow-ups into standalone questions."""

from __future__ import annotations

import re

from assistant.text import STOPWORDS
from assistant.types import Turn

_PERSON_PRONOUN = re.compile(r"\b(he|him|his|she|her)\b", re.IGNORECASE)
_THING_PRONOUN = re.compile(r"\b(it|its|they|them|their|this|that|these|those)\b", re.IGNORECASE)
_LEADING_CONNECTIVE = re.compile(r"^(?:and|so|but|also|then|ok|okay)\b[,\s]*", re.IGNORECASE)
_ELLIPTIC = re.compile(r"^(?:and|what about|how about|why|when|how so|and then)\b", re.IGNORECASE)
_NAME_RUN = re.compile(r"(?:\b[A-Z][\w'’.\-]*(?:\s+(?:of\s+the\s+)?[A-Z][\w'’.\-]*)*)")
_TITLE_WORDS = frozenset(
    "President Vice Secretary General Senator Finnish Special Envoy Retired Acting State Army Defense Advisor Security National".split()
)
_NOT_PEOPLE = frozenset(
    """Russia Ukraine Europe Washington Moscow Kyiv Kremlin China United States US USA NATO EU Alaska Anchorage Riyadh
    Gaza Strip Israel Hamas Crimea Donbas Germany Kingdom France E3 Oval Office Republican Republicans European
    Russian Ukrainian American Nobel Peace Prize Nord Stream OSW Who What Why How When Where Which Did Does Do Is Are
    Was Were Has Have Can Could Would Will And""".split()
)
_TOPIC = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w\-']+\s+){0,4}?(?:plan|scenario|scenarios|strategy|agreement|summit|sanctions|poll|guarantees|talks|"
    r"ceasefire|deal|negotiations|phase|war|campaign|visit|meeting|proposal|assumptions|motives|envoy|actors|circle)\b",
    re.IGNORECASE,
)


def rewrite_follow_up(question: str, history: tuple[Turn, ...]) -> str:
    """Resolve pronouns and elliptic questions against the previous turn (rules, no LLM)."""
    if not history:
        return question
    previous = history[-1]
    person = _last_person(previous.standalone_question) or _last_person(_first_sentence(previous.answer))
    topic = _topic(previous.standalone_question)
    rewritten = _LEADING_CONNECTIVE.sub("", question).strip()
    rewritten = rewritten[:1].upper() + rewritten[1:]
    changed = False
    if person and _PERSON_PRONOUN.search(rewritten):
        rewritten = _PERSON_PRONOUN.sub(lambda m: f"{person}'s" if m.group(1).lower() in ("his",) else person, rewritten)
        changed = True
    if topic and _THING_PRONOUN.search(rewritten):
        rewritten = _THING_PRONOUN.sub(lambda m: f"{topic}'s" if m.group(1).lower() in ("its", "their") else topic, rewritten, count=1)
        changed = True
    if not changed and (_ELLIPTIC.match(question.strip()) or len(rewritten.split()) <= 4 or not _has_subject(rewritten)):
        context = topic or person
        if context and context.lower() not in rewritten.lower():
            rewritten = f"{rewritten.rstrip(' ?')}, regarding {context}?"
    return rewritten


def _has_subject(question: str) -> bool:
    """Does the question name its own subject (a name after the first word, or a topic like `the plan`)?"""
    return bool(_TOPIC.search(question)) or any(m.start() > 0 for m in re.finditer(r"\b[A-Z0-9][\w'’\-]*", question))


def _last_person(text: str) -> str | None:
    people = []
    for match in _NAME_RUN.finditer(text):
        words = [w for w in match.group().replace("’", "'").split() if w not in _TITLE_WORDS and w != "of" and w != "the"]
        words = [w.removesuffix("'s") for w in words if w.lower() not in STOPWORDS]
        if words and not any(w in _NOT_PEOPLE for w in words):
            people.append(" ".join(words))
    return people[-1] if people else None


def _topic(question: str) -> str | None:
    matches = _TOPIC.findall(question)
    return matches[-1] if matches else None


def _first_sentence(answer: str) -> str:
    return re.split(r"(?<=[.!?])\s", answer, maxsplit=1)[0]
