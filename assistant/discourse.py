"""How a document's sentences lean on the ones before them (assistant/data/discourse.yaml).

A sentence that opens with a pronoun or a linking word ("He is expected to resign …", "However, they …")
is about what the sentence before it names, and a frame that opens a sentence ("In the dry-year case, …")
holds for the sentences after it in the passage. Matching a question against such a sentence alone
misses both, so the scorers read it with the names it leans on and the frame it stands in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from assistant.data import load
from assistant.text import alternatives
from assistant.types import Chunk

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’.\-]*")
MAX_FRAME_WORDS = 8


@cache
def leans_back() -> re.Pattern[str]:
    """Matches a sentence that opens by referring back (a pronoun, "As a result", "Berg therefore …", "Marisca responded …")."""
    data = load("discourse")
    openers = alternatives(data["linking_openers"])
    pronouns = alternatives(data["pronouns"])
    consequences = alternatives(data["consequence_openers"])
    responses = alternatives(data["response_verbs"])
    return re.compile(
        rf"^(?:(?:{openers}),\s+)?(?:{pronouns})\b|^(?:{consequences})\b|^(?:\S+\s+){{1,3}}?(?:{responses}|{consequences})\b", re.IGNORECASE
    )


@cache
def refers_back() -> re.Pattern[str]:
    """Finds a determiner pointing back to something just said ("this plan", "these measures")."""
    determiners = alternatives(load("discourse")["anaphoric_determiners"])
    return re.compile(rf"\b(?:{determiners})\s+(?:[a-z\-]+\s+)?[a-z\-]{{3,}}\b", re.IGNORECASE)


@cache
def says_instead() -> re.Pattern[str]:
    """Finds words saying what was done in place of something ("Instead, it has focused on …")."""
    return re.compile(rf"\b(?:{alternatives(load('discourse')['alternative_cues'])})\b", re.IGNORECASE)


@cache
def _frame() -> re.Pattern[str]:
    """Matches a frame opening a sentence ("In the dry-year case,"): its words are group 1."""
    openers = alternatives(load("discourse")["frame_openers"])
    return re.compile(rf"^((?:{openers})\s+(?:[^\s,;:]+\s+){{0,{MAX_FRAME_WORDS - 3}}}[^\s,;:]+),\s")


def opens_frame(text: str) -> bool:
    """Whether a sentence opens a frame that holds for the sentences after it ("In the dry-year case, …")."""
    return _frame().match(text) is not None


@dataclass(frozen=True)
class Lead:
    """What a sentence may lean on from the sentences before it: the capitalised words of the nearest one
    that does not itself lean back, and the frame open (its words)."""

    names: str = ""
    frame: str = ""


def read_on(sentences: Sequence[str], lead: Lead = Lead()) -> tuple[list[str], Lead]:
    """Each sentence as term matching should see it, and what the next sentence may lean on.

    A sentence that leans back is followed by the names it leans on ("He resigned in May." reads "He
    resigned in May. Lind Berg" after a sentence naming Lind Berg); one after a frame ("In the dry-year
    case, …") is followed by the frame's words, until another frame opens. `lead` is what the sentences
    before these (earlier in the paragraph) leave open."""
    read: list[str] = []
    names, frame = lead.names, lead.frame
    for text in sentences:
        opened = _frame().match(text)
        extra = []
        if names and leans_back().match(text):
            extra.append(names)
        else:
            names = " ".join(_CAPITALISED.findall(text))
        if frame and not opened:
            extra.append(frame)
        frame = opened.group(1) if opened else frame
        read.append(" ".join([text, *extra]))
    return read, Lead(names, frame)


def chunk_as_read(chunk: Chunk) -> list[str]:
    """A chunk's sentences as term matching should see them, reading on from its paragraph's earlier text."""
    return read_on([chunk.text[start:end] for start, end in chunk.sentences], Lead(chunk.lead_names, chunk.lead_frame))[0]


def chunk_as_searched(chunk: Chunk) -> str:
    """A chunk's text as search sees it: after the frame its paragraph opened before it ("In the dry-year case"),
    unless its own first sentence opens another. The tail of a long paragraph is found by the case it is about."""
    first = chunk.text[slice(*chunk.sentences[0])] if chunk.sentences else chunk.text
    if not chunk.lead_frame or opens_frame(first):
        return chunk.text
    return f"{chunk.lead_frame}: {chunk.text}"
