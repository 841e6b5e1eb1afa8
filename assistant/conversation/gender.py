"""Which people of a text it refers to as "he" or "she": a pronoun after a person's name, before any other
person's, is that person's ("Castell is sceptical … Her position …"). Nothing is assumed from a name."""

from __future__ import annotations

import re
from functools import cache

from assistant.conversation.answers import answer_sentences
from assistant.data import load
from assistant.index.catalogue import EntityCatalogue
from assistant.types import Turn


def pronoun_genders(text: str, catalogue: EntityCatalogue) -> dict[str, str]:
    """Entity id → "masculine" or "feminine", for the people `text` goes on to call "he" or "she"."""
    genders: dict[str, str] = {}
    last: str | None = None
    for sentence in answer_sentences(text):
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


def turn_genders(turn: Turn, catalogue: EntityCatalogue) -> dict[str, str]:
    """Genders the turn shows: its answer's pronouns, and the person its question's "he"/"she" was made into."""
    return {**pronominalised(turn, catalogue), **pronoun_genders(turn.answer, catalogue)}


def pronominalised(turn: Turn, catalogue: EntityCatalogue) -> dict[str, str]:
    """The person the turn's question called "he" or "she", with that gender: the first person its standalone form
    names that the question did not (a later one came with another reference: "Did he get a loan out of it?" → "Did Berg get a
    loan out of Berg's meeting with Lind?")."""
    said = {gender for word in turn.question.split() if (gender := pronoun_gender(word.strip("?.,!;:'’s")))}
    if len(said) != 1:
        return {}
    named = {e.id for e, _, _ in catalogue.entities_in(turn.question)}
    found = (e.id for e, _, _ in catalogue.entities_in(turn.standalone_question) if e.kind == "person" and e.id not in named)
    first = next(found, None)
    return {first: next(iter(said))} if first is not None else {}
