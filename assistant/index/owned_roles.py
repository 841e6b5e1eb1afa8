"""Roles a text gives with a possessive pronoun ("… Vice President Anna Berg, who …, and his protégé, Tom Lind"),
read with their owner: the last person the sentence names before the pronoun. The holder then also goes by
"Anna Berg's protégé" and "Berg's protégé", and a question for "Tom Lind's mentor" can find her
(relations.yaml `inverse_roles`; `owner_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue

_PRONOUN_ROLE = re.compile(r"^(?:his|her)\s+(?P<role>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class PronounRole:
    """A role said with "his" or "her", and the text of its sentence before the pronoun."""

    role: str
    before: str


def pronoun_role(phrase: str, before: str) -> PronounRole | None:
    """The role of a phrase opened by "his"/"her" ("his protégé"), with the sentence text before the phrase."""
    said = _PRONOUN_ROLE.match(phrase)
    return PronounRole(said.group("role"), before) if said else None


def owner_aliases(said: Iterable[PronounRole], people: dict[str, list[str]]) -> list[str]:
    """ "<owner>'s <role>" for each role said with a pronoun whose owner is found: the person (by name, with
    their other names in `people`) the text before it names last."""
    aliases: list[str] = []
    for pronoun in said:
        found = [
            (match.start(), name, names)
            for name, names in people.items()
            for form in names
            for match in re.finditer(rf"(?<![\w\-]){re.escape(form)}(?![\w\-])", pronoun.before)
        ]
        if not found:
            continue
        _, owner, names = max(found)
        aliases += [f"{form}'s {pronoun.role}" for form in (owner, *(n for n in names if n != owner and " " not in n))]
    return aliases


def owner_of(phrase: str, catalogue: EntityCatalogue) -> Entity | None:
    """The entity a phrase for the other side of a tie names ("Tom Lind's mentor": the one whose protégé Tom Lind
    is, from his alias "Anna Berg's protégé")."""
    asked = re.fullmatch(r"(?P<holder>.+?)['’]s\s+(?P<noun>[\w\-é]+)", phrase.strip())
    if asked is None or asked.group("noun").lower() not in _inverse():
        return None
    holder = catalogue.resolve(asked.group("holder"))
    if holder is None:
        return None
    sides = other_sides(asked.group("noun"))
    return next((owner for owner, noun in ties_of(holder, catalogue) if noun in sides), None)


def ties_of(holder: Entity, catalogue: EntityCatalogue) -> list[tuple[Entity, str]]:
    """The ties the corpus gives a person, as (owner, tie noun): "Anna Berg's protégé" → (Anna Berg, "protégé")."""
    found = []
    for alias in holder.aliases:
        owned = re.fullmatch(r"(?P<owner>.+?)['’]s\s+(?P<noun>[\w\-é]+)", alias)
        if owned and owned.group("noun").lower() in _inverse() and (owner := catalogue.resolve(owned.group("owner"))) is not None:
            if owner.id != holder.id:
                found.append((owner, owned.group("noun").lower()))
    return found


def other_sides(noun: str) -> frozenset[str]:
    """The nouns for the other side of a tie ("mentor" → protégé, protege); none for a noun that is no tie."""
    return _inverse().get(noun.lower(), frozenset())


@cache
def _inverse() -> dict[str, frozenset[str]]:
    """A tie noun → the nouns for its other side (relations.yaml `inverse_roles`: mentor and protégé)."""
    found: dict[str, set[str]] = {}
    for one, other in load("relations")["inverse_roles"]:
        found.setdefault(one, set()).add(other)
        found.setdefault(other, set()).add(one)
    return {noun: frozenset(sides) for noun, sides in found.items()}
