"""Who did what to whom: two parties the claim and the evidence share must keep their roles.

Parties are names, and the nouns a sentence introduces with a determiner ("the tenants"). Two
checks, each CONTRADICTED on a swap:
- reversed pair: for two parties each named once in both texts, the first word between them is
  their relation. When both texts use the same relation word (or the same words: "Berg, a Lind
  campaign donor"), the party that comes first is the agent — unless "by"/"of" follows the
  relation word or the clause is passive ("Lind was rejected by Berg", "Lind, a protégé of Berg").
  Mutual relations and lists say nothing about roles ("between Berg and Lind", "Berg met Lind").
- traded places: two parties that swap places after the same relation word and role preposition
  ("pressure from X on Y" against "pressure from Y on X").
- changed sides: a party named right before a relation word (its doer: "Berg has sought to reassure
  Lind", "Berg's pressure") in one text and right after it (the one it is done to: "reassure Berg's
  partners") in the other, or two parties that trade the doer's place; a passive ("Lind was
  reassured by Berg") turns the places round.
Lexicon: assistant/data/relations.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

from assistant.answering.verification.names import CorpusNames, Mention, party_key
from assistant.answering.verification.reading import lexicons
from assistant.answering.verification.tokens import Token, stem, tokenize
from assistant.answering.verification.verdicts import Label, Objection
from assistant.data import load as lexicon
from assistant.index.dates import month_names

_CLAUSE_END = frozenset(";.:()")


@dataclass(frozen=True)
class _Lexicon:
    symmetric: frozenset[str]
    inverting: frozenset[str]
    placing: frozenset[str]
    max_between: int
    prepositions: frozenset[str]
    determiners: frozenset[str]
    passive: frozenset[str]
    fillers: frozenset[str]
    not_doers: frozenset[str]
    coordinators: frozenset[str]
    party_heads: frozenset[str]
    personal_objects: frozenset[str]
    phrasal: re.Pattern[str]
    """A phrasal verb in any form ("turned down"); its groups are the verbs it is read as, in order."""
    phrasal_verbs: tuple[str, ...]


@cache
def _lexicon() -> _Lexicon:
    data = lexicon("relations")
    phrasal = [phrase.split() for phrase in data["phrasal_verbs"]]
    return _Lexicon(
        symmetric=frozenset(stem(str(word)) for word in data["symmetric"]),
        inverting=frozenset(data["inverting"]),
        placing=frozenset(data["placing"]),
        max_between=int(data["max_words_between"]),
        prepositions=frozenset(data["role_prepositions"]),
        determiners=frozenset(data["determiners"]),
        passive=frozenset(data["passive_auxiliaries"]),
        fillers=frozenset(data["doer_fillers"]),
        not_doers=frozenset(data["not_doer_after"]),
        coordinators=frozenset(data["coordinators"]),
        party_heads=frozenset(data["party_heads"]),
        personal_objects=frozenset(data["personal_objects"]),
        phrasal=re.compile("|".join(rf"\b({re.escape(verb)}\w{{0,4}}\s+{re.escape(part)})\b" for verb, part in phrasal), re.IGNORECASE),
        phrasal_verbs=tuple(data["phrasal_verbs"].values()),
    )


def check_relations(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """An objection when the claim gives two parties of the evidence each other's roles."""
    claim, evidence = _one_verb(claim), _one_verb(evidence)
    return _traded_places(claim, evidence, names) or _changed_sides(claim, evidence, names) or _reversed_pair(claim, evidence, names)


def _one_verb(text: str) -> str:
    """`text` with its phrasal verbs read as the one verb each means ("turned down" as "reject")."""
    lex = _lexicon()
    return lex.phrasal.sub(lambda match: lex.phrasal_verbs[match.lastindex - 1 if match.lastindex else 0], text)


