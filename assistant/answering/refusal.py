"""Decide, from the evidence retrieved, whether the corpus answers a question before answering it.

A question is covered when some retrieved sentence supports it (embedding similarity plus shared terms
above a floor chosen on the dev set) and, when the question asks for a kind of thing (a person, a date,
a figure, what someone said), a well-supported sentence holds one. A name the corpus never uses
declines only when it is what the question is about (an organisation or a person the corpus does not
know), not for any unknown capitalised word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from assistant import messages
from assistant.answering.answer_type import answer_spans, bounds_a_span, money_question
from assistant.answering.events import AFTER_DID, DID, asked_event
from assistant.answering.expectations import only_expected
from assistant.answering.extractive import selection_terms
from assistant.answering.reasons import unexplained
from assistant.answering.specifics import asked_specific
from assistant.answering.unknown_names import WHO_IS, unknown_holder, unknown_relative, unknown_subjects, unknown_words
from assistant.corpus.notes import lifted_note_number
from assistant.data import load
from assistant.discourse import chunk_as_read
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.dates import dated_expressions
from assistant.retrieval.query import AnswerType, QueryIntent, document_terms
from assistant.text import alternatives, content_terms, matching_terms, term_share, word_root
from assistant.types import Chunk, Passage

LEXICAL_WEIGHT = 0.5
"""Weight of shared terms in a sentence's support (as in the extractive scorer)."""
MIN_SUPPORT = 0.38
"""Best sentence support below which nothing retrieved is close to the question (chosen on the dev split, eval/gold.jsonl)."""
MIN_UNFOCUSED_SIMILARITY = 0.38
"""Similarity a sentence needs to count as close to the question without sharing a word of what it asks
about (dev-chosen)."""
MIN_FOCUSED_SIMILARITY = 0.2
"""Similarity a sentence sharing such a word needs: below it the word is used of something else
("the region's capitals" for "the capital of Norrvik")."""
WINDOW = 0
"""Sentences either side of one that count as naming things together with it."""
ACROSS_SENTENCES = ("opinion",)
"""Answer types whose holder may be named in the sentence before the one that answers."""
COUNTERPART_TYPES = ("place", "organisation")
"""What else answers a question for the other party of what someone did ("Who did Berg negotiate with?": a country)."""
NAMED_TYPES = ("date", "place", "number")
"""Answer types whose answering sentence must name the people and bodies the question names."""
EXACT_TYPES = ("number",)
"""Answer types whose answer must be about exactly what was asked: a figure for another group or thing
is no answer, so the words around the figure share a term of the question and every name in it is known."""
EXACT_REACH = 5
"""Words either side of a figure that say what it is of."""
_COUNTED = re.compile(
    r"\b(?:how\s+many|(?:share|percentage|per\s*cent|proportion|fraction)\s+of(?:\s+the)?)\s+"
    r"(?P<counted>(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|could|can|of|more|in|at|from|who|that"
    r"|say|said|think|thought|believe[sd]?|want(?:s|ed)?|support(?:s|ed)?|back(?:s|ed)?|favou?r(?:s|ed)?|oppose[sd]?|approve[sd]?)\b)"
    r"[\w\-]+\s+){1,3})",
    re.IGNORECASE,
)
"""The words a question for a count or a share counts, up to its verb or place ("how many Dravenian soldiers
have …", "what share of voters in the poll …")."""
_CLAUSE_BREAK = re.compile(r"[();:]|\band\s+(?=(?:a|an|the|their|his|her|its)\s)", re.IGNORECASE)
"""Where a clause ends: brackets, a semicolon or colon, "and" before a new noun phrase."""
_COUNTERPART = re.compile(r"\b(?:with|to|from|against)\s*(?:(?:on|in|at|during|after|before)\s[^?]*)?\?\s*$", re.IGNORECASE)
"""A question for the other party of something a person did ("… did Berg negotiate with (in May)?")."""
_MET = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:who|whom|which(?:\s+[\w\-]+){1,2})\s+did\s+.+?\s+(?:meet|see|visit)\b", re.IGNORECASE
)
"""A question for whom someone met ("Who did Berg meet on the trip?", "Which officials did Berg meet?")."""
_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
"""Words right before a place that set something in it ("at the Saltby talks")."""
_WHO = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who|whom)\b", re.IGNORECASE)
_THAN = re.compile(r"(?<!\brather )(?<!\bother )\bthan\s+(?P<rest>.+)", re.IGNORECASE)
"""A comparison and what it compares with ("worse than Berg's"), not "rather than" or "other than"."""
SentenceVectors = Callable[[Chunk], np.ndarray]


