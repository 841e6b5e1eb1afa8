"""The overview's scenarios: each scenario the corpus lays out, as cited points (conditions, consequences)
with the actors each point speaks of.

A scenario opens with a sentence "In the <words> scenario, …" (the nouns in assistant/data/overview.yaml;
"In this scenario" continues the current one) and runs to the end of its paragraph. Its opening sentence
and those holding a condition cue ("depends on", "could stem from", "Should …") are conditions; the
others are consequences."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from assistant.data import load
from assistant.index.catalogue import EntityCatalogue
from assistant.index.sentences import Sentence, SentenceIndex
from assistant.text import alternatives


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lexicon: dict[str, Any] = load("overview")
    nouns = "|".join(lexicon["scenario_nouns"])
    continuations = "|".join(lexicon["scenario_continuations"])
    opener = re.compile(rf"(?:In|Under)\s+(?:the|an|a)\s+((?!(?:{continuations})\b)(?:[\w\-]+,?\s+){{1,4}}?(?:{nouns}))\b(?!\s+of\b)")
    cues = alternatives(lexicon["condition_cues"], longest_first=True)
    return opener, re.compile(rf"\b(?:{cues})\b", re.IGNORECASE)


def derive_scenarios(sentences: SentenceIndex, catalogue: EntityCatalogue, actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The scenarios as stored in overview.json (citations as references), in the order the text gives them."""
    opener, _ = _patterns()
    scenarios: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    paragraph: tuple[str, int] | None = None
    names = {member: actor["name"] for actor in actors for member in (actor["id"], *actor["aliases"], actor["name"])}
    for sentence in sentences.sentences:
        if sentence.paragraph != paragraph:
            current, paragraph = None, sentence.paragraph
        match = opener.match(sentence.text)
        if match:
            name = match.group(1)
            current = {"name": name[:1].upper() + name[1:], "points": []}
            scenarios.append(current)
        if current is not None:
            current["points"].append(_point(sentence, bool(match), catalogue, names))
    return scenarios


def _point(sentence: Sentence, opens: bool, catalogue: EntityCatalogue, names: dict[str, str]) -> dict[str, Any]:
    _, condition = _patterns()
    kind = "condition" if opens or condition.search(sentence.text) else "consequence"
    found = (names.get(entity.id) or names.get(entity.name) for entity, _, _ in catalogue.entities_in(sentence.text))
    actors = [name for name in found if name]
    return {"kind": kind, "text": sentence.text, "actors": list(dict.fromkeys(actors)), "refs": [sentence.ref]}
