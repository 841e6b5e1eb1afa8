"""Changed sides: a party named right before a relation word (its doer: "Berg has sought to reassure Lind",
"Berg's pressure") in one text and right after it (the one it is done to: "reassure Berg's partners") in the
other, or two parties that trade the doer's place; a passive ("Lind was reassured by Berg") turns the places
round. A country or body one text has something done to, where the other has it done to "him" or "her", is
a swap too. A party a contrast sets before the subject ("Unlike Lind, Berg has …") is said not to do what the
subject does; an appositive agent noun ("Lind, a Berg campaign donor") makes its head the doer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.verification.names import CorpusNames, Mention, party_key
from assistant.answering.verification.reading import lexicons
from assistant.answering.verification.relation_words import name_end, name_owners, name_start, past_determiners, relation_lexicon
from assistant.answering.verification.tokens import Token, possessive, tokenize
from assistant.answering.verification.verdicts import Label, Objection


def changed_sides(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """A party that does something in one text and has it done to it in the other ("Berg sought to
    reassure Lind" against "Lind sought to reassure Berg's partners"), two named parties that trade
    the doer's place of the same relation word ("Berg's pressure and Lind's demands"), or a party of the evidence
    made the doer where the evidence has another, which the claim leaves out ("Lind could launch talks with Aalto"
    against "Berg could initiate Lind-Aalto talks")."""
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
                if other != party
                and other in mine.parties
                and (party in theirs.parties or mine.is_done_to(other) or other in mine.contrasted)
            ]
            if rivals and party not in doers:
                reason = f"puts {mine.surface[party]} where the passage puts {theirs.surface[rivals[0]]} ('{word}')"
                return [Objection(Label.CONTRADICTED, "role", reason)]
            # "Saltby could launch talks" where "Norrvik could initiate" them: parties the catalogue knows (not "December")
            dropped = sorted(d for d in doers - mine.parties if theirs.kinds[d] in _KNOWN_KINDS)
            known = mine.kinds[party] in _KNOWN_KINDS and party in theirs.parties
            if dropped and known and party not in doers and not doers & mine.parties:
                reason = f"puts {mine.surface[party]} where the passage puts {theirs.surface[dropped[0]]} ('{word}')"
                return [Objection(Label.CONTRADICTED, "role", reason)]
        for party in sorted(mine.done_to.get(word, set())):
            if party in doers - done_to:
                return [Objection(Label.CONTRADICTED, "role", f"has '{word}' done to {mine.surface[party]}, the doer in the passage")]
            if word in theirs.done_to_a_person and mine.kinds[party] not in ("person", "name") and party in theirs.parties:
                reason = f"has '{word}' done to {mine.surface[party]}; in the passage it is done to a person"
                return [Objection(Label.CONTRADICTED, "role", reason)]
    return []


_KNOWN_KINDS = ("person", "organisation", "place")
"""Kinds of the catalogue's entities (and metonyms): parties, unlike a capitalised word of unknown kind."""


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
    contrasted: frozenset[str] = frozenset()
    """Parties a contrast sets against the subject ("Unlike Lind, Berg has …"): what the subject does, they do not."""

    def is_done_to(self, party: str) -> bool:
        """Whether something is done to `party` in the text (it is named right after some relation word)."""
        return any(party in done for done in self.done_to.values())

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, text: str, names: CorpusNames) -> _Sides:
        lex = relation_lexicon()
        tokens, owners = tokenize(text), name_owners(text, names)
        doers: dict[str, set[str]] = {}
        done_to: dict[str, set[str]] = {}
        mentions = names.mentions(text)  # with names inside a compound ("the Lind-Berg talks"), which own no token
        surface = {party_key(m): m.surface for m in mentions}
        kinds = {party_key(m): m.kind for m in mentions}
        to_a_person: set[str] = set()
        for k, token in enumerate(tokens):
            if not token.is_content or not token.text[0].islower() or owners[k] is not None or token.stem in lex.symmetric:
                continue
            if token.lower.endswith("ly"):
                continue  # an adverb relates nothing
            described = _described_agent(tokens, owners, k)
            if described is not None:  # "Lind, a Berg campaign donor": Lind donates, to Berg's campaign
                doers.setdefault(_action(token.stem), set()).add(party_key(described[0]))
                done_to.setdefault(_action(token.stem), set()).add(party_key(described[1]))
                continue
            j, passive = k - 1, False
            while j >= 0 and owners[j] is None and (tokens[j].lower in lex.fillers or tokens[j].lower.endswith("ly")):
                passive |= tokens[j].lower in lex.passive
                j -= 1
            before = owners[j] if j >= 0 else None
            start = name_start(owners, j)
            while start > 0 and tokens[start - 1].lower in lex.determiners:
                start -= 1  # "close to the president have shaped": "to", past "the"
            if start > 0 and _not_the_doer(tokens, owners, start - 1, described=j == k - 1):
                before = None
            i = k + 1
            by = i < len(tokens) and tokens[i].lower == "by"
            source = i < len(tokens) and tokens[i].lower == "from" and token.stem in lexicons().same_action  # "donations from Berg"
            i = past_determiners(tokens, i + (by or source))
            named = _past_possessor(tokens, owners, i) if by else i  # "by Lind's envoy Berg": Berg, a party
            after = owners[named] if named < len(tokens) else None
            action = _action(token.stem)
            if _person_after(tokens, k):
                to_a_person.add(action)
            if after is not None and named == i and _describes(tokens, owners, i):
                after = None  # "frozen Lindish assets": a name that describes the word after it
            passive &= by or token.lower.endswith(_PARTICIPLE_ENDINGS)  # "Lind would be willing": Lind is willing
            if passive:  # "Lind was reassured by Berg": Berg is the doer, Lind the one it is done to
                before, after = (after if by else None), before
            elif by:  # "a plan drafted by Berg": Berg drafted it
                before, after = (after if token.lower.endswith(_PARTICIPLE_ENDINGS) else None), None
            elif source:  # "received donations from Berg": Berg donated
                before, after = after, None
            if before is not None:
                doers.setdefault(action, set()).add(party_key(before))
            if after is not None:
                done_to.setdefault(action, set()).add(party_key(after))
        contrasted = frozenset(
            party_key(mention)
            for k, mention in enumerate(owners)
            if mention is not None and _fronted(tokens, owners, k + 1) and _contrasted(tokens, name_start(owners, k))
        )
        return cls(set(surface), doers, done_to, surface, kinds, frozenset(to_a_person), contrasted)


