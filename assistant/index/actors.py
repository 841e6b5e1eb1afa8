"""The overview's actors: the catalogue's people and organisations that the narrative discusses, and the
places it treats as parties (countries), each grouped by the country or organisation the text ties it to.

Ties, strongest first: a possessive role or appositive ("the president's envoy", "Dravenia's Minister of Energy",
"Norway's two largest oil companies, Nordol and Fjordgas", "the bank's chief negotiator"); a role that
opens with a name ("Berg campaign donor"); a paragraph that opens on a circle ("the president's inner
circle", "European leaders …"); a "<country> <role>" phrase ("the US president"). People without a tie
take the country their sentences are about (the sentence's first country, and the nearest one)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.sentences import Ref, Sentence, SentenceIndex
from assistant.text import alternatives

_POSSESSOR = re.compile(r"^(?:the\s+)?([\w.’'\- ]+?)['’]s\s+\S")
_APPOSITIVE = re.compile(r"\b([A-Z][\w.\-]*['’]s\s+(?:[\w\-]+\s+){0,5}?[\w\-]+),\s+(?:[A-Z][\w\-]*,?\s+(?:and\s+)?)*$")
"""A possessive description right before a name: "Norway's two largest oil companies, Nordol and Fjordgas"."""
_LOCATIVE = r"(?:in|at|to|from|near|into|inside|outside|on)\s+(?:the\s+)?$"


@cache
def _lexicon() -> dict[str, Any]:
    overview: dict[str, Any] = load("overview")
    stance: dict[str, list[str]] = load("stance")
    names: dict[str, Any] = load("names")
    return {
        "cue_words": frozenset(overview["influence_words"]) | frozenset(w for words in stance.values() for w in words),
        "circle_nouns": frozenset(overview["circle_nouns"]),
        "role_nouns": frozenset(names["role_nouns"]),
        "feature_words": frozenset(overview["feature_words"]),
        "settlement_nouns": frozenset(overview["settlement_nouns"]),
        "max": int(overview["max_characterisations"]),
    }


@dataclass
class _Draft:
    """An actor while it is derived: the catalogue entities it stands for and the sentences naming it."""

    entity: Entity
    kind: str
    members: list[Entity] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[tuple[Sentence, int, int]] = field(default_factory=list)
    """(sentence, start, end) of each narrative mention, offsets into the chunk."""
    descriptions: list[str] = field(default_factory=list)
    """Possessive descriptions the text puts before the name (see `_APPOSITIVE`)."""

    @property
    def id(self) -> str:
        return self.entity.id

    @property
    def aliases(self) -> list[str]:
        names = [a for member in self.members for a in (member.name, *member.aliases)]
        return [a for a in dict.fromkeys(names) if a != self.entity.name]

    @property
    def roles(self) -> list[str]:
        return [r for member in self.members for r in member.roles] + self.descriptions


def derive_actors(catalogue: EntityCatalogue, sentences: SentenceIndex) -> list[dict[str, Any]]:
    """The actors as stored in overview.json (citations as references), most mentioned first."""
    drafts = _drafts(catalogue, sentences)
    groups = _Grouper(drafts, catalogue, sentences).groups()
    actors = []
    for draft in sorted(drafts.values(), key=lambda d: (-len(d.spans), d.entity.name)):
        actors.append(
            {
                "id": draft.id,
                "name": draft.entity.name,
                "kind": draft.kind,
                "group": groups.get(draft.id, ""),
                "role": "; ".join(_distinct_roles(draft.roles)),
                "aliases": draft.aliases,
                "mentions": len(draft.spans),
                "sections": list(dict.fromkeys(s.chunk.section for s in draft.sentences)),
                "refs": _characterisation(draft),
            }
        )
    return actors


# -- which entities are actors ----------------------------------------------------------------------
def _drafts(catalogue: EntityCatalogue, sentences: SentenceIndex) -> dict[str, _Draft]:
    spans: dict[str, list[tuple[Sentence, int, int]]] = defaultdict(list)
    for entity in catalogue.entities:
        for mention in entity.mentions:
            sentence = sentences.at(mention.chunk_id, mention.start)
            if sentence is not None:
                spans[entity.id].append((sentence, mention.start, mention.end))
    drafts: dict[str, _Draft] = {}
    for entity in catalogue.entities:
        found = spans.get(entity.id)
        if not found:
            continue  # named only in footnotes or a byline: a source, not an actor
        kind = _actor_kind(entity, found)
        if kind:
            drafts[entity.id] = _Draft(entity, kind, [entity], [], list(found))
    _merge_same_country(drafts)
    for draft in drafts.values():
        draft.spans.sort(key=lambda span: (span[0].order, span[1]))
        draft.sentences = list(dict.fromkeys(span[0] for span in draft.spans))
        described = (_APPOSITIVE.search(sentence.chunk.text[sentence.start : start]) for sentence, start, _ in draft.spans)
        draft.descriptions = list(dict.fromkeys(match.group(1) for match in described if match))
    return drafts


def _actor_kind(entity: Entity, spans: list[tuple[Sentence, int, int]]) -> str:
    """person, organisation or country; "" for a place the text only locates things in."""
    lexicon = _lexicon()
    words = entity.name.split()
    if entity.kind != "place":
        locative = all(re.search(_LOCATIVE, s.chunk.text[:start]) for s, start, _ in spans)
        return "" if locative and entity.kind == "organisation" else entity.kind
    if words[0] in lexicon["feature_words"] or words[-1] in lexicon["feature_words"]:
        return ""  # a river, a delta, a port: geography, not a party
    if any(_settlement(s.chunk.text, start, end) for s, start, end in spans):
        return ""
    demonym = any(alias != entity.name and alias.endswith(tuple(load("names")["adjective_endings"])) for alias in entity.aliases)
    acts = any(_acts(s, start, end) for s, start, end in spans)
    return "country" if demonym or acts or entity.name in _metonym_members() else ""


def _settlement(text: str, start: int, end: int) -> bool:
    """A town or a capital: "the capital, X", "the border town of X", "X, the Dravenian capital"."""
    nouns = "|".join(_lexicon()["settlement_nouns"])
    return bool(
        re.search(rf"\b(?:{nouns})(?:,|\s+of)\s+$", text[:start]) or re.match(rf",\s+(?:the|a)\s+(?:[\w\-]+\s+)?(?:{nouns})\b", text[end:])
    )


def _acts(sentence: Sentence, start: int, end: int) -> bool:
    """The place is a party: possessive ("Marisca's"), a clause subject ("Norway refuses"), or described by
    a relative clause ("Kaleva, which shares …")."""
    text = sentence.chunk.text
    after = text[end:]
    if re.match(r"['’]s\b", after) or re.match(r",\s+(?:which|who)\s+[a-z]", after):
        return True
    before = text[sentence.start : start]
    opens_clause = not before.strip() or re.search(r"(?:[,;:]|\b(?:while|and|but))\s+$", before)
    return bool(opens_clause and re.match(r"\s+(?:has|have|had|is|was|would|could|may|might|will|can|[a-z]+(?:s|ed))\s", after))


@cache
def _metonym_members() -> frozenset[str]:
    return frozenset(name for group in load("metonyms")["groups"] for name in group)


def _merge_same_country(drafts: dict[str, _Draft]) -> None:
    """One actor per country: an acronym and its expansion (US, United States) and the names ordinary
    English uses for a country's government (assistant/data/metonyms.yaml) fold into the most mentioned."""
    groups = [set(group) for group in load("metonyms")["groups"]]
    for draft in list(drafts.values()):
        if draft.id not in drafts or draft.kind not in ("country", "organisation"):
            continue
        names = {draft.entity.name, *draft.entity.aliases}
        for other in list(drafts.values()):
            if other is draft or other.kind not in ("country", "organisation") or draft.kind == other.kind == "organisation":
                continue
            other_names = {other.entity.name, *other.entity.aliases}
            same = _initials(other.entity.name) in names or _initials(draft.entity.name) in other_names
            same = same or any(names & group and other_names & group for group in groups)
            if same:
                keep, drop = (draft, other) if len(draft.spans) >= len(other.spans) else (other, draft)
                keep.members += drop.members
                keep.spans += drop.spans
                keep.kind = "country"
                drafts.pop(drop.id)
                if drop is draft:
                    break


