"""Claims: the sentences of a draft answer, each with the passage numbers it cites."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import split_sentences

MIN_WORDS = 3

_MARKER = re.compile(r"\s*\[(\d+)\]")
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
_MARKERS_ENDING_A_LINE = re.compile(r"((?:\s*\[\d+\])+)\s+(?=[A-Z\"“‘])")
"""Markers after a sentence without a stop (a byline, a heading) and before a capital: they end it."""


@dataclass(frozen=True)
class Claim:
    text: str
    markers: tuple[int, ...]
    """The [n] markers the draft put on this sentence (n counts passages from 1)."""


def draft_claims(draft: str) -> list[Claim]:
    """The draft's sentences of at least MIN_WORDS words, markers moved off the text."""
    normalised = _MARKERS_AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), " ".join(draft.split()))
    claims = []
    for line in _MARKERS_ENDING_A_LINE.sub(lambda m: m.group(1) + "\n", normalised).split("\n"):
        for start, end in split_sentences(line):
            raw = line[start:end]
            text = _MARKER.sub("", raw).strip()
            if len(text.split()) >= MIN_WORDS:
                claims.append(Claim(text, tuple(int(n) for n in _MARKER.findall(raw))))
    return claims