_AGENT_ENDINGS = ("or", "er", "ist", "ant", "ent")
"""Endings of a noun for one who does something ("donor", "supporter")."""


def _described_agent(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int) -> tuple[Mention, Mention] | None:
    """The party an appositive calls the doer at `at`, and the name it does it to ("Lind, a Berg campaign donor":
    Lind and Berg), else None."""
    if not tokens[at].lower.endswith(_AGENT_ENDINGS):
        return None
    j = at - 1
    if j >= 0 and owners[j] is None and tokens[j].is_content and tokens[j].text[0].islower():
        j -= 1  # "campaign"
    if j < 0 or owners[j] is None:
        return None
    start = name_start(owners, j)
    if start < 3 or tokens[start - 1].lower not in ("a", "an") or tokens[start - 2].lower != "," or owners[start - 3] is None:
        return None
    head, patient = owners[start - 3], owners[j]
    return (head, patient) if head is not None and patient is not None and head is not patient else None


def _past_possessor(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int) -> int:
    """Where the name a possessor's role introduces starts ("by Lind's envoy Anna Berg": Berg), else `at`."""
    end = name_end(owners, at)
    if owners[at] is None or not possessive(tokens[end]):
        return at
    for k in range(end + 1, min(end + 4, len(tokens))):
        if owners[k] is not None:
            return k
        if not (tokens[k].is_content and tokens[k].text[0].islower()):
            break
    return at


def _person_after(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether a pronoun for a person is the object of the word at `at` ("convincing him"; "her" not
    before a noun it is the possessive of)."""
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    beyond = tokens[at + 2] if at + 2 < len(tokens) else None
    before_a_noun = beyond is not None and beyond.is_content
    return following is not None and following.lower in relation_lexicon().personal_objects and not before_a_noun


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
    lex = relation_lexicon()
    word = tokens[at].lower
    if word in lex.coordinators:
        return at > 0 and owners[at - 1] is not None and not _fronted(tokens, owners, at)
    return word in lex.not_doers and not described


def _fronted(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], comma: int) -> bool:
    """Whether the comma at `comma` closes a phrase set before the subject ("Compared with Lind, Berg has …",
    "Unlike Lind, Berg …"): the name before it follows a preposition or a contrast word, and no list goes on after
    the name after it."""
    if not 0 < comma < len(tokens) - 1 or tokens[comma].lower != "," or owners[comma - 1] is None or owners[comma + 1] is None:
        return False
    start = name_start(owners, comma - 1)
    after = name_end(owners, comma + 1) + 1
    lex = relation_lexicon()
    opened = start > 0 and (tokens[start - 1].lower in lex.not_doers or _contrasted(tokens, start))
    return opened and not (after < len(tokens) and tokens[after].lower in lex.coordinators)


def _contrasted(tokens: tuple[Token, ...], start: int) -> bool:
    """Whether a contrast word ("unlike", "compared with") ends right before the name starting at token `start`."""
    before = tuple(token.lower for token in tokens[max(start - 3, 0) : start])
    return any(before[len(before) - len(opener) :] == opener for opener in relation_lexicon().contrast_openers)


def _describes(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int) -> bool:
    """Whether the name starting at token `at` describes the lower-case word right after it ("Lindish
    assets"), rather than being a party of its own; a possessive ("Lind's stance") and a name before one of
    its people or institutions ("the Lindish side") are parties."""
    end = name_end(owners, at)
    following = tokens[end + 1] if end + 1 < len(tokens) else None
    owned = possessive(tokens[end])
    if following is None or owned or following.lower in relation_lexicon().party_heads:  # "the Lindish side" is Lind itself
        return False
    return following.is_content and following.text[0].islower()