@dataclass(frozen=True)
class Coverage:
    covered: bool
    reason: str = ""
    support: float = 0.0
    """The best sentence support found (for tuning and reports)."""


@cache
def typed_support_floor(model: str) -> float:
    """Support a sentence holding the asked-for kind of thing needs to count as answering, on the scale of
    embedding model `model` (similarity.yaml; unlisted models use its default)."""
    floors = load("similarity")
    return float(floors["models"].get(model, floors["default"])["typed_support"])


def assess_coverage(
    intent: QueryIntent,
    passages: list[Passage],
    query_vector: np.ndarray,
    sentence_vectors: SentenceVectors,
    query: str = "",
    model: str = "",
) -> Coverage:
    """Covered when a retrieved sentence supports the question and, for typed questions, holds the answer.
    `query` is the text searched with, when it adds words to the question (a brief's authors); `model` the
    label of the embedding model, whose similarity scale sets the floor for typed answers."""
    unknown = unknown_subjects(intent)
    if unknown:
        return Coverage(False, messages.NEVER_MENTIONS.format(names=", ".join(unknown)))
    if intent.lists_sources:  # "What sources does the brief cite?": covered when it has notes
        noted = any(lifted_note_number(passage.chunk.text) is not None for passage in passages)
        return Coverage(noted, "" if noted else messages.NO_SOURCES, 1.0 if noted else 0.0)
    sentences = [
        (read, context, float(similarity))
        for passage in passages
        for read, context, similarity in zip(
            chunk_as_read(passage.chunk), _in_context(passage.chunk, intent), sentence_vectors(passage.chunk) @ query_vector
        )
    ]
    searched = query or intent.search_text
    scored = [
        (similarity + LEXICAL_WEIGHT * term_share(searched, read, matching_terms), context) for read, context, similarity in sentences
    ]
    best = max((support for support, _ in scored), default=0.0)
    if best < MIN_SUPPORT:
        return Coverage(False, messages.NOTHING_CLOSE, best)
    if _after_the_documents(intent):
        return Coverage(False, messages.AFTER_THE_DOCUMENT, best)
    apart = _never_together(intent, passages)
    if apart:
        return Coverage(False, messages.NEVER_TOGETHER.format(names=" and ".join(apart)), best)
    uncompared = _comparison_not_made(intent, passages)
    if uncompared:
        return Coverage(False, messages.NO_COMPARISON.format(name=uncompared), best)
    holder = unknown_holder(intent) or unknown_relative(intent)
    if holder:
        return Coverage(False, messages.NEVER_MENTIONS.format(names=holder), best)
    if intent.answer_type in EXACT_TYPES:
        strangers = unknown_words(intent)
        if strangers:
            return Coverage(False, messages.NEVER_MENTIONS.format(names=", ".join(strangers)), best)
    if intent.answer_type:
        focus = focus_terms(intent) | intent.added_by_search(query, content_terms)
        reads = [read for read, _, _ in sentences]
        typed = max(_typed_support(intent, kind, scored, focus, reads) for kind in (intent.answer_type, intent.also_asks) if kind)
        if typed < typed_support_floor(model):
            return Coverage(False, messages.NOT_SAID[intent.answer_type], typed)
    specific = asked_specific(intent)
    if specific is not None:
        about = {term for term in focus_terms(intent) if not specific.one_of_its_words(term)}
        reported = [
            support
            for support, text in scored
            if specific.said_in(text)
            and (not about or about & set(content_terms(text)))
            and (not specific.holds_answer or not intent.answer_type or answer_spans(intent, text))
        ]
        if max(reported, default=0.0) < typed_support_floor(model):
            return Coverage(False, messages.NOT_REPORTED.format(what=specific.what), best)
    why, did = asked_event(intent.question), asked_event(intent.question, DID) or asked_event(intent.question, AFTER_DID)
    told = [_sentences(passage.chunk) for passage in passages] if why or did else []
    if why and unexplained(why, told):
        return Coverage(False, messages.NO_REASON, best)
    if did and only_expected(did, told):
        return Coverage(False, messages.ONLY_EXPECTED, best)
    if _off_focus(intent, [(read, similarity) for read, _, similarity in sentences]):
        named = " and ".join(entity.name for entity in intent.entities[:2])
        return Coverage(False, messages.NOTHING_ABOUT.format(names=named) if named else messages.NOTHING_CLOSE, best)
    return Coverage(True, support=best)


