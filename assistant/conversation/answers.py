"""What an answer says that a conversation remembers: its sentences, the entities that answer a who/where/which
question (one the sentence says it of, several named together), and the sources an answer to "which source …?" gives."""

from __future__ import annotations

import re

from assistant.corpus.notes import note_number, parse_note
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.text import content_terms

FOCUS_CHARS = 120
"""How far after a name the words that say what it did are looked for."""
_AGENT = re.compile(r"\bby\s+(?:[\w\-]+\s+){0,5}$", re.IGNORECASE)
"""A name introduced as the doer of what comes before it ("a statement by Secretary of Defense …")."""
_AND = re.compile(r"\s*,\s*|\s*(?:,?\s+and|&)\s+(?:[\w\-]+\s+){0,3}?")
_IDENTIFIED = re.compile(
    r"^\W*(?:and\s+)?(?:who|what|where|which)(?:['’]s\s+|\s+(?:\w+\s+)?(?:is|was|are|were)\s+)(?:the\s+)?(?:(?-i:[A-Z])[\w.\-]*\s+)*$",
    re.IGNORECASE,
)
"""What comes before the entity a question asks about rather than for ("Who is Anna Berg?", "Where is Vienna?")."""
_INDEFINITE = re.compile(r"\b(?:a|an|any)\s+([\w\-’'é]+)", re.IGNORECASE)
"""A noun asked about as one of a kind ("Does Berg have a deputy?")."""
_SENTENCE_OR_MARKER = re.compile(r"\s*\[\d+\]\s*")
"""Between an answer's cited pieces (a note holds sentence-like full stops of its own)."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\[\d+\]\s*")


def answer_sentences(answer: str) -> list[str]:
    """The sentences of an answer, without their passage markers."""
    return [s for s in _SENTENCE.split(answer) if s.strip()]


def cited_titles(answer: str) -> list[str]:
    """The titles of the publications an answer to "which source is cited …?" gives (its footnotes): the source
    just given is what "When was it published?" asks about."""
    notes = [part.strip() for part in _SENTENCE_OR_MARKER.split(answer) if note_number(part.strip()) is not None]
    return [parse_note(note).title for note in notes]


def named_instance(answer: str, noun: str, question: str, catalogue: EntityCatalogue, *, by_noun: bool = False) -> str | None:
    """The name the answer gives the thing a "which N" question asked for: "the Selva 2 dam" for "Which dam …?",
    else (unless `by_noun`) the first name the answer gives that is no person, place or organisation and the
    question does not give."""
    for match in re.finditer(rf"\b((?:(?-i:[A-Z])[\w\-]*\s+)+(?:\d[\w\-]*\s+)?){re.escape(noun)}\b", answer, re.IGNORECASE):
        name = re.sub(r"^(?:The|A|An|This|That|Its|Their)\s+", "", match.group())
        if name.split()[0][:1].isupper():
            return f"the {name}"
    if by_noun:
        return None
    things = [
        match
        for name in catalogue.names
        if catalogue.resolve(name) is None
        and name.lower() not in question.lower()
        and not any(entity.kind == "person" for entity, _, _ in catalogue.entities_in(name))  # a titled person
        for match in re.finditer(rf"(?<![\w\-]){re.escape(name)}(?:\s+\d+\b)?(?![\w\-])", answer)
    ]
    return min(things, key=lambda m: m.start()).group() if things else None


def sought(sentence: str, kind: str, asked: set[str], catalogue: EntityCatalogue) -> list[Entity]:
    """Entities of the kind the question asks for that it does not name itself: its answer."""
    found = [entity for entity, _, _ in catalogue.entities_in(sentence) if entity.kind == kind and entity.id not in asked]
    return list(dict.fromkeys(found))


def said_of(sentence: str, question: str, candidates: list[Entity], catalogue: EntityCatalogue) -> Entity:
    """The candidate the sentence says what the question asks about: the one whose mention is followed, before the
    next candidate, by most of the question's words ("Anna Berg and Tom Lind, who was to chair the board" for
    "Which of them was to chair the board?" → Tom Lind), or, named as its doer, preceded by them ("a ban on
    exports by Tom Lind" for "Who imposed the export ban?")."""
    words = set(content_terms(question)) - {term for e in candidates for term in content_terms(e.name)}

    mentions = [(found, start, end) for found, start, end in catalogue.entities_in(sentence) if found in candidates]

    def score(entity: Entity) -> int:
        windows = [
            sentence[end : min([end + FOCUS_CHARS] + [s for other, s, _ in mentions if s >= end and other != entity])]
            for found, _, end in mentions
            if found == entity
        ]
        for found, start, _ in mentions:  # "a statement by Defence Minister Anna Berg": what she did comes before her name
            before = sentence[max([start - FOCUS_CHARS] + [e for other, _, e in mentions if e <= start and other != entity]) : start]
            if found == entity and _AGENT.search(before):
                windows.append(before)
        return max((len(words & set(content_terms(window))) for window in windows), default=0)

    return max(candidates, key=score)


def conjoined(sentence: str, catalogue: EntityCatalogue, kind: str) -> list[Entity]:
    """The first run of entities of `kind` named together ("Anna Berg and Tom Lind", "Berg, Lind and Ek",
    "Anna Berg and retired General Tom Lind")."""
    run: list[Entity] = []
    last_end = -1
    for entity, start, end in catalogue.entities_in(sentence):
        if entity.kind != kind:
            continue
        if run and entity in run:  # "Berg … and Berg's deputy": still one
            pass
        elif run and _AND.fullmatch(sentence[last_end:start]):
            run.append(entity)
        elif len(run) > 1:
            break
        else:
            run = [entity]
        last_end = end
    return run if len(run) > 1 else []


def seeks_other(question: str, answer_type: str, catalogue: EntityCatalogue) -> bool:
    """Whether a who/where/which question asks for an entity it does not name ("Who is the minister's deputy?"),
    rather than about one it names ("Who is Anna Berg?")."""
    if answer_type not in ("person", "place", "organisation"):
        return False
    if question.lower().lstrip().startswith("whose"):  # "Whose protégé is Tom Lind?" asks for someone else
        return True
    named = [start for e, start, end in catalogue.entities_in(question) if e.kind == answer_type and not possessive(question, end)]
    return not any(_IDENTIFIED.search(question[:start]) for start in named)


def asks_for_a_holder(question: str, catalogue: EntityCatalogue) -> bool:
    """Whether a question asks whether there is someone in a role the corpus gives people ("Does Berg have a
    deputy?"): the person the answer names in it is its answer, as for "Who is Berg's deputy?"."""
    return any(m.group(1).lower() in catalogue.role_heads for m in _INDEFINITE.finditer(question))


def possessive(text: str, end: int) -> bool:
    """Whether the name ending at `end` is a possessor ("Berg's deputy")."""
    return text[end : end + 2] in ("'s", "’s")
