"""Memory of a conversation: every person, organisation, place, group and topic of its earlier questions and
answers, each with a salience that favours recent turns, questions over answers, and what a question asked for.

Entities come from the corpus' catalogue; topics are noun phrases (phrases.py). A who/where/which question
lends its answer's first-sentence entities the most salience ("Who drafted it?" → the people named), and a
plural answer becomes a group ("Anna Berg and Tom Lind"). A place gains salience as a location only where it
is one ("in Vienna", not "the Vienna talks"), which is what "there" needs.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.conversation.answers import (
    answer_sentences,
    asks_for_a_holder,
    cited_titles,
    conjoined,
    named_instance,
    possessive,
    said_of,
    seeks_other,
    sought,
)
from assistant.conversation.gender import pronominalised, turn_genders
from assistant.conversation.phrases import Phrase, topic_phrases
from assistant.conversation.referents import CONTEXT, GROUP, SOURCE, Memory, Referent, entity_referent, phrase_referent
from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.retrieval.query import QueryIntent, understand
from assistant.text import alternatives, without_note_markers
from assistant.types import Turn

_QUOTED_TITLE = re.compile(r"(?:^|\s)['‘][A-Z][^'’]{3,}['’](?=\W|$)")
"""A publication's title quoted in a question ("Who wrote 'The world according to Berg'?"): its answer gives the source."""
RECENCY = 0.6
"""Salience kept per turn of age: the previous turn counts 1, the one before 0.6, then 0.36 …"""
MEMORY_TURNS = 10
"""Turns remembered: older ones keep under 1% of their salience, and reading them costs time at every follow-up."""
QUESTION_WEIGHT = 1.0
LATER_TOPIC_WEIGHT = 0.6
"""A question's first topic is what it is about; later ones ("… to end the war") count less."""
ASKED_FOR_POSITION = -1
"""Where, in its turn's order of mention, the answer to a who/where/which question stands: first."""
ANSWER_WEIGHT = 0.4
ANSWERED_WEIGHT = 2.0
"""Weight of the people (places, organisations) a who/where/which question was answered with."""
LATEST_ANSWERED = 1.5
"""The previous turn's answer to a who/which question outweighs the people named in that question, even ones
named in turns before ("Whose protégé is Tom Lind?" → Anna Berg; "that person" is Anna Berg)."""
_LOCATIVE = re.compile(r"\b(?:in|at|to|near|from|into|inside|outside|around|visited|visit|visiting|visits)\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|on|at|to|of|for|from|with|about|by|near|into|under|during|regarding|between)\s+(?:the\s+)?$", re.IGNORECASE
)
"""What comes before a name inside a prepositional phrase ("on the US side"): not the question's subject."""
_WHICH_GROUP = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:\w+\s+)?(?:group|groups|camp|camps|bloc|section)\b", re.IGNORECASE)
"""A question for a group of people ("Which group has been most sceptical?"), answered by what they are."""
_SHARE_OF = re.compile(r"(?:%|\bper\s*cent|\b(?:majority|most|many|share|half|third|quarter|proportion))\s+of\s+$", re.IGNORECASE)
"""What comes before a group an answer gives a share of ("86% of Republican voters")."""
_ELSE = re.compile(r"\b(?:who|anyone|anybody|someone|somebody)\s+else\b", re.IGNORECASE)
"""A question for people besides those the conversation asked about."""
_WHICH_OF = re.compile(r"^\W*(?:which|who)(?:\s+one)?\s+of\b|^\W*which\s+one\b", re.IGNORECASE)


