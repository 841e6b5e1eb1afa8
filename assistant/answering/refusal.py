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
from dataclasses import dataclass
from functools import cache

import numpy as np

from assistant import messages
from assistant.answering.answer_type import answer_spans
from assistant.answering.events import AFTER_DID, DID, DID_END_UP, DID_IN_THE_END, DID_YET, WHEN_DID, WHY_MADE, WHY_WAS, asked_event
from assistant.answering.expectations import never_reported, only_expected
from assistant.answering.extractive import selection_terms
from assistant.answering.instances import asked_by_what_is_done, asked_instances, done_only_vaguely, named_only_vaguely
from assistant.answering.reasons import unexplained
from assistant.answering.source_findings import asked_findings, findings_reported
from assistant.answering.specifics import asked_specific
from assistant.answering.typed_support import EXACT_TYPES, lexicon_terms, named_ids, parties_by_name, typed_support
from assistant.answering.unknown_names import (
    unknown_holder,
    unknown_relative,
    unknown_subjects,
    unknown_words,
    unmentioned_group,
    unmentioned_year,
)
from assistant.answering.untold import told_without
from assistant.corpus.notes import lifted_note_number
from assistant.data import load
from assistant.discourse import chunk_as_read
from assistant.index.catalogue import EntityCatalogue
from assistant.index.dates import dated_expressions
from assistant.retrieval.query import QueryIntent, document_term, matches_patterns
from assistant.text import cites_a_note, content_terms, fold_name, matching_terms, term_share, word_beginnings
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
_TOLD_BY_EVENT = ("date", "place")
"""Answer types a when- or where-question about an event needs in a sentence that reports the event."""
_THAN = re.compile(r"(?<!\brather )(?<!\bother )\bthan\s+(?P<rest>[^,;?]+)", re.IGNORECASE)
"""A comparison and what it compares with, up to the clause's end ("worse than Berg's, according to the poll"), not
"rather than" or "other than"."""
_COMPARED_WITH = re.compile(r"\b(?:compare[sd]?|comparison|stacks?\s+up)\s+(?:with|to|against)\s+(?P<rest>[^,;?]+)", re.IGNORECASE)
"""A comparison and what it compares with ("How does it compare with the old plan?")."""
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
    year = unmentioned_year(intent)
    if year:  # "How did Lind react when Berg resigned in 2014?"
        return Coverage(False, messages.NEVER_MENTIONS.format(names=year), best)
    apart = _never_together(intent, passages)
    if apart:
        return Coverage(False, messages.NEVER_TOGETHER.format(names=" and ".join(apart)), best)
    uncompared = _comparison_not_made(intent, passages)
    if uncompared:
        return Coverage(False, messages.NO_COMPARISON.format(name=uncompared), best)
    holder = unknown_holder(intent) or unknown_relative(intent) or unmentioned_group(intent, [p.chunk.text for p in passages])
    if holder:
        return Coverage(False, messages.NEVER_MENTIONS.format(names=holder), best)
    if intent.answer_type in EXACT_TYPES:
        strangers = unknown_words(intent)
        if strangers:
            return Coverage(False, messages.NEVER_MENTIONS.format(names=", ".join(strangers)), best)
    if intent.answer_type:
        focus = focus_terms(intent) | intent.added_by_search(query, content_terms)
        reads = [read for read, _, _ in sentences]
        typed = max(typed_support(intent, kind, scored, focus, reads) for kind in (intent.answer_type, intent.also_asks) if kind)
        if typed < typed_support_floor(model):
            return Coverage(False, messages.NOT_SAID[intent.answer_type], typed)
    specific = asked_specific(intent)
    if specific is not None:
        about = {fold_name(term) for term in specific.topics(intent.question) or focus_terms(intent) if not specific.one_of_its_words(term)}
        reported = [
            support
            for support, text in scored
            if specific.said_in(text, intent.question)
            and (not about or about & set(matching_terms(text)))
            and (not specific.holds_answer or not intent.answer_type or answer_spans(intent, text))
        ]
        if max(reported, default=0.0) < typed_support_floor(model):
            return Coverage(False, messages.NOT_REPORTED.format(what=specific.what), best)
    supported = [text for support, text in scored if support >= typed_support_floor(model)]
    findings = asked_findings(intent)
    if findings is not None and not findings_reported(findings, supported):
        return Coverage(False, messages.NOT_REPORTED.format(what="what that publication concluded about this"), best)
    instances = asked_instances(intent)
    if instances and named_only_vaguely(instances, supported):
        return Coverage(False, messages.NOT_WHICH, best)
    things, done = asked_by_what_is_done(intent)
    if done and done_only_vaguely(things, done, supported):  # "Which sanctions might be lifted?" — "it could lift some"
        return Coverage(False, messages.NOT_WHICH, best)
    why = asked_event(intent.question) or asked_event(intent.question, WHY_WAS)
    made = asked_event(intent.question, WHY_MADE)
    did = next(filter(None, (asked_event(intent.question, shape) for shape in (DID, DID_IN_THE_END, AFTER_DID))), None)
    when = asked_event(intent.question, WHEN_DID) if intent.answer_type in _TOLD_BY_EVENT else None
    told = [_sentences(passage.chunk) for passage in passages] if why or did or when else []
    if why and (unexplained(why, told) or (made and never_reported(made, told))):
        return Coverage(False, messages.NO_REASON, best)
    if did and only_expected(did, told):
        return Coverage(False, messages.ONLY_EXPECTED, best)
    outcome = asked_event(intent.question, DID_END_UP) or asked_event(intent.question, DID_YET)
    if outcome and never_reported(outcome, told):  # "Did the Senate end up passing it?", "Has Lind accepted it yet?"
        return Coverage(False, messages.NOT_REPORTED.format(what="whether that happened"), best)
    if when and told_without(when, intent, told):
        return Coverage(False, messages.NOT_SAID[intent.answer_type], best)
    if _off_focus(intent, [(read, similarity) for read, _, similarity in sentences]):
        named = " and ".join(entity.name for entity in intent.entities[:2])
        return Coverage(False, messages.NOTHING_ABOUT.format(names=named) if named else messages.NOTHING_CLOSE, best)
    return Coverage(True, support=best)


