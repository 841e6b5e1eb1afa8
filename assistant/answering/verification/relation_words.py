"""The words the role checks read (assistant/data/relations.yaml), and which name each token is part of:
shared by the checks of relations.py, sides.py and pairs.py."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from assistant.answering.verification.names import CorpusNames, Mention
from assistant.answering.verification.tokens import Token, stem, tokenize
from assistant.data import load as lexicon


@dataclass(frozen=True)
class RelationLexicon:
    symmetric: frozenset[str]
    inverting: frozenset[str]
    placing: frozenset[str]
    max_between: int
    prepositions: frozenset[str]
    from_prepositions: frozenset[str]
    at_prepositions: frozenset[str]
    owner_preposition: str
    """The preposition a possessive or a name before a noun is read as ("X's role" as "the role of X")."""
    noun_openers: frozenset[str]
    """Words that, right before a name, make the word after it a noun the name owns ("under X pressure")."""
    determiners: frozenset[str]
    passive: frozenset[str]
    fillers: frozenset[str]
    not_doers: frozenset[str]
    coordinators: frozenset[str]
    contrast_openers: tuple[tuple[str, ...], ...]
    """Words setting a party against the subject ("unlike", "compared with"), as token sequences."""
    party_heads: frozenset[str]
    linking_verbs: frozenset[str]
    personal_objects: frozenset[str]
    phrasal: re.Pattern[str]
    """A phrasal verb in any form ("turned down"); its groups are the verbs it is read as, in order."""
    phrasal_verbs: tuple[str, ...]


@cache
def relation_lexicon() -> RelationLexicon:
    data = lexicon("relations")
    phrasal = [phrase.split() for phrase in data["phrasal_verbs"]]
    return RelationLexicon(
        symmetric=frozenset(stem(str(word)) for word in data["symmetric"]),
        inverting=frozenset(data["inverting"]),
        placing=frozenset(data["placing"]),
        max_between=int(data["max_words_between"]),
        prepositions=frozenset(data["role_prepositions"]),
        from_prepositions=frozenset(data["from_prepositions"]),
        at_prepositions=frozenset(data["at_prepositions"]),
        owner_preposition=str(data["owner_preposition"]),
        noun_openers=frozenset(data["noun_openers"]),
        determiners=frozenset(data["determiners"]),
        passive=frozenset(data["passive_auxiliaries"]),
        fillers=frozenset(data["doer_fillers"]),
        not_doers=frozenset(data["not_doer_after"]),
        coordinators=frozenset(data["coordinators"]),
        contrast_openers=tuple(tuple(opener.split()) for opener in data["contrast_openers"]),
        party_heads=frozenset(data["party_heads"]),
        linking_verbs=frozenset(data["linking_verbs"]),
        personal_objects=frozenset(data["personal_objects"]),
        phrasal=re.compile("|".join(rf"\b({re.escape(verb)}\w{{0,4}}\s+{re.escape(part)})\b" for verb, part in phrasal), re.IGNORECASE),
        phrasal_verbs=tuple(data["phrasal_verbs"].values()),
    )


def past_determiners(tokens: tuple[Token, ...], at: int) -> int:
    """The position of the first token from `at` on that is no determiner ("the", "its" …); len(tokens) if none is."""
    determiners = relation_lexicon().determiners
    while at < len(tokens) and tokens[at].lower in determiners:
        at += 1
    return at


@lru_cache(maxsize=4096)
def name_owners(text: str, names: CorpusNames) -> tuple[Mention | None, ...]:
    """For each token of `text`, the name mention it is part of (None: not part of a name)."""
    tokens, starts = tokenize(text), token_starts(text)
    owner: list[Mention | None] = [None] * len(tokens)
    for mention in names.mentions(text):
        k = bisect_left(starts, mention.start)
        while k < len(tokens) and starts[k] < mention.end:
            owner[k] = mention
            k += 1
    return tuple(owner)


def name_start(owners: tuple[Mention | None, ...], at: int) -> int:
    """The first token of the run around token `at` that `owners` gives one owner (a name's first word)."""
    start = at
    while start > 0 and owners[start - 1] is owners[at]:
        start -= 1
    return start


def name_end(owners: tuple[Mention | None, ...], at: int) -> int:
    """The last token of the run around token `at` that `owners` gives one owner (a name's last word)."""
    end = at
    while end + 1 < len(owners) and owners[end + 1] is owners[at]:
        end += 1
    return end


@lru_cache(maxsize=4096)
def token_starts(text: str) -> list[int]:
    """Where each token of `text` starts."""
    return [t.start for t in tokenize(text)]
