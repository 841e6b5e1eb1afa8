"""Extractive backend: picks the passage sentences that best answer the question (no LLM)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from assistant.answering.answer_type import holds_answer
from assistant.answering.base import AnswerRequest
from assistant.answering.citations import SentenceVectors
from assistant.answering.expectations import asks_what_next, says_what_next
from assistant.answering.verification.reading import pole_terms
from assistant.corpus.notes import lifted_note_number
from assistant.data import word_set
from assistant.discourse import chunk_as_read, leans_back, opens_frame, refers_back, says_instead
from assistant.index.dates import ANY_YEAR, dated_expressions
from assistant.retrieval.query import QueryIntent, understand
from assistant.text import footnote_numbers, matching_terms, metonym_groups, shared
from assistant.types import Chunk

LEXICAL_WEIGHT = 0.5
FOCUS_WEIGHT = 0.08
"""Weight of the share of the question's terms beyond its names a sentence holds (what it asks about, "equals" in
"Does Berg treat Lind and Moss as equals?", not who): chosen on the dev split (0.07–0.13 gave the same gain)."""
DISTINCTIVE_BONUS = 0.1
"""Added when a sentence holds a term the question's words were read as ("equals" for "on the same footing") that
few retrieved sentences hold: the reader's own words share little else with it. Chosen on dev (0.1–0.2)."""
DISTINCTIVE_AT_MOST = 2
"""Most retrieved sentences such a term may be in (1–3 gave the same gain on dev)."""
CASE_BONUS = 0.1
"""Added to a sentence of the scenario the question names ("in the optimistic scenario"). Chosen on dev: facts
found 0.952 → 0.954 with that scenario's passages added alone, 0.956 with 0.1 or 0.2 added to its sentences."""
SUBJECT_BONUS = 0.1
"""Added to a sentence whose subject is the party a question asks about ("How has Marisca behaved?": "Instead, it has
focused on …" after a sentence opening with Marisca) rather than one that names it in passing. Chosen on dev: 0.1
found 1 more case, 0.15 found 4 more and lost 4."""
SUBJECT_REACH = 4
"""Most characters before a name at the start of a sentence or question part for it to be the subject ("the ")."""
_ASKED_OF = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:how|what)\s+(?:has|have|had|did|does|do|is|was|were|are|will|would)\s+(?P<subject>.+)", re.IGNORECASE
)
"""A question about what a party did or how it behaved: its subject follows the auxiliary."""
_CONNECTIVE = re.compile(r"^(?:[A-Z][\w\-]*(?:\s+[\w\-]+){0,3},\s+)?")
"""A connective opening a sentence ("Instead, ", "For this reason, "), or none."""
_SUBJECT_PRONOUN = re.compile(r"^(?:it|he|she|they)\b", re.IGNORECASE)
RANK_PRIOR = 0.03
RELATIVE_CUTOFF = 0.8
"""Sentences scoring below this share of the best one are left out."""
REDUNDANT_SIMILARITY = 0.9
MAX_WORDS = 130
"""Most words an answer runs to: room for four sentences of analytical prose (about 30 words each)."""
ANSWER_TYPE_BONUS = 0.15
"""Added when a sentence holds the kind of thing the question asks for (a person, a date, a number), or says
what was done instead when the question asks that."""
LEADING_TYPES = ("person", "date", "place", "organisation", "number")
"""Answer types whose answering sentence is put first."""
FOLLOWING_SENTENCES = 2
"""Sentences an answer to "what happened after …?" gives."""
NEXT_CHUNK_GAP = 100
"""Most characters between a chunk and the next one of its document (a heading between them)."""
ANTECEDENT_CHAIN = 2
"""Most sentences an answer to a who-question brings along by leaning back ("He …" after "However, he …" after the one
naming him); one for other questions."""
CONTEXT_SHARE = 0.5
"""Share of the previous sentence's score a sentence inherits when it refers back to it."""


@dataclass(frozen=True)
class _Candidate:
    passage_number: int
    sentence: int
    text: str
    score: float
    vector: np.ndarray


