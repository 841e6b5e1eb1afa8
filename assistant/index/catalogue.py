"""The entity catalogue: people, organisations and places of the corpus, with the aliases, roles and
mentions the text itself gives them, and the lookups that resolve a name or role phrase to one. It is
derived at ingest by catalogue_build.py and saved with each build; the only knowledge in code is generic
English, read from assistant/data/names.yaml."""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

from assistant.data import load
from assistant.text import STOPWORDS, alternatives, prefix_tree

Kind = Literal["person", "organisation", "place"]
CATALOGUE_FILE = "catalogue.json"

_ROLE_HEAD = re.compile(r"([\w\-é]+)(?:\s+(?:of|for|to|in|on)\b.*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """`chunk.text[start:end]` names the entity."""

    chunk_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    """Canonical full name as the text gives it."""
    kind: Kind
    aliases: tuple[str, ...]
    """Every form the corpus uses: full name, surname, acronym, demonym, "the president's son-in-law"."""
    roles: tuple[str, ...]
    """Roles and titles from the text ("special envoy for peace missions", "Secretary of Defense")."""
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class DatedMention:
    """A dated expression in a chunk, normalised (see assistant/index/dates.py)."""

    chunk_id: str
    start: int
    end: int
    text: str
    date: str
    """ISO at the precision written: YYYY-MM-DD, YYYY-MM or YYYY."""
    sort_date: str
    explicit_year: bool


@dataclass(frozen=True)
class EntityCatalogue:
    entities: tuple[Entity, ...]
    dates: tuple[DatedMention, ...] = ()
    names: tuple[str, ...] = ()
    """Every capitalised name the corpus uses, entity or not ("Nobel Peace Prize", "Oval Office")."""
    exact: tuple[str, ...] = ()
    """Aliases that are also ordinary words or acronyms ("Water", "US"): they match only as written."""
    document_dates: tuple[tuple[str, str], ...] = ()
    """(document id, date as the manifest gives it: YYYY, YYYY-MM or YYYY-MM-DD)."""

    # -- lookups --------------------------------------------------------------------------
    def resolve(self, phrase: str) -> Entity | None:
        """The entity an alias or role phrase names ("Berg", "the vice president", "the president's son-in-law")."""
        key = phrase_key(phrase)
        if not key:
            return None
        entity = self._aliases.get(key)
        return entity if entity is not None else self.resolve_role(phrase)

    def resolve_role(self, phrase: str) -> Entity | None:
        """The entity holding the role `phrase` names ("the vice president"); the most mentioned when several do."""
        holders = self.role_holders(phrase)
        return max(holders, key=lambda e: len(e.mentions)) if holders else None

    def roles_read_as(self, entity: Entity) -> tuple[str, ...]:
        """The entity's roles that the catalogue reads as this entity ("president" for the one most mentioned
        as that, though others hold it too)."""
        return tuple(role for role in entity.roles if (holder := self.resolve_role(role)) is not None and holder.id == entity.id)

    def role_holders(self, phrase: str) -> list[Entity]:
        """Every entity holding the role `phrase` names."""
        key = phrase_key(phrase)
        return self._roles.get(key) or self._roles.get(re.sub(r"^[\w\-]+'s\s+", "", key)) or self._holders_by_words(key)

    def _holders_by_words(self, key: str) -> list[Entity]:
        """The one entity whose role a shortened role phrase names: one word, the head noun of its roles ("the
        negotiator" for a "chief negotiator"), or several, all words of one of its roles ("the commission
        chair" for a "former chair of the basin commission"); none when several entities would do."""
        split = key.split()
        words = {w for w in split if w not in STOPWORDS}
        if len(words) == 1 and split == [*words]:
            return self._only_holder(lambda role: _head_noun(role) == split[0])
        if len(words) < 2 or split[0] in STOPWORDS or split[-1] in STOPWORDS:
            return []
        return self._only_holder(lambda role: words <= set(role.split()))

    def _only_holder(self, fits: Callable[[str], bool]) -> list[Entity]:
        """The entity holding the roles that fit, when one entity alone does."""
        holders = {entity.id: entity for role, found in self._roles.items() if fits(role) for entity in found}
        return list(holders.values()) if len(holders) == 1 else []

    def entities_in(self, text: str) -> list[tuple[Entity, int, int]]:
        """Entities named in `text` by one of their aliases, as (entity, start, end), in order."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            alias = match.group()
            entity = self._aliases.get(phrase_key(alias))
            if entity is not None and (alias in self._exact or phrase_key(alias) not in self._case_sensitive):
                found.append((entity, match.start(), match.end()))
        return found

    def people_called_in(self, text: str, named: list[tuple[Entity, int, int]] | None = None) -> list[tuple[Entity, int, int]]:
        """People `text` calls by a role the catalogue reads as them, after a determiner and up to two words
        ("the US president"), where no name of a person or organisation that `entities_in` finds (`named`, when
        found already) is among those words ("the Berg campaign's chair" is no call of the chair)."""
        pattern, holders = self._called_people
        if not holders:
            return []
        named = self.entities_in(text) if named is None else named
        return [
            (holders[match.group("role").lower()], match.start(), match.end())
            for match in pattern.finditer(text)
            if not any(entity.kind != "place" and start < match.end() and match.start() < end for entity, start, end in named)
        ]

    @cached_property
    def _called_people(self) -> tuple[re.Pattern[str], dict[str, Entity]]:
        """One pattern for every role the catalogue reads as a person after a determiner, and each role's holder."""
        holders = {role.lower(): e for e in self.entities if e.kind == "person" for role in self.roles_read_as(e)}
        return role_after_determiner(tuple(holders)), holders

    def is_known_name(self, name: str) -> bool:
        """Whether the corpus uses this name (an entity's alias or any other capitalised name of it)."""
        key = phrase_key(name)
        if not key:
            return False
        if key in self._aliases or key in self._roles or key in self._names:
            return True
        return re.search(rf"(?:^|\n|\s){re.escape(key)}(?=\s|\n|$)", self._name_lines) is not None  # "National Security Strategy"

    def knows_kin_of(self, word: str) -> bool:
        """Whether a one-word name of the corpus is of the same family as `word`: they share all but the last
        letter of the shorter, at least four ("Mariscans" and "Marisca", "Democrats" and "Democratic")."""
        word = word.lower()
        return any(_kin(word, name) for name in self._one_word_names)

    @cached_property
    def _one_word_names(self) -> frozenset[str]:
        return frozenset(name for name in self._names | set(self._aliases) if " " not in name and len(name) >= 4)

    @cached_property
    def _name_lines(self) -> str:
        """Every name and alias, lower-cased, one a line: a name is known when it is a run of words of one."""
        return "\n".join(sorted(self._names | set(self._aliases)))

    @cached_property
    def role_heads(self) -> frozenset[str]:
        """The head nouns (lower case) of the roles the corpus gives people: a role's last word before what it is of
        or for ("envoy" of "special envoy for trade missions", "protégé" of "Berg's protégé")."""
        return frozenset(m.group(1).lower() for e in self.entities if e.kind == "person" for r in e.roles if (m := _ROLE_HEAD.search(r)))

    def by_id(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def people(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "person"]

    def counts(self) -> dict[str, int]:
        """Entities per kind, and dated expressions."""
        kinds = Counter(e.kind for e in self.entities)
        return {"people": kinds["person"], "organisations": kinds["organisation"], "places": kinds["place"], "dates": len(self.dates)}

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def _aliases(self) -> dict[str, Entity]:
        table: dict[str, Entity] = {}
        for entity in sorted(self.entities, key=lambda e: -len(e.mentions)):
            for alias in (entity.name, *entity.aliases):
                table.setdefault(phrase_key(alias), entity)
        return table

    @cached_property
    def _exact(self) -> frozenset[str]:
        return frozenset(alias for e in self.entities for alias in (e.name, *e.aliases))

    @cached_property
    def _case_sensitive(self) -> frozenset[str]:
        return frozenset(phrase_key(alias) for alias in self.exact) | frozenset(w for w in self._aliases if w in STOPWORDS)

    @cached_property
    def _roles(self) -> dict[str, list[Entity]]:
        table: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.entities:
            for role in entity.roles:
                for variant in role_variants(role):
                    if entity not in table[variant]:
                        table[variant].append(entity)
        return dict(table)

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(phrase_key(name) for name in self.names)

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        aliases = {a for e in self.entities for a in (e.name, *e.aliases)}
        if not aliases:
            return None
        body = prefix_tree(aliases, ignore_case=True)
        return re.compile(rf"(?<![\w\-])(?:{body})(?=['’]s\b|[^\w\-]|$)", re.IGNORECASE)

    # -- storage --------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "aliases": list(e.aliases),
                    "roles": list(e.roles),
                    "mentions": [[m.chunk_id, m.start, m.end] for m in e.mentions],
                }
                for e in self.entities
            ],
            "dates": [[d.chunk_id, d.start, d.end, d.text, d.date, d.sort_date, d.explicit_year] for d in self.dates],
            "names": list(self.names),
            "exact": list(self.exact),
            "document_dates": [list(pair) for pair in self.document_dates],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityCatalogue:
        entities = tuple(
            Entity(
                e["id"],
                e["name"],
                e["kind"],
                tuple(e["aliases"]),
                tuple(e["roles"]),
                tuple(Mention(c, s, t) for c, s, t in e["mentions"]),
            )
            for e in data.get("entities", ())
        )
        dates = tuple(DatedMention(*row) for row in data.get("dates", ()))
        documents = tuple((doc, day) for doc, day in data.get("document_dates", ()))
        return cls(entities, dates, tuple(data.get("names", ())), tuple(data.get("exact", ())), documents)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> EntityCatalogue:
        """The catalogue saved at `path`; an empty one when the build predates catalogues."""
        if not path.exists():
            return cls(())
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


