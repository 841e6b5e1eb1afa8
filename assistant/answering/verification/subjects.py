"""An evidence sentence whose subject is a pronoun, read with the party the sentence before names.

"However, he was rejected by the other side" says who was rejected only with the sentence before it. The
relations check compares who does what in claim and evidence, so it reads the evidence with its opening
"he"/"she" replaced by the last person the previous sentence names, and "it" by the first country or body.
"""

from __future__ import annotations

import re

from assistant.answering.verification.names import CorpusNames
from assistant.answering.verification.verdicts import Evidence

_OPENING_PRONOUN = re.compile(r"^(?:[A-Z][a-z]+(?:\s+[a-z]+)?,\s+)?(?P<pronoun>[Hh]e|[Ss]he|[Ii]t)\b")
"""A subject pronoun opening a sentence, after a connective or none ("Instead, it has …")."""
_EXPLETIVE = re.compile(r"^[Ii]t\s+(?:is|was|would\s+be|will\s+be|could\s+be|may\s+be|seems|appears|remains)\s+\w+\s+(?:that|to|whether)\b")
"""An "it" that stands for nothing ("It is conceivable that …")."""


_CLAUSE_PRONOUN = re.compile(r"[:;]\s+(?P<pronoun>[Hh]e|[Ss]he|[Ii]t)\b")
"""A subject pronoun opening a clause after a colon or semicolon ("Lindau is in another position: it has …")."""


def named_subject(evidence: Evidence, names: CorpusNames) -> str:
    """The evidence text with an opening subject pronoun replaced by the party it stands for, when the
    sentence before it in the passage names one, and one opening a clause after a colon or semicolon by the party
    the sentence names before it; else the text as it is."""
    text = _clause_subject(evidence.text, names)
    opening = _OPENING_PRONOUN.match(text)
    if opening is None or _EXPLETIVE.match(text[opening.start("pronoun") :]):
        return text
    chunk = evidence.passage.chunk
    before = [chunk.text[start:end] for start, end in chunk.sentences if end <= evidence.start]
    if not before:
        return text
    mentions = names.mentions(before[-1])
    if opening.group("pronoun").lower() == "it":
        parties = [m for m in mentions if m.kind in ("place", "organisation")][:1]
    else:
        parties = [m for m in mentions if m.kind == "person"][-1:]
    if not parties:
        return text
    return text[: opening.start("pronoun")] + parties[0].surface + text[opening.end("pronoun") :]


def _clause_subject(text: str, names: CorpusNames) -> str:
    """`text` with the first pronoun opening a clause after a colon or semicolon replaced by the party named before
    it in the sentence ("Lindau is in another position: Lindau has …")."""
    clause = _CLAUSE_PRONOUN.search(text)
    if clause is None:
        return text
    it = clause.group("pronoun").lower() == "it"
    kinds = ("place", "organisation") if it else ("person",)
    before = [m for m in names.mentions(text[: clause.start()]) if m.kind in kinds]
    if not before:
        return text
    party = before[0] if it else before[-1]
    return text[: clause.start("pronoun")] + party.surface + text[clause.end("pronoun") :]