class ExtractiveBackend:
    """Short answers made of verbatim sentences, each followed by its passage marker."""

    name = "extractive"

    def __init__(self, sentence_vectors: SentenceVectors, max_sentences: int = 4) -> None:
        self._sentence_vectors = sentence_vectors
        self._max_sentences = max_sentences

    def draft(self, request: AnswerRequest) -> Iterator[str]:
        chosen = self._select(request)
        text = " ".join(f"{candidate.text} [{candidate.passage_number}]" for candidate in chosen)
        yield from re.findall(r"\S+\s*", text)

    def _select(self, request: AnswerRequest) -> list[_Candidate]:
        candidates = self._candidates(request)
        if not candidates:
            return []
        intent = request.intent or understand(request.question)
        if intent.asks_what_followed:
            sequel = _what_followed(candidates, request)
            if sequel:
                return sequel
        if intent.asks_source:
            sourced = _with_its_note(candidates, request)
            if sourced:
                return sourced
        if intent.lists_sources:  # every note, in order: a list of sources is not cut to the word budget
            return [c for c in candidates if c.sentence == 0 and lifted_note_number(request.passages[c.passage_number - 1].chunk.text)]
        best = max(candidate.score for candidate in candidates)
        chosen: list[_Candidate] = []
        words = 0
        for candidate in sorted(candidates, key=lambda c: -c.score):
            if candidate.score < best * RELATIVE_CUTOFF or len(chosen) >= self._max_sentences:
                break
            if any(float(candidate.vector @ other.vector) > REDUNDANT_SIMILARITY for other in chosen):
                continue
            additions = [candidate]
            antecedent = self._antecedent(candidate, candidates)
            for _ in range(ANTECEDENT_CHAIN if intent.answer_type == "person" else 1):  # "He is …" after "However, he …": who he is
                if antecedent is None or antecedent in chosen:
                    break
                additions.insert(0, antecedent)
                antecedent = self._antecedent(antecedent, candidates)
            size = sum(len(c.text.split()) for c in additions)
            if chosen and words + size > MAX_WORDS:
                continue
            chosen.extend(additions)
            words += size
            follower = self._follower(candidate, candidates)
            if follower and follower not in chosen and words + len(follower.text.split()) <= MAX_WORDS:
                chosen.append(follower)
                words += len(follower.text.split())
        if intent.asks_case:  # "Under which scenario …?": the sentence that opens the case says which
            chosen = _with_case_openers(chosen, candidates)
        # Read in document order within a passage, passages in order of their best sentence; a sentence
        # holding what a who/when/which/how-many question asks for leads, with the sentence it leans on.
        first_seen = {c.passage_number: i for i, c in reversed(list(enumerate(chosen)))}
        ordered = sorted(chosen, key=lambda c: (first_seen[c.passage_number], c.sentence))
        if intent.answer_type not in LEADING_TYPES:
            return ordered
        answering = max((c for c in ordered if holds_answer(intent, c.text)), key=lambda c: c.score, default=None)
        if answering is None:
            return ordered
        before = _neighbour(answering, ordered, -1) if refers_back().search(answering.text) else self._antecedent(answering, ordered)
        lead = [c for c in (before, answering) if c is not None]  # "this document" keeps the sentence it points at
        return lead + [c for c in ordered if c not in lead]

    def _candidates(self, request: AnswerRequest) -> list[_Candidate]:
        candidates = []
        intent = request.intent or understand(request.question)
        added = intent.added_by_search(request.question, selection_terms)
        asked = set(selection_terms(intent.selection_text)) | added
        focus = asked - _named_terms(intent) - added
        terms_said = [[set(selection_terms(read)) for read in chunk_as_read(passage.chunk)] for passage in request.passages]
        distinctive = _distinctive_readings(intent, terms_said)
        asked_of = _asked_of(intent)
        looks_ahead = asks_what_next(intent.question)  # "What's next for Lind?": what is expected of Lind
        for number, (passage, said_in) in enumerate(zip(request.passages, terms_said), start=1):
            chunk = passage.chunk
            if not _may_answer_from(chunk, intent):
                continue
            vectors = self._sentence_vectors(chunk)
            similarities = vectors @ request.query_vector
            texts = [chunk.text[start:end] for start, end in chunk.sentences]
            previous = 0.0
            for i, (text, said, similarity) in enumerate(zip(texts, said_in, similarities)):
                own = float(similarity) + LEXICAL_WEIGHT * shared(asked, said) + FOCUS_WEIGHT * shared(focus, said) + RANK_PRIOR / number
                own += DISTINCTIVE_BONUS * bool(distinctive & said) + CASE_BONUS * (text in request.case_sentences)
                own += SUBJECT_BONUS * bool(asked_of and _subject(text, texts[i - 1] if i else "", intent) == asked_of)
                if i and refers_back().search(text):
                    own = max(own, CONTEXT_SHARE * previous + (1 - CONTEXT_SHARE) * own)
                previous = own
                answers = holds_answer(intent, text) or (intent.asks_alternative and says_instead().search(text) is not None)
                answers = answers or (looks_ahead and says_what_next(text))
                score = own + ANSWER_TYPE_BONUS * (answers + _holds_both(intent, text))
                candidates.append(_Candidate(number, i, text, score, vectors[i]))
        return candidates

    @staticmethod
    def _antecedent(candidate: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
        """The sentence before one that opens by referring back (a pronoun, "As a result")."""
        return _neighbour(candidate, candidates, -1) if leans_back().match(candidate.text) else None

    @staticmethod
    def _follower(candidate: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
        """The sentence after this one when it opens by referring back to it."""
        follower = _neighbour(candidate, candidates, +1)
        return follower if follower and leans_back().match(follower.text) else None


def _holds_both(intent: QueryIntent, text: str) -> bool:
    """Whether `text` holds both kinds of thing a question joined to a second one asks for ("When and where …?")."""
    kinds = (intent.answer_type, intent.also_asks) if intent.also_asks else ()
    return bool(kinds) and all(holds_answer(replace(intent, answer_type=kind, also_asks=""), text) for kind in kinds)


def _asked_of(intent: QueryIntent) -> str:
    """The party (its metonym group's first name) a question asks what it did or how it behaved ("How has
    Marisca behaved?", "What has the Norrvik council been doing?"), "" for other questions."""
    asked = _ASKED_OF.match(intent.question)
    return _named_first(asked.group("subject"), intent) if asked else ""


def _subject(text: str, before: str, intent: QueryIntent) -> str:
    """The party a sentence opens with, past a connective; for an opening pronoun, the one the sentence before
    opens with ("" when neither names one)."""
    body = _CONNECTIVE.sub("", text, count=1)
    if _SUBJECT_PRONOUN.match(body):
        return _named_first(_CONNECTIVE.sub("", before, count=1), intent) if before else ""
    return _named_first(body, intent)


def _named_first(text: str, intent: QueryIntent) -> str:
    """The party `text` names within SUBJECT_REACH characters of its start, by its metonym group ("" if none)."""
    found = intent.catalogue.entities_in(text) if intent.catalogue is not None else []
    if not found or found[0][1] > SUBJECT_REACH:
        return ""
    name = found[0][0].name
    return metonym_groups().get(name, (name,))[0]


def _may_answer_from(chunk: Chunk, intent: QueryIntent) -> bool:
    """Whether `chunk` may give answer sentences: a footnote's reference only to a question about a publication
    (questions.yaml `publication_cues`) or asking for a person, date, place, organisation or figure; its title
    names a topic it says nothing about ("What does the strategy envisage?")."""
    if lifted_note_number(chunk.text) is None:
        return True
    asked = intent.answer_type in LEADING_TYPES or intent.asks_source or intent.lists_sources
    return asked or not word_set("questions", "publication_cues").isdisjoint(re.findall(r"[a-z]+", intent.question.lower()))


def _distinctive_readings(intent: QueryIntent, terms_said: list[list[set[str]]]) -> set[str]:
    """The terms the question's words were read as (`intent.terms`) that at most DISTINCTIVE_AT_MOST of the
    passages' sentences (`terms_said`: each sentence's selection terms, by passage) hold."""
    read_as = set(selection_terms(" ".join(intent.terms)))
    held = [said & read_as for sentences in terms_said for said in sentences]
    return {term for term in read_as if 0 < sum(term in terms for terms in held) <= DISTINCTIVE_AT_MOST}


def _named_terms(intent: QueryIntent) -> set[str]:
    """The selection terms of the names of the entities the question names (what it asks about is the rest)."""
    return {term for entity in intent.entities for alias in (entity.name, *entity.aliases) for term in selection_terms(alias)}


def selection_terms(text: str) -> list[str]:
    """Terms a question and a sentence are matched on: names that stand for one another folded, and the
    antonym poles their words belong to (words of one pole say much the same thing)."""
    return matching_terms(text) + pole_terms(text)


def _what_followed(candidates: list[_Candidate], request: AnswerRequest) -> list[_Candidate]:
    """The sentences the document gives after the one that best matches the question (what "what happened
    after X?" asks for; one that gives the day the question names, if any), up to FOLLOWING_SENTENCES, reading
    on into the passage of the next chunk but not past the end of a paragraph once one sentence is chosen."""
    dates = [date.text.lower() for date in dated_expressions(request.question, ANY_YEAR) if date.day]
    dated = [c for c in candidates if any(date in c.text.lower() for date in dates)]
    anchor = max(dated or candidates, key=lambda c: c.score)
    chunk = request.passages[anchor.passage_number - 1].chunk
    later = [c for c in candidates if c.passage_number == anchor.passage_number and c.sentence > anchor.sentence]
    after = [
        (p.chunk.start, n)
        for n, p in enumerate(request.passages, start=1)
        if p.chunk.document == chunk.document and 0 <= p.chunk.start - chunk.end <= NEXT_CHUNK_GAP
    ]
    following = min(after)[1] if after else None
    later += [c for c in candidates if c.passage_number == following]
    chosen: list[_Candidate] = []
    for candidate in sorted(later, key=lambda c: (c.passage_number != anchor.passage_number, c.sentence)):
        new_paragraph = request.passages[candidate.passage_number - 1].chunk.paragraph != chunk.paragraph
        too_long = sum(len(c.text.split()) for c in (*chosen, candidate)) > MAX_WORDS
        if len(chosen) == FOLLOWING_SENTENCES or too_long or (chosen and new_paragraph):
            break
        chosen.append(candidate)
    return chosen


def _with_its_note(candidates: list[_Candidate], request: AnswerRequest) -> list[_Candidate]:
    """The best sentence that cites a footnote, and the note it cites (what "which source is cited for …?" asks
    for); none when no well-matching sentence cites one the passages hold."""
    best = max(candidate.score for candidate in candidates)
    notes = {
        (chunk.document, number): c
        for c in candidates
        if c.sentence == 0 and (number := lifted_note_number((chunk := request.passages[c.passage_number - 1].chunk).text)) is not None
    }
    for candidate in sorted(candidates, key=lambda c: -c.score):
        if candidate.score < best * RELATIVE_CUTOFF:
            break
        document = request.passages[candidate.passage_number - 1].chunk.document
        cited = [notes[(document, n)] for n in footnote_numbers(candidate.text) if (document, n) in notes]
        if cited and cited[0] is not candidate:
            return [candidate, cited[0]]
    return []


def _with_case_openers(chosen: list[_Candidate], candidates: list[_Candidate]) -> list[_Candidate]:
    """`chosen`, each sentence preceded by the sentence of its passage that opens the frame it stands in ("In the
    dry-year case, …"), when that is not chosen already."""
    framed: list[_Candidate] = []
    for candidate in chosen:
        earlier = [c for c in candidates if c.passage_number == candidate.passage_number and c.sentence < candidate.sentence]
        opener = max((c for c in earlier if opens_frame(c.text)), key=lambda c: c.sentence, default=None)
        if opener is not None and opener not in chosen and opener not in framed:
            framed.append(opener)
        framed.append(candidate)
    return framed


def _neighbour(candidate: _Candidate, candidates: list[_Candidate], offset: int) -> _Candidate | None:
    """The sentence `offset` places away from `candidate` in the same passage, if there is one."""
    return next((c for c in candidates if c.passage_number == candidate.passage_number and c.sentence == candidate.sentence + offset), None)
