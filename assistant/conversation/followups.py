"""Rule-based rewriting of follow-ups into standalone questions, against a memory of the whole conversation.

The memory holds the entities (from the corpus' catalogue) and topics ("the neutral scenario", "the
poll", a date) of every earlier question and answer, each with a salience that favours recent turns,
questions over answers, and the people a who-question was answered with. Pronouns ("he", "they", "it"),
"that person", "that case", "there", "the second one" and elliptic questions ("And the neutral one?",
"Why?") are resolved against it. Without a catalogue only topics are known.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.dates import dated_expressions
from assistant.retrieval.query import QueryIntent, understand
from assistant.types import Turn

RECENCY = 0.6
"""Salience kept per turn of age: the previous turn counts 1, the one before 0.6, then 0.36 …"""
QUESTION_WEIGHT = 1.0
ANSWER_WEIGHT = 0.4
ANSWERED_WEIGHT = 2.0
"""Weight of the people (places, organisations) a who/where/which question was answered with."""
_NAME_RUN = re.compile(r"(?<![\w'’])[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.\-]*)*")


@dataclass
class Memory:
    """Salience of each entity and topic over the conversation so far."""

    entities: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    topics: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_id: dict[str, Entity] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)
    """Entities the previous turn's question asked for ("Which bank is financing it?" → the bank)."""

    def add_entity(self, entity: Entity, weight: float) -> None:
        self.by_id[entity.id] = entity
        self.entities[entity.id] += weight

    def best(self, kinds: tuple[str, ...], exclude: set[str] = frozenset()) -> Entity | None:  # type: ignore[assignment]
        ranked = [(score, self.by_id[i]) for i, score in self.entities.items() if self.by_id[i].kind in kinds and i not in exclude]
        return max(ranked, key=lambda item: item[0])[1] if ranked else None

    def topic(self) -> str | None:
        return max(self.topics.items(), key=lambda item: item[1])[0] if self.topics else None

    def thing(self, named: set[str]) -> str | None:
        """What "it" most likely is: the most salient topic, or an organisation or place more salient than it."""
        topic = self.topic()
        entity = self.best(("organisation", "place"), named | (set(self.entities) - self.answered))
        if entity is None:
            return topic
        if topic is None or self.entities[entity.id] > self.topics[topic]:
            return entity.name
        return topic


def remember(history: tuple[Turn, ...], catalogue: EntityCatalogue | None) -> Memory:
    """The memory of every turn in `history`, older turns fading by RECENCY."""
    memory = Memory()
    for age, turn in enumerate(reversed(history)):
        recency = RECENCY**age
        intent = understand(turn.standalone_question, catalogue)
        asked = {entity.id for entity in intent.entities}
        for entity, weight in _question_weights(turn.standalone_question, intent, catalogue).items():
            memory.add_entity(entity, weight * recency)
        for phrase in _topics(turn.standalone_question):
            memory.topics[phrase] += QUESTION_WEIGHT * recency
        if catalogue is None:
            continue
        answered = ANSWERED_WEIGHT if _seeks_other(turn.standalone_question, intent.answer_type, catalogue) else ANSWER_WEIGHT
        for position, sentence in enumerate(_sentences(turn.answer)):
            weight = (answered if position == 0 else ANSWER_WEIGHT) * recency
            for entity in dict.fromkeys(entity for entity, _, _ in catalogue.entities_in(sentence)):
                sought = entity.kind == intent.answer_type and entity.id not in asked
                memory.add_entity(entity, weight if sought else ANSWER_WEIGHT * recency)
                if age == 0 and position == 0 and answered == ANSWERED_WEIGHT and sought:
                    memory.answered.add(entity.id)
    return memory


def rewrite_follow_up(question: str, history: tuple[Turn, ...], catalogue: EntityCatalogue | None = None) -> str:
    """Resolve pronouns, "that case", "there", "the second one" and elliptic questions against the whole
    conversation (rules, no LLM)."""
    if not history:
        return question
    lexicon = _lexicon()
    memory = remember(history, catalogue)
    own = understand(question, catalogue)
    named = {entity.id for entity in own.entities}
    rewritten = lexicon["connective"].sub("", question).strip()
    rewritten = rewritten[:1].upper() + rewritten[1:]
    changed = False

    person = memory.best(("person",), named)
    if person is not None:
        replaced = lexicon["person_phrase"].sub(person.name, rewritten)
        replaced = lexicon["person_pronoun"].sub(lambda m: _pronoun(m.group(), person.name), replaced)
        changed |= replaced != rewritten
        rewritten = replaced
    topic = memory.topic()
    group = memory.best(("organisation", "place"), named)
    if topic and lexicon["case_phrase"].search(rewritten):
        rewritten, changed = lexicon["case_phrase"].sub(topic, rewritten), True
    place = memory.best(("place",), named)
    if place is not None and lexicon["there"].search(rewritten):
        where = topic if topic and memory.topics[topic] > memory.entities[place.id] else place.name
        rewritten, changed = lexicon["there"].sub(f"in {where}", rewritten), True
    ordinal = lexicon["ordinal_one"].search(rewritten)
    if ordinal and topic:
        head = topic.split()[-1].rstrip("s")
        rewritten, changed = rewritten[: ordinal.start()] + f"the {ordinal.group(1)} {head}" + rewritten[ordinal.end() :], True
    group_name = group.name if group is not None else topic
    if group_name and lexicon["group_pronoun"].search(rewritten):
        rewritten = lexicon["group_pronoun"].sub(lambda m: _pronoun(m.group(), group_name), rewritten, count=1)
        changed = True
    pronoun = lexicon["thing_pronoun"].search(rewritten)
    thing = (topic if pronoun and pronoun.group().lower() in ("this", "that") else None) or memory.thing(named)
    if thing and pronoun:
        rewritten = lexicon["thing_pronoun"].sub(lambda m: _pronoun(m.group(), thing), rewritten, count=1)
        changed = True
    if not changed and _elliptic(question, rewritten, own, memory):
        plural = lexicon["demonstrative_plural"].search(rewritten) and group is not None
        candidates = (group.name if plural and group is not None else None, topic, person.name if person is not None else None)
        context = [c for c in candidates if c and c.lower() not in rewritten.lower()]
        if context:
            rewritten = f"{rewritten.rstrip(' ?')}, regarding {context[0]}?"
    return rewritten[:1].upper() + rewritten[1:]


