"""Which people of a text it refers to as "he" or "she": a pronoun after a person's name, before any other
person's, is that person's ("Castell is sceptical … Her position …"). Nothing is assumed from a name."""

from __future__ import annotations

import re
from functools import cache

from assistant.data import load
from assistant.index.catalogue import EntityCatalogue

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\[\d+\]\s*")


def pronoun_genders(text: str, catalogue: EntityCatalogue) -> dict[str, str]:
    """Entity id → "masculine" or "feminine", for the people `text` goes on to call "he" or "she"."""
    genders: dict[str, str] = {}
    last: str | None = None
    for sentence in (s for s in _SENTENCE.split(text) if s.strip()):
        people = [(entity.id, start, end) for entity, start, end in catalogue.entities_in(sentence) if entity.kind == "person"]
        spans = [(last, 0)] + [(entity_id, end) for entity_id, _, end in people]  # a pronoun opening a sentence is the last person's
        for (person, begin), nxt in zip(spans, [start for _, start, _ in people] + [len(sentence)]):
            found = _pronoun().search(sentence, begin, nxt)
            if person is not None and found is not None:
                genders.setdefault(person, "masculine" if found.group("masculine") else "feminine")
        last = people[-1][0] if len({p for p, _, _ in people}) == 1 else None if people else last
    return genders


def pronoun_gender(word: str) -> str:
    """ "masculine" for he/him/his, "feminine" for she/her, "" for any other word."""
    found = _pronoun().fullmatch(word)
    return "" if found is None else "masculine" if found.group("masculine") else "feminine"


@cache
def _pronoun() -> re.Pattern[str]:
    data = load("conversation")
    return re.compile(
        rf"\b(?:(?P<masculine>{'|'.join(data['masculine_pronouns'])})|(?P<feminine>{'|'.join(data['feminine_pronouns'])}))\b", re.IGNORECASE
    )