def _off_focus(intent: QueryIntent, sentences: list[tuple[str, float]]) -> bool:
    """Whether no retrieved sentence (read with what it leans on, and its similarity to the question) shares
    a word of what the question asks about (beyond the names it gives: "How old is Berg?" asks about age)
    and none is close in meaning either: the corpus names the question's people and places but says
    nothing of the matter. For a question about which source a passage cites, a sentence citing a note that shares such
    a word is close enough, however far its wording (the question is mostly about the source)."""
    focus = set(selection_terms(" ".join(sorted(focus_terms(intent)))))
    if not focus:
        return False
    return not any(
        similarity >= MIN_UNFOCUSED_SIMILARITY
        or ((similarity >= MIN_FOCUSED_SIMILARITY or (intent.asks_source and cites_a_note(read))) and focus & set(selection_terms(read)))
        for read, similarity in sentences
    )


def focus_terms(intent: QueryIntent) -> set[str]:
    """What the question is about, beyond the names it gives and the kind of answer it wants:
    a sentence that answers it shares one of these terms."""
    asked = set(content_terms(f"{intent.question} {' '.join(intent.terms)}"))
    return asked - intent.named_terms - lexicon_terms("questions", "generic_terms")


def _after_the_documents(intent: QueryIntent) -> bool:
    """Whether the question asks how something turned out at a date after the corpus was written, or since it
    was written ("since the brief came out")."""
    if matches_patterns("since_written", intent.question):
        return True
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
    neighbours, and the people its pronouns may point back at) names together; none for a question asking which source
    is cited (it may name the publisher) or which of them something is true of ("Which of Berg and Lind is …?")."""
    catalogue = intent.catalogue
    named = parties_by_name(intent)
    if catalogue is None or len(named) < 2 or intent.asks_source or _PICKS_ONE.match(intent.question):
        return []  # "Which Tidings piece is cited for Berg's view?", "Which of Berg and Lind chairs it?"
    wanted = {e.id for e in named}
    for passage in passages:
        sentences = [named_ids(text, catalogue) for text in _sentences(passage.chunk)]
        sentences = _with_people_pointed_at(sentences, _sentences(passage.chunk), catalogue)
        for i in range(len(sentences)):
            if wanted <= set().union(*sentences[max(i - WINDOW, 0) : i + WINDOW + 1]):
                return []
    return [e.name for e in named]


_PICKS_ONE = re.compile(r"^\W*(?:and\s+|so\s+)?(?:which|who)(?:\s+one)?\s+of\s+[^?]+?\s+and\s+", re.IGNORECASE)
"""A question for which of the parties it names something is true of."""
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|him|his|she|her)\b", re.IGNORECASE)


def _with_people_pointed_at(named: list[set[str]], texts: list[str], catalogue: EntityCatalogue) -> list[set[str]]:
    """Each sentence's named entities, with the people earlier sentences of its passage name where it points back at a
    person ("… regardless of his relationship with Lind" after sentences about Berg)."""
    seen: set[str] = set()
    read = []
    for ids, text in zip(named, texts):
        read.append(ids | seen if _PERSONAL_PRONOUN.search(text) else ids)
        seen |= {i for i in ids if (entity := catalogue.by_id(i)) is not None and entity.kind == "person"}
    return read


def _comparison_not_made(intent: QueryIntent, passages: list[Passage]) -> str:
    """What a question compares with ("worse than Berg's", "compared with the old plan"), when no retrieved
    sentence naming it shares a term of what is compared and makes a comparison (questions.yaml
    `comparison_cues`), or, for a thing the corpus does not name, when no retrieved sentence holds all its words;
    "" otherwise, and for "rather than"."""
    catalogue = intent.catalogue
    compared = _THAN.search(intent.question) or _COMPARED_WITH.search(intent.question)
    if catalogue is None or compared is None:
        return ""
    if not (named := catalogue.entities_in(compared.group("rest"))):
        return _unmentioned(compared.group("rest"), passages)
    party = named[0][0]
    about = focus_terms(intent) - set(content_terms(compared.group(0)))
    compares = word_beginnings("questions", "comparison_cues")
    for passage in passages:
        for text in _sentences(passage.chunk):
            if party.id in named_ids(text, catalogue) and about & set(content_terms(text)) and compares.search(text):
                return ""
    return party.name


def _unmentioned(thing: str, passages: list[Passage]) -> str:
    """`thing` (tidied) when no retrieved sentence holds all its content words, in the documents' terms too;
    "" otherwise."""
    words = set(content_terms(thing)) - lexicon_terms("questions", "generic_terms") - {"one", "ones"}  # "the other one"
    if not words:
        return ""
    for passage in passages:
        for text in _sentences(passage.chunk):
            held = set(content_terms(text))
            if all(word in held or set(content_terms(document_term(word) or "")) & held for word in words):
                return ""
    return thing.strip().rstrip(".!")


def _sentences(chunk: Chunk) -> list[str]:
    return [chunk.text[start:end] for start, end in chunk.sentences]


def _in_context(chunk: Chunk, intent: QueryIntent) -> list[str]:
    """Each sentence, preceded by the one before it where the answer type reads across sentences
    (what someone thinks: "Berg … . In his view, …")."""
    sentences = _sentences(chunk)
    if intent.answer_type not in ACROSS_SENTENCES:
        return sentences
    return [f"{sentences[i - 1]} {text}" if i else text for i, text in enumerate(sentences)]