def _initials(name: str) -> str:
    words = name.split()
    return "".join(w[0] for w in words) if len(words) > 1 and all(w[:1].isupper() for w in words) else ""


# -- groups ---------------------------------------------------------------------------------------
class _Grouper:
    """Derives each actor's group from the ties and votes the module docstring lists."""

    def __init__(self, drafts: dict[str, _Draft], catalogue: EntityCatalogue, sentences: SentenceIndex) -> None:
        self.drafts = drafts
        self.catalogue = catalogue
        self.sentences = sentences
        self.owner = {member.id: draft for draft in drafts.values() for member in draft.members}
        self.countries = {alias: d for d in drafts.values() if d.kind == "country" for alias in (d.entity.name, *d.aliases)}
        self.anchors: set[str] = {d.id for d in drafts.values() if d.kind == "country"}
        self._found: dict[int, list[tuple[_Draft, int]]] = {}
        self._circles: dict[tuple[str, int], _Draft | None] = {}
        self._by_noun: dict[str, list[_Draft]] = defaultdict(list)
        for draft in drafts.values():
            if draft.kind == "organisation":
                self._by_noun[draft.entity.name.split()[-1].lower()].append(draft)

    def actor(self, entity: Entity | None) -> _Draft | None:
        return self.owner.get(entity.id) if entity else None

    def groups(self) -> dict[str, str]:
        """Actor id -> group name."""
        ties = {draft.id: tie for draft in self.drafts.values() if draft.kind != "country" and (tie := self._tie(draft)) is not None}
        self.anchors |= {tie.id for tie in ties.values() if tie.kind == "organisation"}
        self._found.clear()  # anchors found before the group organisations were known
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._role_phrase_votes(votes)
        for draft in self.drafts.values():
            if draft.kind == "person" and draft.id not in ties:
                self._context_votes(draft, votes[draft.id])
        groups = {draft_id: self.drafts[draft_id].entity.name for draft_id in self.anchors}
        for draft_id, counter in votes.items():
            if draft_id not in groups and counter:
                groups[draft_id] = self.drafts[max(counter, key=lambda key: counter[key])].entity.name
        for draft_id in self.drafts:
            seen = {draft_id}
            tie = ties.get(draft_id)
            while tie is not None and tie.id not in groups and tie.id not in seen:
                seen.add(tie.id)
                tie = ties.get(tie.id)
            if tie is not None and draft_id not in groups:
                groups[draft_id] = groups.get(tie.id, "")
        return groups

    # ties
    def _tie(self, draft: _Draft) -> _Draft | None:
        tie = self._named_tie(draft) or self._paragraph_tie(draft)
        return tie if tie is not draft else None

    def _named_tie(self, draft: _Draft) -> _Draft | None:
        """The actor a role, description or alias names ("the president's envoy", "former chair of the Selva Basin
        Commission", "Berg campaign donor", "Norway's two largest oil companies"), a country opening an
        organisation's name ("Marisca Farmers' Union"), or the organisation a possessive noun stands for
        ("the bank's chief negotiator")."""
        for phrase in [*draft.aliases, *draft.roles]:
            for entity, _, _ in self.catalogue.entities_in(phrase):
                tied = self.actor(entity)
                if tied is not None and tied is not draft:
                    return tied
        first = draft.entity.name.split()[0]
        if draft.kind == "organisation" and first in self.countries and first != draft.entity.name:
            return self.countries[first]
        possessors = [m.group(1) for phrase in draft.aliases + draft.roles if (m := _POSSESSOR.match(phrase))]
        for possessor in possessors:
            tied = self.actor(self.catalogue.resolve(possessor)) or self._organisation_by_noun(possessor)
            if tied is not None and tied is not draft:
                return tied
        return None

    def _organisation_by_noun(self, noun: str) -> _Draft | None:
        """The one organisation whose name ends in `noun` ("bank": the Southern … Bank)."""
        matches = self._by_noun.get(noun.lower().removeprefix("the ").strip(), [])
        return matches[0] if len(matches) == 1 else None

    def _paragraph_tie(self, draft: _Draft) -> _Draft | None:
        """The actor the first of the draft's paragraphs that opens on a circle or a group ties it to."""
        for paragraph in dict.fromkeys(sentence.paragraph for sentence in draft.sentences):
            if paragraph not in self._circles:
                self._circles[paragraph] = self._circle(self.sentences.in_paragraph(paragraph)[0])
            if self._circles[paragraph] is not None:
                return self._circles[paragraph]
        return None

    def _circle(self, opening: Sentence) -> _Draft | None:
        """The possessor of a circle a paragraph's opening sentence names ("the president's immediate
        circle"), or the country of a group it opens with ("European leaders have …")."""
        lexicon = _lexicon()
        for match in re.finditer(r"((?:the\s+)?[\w.’'\-]+)['’]s\s+(?:[a-z]+\s+)?([a-z]+)\b", opening.text):
            if match.group(2) in lexicon["circle_nouns"]:
                tied = self.actor(self.catalogue.resolve(match.group(1)))
                if tied is not None:
                    return tied
        anchors = self._anchors_in(opening)
        following = re.match(r"[\w\-]+\s+([a-z]+)", opening.text)
        if anchors and anchors[0][1] == 0 and following:
            word = following.group(1)
            if word.rstrip("s") in lexicon["role_nouns"] or word in lexicon["circle_nouns"]:
                return anchors[0][0]
        return None

    # votes
    def _anchors_in(self, sentence: Sentence) -> list[tuple[_Draft, int]]:
        """Countries and group organisations the sentence names, with their offsets ("the bank" included);
        call after the ties are known (the group organisations are among the anchors)."""
        if sentence.order not in self._found:
            self._found[sentence.order] = self._find_anchors(sentence.text)
        return self._found[sentence.order]

    def _find_anchors(self, text: str) -> list[tuple[_Draft, int]]:
        found = [(self.actor(e), s) for e, s, _ in self.catalogue.entities_in(text)]
        anchors = [(d, s) for d, s in found if d is not None and d.id in self.anchors]
        for match in re.finditer(r"\b[Tt]he\s+([a-z]+)\b", text):
            organisation = self._organisation_by_noun(match.group(1))
            if organisation is not None and organisation.id in self.anchors:
                anchors.append((organisation, match.start()))
        return sorted(anchors, key=lambda pair: pair[1])

    def _role_phrase_votes(self, votes: dict[str, dict[str, float]]) -> None:
        """Votes from "<country> <role>" phrases ("the US president") for the role's holder in the catalogue."""
        if not self.countries:
            return
        names = alternatives(self.countries, longest_first=True)
        pattern = re.compile(rf"(?<![\w\-])({names})\s+([a-z][a-z\-]+)\b")
        for sentence in self.sentences.sentences:
            for match in pattern.finditer(sentence.text):
                if match.group(2) in _lexicon()["role_nouns"]:
                    holder = self.actor(self.catalogue.resolve(match.group(2)))
                    if holder is not None and holder.kind == "person":
                        votes[holder.id][self.countries[match.group(1)].id] += 3

    def _context_votes(self, draft: _Draft, votes: dict[str, float]) -> None:
        """The anchor a sentence naming the person opens with (weight 1.5) and the one nearest the name (1);
        for a sentence naming none, the first anchor of its paragraph (0.5)."""
        for sentence, start, _ in draft.spans:
            anchors = [(d, s) for d, s in self._anchors_in(sentence) if d is not draft]
            if anchors:
                votes[anchors[0][0].id] += 1.5
                at = start - sentence.start
                votes[min(anchors, key=lambda pair: abs(pair[1] - at))[0].id] += 1
                continue
            around = (a for s in self.sentences.in_paragraph(sentence.paragraph) for a in self._anchors_in(s) if a[0] is not draft)
            first = next(around, None)
            if first is not None:
                votes[first[0].id] += 0.5