def _traded_places(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """Two parties both texts name that trade places after the same relation word and preposition
    ("pressure from X on Y" against "pressure from Y on X"; "terms dictated by X")."""
    mine, theirs = _Frames.of(claim, names), _Frames.of(evidence, names)
    for frame in sorted(mine.holders.keys() & theirs.holders.keys()):
        for said in sorted(mine.holders[frame] - theirs.holders[frame]):
            for given in sorted(theirs.holders[frame] - mine.holders[frame]):
                if said in theirs.parties and given in mine.parties:
                    reason = f"puts {mine.surface[said]} where the passage puts {theirs.surface[given]} ('{frame[0]} {frame[1]}')"
                    return [Objection(Label.CONTRADICTED, "role", reason)]
    return []


@dataclass(frozen=True)
class _Frames:
    """The parties of a text (names by their party, other words by stem) and the role places they hold."""

    parties: set[str]
    holders: dict[tuple[str, str], set[str]]
    """(relation word stem, preposition) → the parties right after them."""
    surface: dict[str, str]

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, text: str, names: CorpusNames) -> _Frames:
        lex = _lexicon()
        tokens = tokenize(text)
        keys: list[str] = []
        surface: dict[str, str] = {}
        for token, mention in zip(tokens, _owners(text, names)):
            key = party_key(mention) if mention is not None else token.stem if token.is_content else ""
            keys.append(key)
            if key:
                surface.setdefault(key, mention.surface if mention is not None else token.text)
        holders: dict[tuple[str, str], set[str]] = {}
        filled: dict[int, str] = {}
        """Token position → the relation word whose role place the token holds (places chain: the "on"
        of "pressure from X on Y" is pressure's, not X's)."""
        for k, token in enumerate(tokens):
            if token.lower not in lex.prepositions or k == 0:
                continue
            before = tokens[k - 1]
            if k - 1 in filled:
                relation = filled[k - 1]
            elif before.is_content and before.text[0].islower():
                relation = keys[k - 1]
            else:
                continue  # a role place follows a relation word ("pressure from"), not a name
            j = k + 1
            while j < len(tokens) and tokens[j].lower in lex.determiners:
                j += 1
            while j < len(tokens) and keys[j] and j < k + 5:
                holders.setdefault((relation, token.lower), set()).add(keys[j])
                filled[j] = relation
                j += 1
        return cls({key for key in keys if key}, holders, surface)