def remember(history: tuple[Turn, ...], catalogue: EntityCatalogue | None) -> Memory:
    """The memory of the last MEMORY_TURNS turns of `history`, older turns fading by RECENCY."""
    memory = Memory()
    history = history[-MEMORY_TURNS:]
    for age, turn in enumerate(reversed(history)):
        recency = RECENCY**age
        question, answer = turn.standalone_question, without_note_markers(turn.answer)  # "poll⁵" is "poll"
        memory.questions.append(question)
        intent = understand(question, catalogue)
        keys = _remember_question(memory, question, intent, catalogue, recency, len(history) - age)
        if age == 0:
            memory.previous, memory.previous_keys = question, [key for _, key in keys]
            context = question.find(CONTEXT)
            own_keys = [(at, key) for at, key in keys if context < 0 or at < context]
            memory.previous_own = [key for _, key in own_keys]
            memory.previous_subject = next((key for at, key in own_keys if not _AFTER_PREPOSITION.search(question[:at])), "")
            if catalogue is not None:
                memory.continued = {gender: f"entity:{entity_id}" for entity_id, gender in pronominalised(turn, catalogue).items()}
            asked_for = _asked_for(question)
            memory.previous_asked = phrase_referent(asked_for).key if asked_for is not None else ""
        if catalogue is not None:
            own = question.split(CONTEXT)[0]  # what the answer answers, without the context the rewriter added
            earlier = [past.standalone_question for past in history[: len(history) - age - 1]]
            _remember_answer(memory, answer, own, understand(own, catalogue), catalogue, recency, age == 0, len(history) - age, earlier)
        sourced = intent.asks_source or intent.lists_sources or _QUOTED_TITLE.search(question) is not None
        titles = tuple(cited_titles(turn.answer)) if sourced else ()
        memory.cited = memory.cited or titles  # "that newspaper piece", turns later
        for title in titles if age == 0 else ():  # "When was it published?"
            source = Referent(f"{SOURCE}{title.lower()}", f"'{title}'", "topic")
            memory.add(source, ANSWERED_WEIGHT)
            memory.answered.add(source.key)
        if catalogue is not None:
            _remember_named_thing(memory, question, answer, catalogue, recency, latest=age == 0)
            for entity_id, gender in turn_genders(turn, catalogue).items():
                person = memory.referents.get(f"entity:{entity_id}")
                if person is not None and not person.gender:
                    person.gender = gender
        for phrase in topic_phrases(f"{question} {answer}"):
            if phrase.head and (phrase.modifier or phrase.end > phrase.head_at + len(phrase.head)):
                memory.specific.setdefault(phrase.head, re.sub(r"^(?:a|an)\s+", "the ", phrase.text))
    return memory


def _remember_question(
    memory: Memory, question: str, intent: QueryIntent, catalogue: EntityCatalogue | None, recency: float, turn: int
) -> list[tuple[int, str]]:
    """Add what `question` names; return where and what its subjects are, in order (not what it asks for:
    "Which companies …?")."""
    named: list[tuple[int, str]] = []
    asked_for = _asked_for(question)
    roles = [(at, at + len(phrase)) for phrase, _ in intent.roles if (at := question.find(phrase)) >= 0]
    titles = [(m.start(), m.end()) for m in _QUOTED_TITLE.finditer(question)]
    phrases = [
        p
        for p in topic_phrases(question, catalogue)
        if not _is_entity(p, catalogue)
        and p.start != getattr(asked_for, "start", -1)
        and not any(s < p.end and p.start < e for s, e in roles + titles)
    ]  # "Anna Berg's deputy" names a person, not a topic; "the loan" in a quoted title is part of the title
    for entity, (weight, start) in _question_weights(question, intent, catalogue).items():
        referent = entity_referent(entity, question[:start].lower().endswith("the "))
        inside = any(p.start <= start < p.end for p in phrases)  # "the Vienna talks": the talks are the subject
        located = _LOCATIVE.search(question[:start]) is not None
        memory.add(referent, (min(weight, ANSWER_WEIGHT) if inside else weight) * recency, located=located, at=(turn, start))
        if not inside:
            named.append((start, referent.key))
    people = [entity for entity in intent.entities if entity.kind == "person"]
    if len(people) > 1 and re.search(r"\band\b|&", question):
        group = _group(people)
        memory.add(group, QUESTION_WEIGHT * recency)
        named.append((question.find(people[0].name.split()[-1]), group.key))
    for position, phrase in enumerate(phrases):
        referent = phrase_referent(phrase)
        memory.add(referent, (QUESTION_WEIGHT if position == 0 else LATER_TOPIC_WEIGHT) * recency, at=(turn, phrase.start))
        named.append((phrase.start, referent.key))
    if asked_for is not None:  # asked about: "What sanctions did Lind impose? … Which firms were hit by them?"
        memory.add(phrase_referent(asked_for), LATER_TOPIC_WEIGHT * recency, at=(turn, asked_for.start))
    for start, referent in _plural_names(question, catalogue):
        memory.add(referent, QUESTION_WEIGHT * recency)
        named.append((start, referent.key))
    return sorted(named)


