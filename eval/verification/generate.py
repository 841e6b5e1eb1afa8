"""The generated verification set: corpus sentences, each corrupted in up to two places per kind.

Kinds: entity_swap (another person or organisation of the catalogue), place (another place),
role_swap (two people of the sentence trade places), number, unit, date, negation_added,
negation_removed, antonym (eval/verification/corruptions.yaml). Every case is CONTRADICTED;
the source sentence is its evidence. Deterministic: the same index gives the same set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

import yaml

from assistant.data import load
from assistant.index.catalogue import EntityCatalogue
from assistant.types import Chunk
from eval.verification.cases import Case

CORRUPTIONS = Path(__file__).with_name("corruptions.yaml")
MIN_WORDS = 8
PER_KIND = 2
"""Corruptions of one kind per sentence, each in another place of it."""
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
NUMBER_WORDS = {"two": "three", "three": "four", "four": "five", "five": "six", "six": "seven", "ten": "twelve", "twenty": "thirty"}


@cache
def _corruptions() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(CORRUPTIONS.read_text(encoding="utf-8"))
    return data


def source_sentences(chunks: list[Chunk], document: str) -> Iterator[tuple[Chunk, str]]:
    """Each sentence of `document` with at least MIN_WORDS words, once, in order (Notes excluded)."""
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.document != document or chunk.section.lower().startswith("notes"):
            continue
        for start, end in chunk.sentences:
            text = chunk.text[start:end]
            if len(text.split()) >= MIN_WORDS and text not in seen:
                seen.add(text)
                yield chunk, text


def generate(chunks: list[Chunk], catalogue: EntityCatalogue, document: str) -> list[Case]:
    """Every corruption of every source sentence, as CONTRADICTED cases."""
    kinds: dict[str, Callable[[str, EntityCatalogue], Iterable[str]]] = {
        "entity_swap": lambda s, c: _swap_entity(s, c, ("person", "organisation")),
        "place": lambda s, c: _swap_entity(s, c, ("place",)),
        "role_swap": _swap_roles,
        "number": lambda s, c: _change_number(s),
        "unit": lambda s, c: _change_unit(s),
        "date": lambda s, c: _change_date(s),
        "negation_added": lambda s, c: _add_negation(s),
        "negation_removed": lambda s, c: _remove_negation(s),
        "antonym": lambda s, c: _antonym(s),
    }
    cases = []
    for n, (_, sentence) in enumerate(source_sentences(chunks, document)):
        for kind, corrupt in kinds.items():
            claims = list(dict.fromkeys(claim for claim in corrupt(sentence, catalogue) if claim != sentence))[:PER_KIND]
            for k, claim in enumerate(claims):
                cases.append(Case(f"gen-{n:03d}-{kind}-{k}", "generated", kind, sentence, claim, "CONTRADICTED"))
    return cases


def _swap_entity(sentence: str, catalogue: EntityCatalogue, kinds: tuple[str, ...]) -> Iterator[str]:
    named = {e.id for e, _, _ in catalogue.entities_in(sentence)}
    for entity, start, end in catalogue.entities_in(sentence):
        if entity.kind not in kinds:
            continue
        same = _metonyms().get(entity.name, {entity.name})  # "Washington" for "the United States" is no swap
        candidates = (e for e in catalogue.entities if e.kind == entity.kind and e.id not in named and e.name not in same)
        others = sorted(candidates, key=lambda e: -len(e.mentions))
        if others:  # the most mentioned other entity of the kind: a plausible, corpus-own substitute
            yield sentence[:start] + others[0].name + sentence[end:]


@cache
def _metonyms() -> dict[str, set[str]]:
    return {name: set(group) for group in load("metonyms")["groups"] for name in group}


def _swap_roles(sentence: str, catalogue: EntityCatalogue) -> Iterator[str]:
    people = [(e, s, t) for e, s, t in catalogue.entities_in(sentence) if e.kind == "person"]
    distinct = sorted({e.id: (e, s, t) for e, s, t in reversed(people)}.values(), key=lambda x: x[1])
    if len(distinct) >= 2:
        (_, a_start, a_end), (_, b_start, b_end) = distinct[:2]
        yield sentence[:a_start] + sentence[b_start:b_end] + sentence[a_end:b_start] + sentence[a_start:a_end] + sentence[b_end:]


def _change_number(sentence: str) -> Iterator[str]:
    for match in re.finditer(r"(?<![\w.,])(\d+)(?![\d.,]\d)", sentence):
        if not re.fullmatch(r"(19|20)\d\d", match.group(1)):
            value = int(match.group(1))
            yield sentence[: match.start(1)] + str(value - 8 if value > 10 else value + 2) + sentence[match.end(1) :]
    for word, other in NUMBER_WORDS.items():
        for found in re.finditer(rf"\b{word}\b", sentence):
            yield sentence[: found.start()] + other + sentence[found.end() :]


def _change_unit(sentence: str) -> Iterator[str]:
    units = _corruptions()["units"]
    assert isinstance(units, dict)
    for unit, other in units.items():
        for found in re.finditer(rf"(?<=\d)\s*{re.escape(unit)}\b", sentence):
            yield sentence[: found.start()] + (other if other.startswith(" ") else " " + other) + sentence[found.end() :]


def _change_date(sentence: str) -> Iterator[str]:
    for month in re.finditer(rf"\b({'|'.join(MONTHS)})\b", sentence):
        other = MONTHS[(MONTHS.index(month.group(1)) + 3) % 12]
        yield sentence[: month.start()] + other + sentence[month.end() :]
    for year in re.finditer(r"\b(19|20)(\d\d)\b", sentence):
        yield sentence[: year.start()] + str(int(year.group(0)) - 2) + sentence[year.end() :]


def _add_negation(sentence: str) -> Iterator[str]:
    auxiliaries = _corruptions()["auxiliaries"]
    assert isinstance(auxiliaries, list)
    for found in re.finditer(rf"\b({'|'.join(auxiliaries)})\b(?! not\b| no\b| never\b)", sentence):
        yield sentence[: found.end()] + " not" + sentence[found.end() :]


def _remove_negation(sentence: str) -> Iterator[str]:
    negations = _corruptions()["negations"]
    assert isinstance(negations, list)
    for found in re.finditer(rf"\s\b({'|'.join(negations)})\b", sentence):
        yield sentence[: found.start()] + sentence[found.end() :]


def _antonym(sentence: str) -> Iterator[str]:
    pairs = _corruptions()["antonyms"]
    assert isinstance(pairs, list)
    for a, b in pairs:
        for word, other in ((a, b), (b, a)):
            for found in re.finditer(rf"\b{word}\b", sentence):
                yield sentence[: found.start()] + other + sentence[found.end() :]