def _changed_sides(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """A party that does something in one text and has it done to it in the other ("Berg sought to
    reassure Lind" against "Lind sought to reassure Berg's partners"), or two named parties that trade
    the doer's place of the same relation word ("Berg's pressure and Lind's demands")."""
    mine, theirs = _Sides.of(claim, names), _Sides.of(evidence, names)
    for word in sorted(mine.doers.keys() | mine.done_to.keys()):
        doers, done_to = theirs.doers.get(word, set()), theirs.done_to.get(word, set())
        for party in sorted(mine.doers.get(word, set())):
            if party in done_to - doers:
                reason = f"makes {mine.surface[party]} the doer of '{word}'; in the passage it is done to them"
                return [Objection(Label.CONTRADICTED, "role", reason)]
            rivals = [
                other
                for other in sorted(doers)
                if other != party and other in mine.parties and (party in theirs.parties or mine.is_done_to(other))
            ]
            if rivals and party not in doers:
                reason = f"puts {mine.surface[party]} where the passage puts {theirs.surface[rivals[0]]} ('{word}')"
                return [Objection(Label.CONTRADICTED, "role", reason)]
        for party in sorted(mine.done_to.get(word, set())):
            if party in doers - done_to:
                return [Objection(Label.CONTRADICTED, "role", f"has '{word}' done to {mine.surface[party]}, the doer in the passage")]
            if word in theirs.done_to_a_person and mine.kinds[party] not in ("person", "name") and party in theirs.parties:
                reason = f"has '{word}' done to {mine.surface[party]}; in the passage it is done to a person"
                return [Objection(Label.CONTRADICTED, "role", reason)]
    return []


@dataclass(frozen=True)
class _Sides:
    """The named parties on either side of each relation word (by stem): its doers, named right before it
    (auxiliaries, adverbs and verbs like "sought to" may come between), and those it is done to, named
    right after it (a determiner may come between; "Berg's stance" is Berg's)."""

    parties: set[str]
    doers: dict[str, set[str]]
    done_to: dict[str, set[str]]
    surface: dict[str, str]
    kinds: dict[str, str]
    done_to_a_person: frozenset[str]
    """Relation words done to someone the text calls "him" or "her" ("succeeded in convincing him")."""

    def is_done_to(self, party: str) -> bool:
        """Whether something is done to `party` in the text (it is named right after some relation word)."""
        return any(party in done for done in self.done_to.values())

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, text: str, names: CorpusNames) -> _Sides:
        lex = _lexicon()
        tokens, owners = tokenize(text), _owners(text, names)
        doers: dict[str, set[str]] = {}
        done_to: dict[str, set[str]] = {}
        surface = {party_key(m): m.surface for m in owners if m is not None}
        kinds = {party_key(m): m.kind for m in owners if m is not None}
        to_a_person: set[str] = set()
        for k, token in enumerate(tokens):
            if not token.is_content or not token.text[0].islower() or owners[k] is not None or token.stem in lex.symmetric:
                continue
            if token.lower.endswith("ly"):
                continue  # an adverb relates nothing
            j, passive = k - 1, False
            while j >= 0 and owners[j] is None and (tokens[j].lower in lex.fillers or tokens[j].lower.endswith("ly")):
                passive |= tokens[j].lower in lex.passive
                j -= 1
            before = owners[j] if j >= 0 else None
            start = j
            while start > 0 and owners[start - 1] is before:
                start -= 1
            if start > 0 and _not_the_doer(tokens, owners, start - 1, described=j == k - 1):
                before = None
            i = k + 1
            by = i < len(tokens) and tokens[i].lower == "by"
            i += by
            while i < len(tokens) and tokens[i].lower in lex.determiners:
                i += 1
            after = owners[i] if i < len(tokens) else None
            action = _action(token.stem)
            if _person_after(tokens, k):
                to_a_person.add(action)
            if after is not None and _describes(tokens, owners, i):
                after = None  # "frozen Lindish assets": a name that describes the word after it
            passive &= by or token.lower.endswith(_PARTICIPLE_ENDINGS)  # "Lind would be willing": Lind is willing
            if passive:  # "Lind was reassured by Berg": Berg is the doer, Lind the one it is done to
                before, after = (after if by else None), before
            elif by:
                after = None  # "backed by Berg" without a passive auxiliary: a participle, leave it
            if before is not None:
                doers.setdefault(action, set()).add(party_key(before))
            if after is not None:
                done_to.setdefault(action, set()).add(party_key(after))
        return cls(set(surface), doers, done_to, surface, kinds, frozenset(to_a_person))


