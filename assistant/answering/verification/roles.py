"""Roles: a role the corpus gives one person, given in the claim to another.

A role the catalogue gives one entity only ("the harbour master"), attached in the claim to another person; a
person's role the catalogue gives as someone's ("Lind's deputy") given as another's ("Berg's deputy"); a tie the
catalogue records turned around ("Lind is Berg's mentor" where the corpus calls Lind Berg's protégé). Each is
CONTRADICTED. The roles and ties come from the catalogue built at ingest (assistant/index/catalogue.py,
assistant/index/owned_roles.py; tie nouns in assistant/data/relations.yaml `inverse_roles`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answering.verification.verdicts import Label, Objection
from assistant.index.owned_roles import other_sides, ties_of

if TYPE_CHECKING:
    from assistant.answering.verification.names import CorpusNames, Mention

_ROLE_AFTER = re.compile(
    r"(?:\s*,[^,]{1,60},)?"  # an appositive between ("Lind, a sceptic of the plan, is a protégé")
    r"\s*,?\s*(?:(?:is|was|has been|had been|became|becomes|as|remains|remained|(?:serves|served|acts|acted|works|worked)\s+as"
    r"|(?:holds|held|occupies|occupied)\s+the\s+(?:posts?|positions?|offices?|titles?|jobs?|roles?)\s+of)\s+)?"
    r"(?:(?:a|an|the|his|her|their)\s+)?(?:[\w\-]+['’]s\s+)?(?:(?!(?:and|or|nor|but)\s)[a-z]+\s+)?$"
)
"""What may stand between a person and a role the claim gives them: "Lind, the mayor", "Lind, Berg's deputy", "Lind,
a keen sailor, is the mayor", "Lind holds the post of mayor"."""
_ROLE_BEFORE = re.compile(r"^\s*,?\s*(?:(?:is|was|remains|remained)\s+)?(?:[A-Z][\w.\-]*\s+){0,3}$")
"""What may stand between a role and the person the claim gives it to: "the mayor, Lind", "whose deputy is Mayor
Lind"."""


def misattributed_role(claim: str, claimed: list[Mention], names: CorpusNames) -> Objection | None:
    """A role the catalogue gives one person only, attached in the claim to another person."""
    people = [m for m in claimed if m.kind == "person"]
    lower = claim.lower()
    for role, holder in names.unique_roles.items() if people else ():
        if role not in lower:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(role)}(?![\w-])", claim, re.IGNORECASE):
            for person in people:
                after = person.end <= match.start() and _ROLE_AFTER.fullmatch(claim[person.end : match.start()])
                before = (
                    match.end() <= person.start
                    and _ROLE_BEFORE.fullmatch(claim[match.end() : person.start])
                    and not claim.startswith(("'s", "’s"), person.end)  # "the deputy was Lind's": not Lind
                )
                if (after or before) and person.entity != holder.id:
                    reason = f"calls {person.surface} the {match.group(0)}; the brief gives that role to {holder.name}"
                    return Objection(Label.CONTRADICTED, "role", reason)
    return _role_of_another(claim, people, names) or _swapped_tie(claim, people, names)


def _role_of_another(claim: str, people: list[Mention], names: CorpusNames) -> Objection | None:
    """A person's role the catalogue gives as someone's ("Lind's deputy") given in the claim as another's ("Berg's
    deputy", as an appositive)."""
    for role, holder in names.unique_roles.items():
        owner, _, noun = role.partition("'s ")
        if not noun:
            continue
        for match in re.finditer(rf"(?<![\w-])(?P<owner>[A-Z][\w.\-]*)['’]s\s+{re.escape(noun)}(?![\w-])", claim):
            if match.group("owner").lower() == owner.split()[-1]:
                continue
            for person in people:
                if person.entity == holder.id and person.end <= match.start() and _ROLE_AFTER.fullmatch(claim[person.end : match.start()]):
                    reason = f"calls {person.surface} {match.group(0)}; the brief calls {holder.name} {role}"
                    return Objection(Label.CONTRADICTED, "role", reason)
    return None


_TIE_OF = re.compile(
    r"\s*,?\s*(?:(?:is|was|has been|had been|became|remains|remained|as)\s+)?(?:(?:a|an|the|his|her|their)\s+)?"
    r"(?P<noun>[\w\-]+)\s+(?:of|to)\s+(?:[A-Z][\w.\-]*\s+){0,3}$"
)
"""A tie between two people of the claim: "Lind is the mentor of (Mayor) Berg"."""
_TIE_OWNER = re.compile(r"\s*,?\s*(?:(?:is|was|has been|had been|became|remains|remained|as)\s+)?$")
_TIE_OWNED = re.compile(r"['’]s\s+(?P<noun>[\w\-]+)")
"""A tie given with the owner's possessive: "Lind, Berg's mentor"."""


def _swapped_tie(claim: str, people: list[Mention], names: CorpusNames) -> Objection | None:
    """A tie between two people the catalogue records turned around: "Lind is Berg's mentor" where the corpus calls
    Lind Berg's protégé, or "Berg is Lind's protégé" where it calls Lind Berg's protégé."""
    catalogue = names.catalogue
    for holder, owner in ((a, b) for a in people for b in people if a.end <= b.start and a.entity != b.entity):
        between = claim[holder.end : owner.start]
        said = _TIE_OF.fullmatch(between) or (_TIE_OWNER.fullmatch(between) and _TIE_OWNED.match(claim, owner.end))
        held, owned = catalogue.by_id(holder.entity), catalogue.by_id(owner.entity)
        if not said or held is None or owned is None:
            continue
        noun = said.group("noun").lower()
        turned = any(o.id == owned.id and n in other_sides(noun) for o, n in ties_of(held, catalogue)) or any(
            o.id == held.id and n == noun for o, n in ties_of(owned, catalogue)
        )
        if turned:
            reason = f"makes {holder.surface} {owner.surface}'s {noun}; the brief has the tie the other way round"
            return Objection(Label.CONTRADICTED, "role", reason)
    return None