def _typed_support(intent: QueryIntent, kind: AnswerType, scored: list[tuple[float, str]], focus: set[str], reads: list[str]) -> float:
    """The best support of a sentence holding the `kind` of thing asked for (for an exact type, one whose words
    around the answer share a focus term of the question and, for a figure, a word of what it counts); for
    "Who is X?", of a sentence naming X. For NAMED_TYPES the sentence, read with what it leans on (`reads`),
    names every person and body the question names ("When did Berg meet Lind?" is not answered by a date
    of Lind's meeting with someone else); for a person, every place the question sets it in ("at the Saltby
    talks") and, for whom a named person met or dealt with, that person."""
    asked = [replace(intent, answer_type=kind, also_asks="")]
    needs_focus = kind in EXACT_TYPES and bool(focus)
    if kind == "person" and set(content_terms(intent.question)) & _member_terms():  # "Who headed the delegation?"
        focus, needs_focus = set(_member_terms()), True
    attended = _attended().search(intent.question) if kind == "person" else None
    if attended:  # "Who else was at Lind's visit?": a sentence of a meeting or visit
        focus, needs_focus = set(_event_terms()), True
    counterpart = kind == "person" and (_COUNTERPART.search(intent.question) or _MET.search(intent.question))
    if counterpart:
        if _WHO.match(intent.question):  # "Who did Berg negotiate with?": a country or body answers too
            asked += [replace(intent, answer_type=other, also_asks="") for other in COUNTERPART_TYPES]
        if any(e.kind == "person" for e in intent.entities):
            needs_focus = bool(focus)  # "Which officials did Berg negotiate with?": the other side of what Berg did
    counted = _counted(intent.question) if kind == "number" else set()
    described = _described(intent) if kind == "person" else set()
    parties = _named_parties(intent) if kind in NAMED_TYPES else set()
    if kind == "person":
        parties |= _located_in(intent)
        if counterpart:  # "Who did Berg meet in May?" is answered where Berg is named
            parties |= {e.id for e in intent.entities if e.kind == "person"}
    return max(
        (
            support
            for (support, text), read in zip(scored, reads)
            if _names_all(intent, read, parties)
            and (
                (spans := sorted(span for typed in asked for span in answer_spans(typed, text)))
                and _about_what_is_asked(text, spans, focus if needs_focus else set(), counted)
            )
            or (described and _names_any(intent, text, described))
        ),
        default=0.0,
    )


def _located_in(intent: QueryIntent) -> set[str]:
    """The places the question sets what it asks about in ("at the Saltby talks", "in Norrvik"): who took part
    there is answered only where the place is named."""
    if intent.catalogue is None:
        return set()
    return {
        entity.id
        for entity, start, _ in intent.catalogue.entities_in(intent.question)
        if entity.kind == "place" and _LOCATIVE.search(intent.question[:start])
    }


def _named_parties(intent: QueryIntent) -> set[str]:
    """The people and organisations the question names by name (not by a role it was read as), when it names
    more than one: what they did together is asked ("When did Berg meet Lind?"); of one, the time may be told
    without the name ("Following the summit, he joined the talks")."""
    if intent.catalogue is None:
        return set()
    named = {e.id for e in _parties_by_name(intent)}
    return named if len(named) > 1 else set()


def _parties_by_name(intent: QueryIntent) -> list[Entity]:
    """The people and organisations the question names by name, in order (not one a role of it was read as)."""
    return [e for e in intent.entities if e.kind != "place" and all(e is not r for _, r in intent.roles)]


def _names_all(intent: QueryIntent, text: str, ids: set[str]) -> bool:
    """Whether `text` names every one of the entities `ids` (so, when there are none)."""
    return not ids or (intent.catalogue is not None and ids <= _named_ids(text, intent.catalogue))