def _person_after(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether a pronoun for a person is the object of the word at `at` ("convincing him"; "her" not
    before a noun it is the possessive of)."""
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    beyond = tokens[at + 2] if at + 2 < len(tokens) else None
    return following is not None and following.lower in _lexicon().personal_objects and not (beyond is not None and beyond.is_content)


def _action(word: str) -> str:
    """One stem for the words naming one action ("persuade" and "convince"; negation.yaml same_action)."""
    return min(lexicons().same_action.get(word, (word,)))


_PARTICIPLE_ENDINGS = ("ed", "en", "wn")
"""Endings of a past participle: after a form of "be" without "by", a word without one is no passive."""


def _not_the_doer(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int, described: bool) -> bool:
    """Whether the word at `at`, right before a name, keeps the name from being the doer of a relation word
    after it: a preposition ("close to Berg have shaped"), unless the name describes the word right after
    it ("between Lindish pressure and …"), or a coordinator joining two names ("Lindish and Bergish
    delegations")."""
    lex = _lexicon()
    word = tokens[at].lower
    if word in lex.coordinators:
        return at > 0 and owners[at - 1] is not None
    return word in lex.not_doers and not described


def _describes(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int) -> bool:
    """Whether the name starting at token `at` describes the lower-case word right after it ("Lindish
    assets"), rather than being a party of its own; a possessive ("Lind's stance") and a name before one of
    its people or institutions ("the Lindish side") are parties."""
    end = at
    while end + 1 < len(tokens) and owners[end + 1] is owners[at]:
        end += 1
    following = tokens[end + 1] if end + 1 < len(tokens) else None
    possessive = tokens[end].lower.endswith(("'s", "'"))
    if following is None or possessive or following.lower in _lexicon().party_heads:  # "the Lindish side" is Lind itself
        return False
    return following.is_content and following.text[0].islower()


def _reversed_pair(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """Two parties each named once in the claim and joined by the same relation word in the evidence (where
    they are named nearest each other, within one relation's reach), in opposite directions."""
    mine, theirs = _parties_once(claim, names), _parties(evidence, names)
    pairs = sorted(((m, theirs[key]) for key, m in mine.items() if key in theirs), key=lambda pair: pair[0].start)
    for (a, their_a), (b, their_b) in combinations(pairs, 2):
        c_between = _between(claim, a, b)
        nearest = _nearest(evidence, their_a, their_b)
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


@lru_cache(maxsize=4096)
def _owners(text: str, names: CorpusNames) -> tuple[Mention | None, ...]:
    """For each token of `text`, the name mention it is part of (None: not part of a name)."""
    tokens, starts = tokenize(text), _token_starts(text)
    owner: list[Mention | None] = [None] * len(tokens)
    for mention in names.mentions(text):
        k = bisect_left(starts, mention.start)
        while k < len(tokens) and starts[k] < mention.end:
            owner[k] = mention
            k += 1
    return tuple(owner)


def _parties_once(text: str, names: CorpusNames) -> dict[str, Mention]:
    """Party → its mention, for the parties named only once in `text` (order says nothing about one named
    twice)."""
    return {key: found[0] for key, found in _parties(text, names).items() if len(found) == 1}


@lru_cache(maxsize=4096)
def _parties(text: str, names: CorpusNames) -> dict[str, list[Mention]]:
    """Party → its mentions in `text`. Parties are names and the words the text introduces with a determiner
    ("the tenants"), also past a name that describes them ("the Berg administration": the administration)."""
    found = [m for m in names.mentions(text) if m.surface not in month_names()]  # a date is no party
    determiners = _lexicon().determiners
    tokens, owners = tokenize(text), _owners(text, names)
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


@lru_cache(maxsize=4096)
def _token_starts(text: str) -> list[int]:
    return [t.start for t in tokenize(text)]


def _between(text: str, first: Mention, second: Mention) -> tuple[Token, ...] | None:
    """The tokens between two mentions, or None when they are too far apart to be one relation."""
    every, starts = tokenize(text), _token_starts(text)
    begin, end = bisect_left(starts, first.end), bisect_left(starts, second.start)
    if end - begin > 2 * _lexicon().max_between:
        return None  # too far apart whatever the punctuation between
    tokens = every[begin:end]
    words = [t for t in tokens if t.text[0].isalnum()]
    if not words or len(words) > _lexicon().max_between or any(t.text in _CLAUSE_END for t in tokens):
        return None
    return tokens


def _directions(mine: tuple[Token, ...], theirs: tuple[Token, ...]) -> tuple[bool | None, bool | None]:
    """Whether each side's relation runs from the second name to the first; None when the two sides do not
    join the names by the same relation word (the first word between them that is not an adverb)."""
    lex = _lexicon()
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
    return at + 1 < len(tokens) and tokens[at + 1].lower in _lexicon().placing


def _relation_word(tokens: tuple[Token, ...]) -> int | None:
    """Position of the first lower-case content word that is not an adverb (the relation), if any."""
    return next((k for k, t in enumerate(tokens) if t.is_content and t.text[0].islower() and not t.lower.endswith("ly")), None)


def _inverted(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether the relation word at `at` runs backwards: "by" or "of" right after it (an adverb may come
    between; "of" not after a form of "be": "is sceptical of"), or a passive ("was replaced as editor by")."""
    lex = _lexicon()
    following = [t.lower for t in tokens[at + 1 : at + 3]]
    if following and following[0].endswith("ly") and len(following) > 1:
        following = following[1:]
    after_be = at > 0 and tokens[at - 1].lower in lex.passive
    if following and following[0] in lex.inverting and not (following[0] == "of" and after_be):
        return True  # "a protégé of Berg", but not "is sceptical of Berg"
    passive = any(t.lower in lex.passive for t in tokens[:at])
    return passive and any(t.lower == "by" for t in tokens[at + 1 :])
