"""Deriving the entity catalogue from a corpus' chunks (at ingest): capitalised name runs, titles,
appositives, possessive roles, acronyms in parentheses and place/demonym pairs, merged into entities
with their mentions; dated expressions normalised. The model and its lookups live in catalogue.py."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from assistant.data import load
from assistant.index.catalogue import (
    CATALOGUE_FILE,
    DatedMention,
    Entity,
    EntityCatalogue,
    Kind,
    Mention,
    names_lexicon,
)
from assistant.index.dates import DatedExpression, dated_expressions, reference_year
from assistant.index.name_runs import NameRun, name_runs, word_usage
from assistant.index.owned_roles import PronounRole, owner_aliases, pronoun_role
from assistant.index.role_aliases import role_aliases
from assistant.types import Chunk


@dataclass
class _Candidate:
    """A name as found in the text, before merging: its kind votes and roles."""

    name: str
    votes: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    count: int = 0
    pronoun_roles: list[PronounRole] = field(default_factory=list)
    """Roles said with "his"/"her" ("his protégé, Name"), read with their owner once the people are known."""


def build_catalogue(chunks: list[Chunk], document_dates: dict[str, str] | None = None) -> EntityCatalogue:
    """Derive the catalogue from the chunks' text (and date the undated months by each document's date)."""
    lexicon = names_lexicon()
    sentences = [(chunk, chunk.text[s:e], s) for chunk in chunks for s, e in (chunk.sentences or ((0, len(chunk.text)),))]
    mid_capitals, lower_words = word_usage(text for _, text, _ in sentences)
    candidates: dict[str, _Candidate] = {}
    names: set[str] = set()
    for _, text, _ in sentences:
        runs = name_runs(text, mid_capitals, lower_words)
        for run in runs:
            names.add(run.text)
        _collect(text, runs, candidates, lexicon, lower_words)
    entities = [
        c for c in _merge(candidates, mid_capitals, lexicon) if " " in c.name or c.votes.total() or c.name.lower() not in lower_words
    ]
    people = {c.name: [c.name, *c.aliases] for c in entities if _kind(c) == "person"}
    for candidate in entities:
        candidate.aliases.extend(owner_aliases(candidate.pronoun_roles, people))  # "Berg's protégé" for "his protégé"
    exact = {a for c in entities for a in (c.name, *c.aliases) if a.lower() in lower_words or _acronym(a)}
    with_mentions = _with_mentions(entities, chunks, exact)
    documents = tuple(sorted((doc, day) for doc, day in (document_dates or {}).items() if day))
    return EntityCatalogue(with_mentions, _dates(chunks, document_dates or {}), tuple(sorted(names)), tuple(sorted(exact)), documents)


def _collect(text: str, runs: list[NameRun], candidates: dict[str, _Candidate], lexicon: dict[str, Any], lower: frozenset[str]) -> None:
    """Turn the runs of one sentence into candidates with kind votes, roles and aliases."""
    titles = lexicon["title_words"]
    for index, run in enumerate(runs):
        words = list(run.tokens)
        title_end = _title_prefix(words, titles)
        name_words = words[title_end:]
        if not name_words:
            continue
        name = run.text_from(title_end)
        if any(w.isdigit() or w[:1].isdigit() for w in name_words) or _followed_by_number(text, run.end):
            continue
        if name_words[-1] in lexicon["thing_cues"]:
            continue
        candidate = candidates.setdefault(name, _Candidate(name))
        candidate.count += 1
        before = text[: run.start]
        after = text[run.end + (2 if run.possessive else 0) :]
        if title_end:
            role = run.text[: run.offset(title_end)].strip()
            candidate.roles.append((_modifier(before, lexicon) + role).strip())
            candidate.votes["person"] += 2
            previous = runs[index - 1] if index else None
            if previous and re.fullmatch(r"\s+and\s+(?:[a-z]+\s+)?", text[previous.end : run.start]):
                if _title_prefix(list(previous.tokens), titles) == len(previous.tokens):
                    candidate.roles.append(previous.text)
        _vote_kind(candidate, run, name_words, before, after, lexicon, lower)
        acronym = re.match(r"\s*\(([^()\s]{2,12}|[A-Z][^(),]{3,80})\)", after)
        if acronym and _acronym(name) != _acronym(acronym.group(1)) and _title_case(acronym.group(1)):
            candidate.aliases.append(acronym.group(1))  # "Name (ACRONYM)" and "ACRONYM (Name)"
        _appositive_roles(candidate, before, after, lexicon)


def _title_prefix(words: list[str], titles: frozenset[str]) -> int:
    """How many leading words of a run form a title ("Secretary of Defense", "Vice President")."""
    end = 0
    i = 0
    if len(words) > 2 and words[0].endswith(tuple(names_lexicon()["adjective_endings"])) and words[1] in titles:
        i = 1  # "Finnish President Name"
    while i < len(words):
        if words[i] in titles:
            i += 1
            end = i
            if i + 1 < len(words) and words[i] == "of":
                i += 1
                if words[i] == "the" and i + 1 < len(words):
                    i += 1
                i += 1
                end = i
            continue
        break
    return end


def _followed_by_number(text: str, end: int) -> bool:
    return bool(re.match(r"\s\d", text[end:]))


def _modifier(before: str, lexicon: dict[str, Any]) -> str:
    """A role modifier right before the title ("retired General", "acting … Advisor")."""
    match = re.search(r"\b([a-z]+)\s+$", before)
    return f"{match.group(1)} " if match and match.group(1) in lexicon["role_modifiers"] else ""


def _vote_kind(
    candidate: _Candidate, run: NameRun, words: list[str], before: str, after: str, lexicon: dict[str, Any], lower: frozenset[str]
) -> None:
    """Evidence from this occurrence for person / organisation / place."""
    votes = candidate.votes
    if any(w in lexicon["organisation_cues"] for w in words) or any(_acronym(w) for w in words) and len(words) > 1:
        votes["organisation"] += 3
    elif len(words) == 1 and (_acronym(words[0]) or any(_acronym(part) for part in words[0].split("/")[1:])):
        votes["organisation"] += 1
    if words[-1] in lexicon["place_cues"] or len(words) > 1 and words[0] in lexicon["place_cues"] and not votes["organisation"]:
        votes["place"] += 3
    if len(words) == 1 and re.search(r"[a-z][A-Z]", words[0]):
        votes["organisation"] += 2  # brand names in one word with an inner capital ("SelvaPower")
    if re.search(r"\b(?:" + "|".join(lexicon["organisation_nouns"]) + r"),?\s+(?:(?:[A-Z][\w\-]*,?\s+)+(?:and|or)\s+)?$", before):
        votes["organisation"] += 3  # "two oil companies, Nordol and Fjordgas"
    previous_word = re.search(r"([A-Za-z]+)\s+(?:the\s+)?$", before)
    if previous_word and previous_word.group(1).lower() in lexicon["place_prepositions"] and not re.search(r"[,;]\s*$", before):
        votes["place"] += 1
    if re.search(r"\b(?:" + "|".join(lexicon["place_nouns"]) + r"),\s+(?:the\s+)?$", before) or re.match(
        r",\s+(?:the|its|a)\s+(?:[\w\-]+\s+){0,2}(?:" + "|".join(lexicon["place_nouns"]) + r")\b", after
    ):
        votes["place"] += 3
    if run.possessive:
        noun = re.match(r"\s*(?:[a-z\-]+\s+){0,2}?([a-zé\-]+)", after)
        if noun and noun.group(1) in lexicon["kinship_nouns"]:
            votes["person"] += 3
            office = lexicon["office_nouns"].get(noun.group(1))
            if office:
                candidate.roles.append(office)
    if len(words) >= 2 and all(w[:1].isupper() and w.lower() not in lower for w in words) and not votes["organisation"]:
        votes["person"] += 1
    if re.match(r"(?:\s+(?:[A-Z]\.)+)?\s*,\s+(?:who|whose)\b", after):
        votes["person"] += 2
    if len(words) >= 2 and re.fullmatch(r"(?:[A-Z]\.)+", words[0] + "."):
        votes["person"] += 2  # "A. Berg", "J.D. Berg"


def _title_case(text: str) -> bool:
    """Every word capitalised but the connectors ("Centre for Eastern Studies")."""
    return all(w[:1].isupper() or w in names_lexicon()["name_connectors"] for w in text.split())


def _acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z0-9]", "", word)
    return len(letters) >= 2 and sum(c.isupper() or c.isdigit() for c in letters) >= max(2, len(letters) - 1)


_DETERMINER = r"(?:(?i:the|a|an|his|her|its|their)|[A-Z][\w\-]*['’]s)"
_ROLE_STOP = re.compile(r",|;|\.(?:\s|$)|\s(?:who|whose|which|that|has|have|had|is|was|were|are)\s|\)|\(")


def _appositive_roles(candidate: _Candidate, before: str, after: str, lexicon: dict[str, Any]) -> None:
    """Roles in appositives: "Name, the president's son-in-law," / "his protégé, Name," / "the minister's envoy Name",
    and in a relative clause after the name ("Name, who has been his close associate")."""
    roles = lexicon["role_nouns"]
    following = re.match(rf",\s+({_DETERMINER}\s+.*)", after)
    if following:
        phrase = _ROLE_STOP.split(following.group(1) + " ", maxsplit=1)[0].strip()
        _add_role(candidate, phrase, roles)
    relative = re.match(rf",\s+(?:[^,;()]{{2,80}},\s+)?who\s+(?:(?:has|had)\s+(?:long\s+)?been|is|was)\s+({_DETERMINER}\s+.*)", after)
    if relative:  # "Name, the minister's envoy, who has been his close associate for years"
        _add_role(candidate, _ROLE_STOP.split(relative.group(1) + " ", maxsplit=1)[0].strip(), roles)
    preceding = re.search(rf"(?:^|[,;(]\s*|\b(?:and|while|by|with)\s+)({_DETERMINER}\s+[^,;()]{{2,80}}?),\s+$", before)
    if preceding:
        _add_role(candidate, preceding.group(1), roles)
        owned = pronoun_role(preceding.group(1), before[: preceding.start(1)])
        if owned is not None and owned.role.split()[-1] in roles:
            candidate.pronoun_roles.append(owned)
    possessed = re.search(r"\b([A-Z][\w\-]*['’]s)\s+((?:[a-z\-]+\s+){0,3}[a-z\-é]+)\s+$", before)
    if possessed and possessed.group(2).split()[-1] in roles:
        _add_role(candidate, f"{possessed.group(1)} {possessed.group(2)}", roles)


def _add_role(candidate: _Candidate, phrase: str, roles: frozenset[str]) -> None:
    words = phrase.split()
    if not 2 <= len(words) <= 12 or not any(w.lower().strip("'’") in roles for w in words[1:]):
        return
    if sum(w[:1].isupper() for w in words[1:]) == len(words) - 1:
        return  # "the United Kingdom": a name, not a role
    last_role = max(i for i, w in enumerate(words) if i and w.lower().strip("'’") in roles)
    if last_role + 1 < len(words) and words[last_role + 1][:1].isupper():
        return  # "the minister's envoy Name in March": the role ends before the name
    bare = re.sub(rf"^{_DETERMINER}\s+", "", phrase)
    candidate.roles.append(bare)
    if re.match(r"[A-Z][\w\-]*['’]s\s|the\s", phrase):
        candidate.aliases.append(phrase)


def _merge(candidates: dict[str, _Candidate], mid_capitals: frozenset[str], lexicon: dict[str, Any]) -> list[_Candidate]:
    """Fold short forms into full names (surname -> full name, "A. Berg" -> "Anna Berg"), demonyms into
    places, acronyms into the names they abbreviate; then decide each kind."""
    demonyms = _demonym_pairs(set(candidates) | set(mid_capitals), lexicon)
    merged: dict[str, _Candidate] = {}
    by_edge_word: dict[str, list[_Candidate]] = defaultdict(list)
    for candidate in sorted(candidates.values(), key=lambda c: -len(c.name)):
        target = _longer_form(candidate.name, by_edge_word)
        if target is None:
            merged[candidate.name] = candidate
            words = candidate.name.split()
            for word in {words[0], words[-1]}:
                by_edge_word[word].append(candidate)
            continue
        _absorb(target, candidate)
    for candidate in list(merged.values()):
        for alias in list(candidate.aliases):
            other = merged.get(alias)
            if other is None or other is candidate or candidate.name not in merged:
                continue
            keep, drop = (other, candidate) if _acronym(candidate.name) and not _acronym(alias) else (candidate, other)
            _absorb(keep, merged.pop(drop.name))  # an acronym folds into the name it abbreviates
    for place, adjectives in demonyms.items():
        if place in merged:
            merged[place].votes["place"] += 3
            merged[place].aliases.extend(adjectives)
    for adjectives in demonyms.values():
        for adjective in adjectives:
            merged.pop(adjective, None)
    for name in list(merged):
        if name.endswith(tuple(lexicon["adjective_endings"])) and len(name.split()) == 1 and name not in demonyms:
            if not merged[name].votes["person"] and not merged[name].votes["organisation"]:
                merged.pop(name)
    return list(merged.values())


def _only_organisation(candidate: _Candidate) -> bool:
    return bool(candidate.votes["organisation"]) and not candidate.votes["person"]


def _absorb(target: _Candidate, other: _Candidate) -> None:
    target.votes.update(other.votes)
    target.roles.extend(other.roles)
    target.aliases.extend([other.name, *other.aliases])
    target.count += other.count
    target.pronoun_roles.extend(other.pronoun_roles)


def _longer_form(name: str, by_edge_word: dict[str, list[_Candidate]]) -> _Candidate | None:
    """The merged candidate `name` is a short form of: its surname, initials + surname, title-less form, or its
    words joined by slashes. `by_edge_word` holds the merged candidates under their first and last words."""
    words = name.split()
    matches = []
    others = {id(c): c for word in (words[0], words[-1], name.split("/")[0]) for c in by_edge_word.get(word, ())}
    for other in others.values():
        other_words = other.name.split()
        if other.name == name or len(other_words) < len(words):
            continue
        if len(words) == 1 and len(other_words) > 1 and other_words[-1] == name and not _only_organisation(other):
            matches.append(other)
        elif len(other_words) == 2 and other_words[0] == name and other_words[1] in names_lexicon()["place_cues"]:
            matches.append(other)  # "Selva" of "Selva River"
        elif len(words) >= 2 and other_words[-len(words) :] == words and other.votes["organisation"]:
            matches.append(other)  # "Farmers' Union" of "Marisca Farmers' Union"
        elif "/" in name and other_words[: len(slashed := name.split("/"))] == slashed and other.votes["organisation"]:
            matches.append(other)  # "Basin/Delta/Survey" of "Basin Delta Survey Poll"
        elif len(words) >= 2 and other_words[-1] == words[-1] and re.fullmatch(r"(?:[A-Z]\.)+", words[0]):
            if other_words[0].startswith(words[0][0]):
                matches.append(other)
    return matches[0] if len(matches) == 1 else None


def _demonym_pairs(names: set[str], lexicon: dict[str, Any]) -> dict[str, list[str]]:
    """Place names of the corpus and the capitalised adjectives made from them (Norway -> Norwegian)."""
    pairs: dict[str, list[str]] = defaultdict(list)
    for place in names:
        if len(place) < 4 or " " in place:
            continue
        for old, new in lexicon["demonym_suffixes"]:
            if old and not place.endswith(old):
                continue
            adjective = place[: len(place) - len(old)] + new
            if adjective != place and adjective in names:
                pairs[place].append(adjective)
    return {place: sorted(set(adjectives)) for place, adjectives in pairs.items()}


def _kind(candidate: _Candidate) -> Kind:
    if candidate.name in _country_names():
        return "place"  # "US": an acronym, but the name of a country
    votes = candidate.votes
    best = max(("person", "organisation", "place"), key=lambda k: (votes[k], k == "place"))
    if not votes[best]:
        return "person" if len(candidate.name.split()) >= 2 else "place"
    return best  # type: ignore[return-value]


@cache
def _country_names() -> frozenset[str]:
    """Names of countries and their seats of government (metonyms.yaml groups not listed as bodies)."""
    data = load("metonyms")
    bodies = set(data["bodies"])
    return frozenset(name for group in data["groups"] if group[0] not in bodies for name in group)


def _with_mentions(candidates: list[_Candidate], chunks: list[Chunk], exact: set[str]) -> tuple[Entity, ...]:
    """The entities of the candidates, with their surnames and role aliases, and where the chunks mention them."""
    entities = []
    used: set[str] = set()
    surnames = Counter(c.name.split()[-1] for c in candidates if _kind(c) == "person" and " " in c.name)
    for candidate in candidates:
        surname = candidate.name.split()[-1]
        if _kind(candidate) == "person" and surnames[surname] == 1 and " " in candidate.name and surname not in candidate.aliases:
            candidate.aliases.append(surname)  # "Berg" for "J.D. Berg", though the text never says it alone
    for candidate, said in zip(candidates, role_aliases([c.roles for c in candidates], (chunk.text for chunk in chunks))):
        candidate.aliases.extend(said)  # "the energy minister", as the text calls him later
    for candidate in sorted(candidates, key=lambda c: (-c.count, c.name)):
        base = re.sub(r"[^a-z0-9]+", "-", candidate.name.lower()).strip("-") or "entity"
        entity_id = base
        n = 2
        while entity_id in used:
            entity_id, n = f"{base}-{n}", n + 1
        used.add(entity_id)
        aliases = tuple(dict.fromkeys(a for a in [candidate.name, *candidate.aliases] if a))
        roles = tuple(dict.fromkeys(r for r in candidate.roles if r))
        entities.append(Entity(entity_id, candidate.name, _kind(candidate), aliases, roles, ()))
    draft = EntityCatalogue(tuple(entities), exact=tuple(exact))
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for chunk in chunks:
        for entity, start, end in draft.entities_in(chunk.text):
            mentions[entity.id].append(Mention(chunk.id, start, end))
    return tuple(
        Entity(e.id, e.name, e.kind, e.aliases, e.roles, tuple(mentions[e.id]))
        for e in sorted(entities, key=lambda e: -len(mentions[e.id]))
        if mentions[e.id]
    )


def _dates(chunks: list[Chunk], document_dates: dict[str, str]) -> tuple[DatedMention, ...]:
    by_document: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        by_document[chunk.document].append(chunk)
    found = []
    for document, members in by_document.items():
        year = reference_year(document_dates.get(document, ""), [c.text for c in members])
        for chunk in members:
            for expression in dated_expressions(chunk.text, year):
                found.append(_dated_mention(chunk.id, expression))
    return tuple(found)


def _dated_mention(chunk_id: str, expression: DatedExpression) -> DatedMention:
    return DatedMention(
        chunk_id,
        expression.start,
        expression.end,
        expression.text,
        expression.iso,
        expression.sort_date.isoformat(),
        expression.explicit_year,
    )


def load_catalogue(build_dir: Path, chunks: list[Chunk]) -> EntityCatalogue:
    """The build's saved catalogue; derived from its chunks when the build predates catalogues."""
    path = build_dir / CATALOGUE_FILE
    return EntityCatalogue.load(path) if path.exists() else build_catalogue(chunks)