def _remember_answer(
    memory: Memory,
    answer: str,
    question: str,
    intent: QueryIntent,
    catalogue: EntityCatalogue,
    recency: float,
    latest: bool,
    turn: int,
    earlier: list[str],
) -> None:
    """Add what the answer names; the entities that answer a who/where/which question count as asked about in
    its turn, before what the question named itself ("Which leader gets on with Berg?" is about the leader).
    `earlier`: the questions before it, whose entities "Who else …?" does not ask for."""
    kind = intent.answer_type or ("person" if asks_for_a_holder(question, catalogue) else "")
    seeks = seeks_other(question, kind, catalogue)
    described = [entity for _, entity in intent.roles if entity.kind == kind]  # "Who was the energy minister?": the answer
    asked = {entity.id for entity in intent.entities} - {entity.id for entity in described}
    if _ELSE.search(question):  # "Who is Lind? Who else backs Berg?": not Lind again
        asked |= {entity.id for before in earlier for entity, _, _ in catalogue.entities_in(before)}
    choices = [e for e in intent.entities if e.kind == "person"] if _WHICH_OF.match(question) else []
    if len(choices) > 1:  # "Which of Anna Berg and Tom Lind …?": the answer picks one of them
        kind, seeks, asked = "person", True, set()
    sentences = answer_sentences(answer)
    answering = next((i for i, s in enumerate(sentences) if seeks and sought(s, kind, asked, catalogue)), -1)
    listing: dict[str, list[str]] = {}
    credited: set[str] = set()
    for position, sentence in enumerate(sentences):
        sought_here = sought(sentence, kind, asked, catalogue) if position == answering else []
        together = conjoined(sentence, catalogue, kind)
        named_together = len(together) > 1 and set(together) <= set(sought_here)
        if described:  # the question's role already says who: the answer is that one, whoever else the text names
            sought_here = [e for e in sought_here if e in described]
        if len(sought_here) > 1 and kind == "person":  # "Who represented …?": the one the sentence says it of
            sought_here = [said_of(sentence, question, [e for e in sought_here if e in choices] or sought_here, catalogue)]
        if len(sought_here) > 1 and kind == "place":  # "Where …?": the place named as a location ("in Vienna")
            places = [e for e, s, _ in catalogue.entities_in(sentence) if e in sought_here and _LOCATIVE.search(sentence[:s])]
            sought_here = list(dict.fromkeys(places)) or sought_here
        for entity, start, _ in catalogue.entities_in(sentence):
            referent = entity_referent(entity)
            located = _LOCATIVE.search(sentence[:start]) is not None
            answered = ANSWERED_WEIGHT * (LATEST_ANSWERED if latest else 1.0)
            at = (turn, ASKED_FOR_POSITION) if entity in sought_here else None
            memory.add(referent, (answered if entity in sought_here else ANSWER_WEIGHT) * recency, located=located, at=at)
            if entity in sought_here:
                credited.add(entity.id)
                if latest:
                    memory.answered.add(referent.key)
        if named_together:  # "Anna Berg and Tom Lind drafted it": the group is the answer too
            group = _group(together)
            memory.add(group, ANSWERED_WEIGHT * recency)
            if latest:
                memory.answered.add(group.key)
        for phrase in topic_phrases(sentence):
            if phrase.head and phrase.modifier and phrase.modifier not in listing.setdefault(phrase.head, []):
                listing[phrase.head].append(phrase.modifier)
            if phrase.plural and _SHARE_OF.search(sentence[: phrase.start]):  # "86% of Republican voters": who "them" may be
                memory.named_groups.append(Referent(f"named:{phrase.text.lower()}", phrase.text, "topic", True, phrase.head))
            if not phrase.head:  # a date: what "at that time" may mean, most of all after "When …?"
                date = Referent(f"date:{phrase.key}", phrase.text, "date")
                memory.add(date, (ANSWERED_WEIGHT if kind == "date" else ANSWER_WEIGHT) * recency)
    for entity in [e for e in described if e.id not in credited] if seeks else []:  # the answer need not name them
        referent = entity_referent(entity)
        memory.add(referent, ANSWERED_WEIGHT * (LATEST_ANSWERED if latest else 1.0) * recency)
        if latest:
            memory.answered.add(referent.key)
    memory.lists.append(listing)


