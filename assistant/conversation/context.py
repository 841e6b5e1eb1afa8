"""What a follow-up that does not say what it is about is about ("When was that?", "And the neutral one?",
"Were they consulted on it?" with nothing left to resolve): whether it is elliptic, and the referent it then
gains as ", regarding …" — the case discussed, a group for "these leaders", the previous question's
subjects, else the most salient referent.
"""

from __future__ import annotations

import re

from assistant.conversation import antecedents
from assistant.conversation.phrases import topic_phrases
from assistant.conversation.referents import CONTEXT, Memory, Referent
from assistant.conversation.referring import referring_patterns
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.retrieval.query import QueryIntent

BACKGROUND_SHARE = 0.25
"""An entity mentioned at least this share as often as the corpus' most mentioned one is background."""


def with_context(
    question: str,
    rewritten: str,
    own: QueryIntent,
    memory: Memory,
    named: set[str],
    case: Referent | None,
    catalogue: EntityCatalogue | None,
) -> str:
    """`rewritten`, ending ", regarding <what it is about>" when the follow-up does not say (the `case` discussed
    first); as it is otherwise."""
    if not _elliptic(question, rewritten, own, memory, catalogue):
        return rewritten
    context = [
        r.text
        for r in [*([case] if case else []), *_context(rewritten, memory, named, _says_whom(rewritten, own))]
        if r.text.lower() not in rewritten.lower()
    ]
    return f"{rewritten.rstrip(' ?.!')}{CONTEXT}{_joined(context[0], rewritten, memory, named)}?" if context else rewritten


def _context(text: str, memory: Memory, named: set[str], says_whom: bool = False) -> list[Referent]:
    """What an elliptic question is about: a group for "these leaders", else the previous question's subjects,
    else (unless the question `says_whom` it is about) whatever is most salient."""
    if referring_patterns()["demonstrative_plural"].search(text):
        group = antecedents.group(memory, named)
        if group is not None:
            return [group]
    previous = [memory.referents[k] for k in memory.previous_keys if k not in named]
    previous.sort(key=lambda r: (not r.determined, r.kind != "topic", -r.salience))
    best = memory.best(("topic", "person", "organisation", "place", "group"), named)
    return previous + ([best] if best is not None and not says_whom else [])


def _joined(context: str, rewritten: str, memory: Memory, named: set[str]) -> str:
    """`context`, and what the conversation opened with when the follow-up points with a noun it never used
    ("after that success" when no question said "success"): the thread it summarises."""
    nouns = [m.group().split()[-1].lower() for m in referring_patterns()["demonstrative_noun"].finditer(rewritten)]
    asked = " ".join(memory.questions).lower()
    if not nouns or any(re.search(rf"\b{re.escape(noun)}\b", asked) for noun in nouns):
        return context
    first = antecedents.opening(memory, named)
    return context if first is None or first.text.lower() in f"{rewritten} {context}".lower() else f"{context} and {first.text}"


def _elliptic(question: str, rewritten: str, own: QueryIntent, memory: Memory, catalogue: EntityCatalogue | None) -> bool:
    """A follow-up that does not say what it is about ("And the neutral one?", "When was that?"). A person or a
    place the conversation has not mentioned yet is a subject of its own ("Who is Tom Lind?")."""
    subjects = [
        e for e in own.entities if e.kind == "person" or (f"entity:{e.id}" not in memory.referents and not _background(e, catalogue))
    ]
    if referring_patterns()["elliptic"].match(question.strip()) and not subjects:
        return True
    pointing = bool(referring_patterns()["demonstrative_noun"].search(rewritten))
    if subjects:  # a place it names leaves "those talks" pointing back ("Who led the American side at those talks?")
        return bool(referring_patterns()["else"].search(rewritten)) or (pointing and all(e.kind == "place" for e in subjects))
    determined = [p for p in topic_phrases(rewritten, catalogue) if p.determined]
    return len(rewritten.split()) <= 4 or not determined or pointing


def _says_whom(rewritten: str, own: QueryIntent) -> bool:
    """Whether a follow-up names the parties it is about and leans on nothing said ("Could the bank cut off
    the loan to Dravenia?"): it may still continue the previous question, not a passing name."""
    lexicon = referring_patterns()
    leaning = lexicon["demonstrative_noun"].search(rewritten) or lexicon["leaning"].search(rewritten)
    return len({e.id for e in own.entities}) > 1 and not leaning


def _background(entity: Entity, catalogue: EntityCatalogue | None) -> bool:
    """Whether the corpus mentions `entity` so often ("the two countries of the dispute") that naming it does not
    say what a question is about."""
    most = max((len(e.mentions) for e in catalogue.entities), default=0) if catalogue is not None else 0
    return len(entity.mentions) >= BACKGROUND_SHARE * most > 0
