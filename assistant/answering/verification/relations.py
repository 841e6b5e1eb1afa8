"""Who did what to whom: two parties the claim and the evidence share must keep their roles.

Parties are names, and the nouns a sentence introduces with a determiner ("the tenants"). Three
checks, each CONTRADICTED on a swap:
- traded places (here): two parties that swap places after the same relation word and role
  preposition ("pressure from X on Y" against "pressure from Y on X"), or one party that the same relation
  word has come from in one text and aimed at in the other ("pressure from X" against "pressure on X"); a name
  that owns a word ("X's role", "the X role", "under X pressure") holds its "of" place, a name right after a
  word its object place ("represented X"); a name of the passage put in the place where the passage has
  another name, which the claim leaves out ("pressure on Y" against "pressure on X to … for Y"), is also a swap;
- changed sides (sides.py): a party that does something in one text and has it done to it in the other;
- reversed pair (pairs.py): two parties joined by the same relation word in opposite directions;
- swapped clauses (clauses.py): two contrasted clauses, each said of the other's party;
- a misowned clause (relatives.py): what a "who" clause says of one name, said of another.
Lexicon: assistant/data/relations.yaml (read in relation_words.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.verification.clauses import swapped_clauses
from assistant.answering.verification.names import CorpusNames, Mention, party_key
from assistant.answering.verification.pairs import reversed_pair
from assistant.answering.verification.relation_words import name_owners, name_start, past_determiners, relation_lexicon
from assistant.answering.verification.relatives import misowned_clause
from assistant.answering.verification.sides import changed_sides
from assistant.answering.verification.tokens import Token, possessive, tokenize
from assistant.answering.verification.verdicts import Label, Objection


def check_relations(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """An objection when the claim gives two parties of the evidence each other's roles."""
    claim, evidence = _one_verb(claim), _one_verb(evidence)
    return (
        _traded_places(claim, evidence, names)
        or _turned_around(claim, evidence, names)
        or changed_sides(claim, evidence, names)
        or reversed_pair(claim, evidence, names)
        or swapped_clauses(claim, evidence, names)
        or misowned_clause(claim, evidence, names)
    )


def _one_verb(text: str) -> str:
    """`text` with its phrasal verbs read as the one verb each means ("turned down" as "reject")."""
    lex = relation_lexicon()
    return lex.phrasal.sub(lambda match: lex.phrasal_verbs[match.lastindex - 1 if match.lastindex else 0], text)


