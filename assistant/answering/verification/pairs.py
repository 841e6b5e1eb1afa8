"""Reversed pair: for two parties each named once in both texts, the first word between them is their
relation. When both texts use the same relation word (or the same words: "Berg, a Lind campaign donor"),
the party that comes first is the agent, unless "by"/"of" follows the relation word or the clause is
passive ("Lind was rejected by Berg", "Lind, a protégé of Berg"). Mutual relations and lists say nothing
about roles ("between Berg and Lind", "Berg met Lind"), nor does a scene-setting preposition after the
relation word ("the dimension in the talks")."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from itertools import combinations

from assistant.answering.verification.names import CorpusNames, Mention, party_key
from assistant.answering.verification.relation_words import name_owners, relation_lexicon, token_starts
from assistant.answering.verification.tokens import Token, tokenize
from assistant.answering.verification.verdicts import Label, Objection
from assistant.index.dates import month_names

_CLAUSE_END = frozenset(";.:()")


def reversed_pair(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """Two parties each named once in the claim and joined by the same relation word in the evidence (where
    they are named nearest each other, within one relation's reach), in opposite directions."""
    mine, theirs = _parties_once(claim, names), _parties(evidence, names)
    pairs = sorted(((m, theirs[key]) for key, m in mine.items() if key in theirs), key=lambda pair: pair[0].start)
    for (a, their_a), (b, their_b) in combinations(pairs, 2):
        c_between = _between(claim, a, b)
        nearest = _nearest(evidence, their_a, their_b) if c_between is not None else None
        if c_between is None or nearest is None:
            continue
        ea, eb, e_between = nearest
        c_flip, e_flip = _directions(c_between, e_between)
        if c_flip is None or e_flip is None:
            continue
        evidence_reversed = eb.start < ea.start
        if c_flip != (e_flip != evidence_reversed):
            said = evidence[min(ea.start, eb.start) : max(ea.end, eb.end)]
            reason = f"makes {a.surface} and {b.surface} trade roles; the passage says '{said}'"
            return [Objection(Label.CONTRADICTED, "role", reason)]
    return []


def _nearest(text: str, firsts: list[Mention], seconds: list[Mention]) -> tuple[Mention, Mention, tuple[Token, ...]] | None:
    """The mentions of two parties named nearest each other within one relation's reach, and the tokens between."""
    joined = [
        (second.start - first.end if first.start < second.start else first.start - second.end, first, second, between)
        for first in firsts
        for second in seconds
        if (between := _between(text, *sorted((first, second), key=lambda m: m.start))) is not None
    ]
    if not joined:
        return None
    _, first, second, between = min(joined, key=lambda item: item[0])
    return first, second, between


def _parties_once(text: str, names: CorpusNames) -> dict[str, Mention]:
    """Party → its mention, for the parties named only once in `text` (order says nothing about one named
    twice)."""
    return {key: found[0] for key, found in _parties(text, names).items() if len(found) == 1}


@lru_cache(maxsize=4096)
def _parties(text: str, names: CorpusNames) -> dict[str, list[Mention]]:
    """Party → its mentions in `text`. Parties are names and the words the text introduces with a determiner
    ("the tenants"), also past a name that describes them ("the Berg administration": the administration)."""
    found = [m for m in names.mentions(text) if m.surface not in month_names()]  # a date is no party
    determiners = relation_lexicon().determiners
    tokens, owners = tokenize(text), name_owners(text, names)
    for k, token in enumerate(tokens[:-1]):
        if token.lower not in determiners:
            continue
        at = k + 1
        while at < len(tokens) - 1 and owners[at] is not None and owners[at + 1] is owners[at]:
            at += 1
        at += owners[k + 1] is not None  # past a name that describes the noun ("the Berg administration")
        head = tokens[at] if at < len(tokens) else None
        if head is not None and head.is_content and head.text[0].islower() and owners[at] is None:
            found.append(Mention(head.text, head.start, head.end, (head.text,), "thing"))
    seen: dict[str, list[Mention]] = {}
    for mention in found:
        seen.setdefault(party_key(mention), []).append(mention)
    return seen


def _between(text: str, first: Mention, second: Mention) -> tuple[Token, ...] | None:
    """The tokens between two mentions, or None when they are too far apart to be one relation."""
    every, starts = tokenize(text), token_starts(text)
    begin, end = bisect_left(starts, first.end), bisect_left(starts, second.start)
    if end - begin > 2 * relation_lexicon().max_between:
        return None  # too far apart whatever the punctuation between
    tokens = every[begin:end]
    words = [t for t in tokens if t.text[0].isalnum()]
    if not words or len(words) > relation_lexicon().max_between or any(t.text in _CLAUSE_END for t in tokens):
        return None
    return tokens


def _directions(mine: tuple[Token, ...], theirs: tuple[Token, ...]) -> tuple[bool | None, bool | None]:
    """Whether each side's relation runs from the second name to the first; None when the two sides do not
    join the names by the same relation word (the first word between them that is not an adverb)."""
    lex = relation_lexicon()
    if any(t.stem in lex.symmetric for t in (*mine, *theirs)):
        return None, None
    at_mine, at_theirs = _relation_word(mine), _relation_word(theirs)
    if at_mine is not None and at_theirs is not None:
        if mine[at_mine].stem != theirs[at_theirs].stem or _placed(mine, at_mine) or _placed(theirs, at_theirs):
            return None, None
        return _inverted(mine, at_mine), _inverted(theirs, at_theirs)
    if [t.lower for t in mine] == [t.lower for t in theirs]:
        return False, False
    return None, None


def _placed(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether a scene-setting preposition follows the relation word at `at` ("the dimension in the talks")."""
    return at + 1 < len(tokens) and tokens[at + 1].lower in relation_lexicon().placing


def _relation_word(tokens: tuple[Token, ...]) -> int | None:
    """Position of the first lower-case content word that is not an adverb (the relation), if any."""
    return next((k for k, t in enumerate(tokens) if t.is_content and t.text[0].islower() and not t.lower.endswith("ly")), None)


def _inverted(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether the relation word at `at` runs backwards: "by" or "of" right after it (an adverb may come
    between; "of" not after a form of "be": "is sceptical of"), or a passive ("was replaced as editor by")."""
    lex = relation_lexicon()
    following = [t.lower for t in tokens[at + 1 : at + 3]]
    if following and following[0].endswith("ly") and len(following) > 1:
        following = following[1:]
    after_be = at > 0 and tokens[at - 1].lower in lex.passive
    if following and following[0] in lex.inverting and not (following[0] == "of" and after_be):
        return True  # "a protégé of Berg", but not "is sceptical of Berg"
    passive = any(t.lower in lex.passive for t in tokens[:at])
    return passive and any(t.lower == "by" for t in tokens[at + 1 :])
