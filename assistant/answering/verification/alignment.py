"""Word alignment of a near-verbatim claim with its evidence: which words it put in place of which.

A claim that copies its evidence sentence but for a few words (the way a model quotes loosely)
is checked slot by slot: a name or an antonym put in the place of another is a contradiction
even when the evidence uses the same word elsewhere ("more pressure … less inclined" against
"less pressure … more inclined"). Paraphrases that reword more than `NEAR_VERBATIM` allows are
left to the other checks.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

NEAR_VERBATIM = 0.7
"""Least similarity of the two word sequences (difflib ratio) for the alignment to be trusted."""

_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=4096)
def substitutions(claim: str, evidence: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], ...]:
    """(claim span, evidence span) character offsets of each replaced run of words; () when not near-verbatim."""
    mine, theirs = list(_WORD.finditer(claim)), list(_WORD.finditer(evidence))
    matcher = SequenceMatcher(None, [m.group(0).lower() for m in mine], [m.group(0).lower() for m in theirs], autojunk=False)
    if not mine or matcher.ratio() < NEAR_VERBATIM:
        return ()
    return tuple(
        ((mine[i1].start(), mine[i2 - 1].end()), (theirs[j1].start(), theirs[j2 - 1].end()))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag == "replace"
    )