def _about_what_is_asked(text: str, spans: list[tuple[int, int]], focus: set[str], counted: set[str]) -> bool:
    """Whether the words around the answer spans share a focus term of the question (when given) and a word
    of what it counts (when given), a verb meeting its noun ("negotiate", "negotiations")."""
    if not focus and not counted:
        return True
    around = {word_root(term) for term in _terms_around(text, spans)}

    def met(asked: set[str]) -> bool:
        return not asked or bool({word_root(term) for term in asked} & around)

    return met(focus) and met(counted)


def _counted(question: str) -> set[str]:
    """What "how many N" or "what share of N" counts ("how many Dravenian soldiers": dravenian, soldier), with the
    document terms of its words, when the question names it and it is not a word for the kind of answer ("how
    many times"). "How much" is left to units and sums."""
    match = _COUNTED.search(question)
    if match is None or money_question(question):
        return set()
    counted = match.group("counted")  # in the document's terms too ("GOP supporters": Republican)
    return set(content_terms(" ".join((counted, *document_terms(counted))))) - _generic_terms()


def _described(intent: QueryIntent) -> set[str]:
    """The people "Who is X?" asks about (their description is the answer, not another person)."""
    if intent.catalogue is None or not WHO_IS.match(intent.question):
        return set()
    return {entity.id for entity in intent.entities if entity.kind == "person"}


def _names_any(intent: QueryIntent, text: str, ids: set[str]) -> bool:
    """Whether `text` names one of the entities `ids`."""
    assert intent.catalogue is not None
    return any(entity.id in ids for entity, _, _ in intent.catalogue.entities_in(text))


