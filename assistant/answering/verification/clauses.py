"""Swapped clauses: two contrasted clauses whose parties the claim trades while keeping what each clause says.

"Marisca offers small concessions, while Dravenia is forced into large ones" is contradicted by "Dravenia offers
small concessions, while Marisca is forced into large ones": each claim clause says what one clause of the
evidence says (most of its content words, by root: `evidence.ROOT_LETTERS`) but of the party the other evidence
clause names.
"""

from __future__ import annotations

import re

from assistant.answering.verification.evidence import ROOT_LETTERS
from assistant.answering.verification.names import CorpusNames, party_key
from assistant.answering.verification.tokens import tokenize
from assistant.answering.verification.verdicts import Label, Objection

CONTRAST = re.compile(r",?\s+(?:while|whereas)\s+|;\s+|,\s+(?:but|and)\s+(?=(?:the\s+)?[A-Z])")
"""Where one of two contrasted clauses ends: "…, while …", "…; …", "…, but Lind …"."""
MIN_SHARED = 2
"""Content words a claim clause must share with the evidence clause it restates."""


def swapped_clauses(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """CONTRADICTED when each of the claim's two contrasted clauses restates one evidence clause about the party
    the other evidence clause names."""
    if CONTRAST.search(claim) is None or CONTRAST.search(evidence) is None:
        return []
    mine, theirs = _clauses(claim, names), _clauses(evidence, names)
    if len(mine) != 2 or len(theirs) != 2:
        return []
    (said_a, parties_a), (said_b, parties_b) = mine
    (given_a, holders_a), (given_b, holders_b) = theirs
    straight = len(said_a & given_a) + len(said_b & given_b)
    crossed = len(said_a & given_b) + len(said_b & given_a)
    if straight == crossed:
        return []
    if straight < crossed:
        (given_a, holders_a), (given_b, holders_b) = (given_b, holders_b), (given_a, holders_a)
    restated = len(said_a & given_a) >= MIN_SHARED and len(said_b & given_b) >= MIN_SHARED
    traded = bool((parties_a - holders_a) & holders_b) and bool((parties_b - holders_b) & holders_a)
    if restated and traded:
        return [Objection(Label.CONTRADICTED, "role", "gives each of the passage's contrasted clauses the other's party")]
    return []


def _clauses(text: str, names: CorpusNames) -> list[tuple[set[str], set[str]]]:
    """Per contrasted clause: its content words' roots (names left out) and the parties it names (the text's
    mentions and tokens, read once)."""
    bounds, start = [], 0
    for contrast in CONTRAST.finditer(text):
        bounds.append((start, contrast.start()))
        start = contrast.end()
    bounds.append((start, len(text)))
    mentions, tokens = names.mentions(text), tokenize(text)
    clauses = []
    for begin, end in bounds:
        inside = [m for m in mentions if begin <= m.start < end]
        words = {
            token.stem[:ROOT_LETTERS]  # a word and the noun made from it meet
            for token in tokens
            if begin <= token.start < end and token.is_content and not any(m.start <= token.start < m.end for m in inside)
        }
        clauses.append((words, {party_key(m) for m in inside}))
    return clauses