# -- role and characterisation -------------------------------------------------------------------
def _distinct_roles(roles: Iterable[str]) -> list[str]:
    unique = list(dict.fromkeys(r.strip() for r in roles if r.strip()))
    return [r for r in unique if not any(r != other and r.lower() in other.lower() for other in unique)]


ROLE_REACH = 60
"""Characters around a mention within which a role is taken to be given to it."""


def _characterisation(draft: _Draft) -> list[Ref]:
    """The sentence that gives the actor its role next to its name, then the sentences about it richest in
    stance and influence words, those it opens counting double (in reading order); the first mention when
    there are none."""
    lexicon = _lexicon()
    roles = [re.compile(rf"\b{re.escape(r)}\b") for r in _distinct_roles(draft.roles)]
    chosen: list[Sentence] = []
    for sentence, start, end in draft.spans:
        around = sentence.chunk.text[max(sentence.start, start - ROLE_REACH) : min(sentence.end, end + ROLE_REACH)]
        if any(role.search(around) for role in roles):
            chosen.append(sentence)
            break
    opens = {sentence.order for sentence, start, _ in draft.spans if start - sentence.start <= 1}
    scored = []
    for sentence in draft.sentences:
        words = re.findall(r"[a-z\-]+", sentence.text.lower())
        score = sum(w in lexicon["cue_words"] for w in words) * (2 if sentence.order in opens else 1)
        if score and sentence not in chosen:
            scored.append((score, sentence))
    best = sorted(scored, key=lambda pair: (-pair[0], pair[1].order))[: lexicon["max"]]
    chosen += sorted((s for _, s in best), key=lambda s: s.order)
    if not chosen:
        chosen.append(draft.sentences[0])
    return [s.ref for s in chosen]
