"""Verdict values: the label of a claim, the objections the checks raise, and how they combine."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assistant.types import Passage


class Label(StrEnum):
    SUPPORTED = "SUPPORTED"
    CONTRADICTED = "CONTRADICTED"
    NOT_FOUND = "NOT_FOUND"


@dataclass(frozen=True)
class Objection:
    """Why one check will not let a claim be SUPPORTED by one evidence sentence."""

    label: Label
    check: str
    """number, date, name, negation, stance, antonym, quantifier, role, judge or evidence."""
    reason: str


@dataclass(frozen=True)
class Evidence:
    """A passage sentence a claim is about: `passage.chunk.text[start:end]`."""

    passage: Passage
    start: int
    end: int
    score: float
    exact: bool = False
    """The claim is this sentence word for word."""

    @property
    def text(self) -> str:
        return self.passage.chunk.text[self.start : self.end]


@dataclass(frozen=True)
class ClaimVerdict:
    """The verdict on one draft sentence and the evidence sentence it rests on (if any)."""

    sentence: str
    label: Label
    reason: str
    evidence: Evidence | None
    check: str = ""


NO_EVIDENCE = Objection(Label.NOT_FOUND, "evidence", "no passage sentence is about this")


def strongest(objections: list[Objection]) -> Objection | None:
    """The objection that decides: a contradiction outranks a claim not found."""
    for label in (Label.CONTRADICTED, Label.NOT_FOUND):
        for objection in objections:
            if objection.label is label:
                return objection
    return None