def _terms_around(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """Content terms within EXACT_REACH words of an answer span, in its clause: what a figure counts ("86% of
    voters"), not what the next clause is about ("a call with Berg and a delegation met …"); before a date that
    ends or starts a span of time, the whole clause (what lasted)."""
    terms: set[str] = set()
    for start, end in spans:
        opened = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
        closed = _CLAUSE_BREAK.search(text, end)
        before = re.findall(r"\S+", text[opened[-1] if opened else 0 : start])
        before = before if bounds_a_span(text[:start]) else before[-EXACT_REACH:]  # "X lasted until <date>": about X
        after = re.findall(r"\S+", text[end : closed.start() if closed else len(text)])[:EXACT_REACH]
        terms |= set(content_terms(" ".join([*before, text[start:end], *after])))
    return terms


def _off_focus(intent: QueryIntent, sentences: list[tuple[str, float]]) -> bool:
    """Whether no retrieved sentence (read with what it leans on, and its similarity to the question) shares
    a word of what the question asks about (beyond the names it gives: "How old is Berg?" asks about age)
    and none is close in meaning either: the corpus names the question's people and places but says
    nothing of the matter."""
    focus = set(selection_terms(" ".join(sorted(focus_terms(intent)))))
    if not focus:
        return False
    return not any(
        similarity >= MIN_UNFOCUSED_SIMILARITY or (similarity >= MIN_FOCUSED_SIMILARITY and focus & set(selection_terms(read)))
        for read, similarity in sentences
    )


def focus_terms(intent: QueryIntent) -> set[str]:
    """What the question is about, beyond the names it gives and the kind of answer it wants:
    a sentence that answers it shares one of these terms."""
    named = {term for entity in intent.entities for alias in (entity.name, *entity.aliases) for term in content_terms(alias)}
    return set(content_terms(f"{intent.question} {' '.join(intent.terms)}")) - named - _generic_terms()


@cache
def _member_terms() -> frozenset[str]:
    """The terms of the nouns for a body of people at a meeting (questions.yaml `member_nouns`)."""
    return frozenset(content_terms(" ".join(load("questions")["member_nouns"])))


@cache
def _event_terms() -> frozenset[str]:
    """The terms of the head nouns of events (conversation.yaml `event_heads`: summit, meeting, visit …)."""
    return frozenset(content_terms(" ".join(load("conversation")["event_heads"])))


@cache
def _attended() -> re.Pattern[str]:
    """A question for who was at an event ("Who was at Lind's Saltby visit?"; conversation.yaml `event_heads`), or who
    else was somewhere ("Who else from the council was in the hall?")."""
    return re.compile(
        r"^\W*(?:(?:and|so|but)\s+)?who\s+(?:else\s+(?:\w+\s+){0,4}?(?:was|were)\s+(?:at|in|during)\b|"
        r"(?:else\s+)?(?:was|were|is|are|took\s+part|attended|sat)\b.*?\b(?:at|in|during)\s+"
        rf"(?:(?:the|that|this)\s+)?(?:[\w.'’\-]+\s+){{0,3}}?(?:{alternatives(load('conversation')['event_heads'])})\b)",
        re.IGNORECASE,
    )


@cache
def _generic_terms() -> frozenset[str]:
    """The terms of the words that say what kind of answer is wanted (questions.yaml `generic_terms`)."""
    return frozenset(content_terms(" ".join(load("questions")["generic_terms"])))


def _after_the_documents(intent: QueryIntent) -> bool:
    """Whether the question asks how something turned out at a date after the corpus was written."""
    catalogue = intent.catalogue
    if catalogue is None or not catalogue.document_dates:
        return False
    words = load("questions")["outcome_words"]
    if not re.search(r"\b(?:" + "|".join(words) + r")\b", intent.question, re.IGNORECASE):
        return False
    written = max(day for _, day in catalogue.document_dates)
    asked = dated_expressions(intent.question, int(written[:4]))
    return any(expression.iso[: len(written)] > written[: len(expression.iso)] for expression in asked if expression.explicit_year)


def _never_together(intent: QueryIntent, passages: list[Passage]) -> list[str]:
    """People and organisations the question names together that no retrieved sentence (with its
    neighbours) names together; none for a question asking which source is cited (it may name the publisher)."""
    catalogue = intent.catalogue
    named = _parties_by_name(intent)
    if catalogue is None or len(named) < 2 or intent.asks_source:  # "Which Tidings piece is cited for Berg's view?"
        return []
    wanted = {e.id for e in named}
    for passage in passages:
        sentences = [_named_ids(text, catalogue) for text in _sentences(passage.chunk)]
        for i in range(len(sentences)):
            if wanted <= set().union(*sentences[max(i - WINDOW, 0) : i + WINDOW + 1]):
                return []
    return [e.name for e in named]


def _comparison_not_made(intent: QueryIntent, passages: list[Passage]) -> str:
    """The party a question compares with ("worse than Berg's"), when no retrieved sentence naming it shares
    a term of what is compared; "" otherwise, and for "rather than"."""
    catalogue = intent.catalogue
    compared = _THAN.search(intent.question)
    if catalogue is None or compared is None or not (named := catalogue.entities_in(compared.group("rest"))):
        return ""
    party = named[0][0]
    about = focus_terms(intent) - set(content_terms(compared.group(0)))
    for passage in passages:
        for text in _sentences(passage.chunk):
            if party.id in _named_ids(text, catalogue) and about & set(content_terms(text)):
                return ""
    return party.name


def _named_ids(text: str, catalogue: EntityCatalogue) -> set[str]:
    """The entities `text` names, with the possessor inside an alias ("Berg's special envoy" names Berg too)
    and the people it calls by a role the catalogue reads as them ("the US president")."""
    found = catalogue.entities_in(text)
    surfaces = [text[start:end].replace("’", "'") for _, start, end in found]
    owners = [surface.split("'s ")[0] for surface in surfaces if "'s " in surface]
    called = catalogue.people_called_in(text, found)
    return {e.id for e, _, _ in found + called} | {e.id for owner in owners for e, _, _ in catalogue.entities_in(owner)}


def _sentences(chunk: Chunk) -> list[str]:
    return [chunk.text[start:end] for start, end in chunk.sentences]


def _in_context(chunk: Chunk, intent: QueryIntent) -> list[str]:
    """Each sentence, preceded by the one before it where the answer type reads across sentences
    (what someone thinks: "Berg … . In his view, …")."""
    sentences = _sentences(chunk)
    if intent.answer_type not in ACROSS_SENTENCES:
        return sentences
    return [f"{sentences[i - 1]} {text}" if i else text for i, text in enumerate(sentences)]
