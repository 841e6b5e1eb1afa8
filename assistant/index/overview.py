"""The corpus at a glance: its actors, its timeline and its scenarios, every item cited.

Derived at ingest from the chunks and the entity catalogue (assistant/index/actors.py, timeline.py,
scenarios.py), saved with each build as overview.json with citations stored as (chunk id, start, end),
and loaded with the build's chunks into `Citation`s of the same shape as an answer's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assistant.index.catalogue import CATALOGUE_FILE, EntityCatalogue
from assistant.index.catalogue_build import build_catalogue
from assistant.index.sentences import Ref
from assistant.types import Chunk, Citation

OVERVIEW_FILE = "overview.json"
PointKind = Literal["condition", "consequence"]


@dataclass(frozen=True)
class Actor:
    """A person, organisation or country the corpus discusses, with the text's own words about it."""

    id: str
    name: str
    kind: str
    """person, organisation or country."""
    group: str
    """The country or organisation the text ties the actor to ("" when it ties it to none)."""
    role: str
    """Roles and titles as the text gives them, "; "-separated ("" when it gives none)."""
    aliases: tuple[str, ...]
    mentions: int
    sections: tuple[str, ...]
    citations: tuple[Citation, ...]
    """The sentence giving the role first, then sentences characterising the actor (stance, influence)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "role": self.role,
            "group": self.group,
            "kind": self.kind,
            "mentions": self.mentions,
            "sections": list(self.sections),
            "citations": _citations_json(self.citations),
        }


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    """ISO at the precision written: YYYY-MM-DD, YYYY-MM or YYYY."""
    sort_date: str
    label: str
    """The date as written ("late February")."""
    event: str
    """The sentence that dates the event."""
    phase: str
    future: bool
    """After the document's date: scheduled or expected, not yet happened."""
    citations: tuple[Citation, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "sort_date": self.sort_date,
            "label": self.label,
            "event": self.event,
            "phase": self.phase,
            "future": self.future,
            "citations": _citations_json(self.citations),
        }


@dataclass(frozen=True)
class ScenarioPoint:
    kind: PointKind
    text: str
    actors: tuple[str, ...]
    """Names of the actors the point speaks of."""
    citations: tuple[Citation, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "actors": list(self.actors), "citations": _citations_json(self.citations)}


@dataclass(frozen=True)
class Scenario:
    name: str
    points: tuple[ScenarioPoint, ...]

    @property
    def sentences(self) -> frozenset[str]:
        """The text of each of its points."""
        return frozenset(point.text for point in self.points)

    @property
    def chunks(self) -> list[Chunk]:
        """The chunks its points cite, in the order cited, each once."""
        return list({citation.chunk.id: citation.chunk for point in self.points for citation in point.citations}.values())

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "points": [point.to_json() for point in self.points]}


@dataclass(frozen=True)
class Overview:
    actors: tuple[Actor, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    """In chronological order."""
    scenarios: tuple[Scenario, ...] = ()

    def to_json(self, section: str | None = None) -> dict[str, Any]:
        """The JSON contract of `overview --json`: every section, or only `section`."""
        every = {
            "actors": [actor.to_json() for actor in self.actors],
            "timeline": [event.to_json() for event in self.timeline],
            "scenarios": [scenario.to_json() for scenario in self.scenarios],
        }
        return {section: every[section]} if section else every

    def groups(self) -> list[str]:
        """Actor groups, largest first."""
        sizes: dict[str, int] = {}
        for actor in self.actors:
            sizes[actor.group] = sizes.get(actor.group, 0) + 1
        return sorted(sizes, key=lambda group: (not group, -sizes[group], group))

    def phases(self) -> list[str]:
        """Timeline phases in the order their first event happens."""
        return list(dict.fromkeys(event.phase for event in self.timeline))


# -- building and storage -------------------------------------------------------------------------
def build_overview_record(chunks: list[Chunk], catalogue: EntityCatalogue, document_dates: dict[str, str]) -> dict[str, Any]:
    """The overview as stored: every citation a (chunk id, start, end) reference."""
    from assistant.index.actors import derive_actors
    from assistant.index.scenarios import derive_scenarios
    from assistant.index.sentences import SentenceIndex, narrative_sentences
    from assistant.index.timeline import derive_timeline

    sentences = SentenceIndex(narrative_sentences(chunks))
    actors = derive_actors(catalogue, sentences)
    scenarios = derive_scenarios(sentences, catalogue, actors)
    hypothetical = frozenset(tuple(ref) for scenario in scenarios for point in scenario["points"] for ref in point["refs"])
    return {"actors": actors, "timeline": derive_timeline(catalogue, sentences, document_dates, hypothetical), "scenarios": scenarios}


def write_overview(build_dir: Path, chunks: list[Chunk], document_dates: dict[str, str]) -> None:
    """Derive the overview from the build's chunks and its saved catalogue, and save it in the build."""
    catalogue = EntityCatalogue.load(build_dir / CATALOGUE_FILE)
    record = build_overview_record(chunks, catalogue, document_dates)
    (build_dir / OVERVIEW_FILE).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def load_overview(build_dir: Path, chunks: list[Chunk]) -> Overview:
    """The build's saved overview; derived from its chunks when the build predates overviews."""
    path = build_dir / OVERVIEW_FILE
    if path.exists():
        record = json.loads(path.read_text(encoding="utf-8"))
    else:
        catalogue_path = build_dir / CATALOGUE_FILE
        catalogue = EntityCatalogue.load(catalogue_path) if catalogue_path.exists() else build_catalogue(chunks)
        record = build_overview_record(chunks, catalogue, {})
    return overview_from_record(record, {chunk.id: chunk for chunk in chunks})


def overview_from_record(record: dict[str, Any], chunks: dict[str, Chunk]) -> Overview:
    """Typed overview from its stored form, references resolved against the build's chunks."""

    def cited(refs: list[Ref]) -> tuple[Citation, ...]:
        return tuple(Citation(n, chunks[chunk_id], start, end) for n, (chunk_id, start, end) in enumerate(refs, 1) if chunk_id in chunks)

    actors = tuple(
        Actor(
            a["id"], a["name"], a["kind"], a["group"], a["role"], tuple(a["aliases"]), a["mentions"], tuple(a["sections"]), cited(a["refs"])
        )
        for a in record.get("actors", ())
    )
    timeline = tuple(
        TimelineEvent(e["date"], e["sort_date"], e["label"], e["event"], e["phase"], e["future"], cited(e["refs"]))
        for e in record.get("timeline", ())
    )
    scenarios = tuple(
        Scenario(s["name"], tuple(ScenarioPoint(p["kind"], p["text"], tuple(p["actors"]), cited(p["refs"])) for p in s["points"]))
        for s in record.get("scenarios", ())
    )
    return Overview(actors, timeline, scenarios)


def _citations_json(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [citation.to_json() for citation in citations]
