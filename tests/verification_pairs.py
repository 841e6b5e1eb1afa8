"""Sentence pairs of no one corpus for the verification tests: a catalogue of two people and two places, the
corpus names read from it, and the deciding objection of one evidence sentence to a claim."""

from __future__ import annotations

from functools import cache

from assistant.answering.verification.checker import vetoes
from assistant.answering.verification.names import CorpusNames
from assistant.answering.verification.verdicts import Evidence, Label, strongest
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.text import split_sentences
from assistant.types import Chunk, Passage


def _entity(name: str, kind: str, aliases: tuple[str, ...]) -> Entity:
    return Entity(name.lower().replace(" ", "-"), name, kind, aliases, (), ())  # type: ignore[arg-type]


CATALOGUE = EntityCatalogue(
    (
        _entity("Anna Berg", "person", ("Anna Berg", "Berg")),
        _entity("Tomas Lind", "person", ("Tomas Lind", "Lind")),
        _entity("Norrvik", "place", ("Norrvik",)),
        _entity("Saltby", "place", ("Saltby",)),
    )
)
CORPUS = ["Anna Berg and Tomas Lind met in Norrvik; exports flow from Saltby to Norrvik."]


@cache
def pair_names() -> CorpusNames:
    """The names of CORPUS, read with CATALOGUE."""
    return CorpusNames(CORPUS, CATALOGUE)


def passage_of(text: str, chunk_id: str = "c1") -> Passage:
    """A retrieved passage whose chunk is `text`, split into sentences."""
    return Passage(Chunk(chunk_id, "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text))), 1, 1.0)


def sentence_evidence(passage: Passage, number: int) -> Evidence:
    """The passage's sentence `number` (from 0) as evidence."""
    start, end = passage.chunk.sentences[number]
    return Evidence(passage, start, end, 0.9)


def verdict(claim: str, evidence: str, names: CorpusNames) -> tuple[Label, str] | None:
    """The deciding objection of `evidence` (one passage sentence) to `claim`, or None when nothing objects."""
    objection = strongest(vetoes(claim, Evidence(passage_of(evidence), 0, len(evidence), 0.9), names))
    return (objection.label, objection.check) if objection else None