def _traded_places(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """Two parties both texts name that trade places after the same relation word and preposition
    ("pressure from X on Y" against "pressure from Y on X"; "terms dictated by X")."""
    owner = relation_lexicon().owner_preposition
    mine, theirs = _Frames.of(claim, names), _Frames.of(evidence, names)
    for frame in sorted(mine.holders.keys() & theirs.holders.keys()):
        for said in sorted(mine.holders[frame] - theirs.holders[frame]):
            for given in sorted(theirs.holders[frame] - mine.holders[frame]):
                moved = said in mine.named and given in theirs.named and (frame[1] == owner or given not in mine.parties)
                # "Y adopted X's view": X's, not Y's; "pressure on Y" where the passage has "pressure on X" and never Y there;
                # "on Y's two firms, X and Z": the firms' place, not Y's
                if said in theirs.parties and (given in mine.parties or moved) and given not in theirs.owning.get(frame, set()):
                    reason = f"puts {mine.surface[said]} where the passage puts {theirs.surface[given]} ('{' '.join(filter(None, frame))}')"
                    return [Objection(Label.CONTRADICTED, "role", reason)]
    return []


def _turned_around(claim: str, evidence: str, names: CorpusNames) -> list[Objection]:
    """A party that the same relation word comes from in one text and is aimed at in the other ("faced pressure
    from X" against "put pressure on X")."""
    lex = relation_lexicon()
    opposite = {**{p: lex.at_prepositions for p in lex.from_prepositions}, **{p: lex.from_prepositions for p in lex.at_prepositions}}
    mine, theirs = _Frames.of(claim, names), _Frames.of(evidence, names)
    for (relation, preposition), held in sorted(mine.holders.items()):
        kept = theirs.holders.get((relation, preposition), set())
        for other in sorted(opposite.get(preposition, ())):
            turned = held & theirs.holders.get((relation, other), set()) - kept
            if lex.owner_preposition in (preposition, other):
                turned &= mine.named  # "the importance of talks" is "importance to talks"; "X pressure" is not "pressure on X"
            for party in sorted(turned):
                said, given = f"'{relation} {preposition}' {mine.surface[party]}", f"'{relation} {other}' {theirs.surface[party]}"
                return [Objection(Label.CONTRADICTED, "role", f"has {said} where the passage has {given}")]
    return []


OBJECT = ""
"""The role place of a name right after a word, past determiners ("represented the United States")."""


@dataclass(frozen=True)
class _Frames:
    """The parties of a text (names by their party, other words by stem) and the role places they hold."""

    parties: set[str]
    holders: dict[tuple[str, str], set[str]]
    """(relation word stem, preposition) → the parties right after them."""
    surface: dict[str, str]
    named: set[str]
    """The parties that are names."""
    owning: dict[tuple[str, str], set[str]]
    """Names in a role place that only own what holds it ("on Berg's two firms": the firms are on the receiving end)."""

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, text: str, names: CorpusNames) -> _Frames:
        lex = relation_lexicon()
        tokens = tokenize(text)
        keys: list[str] = []
        surface: dict[str, str] = {}
        owners = name_owners(text, names)
        for token, mention in zip(tokens, owners):
            key = party_key(mention) if mention is not None else token.stem if token.is_content else ""
            keys.append(key)
            if key:
                surface.setdefault(key, mention.surface if mention is not None else token.text)
        holders: dict[tuple[str, str], set[str]] = {}
        owning: dict[tuple[str, str], set[str]] = {}
        filled: dict[int, str] = {}
        """Token position → the relation word whose role place the token holds (places chain: the "on"
        of "pressure from X on Y" is pressure's, not X's)."""
        for k, token in enumerate(tokens):
            if token.lower not in lex.prepositions or k == 0:
                continue
            before = tokens[k - 1]
            own = keys[k - 1] if before.is_content and before.text[0].islower() else ""
            if k - 1 in filled:
                relation = filled[k - 1]
            elif own:
                relation = own
            else:
                continue  # a role place follows a relation word ("pressure from"), not a name
            relations = {relation, own} - {""}  # "the sharing of intelligence with X": sharing's and intelligence's
            j = past_determiners(tokens, k + 1)
            while _in_place(tokens, keys, owners, j) and j < k + 8:
                for word in relations if keys[j] else ():
                    holders.setdefault((word, token.lower), set()).add(keys[j])
                    if owners[j] is not None and possessive(tokens[j]) and owners[j + 1 : j + 2] != (owners[j],):
                        owning.setdefault((word, token.lower), set()).add(keys[j])
                if token.lower != lex.owner_preposition:  # "a pattern of pressure from X": from is pressure's
                    filled[j] = relation
                j += 1
        for k, token in enumerate(tokens[:-1]):  # "represented Berg": the name is the word's object; "met Berg" is mutual
            j = past_determiners(tokens, k + 1)
            at_name = j < len(tokens) and owners[j] is not None
            if at_name and keys[k] and owners[k] is None and token.text[0].islower() and token.stem not in lex.symmetric:
                holders.setdefault((keys[k], OBJECT), set()).add(keys[j])
        for k, mention in enumerate(owners):
            if mention is not None and k + 1 < len(tokens) and owners[k + 1] is not mention and _owns_next(tokens, owners, k):
                holders.setdefault((keys[k + 1], lex.owner_preposition), set()).add(keys[k])
            elif mention is None and keys[k] and _possessive(tokens[k]):  # "his predecessor's misguided policy": the policy of him
                for owned in [t for t in tokens[k + 1 : k + 3] if t.is_content and t.text[0].islower()][:2]:
                    holders.setdefault((owned.stem, lex.owner_preposition), set()).add(keys[k])
        named = {key for key, mention in zip(keys, owners) if mention is not None}
        return cls({key for key in keys if key}, holders, surface, named, owning)


def _in_place(tokens: tuple[Token, ...], keys: list[str], owners: tuple[Mention | None, ...], at: int) -> bool:
    """Whether token `at` goes on a role place: a party (no linking verb: "… remains uncertain"), the "of" of a title,
    or the comma before a name in apposition."""
    if at >= len(tokens):
        return False
    party = bool(keys[at]) and tokens[at].lower not in relation_lexicon().linking_verbs
    return party or _in_title(tokens, at) or _apposed(tokens, owners, at)


def _possessive(token: Token) -> bool:
    """Whether a common noun is a possessive ("predecessor's"); a lone "'" after a word that ends in no s closes a
    quote ("so-called 'hawkish'"), not a possession."""
    return token.lower.endswith(("'s", "s'")) and len(token.lower) > 3


def _apposed(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int) -> bool:
    """Whether token `at` is the comma between a common noun and the name in apposition to it ("two firms, Berg Oil")."""
    inside = 0 < at < len(tokens) - 1 and tokens[at].text == ","
    return inside and owners[at - 1] is None and tokens[at - 1].is_content and owners[at + 1] is not None


def _in_title(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether token `at` is the "of" inside a capitalised title ("Secretary of Defense")."""
    inside = 0 < at < len(tokens) - 1 and tokens[at].lower == "of"
    return inside and tokens[at - 1].text[0].isupper() and tokens[at + 1].text[0].isupper()


def _owns_next(tokens: tuple[Token, ...], owners: tuple[Mention | None, ...], at: int) -> bool:
    """Whether the name ending at token `at` owns the lower-case word after it, as "X's role" and "the X role"
    say "the role of X": a possessive, or a name after a word that opens a noun phrase ("under X pressure"; in
    "Berg and Lind took part" the word after is a verb); not where the word is the party's own people ("the
    Lindish side")."""
    lex = relation_lexicon()
    following = tokens[at + 1]
    if owners[at + 1] is not None or not following.is_content or not following.text[0].islower() or following.lower in lex.party_heads:
        return False
    start = name_start(owners, at)
    return possessive(tokens[at]) or (start > 0 and tokens[start - 1].lower in lex.noun_openers)
