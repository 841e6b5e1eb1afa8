"""Relative clauses: what a "who" clause says belongs to the name it follows.

"… Berg and Lind, who was expected to chair the board" says Lind was expected to chair it. A claim that says it
of Berg ("Berg was expected to chair the board") gives a party of the passage what the passage says of another:
the claim's party is followed, as its subject, by the clause's words (one of its first two content words opens the
claim's predicate, and at least MIN_SHARED of them are there), and the clause's owner is not said to do it in the claim.
The owner is the name right before "who" or before an appositive that "who" ends ("Lind, a Berg campaign donor who …").
"""

from __future__ import annotations

import re

from assistant.answering.verification.evidence import ROOT_LETTERS
from assistant.answering.verification.names import CorpusNames, Mention, same_party
from assistant.answering.verification.relation_words import relation_lexicon
from assistant.answering.verification.tokens import tokenize
from assistant.answering.verification.verdicts import Label, Objection

_WHO_CLAUSE = re.compile(r"\s*,?\s*(?:(?:a|an|the)\s+(?:[\w’'\-]+\s+){0,3}?)?who\s+(?P<clause>[^,;:()–—]+)")
"""A "who" clause right after a name, or after an appositive of it ("Lind, a Berg campaign donor who …")."""
_CLAUSE_END = re.compile(r"[,;:()–—]")
"""Where what follows a claim's party stops being its predicate."""
MIN_SHARED = 2
"""Content words of the clause the claim's predicate must hold."""


def misowned_clause(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """CONTRADICTED when the claim says of one party of the evidence what a "who" clause of the evidence says of
    another, which the claim does not say it of."""
    if "who" not in evidence:
        return []
    given = names.mentions(evidence)
    owned = [(mention, _roots(found.group("clause"))) for mention in given if (found := _WHO_CLAUSE.match(evidence, mention.end))]
    if not owned:
        return []
    claimed = names.mentions(claim)
    for party in claimed:
        said = _predicate(claim, party)
        for owner, clause in owned:
            if not _restates(said, clause) or same_party(party, owner) or not any(same_party(party, g) for g in given):
                continue
            if any(same_party(other, owner) and _restates(_predicate(claim, other), clause) for other in claimed):
                continue
            return [Objection(Label.CONTRADICTED, "role", f"says of {party.surface} what the passage says of {owner.surface}")]
    return []


def _predicate(claim: str, party: Mention) -> list[str]:
    """The roots of the content words after a party that is the subject of what follows it, up to the end of its
    clause; [] after a possessive or a preposition ("with Lind in talks"). A name describing a noun ("a Berg campaign
    donor") has that noun first, which no clause opens with."""
    following = _CLAUSE_END.split(claim[party.end :], maxsplit=1)[0]
    first = following.split(maxsplit=1)[:1]
    if claim[party.end : party.end + 2] in ("'s", "’s") or (first and first[0].lower() in relation_lexicon().not_doers):
        return []
    return _roots(following)


def _roots(text: str) -> list[str]:
    """The roots of the content words of `text`, in order, adverbs in -ly left out."""
    return [token.stem[:ROOT_LETTERS] for token in tokenize(text) if token.is_content and not token.lower.endswith("ly")]


def _restates(said: list[str], clause: list[str]) -> bool:
    """Whether a predicate opens with one of the clause's first two words (its verb is there: "was initially expected",
    "at one stage represented") and holds MIN_SHARED of its words."""
    return bool(said) and said[0] in clause[:2] and len(set(said) & set(clause)) >= MIN_SHARED