def checked_rewrite(rewritten: str, question: str, history: tuple[Turn, ...], catalogue: EntityCatalogue) -> str:
    """An LLM's rewrite when every name in it is one the corpus or the conversation uses; else the rules'."""
    said = " ".join([question, *(f"{t.standalone_question} {t.answer}" for t in history)])
    for match in _NAME_RUN.finditer(rewritten):
        name = re.sub(r"['’]s$", "", match.group())
        if match.start() == 0 or catalogue.is_known_name(name) or name in said:
            continue
        if not all(catalogue.is_known_name(word) or word in said for word in name.split() if word[:1].isupper()):
            return rewrite_follow_up(question, history, catalogue)
    return rewritten


def _pronoun(word: str, name: str) -> str:
    """`name` in the grammatical place of the pronoun `word` (possessives gain 's)."""
    return f"{name}'s" if word.lower() in ("his", "her", "hers", "its", "their", "theirs") else name


def _question_weights(question: str, intent: QueryIntent, catalogue: EntityCatalogue | None) -> dict[Entity, float]:
    """Salience each entity of a question gains: a person described by a role ("his protégé") most, one named
    as the possessor of that role ("the minister's deputy") least."""
    weights = {entity: QUESTION_WEIGHT for entity in intent.entities}
    if catalogue is not None:
        for entity, _, end in catalogue.entities_in(question):
            if question[end : end + 2] in ("'s", "’s"):
                weights[entity] = ANSWER_WEIGHT
    for _, entity in intent.roles:
        weights[entity] = ANSWERED_WEIGHT
    return weights


def _seeks_other(question: str, answer_type: str, catalogue: EntityCatalogue) -> bool:
    """Whether a who/where/which question asks for an entity it does not name ("Who is the minister's deputy?"),
    rather than about one it names ("Who is Anna Berg?")."""
    if answer_type not in ("person", "place", "organisation"):
        return False
    named = [(e, end) for e, _, end in catalogue.entities_in(question) if e.kind == answer_type]
    return all(question[end : end + 2] in ("'s", "’s") for _, end in named)


def _elliptic(question: str, rewritten: str, own: QueryIntent, memory: Memory) -> bool:
    """A follow-up that does not say what it is about ("And the neutral one?", "Why?", "When was that?").
    A place the conversation has not mentioned yet is a subject of its own ("What is the capital of France?")."""
    subjects = [e for e in own.entities if e.kind != "place" or e.id not in memory.entities]
    if _lexicon()["elliptic"].match(question.strip()) and not subjects:
        return True
    return len(rewritten.split()) <= 4 or not (_topics(rewritten) or subjects) or bool(_lexicon()["demonstrative"].search(rewritten))


def _topics(text: str) -> list[str]:
    """Topic phrases of a question: "the neutral scenario", "the 28-point peace plan", dates it names."""
    phrases = [m.group().strip() for m in _lexicon()["topic"].finditer(text)]
    phrases += [d.text for d in dated_expressions(text, 2000) if d.day or d.month]
    return phrases


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\s*\[\d+\]\s*", text) if s.strip()]


@cache
def _lexicon() -> dict[str, re.Pattern[str]]:
    data = load("conversation")

    def words(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(data[key], key=len, reverse=True))

    heads = words("topic_heads")
    return {
        "person_pronoun": re.compile(rf"\b({words('person_pronouns')})\b", re.IGNORECASE),
        "person_phrase": re.compile(rf"\b(?:{words('person_phrases')})\b", re.IGNORECASE),
        "group_pronoun": re.compile(rf"\b({words('group_pronouns')})\b", re.IGNORECASE),
        "thing_pronoun": re.compile(rf"\b(?:it|its)\b|\b(?:this|that)(?=\s*(?:[?.!,]|$|\s+(?:{words('event_verbs')})))", re.IGNORECASE),
        "case_phrase": re.compile(rf"\b(?:{words('case_phrases')})\b", re.IGNORECASE),
        "there": re.compile(rf"\b(?:{words('place_words')})\b(?!\s+(?:is|are|was|were|be|been|will|would)\b)", re.IGNORECASE),
        "ordinal_one": re.compile(r"\bthe\s+([\w\-]+)\s+one\b", re.IGNORECASE),
        "topic": re.compile(rf"\b(?:the|a|an|this|that)\s+(?:[\w\-'’]+\s+){{0,3}}(?:{heads})\b", re.IGNORECASE),
        "demonstrative": re.compile(r"\b(?:that|this|those|these)\s+[a-z]{4,}\b"),
        "demonstrative_plural": re.compile(r"\b(?:those|these)\s+[a-z]{3,}s\b"),
        "elliptic": re.compile(rf"^(?:{words('elliptic_openers')})\b", re.IGNORECASE),
        "connective": re.compile(rf"^(?:{words('connectives')})\b[,\s]*", re.IGNORECASE),
    }