# -- shared with the derivation (catalogue_build.py) ----------------------------------------------
@lru_cache(maxsize=1024)
def role_after_determiner(roles: tuple[str, ...]) -> re.Pattern[str]:
    """One of `roles` (group "role") after "the", "his", "her" or "its" and up to two words: how a text calls a
    person by a role ("the US president", "his envoy")."""
    said = alternatives(roles, longest_first=True)
    return re.compile(rf"(?i:(?<=\bthe\s|\bhis\s|\bher\s|\bits\s)(?:[\w\-]+\s+){{0,2}}?(?P<role>{said}))(?![\w-])")


@cache
def names_lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load("names")
    return {key: frozenset(value) if isinstance(value, list) and key != "demonym_suffixes" else value for key, value in data.items()}


def _head_noun(role: str) -> str:
    """The noun a role phrase is about: the last word before a preposition ("minister of agriculture",
    "chair of the commission"), else the last word ("chief negotiator")."""
    words = role.split()
    cut = next((k for k, word in enumerate(words) if word in ("of", "for", "to", "in", "at", "on")), len(words))
    return words[cut - 1] if cut else words[-1]


def _kin(a: str, b: str) -> bool:
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 4 and shared >= min(len(a), len(b)) - 1


def phrase_key(phrase: str) -> str:
    """Case-, article- and possessive-insensitive form of a name or role phrase."""
    text = phrase.replace("’", "'").strip().strip("?.!,;:").lower()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    return re.sub(r"\s+", " ", text)


def role_variants(role: str) -> list[str]:
    """A role as written, without modifiers, and "Secretary of Defense" as "Defense Secretary"."""
    key = phrase_key(role)
    variants = [key]
    words = key.split()
    while words and words[0] in names_lexicon()["role_modifiers"]:
        words = words[1:]
        variants.append(" ".join(words))
    swapped = re.fullmatch(r"(\w+) of (?:the )?(.+)", variants[-1])
    if swapped:
        variants.append(f"{swapped.group(2)} {swapped.group(1)}")
    return [v for v in variants if v]



def catalogue_summary(build_dir: Path) -> str:
    """One line for `index status`: what the build's catalogue holds."""
    path = build_dir / CATALOGUE_FILE
    if not path.exists():
        return "catalogue: none in this build (run `make index` to derive it)"
    counts = EntityCatalogue.load(path).counts()
    return (
        f"catalogue: {counts['people']} people, {counts['organisations']} organisations, {counts['places']} places, "
        f"{counts['dates']} dated expressions"
    )