def _remember_named_thing(memory: Memory, question: str, answer: str, catalogue: EntityCatalogue, recency: float, latest: bool) -> None:
    """What a "which N" question was answered with when the answer names it ("Which treaty …?" → "the Selva Water
    Treaty"): what "it" is next; "Which farmers …?" → "the Tesk farmers", "Which group …?" → "Tesk farmers": what
    "they" are, later too."""
    asked_for = _asked_for(question)
    named: Referent | None = None
    if _WHICH_GROUP.match(question):  # "Which group …?" → "Republican voters": people named by what they are
        group = next((p for p in topic_phrases(answer) if p.plural and p.modifier and p.text[:1].isupper()), None)
        named = Referent(f"named:{group.text.lower()}", group.text, "topic", True, group.head) if group is not None else None
    elif asked_for is not None and (latest or asked_for.plural):
        instance = named_instance(answer, asked_for.head, question, catalogue, by_noun=asked_for.plural)  # "the Tesk farmers" only
        named = Referent(f"named:{instance.lower()}", instance, "topic", asked_for.plural, asked_for.head) if instance else None
    if named is not None:
        memory.add(named, ANSWERED_WEIGHT * recency)
        if latest:
            memory.answered.add(named.key)


def _asked_for(question: str) -> Phrase | None:
    """The thing a "which/what N" question asks for ("Which pipeline did he buy?" → the pipeline)."""
    match = _asked_for_pattern().match(question)
    if match is None or match.group("noun").lower() in _generic_terms():
        return None
    noun = match.group("noun")
    plural = noun.endswith("s") and not noun.endswith("ss")
    return Phrase(f"the {match.group('np')}", noun.lower(), match.start("np"), match.end("np"), match.start("noun"), plural=plural)


@cache
def _asked_for_pattern() -> re.Pattern[str]:
    function = alternatives(load("stopwords")["function_words"])
    word = rf"(?!(?:{function})\b)(?-i:[a-z][\w\-]+)"
    modifier = rf"(?!(?:{function})\b)(?-i:[A-Za-z][\w\-]+)"  # "Which European leaders …?"
    aux = "did|does|do|is|was|are|were|has|have|had|will|would|can|could"
    return re.compile(rf"^\W*(?:and\s+)?(?:which|what)\s+(?P<np>(?:{modifier}\s+)?(?P<noun>{word}))\s+(?:{aux})\b", re.IGNORECASE)


@cache
def _generic_terms() -> frozenset[str]:
    """Nouns that ask for a kind of answer ("what share", "which year"), not about a thing."""
    return frozenset(load("questions")["generic_terms"])


def _group(members: list[Entity]) -> Referent:
    """Several entities named together: a group of people, or (plural) organisations or places."""
    names = [m.name for m in dict.fromkeys(members)]
    kind = "group" if all(m.kind == "person" for m in members) else members[0].kind
    return Referent(GROUP + "+".join(sorted(names)), " and ".join([", ".join(names[:-1]), names[-1]]), kind, True)


def _plural_names(text: str, catalogue: EntityCatalogue | None) -> list[tuple[int, Referent]]:
    """Plural forms of a place's demonym ("the Dravenians") and plural names the corpus uses of no entity ("the
    Greens"): a group."""
    if catalogue is None:
        return []
    found = []
    for match in re.finditer(r"\b([A-Za-z][\w\-]+)s\b", text):
        said = match.group(1)[:1].upper() + match.group(1)[1:]  # typed in lower case too: "the europeans"
        entity = catalogue.resolve(said)
        demonym = entity is not None and entity.kind == "place" and said != entity.name and said in entity.aliases
        plural = f"{said}s"
        if demonym or (match.group()[0].isupper() and entity is None and catalogue.resolve(plural) is None and plural in catalogue.names):
            found.append((match.start(), Referent(f"plural:{plural.lower()}", f"the {plural}", "group", True)))
    return found


def _is_entity(phrase: Phrase, catalogue: EntityCatalogue | None) -> bool:
    return catalogue is not None and catalogue.resolve(phrase.text) is not None


def _question_weights(question: str, intent: QueryIntent, catalogue: EntityCatalogue | None) -> dict[Entity, tuple[float, int]]:
    """Salience and position of each entity of a question: a person described by a role ("his protégé") most,
    one named as the possessor of something ("the minister's deputy") least."""
    lowered = question.lower()
    weights = {entity: (QUESTION_WEIGHT, max(lowered.find(entity.name.lower()), 0)) for entity in intent.entities}
    if catalogue is not None:
        for entity, start, end in catalogue.entities_in(question):
            own = weights.get(entity, (QUESTION_WEIGHT, start))[0]  # an alias inside a role phrase read as another entity
            weights[entity] = (ANSWER_WEIGHT if possessive(question, end) else own, start)
    for phrase, entity in intent.roles:
        start = lowered.find(phrase.lower())
        possessor = phrase.endswith(("'s", "’s")) or (start >= 0 and possessive(question, start + len(phrase)))
        weights[entity] = (ANSWER_WEIGHT if possessor else ANSWERED_WEIGHT, max(start, 0))
    return weights
