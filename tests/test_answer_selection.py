"""Sentence selection of the extractive backend: which sentences answer a question, in what order, and what they
bring along (what happened next, the sentence opening a case, the one a pronoun leans on)."""

from __future__ import annotations

import numpy as np

from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.retrieval.query import understand
from assistant.settings import Settings


def test_what_happened_after_is_answered_by_what_the_document_says_next(riverbasin_settings: Settings) -> None:
    from assistant.facade import Assistant

    answer = Assistant(riverbasin_settings).ask("What happened after the bank decided to suspend the second tranche of the loan?")
    assert not answer.declined
    assert "act of financial coercion" in answer.text  # the sentence after the suspension
    assert "decided on 11 November 2024" not in answer.text  # not the suspension itself
    assert "domestic politics" not in answer.text  # nor the next paragraph's opening sentence


def test_what_came_after_a_day_follows_the_sentence_that_gives_that_day() -> None:
    from assistant.answering.base import AnswerRequest
    from assistant.answering.extractive import _Candidate, _what_followed
    from assistant.types import Passage
    from tests.riverbasin import river_chunks

    chunk = next(c for c in river_chunks() if "11 November 2024" in c.text)
    texts = [chunk.text[start:end] for start, end in chunk.sentences]
    dated = next(i for i, text in enumerate(texts) if "11 November 2024" in text)
    # the best-scoring sentence is another one: the day the question names decides
    candidates = [_Candidate(1, i, text, 0.5 if i == dated else 0.9, np.zeros(2)) for i, text in enumerate(texts)]
    request = AnswerRequest("What did the bank do right after 11 November 2024?", [Passage(chunk, 1, 1.0)], np.zeros(2))
    assert _what_followed(candidates, request)[0].text == texts[dated + 1]


def test_an_answer_to_which_case_keeps_the_sentence_that_opens_the_case() -> None:
    from assistant.answering.extractive import _Candidate, _with_case_openers
    from tests.riverbasin import river_chunks

    chunk = next(c for c in river_chunks() if "In the second scenario" in c.text)
    texts = [chunk.text[start:end] for start, end in chunk.sentences]
    opener = next(i for i, text in enumerate(texts) if text.startswith("In the second scenario"))
    candidates = [_Candidate(1, i, text, 0.5, np.zeros(2)) for i, text in enumerate(texts)]
    framed = _with_case_openers([candidates[opener + 1]], candidates)
    assert [c.text for c in framed] == [texts[opener], texts[opener + 1]]
    assert understand("Under which of the scenarios does the bank keep the tranche frozen?").asks_case
    assert not understand("What does the bank keep frozen?").asks_case


def test_a_sentence_with_what_is_asked_about_beats_one_with_only_the_names() -> None:
    people = EntityCatalogue(tuple(Entity(name.lower(), name, "person", (name,), (), ()) for name in ("Berg", "Lind", "Moss")))
    text = "Berg, Lind and Moss met in Norrvik on Monday. The mayor does not treat them as equals."
    answer = _answered_by_words("Does Berg treat Lind and Moss as equals?", text, people)
    assert answer == "The mayor does not treat them as equals. [1]"


def test_a_sentence_holding_a_rare_word_the_question_was_read_as_beats_one_sharing_its_names() -> None:
    """ "On the same footing" is read as "equals": the one sentence that says it leads, though the other shares
    more of the reader's own words (and is a little less close in meaning)."""
    from assistant.answering.base import AnswerRequest
    from assistant.answering.extractive import ExtractiveBackend
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    people = EntityCatalogue(tuple(Entity(name.lower(), name, "person", (name,), (), ()) for name in ("Berg", "Lind", "Moss")))
    text = "Berg met Lind and Moss in Norrvik. Moreover, the mayor does not regard the two men as equals."
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    query = np.array([1.0, 0.0], dtype=np.float32)
    closeness = np.array([[0.5, 0.0], [0.52, 0.0]], dtype=np.float32)  # the second sentence a little closer
    backend = ExtractiveBackend(lambda c: closeness, max_sentences=1)
    question = "Does Berg see Lind and Moss on the same footing?"
    request = AnswerRequest(question, [Passage(chunk, 1, 1.0)], query, intent=understand(question, people))
    assert "".join(backend.draft(request)) == "Moreover, the mayor does not regard the two men as equals. [1]"


def test_what_was_done_instead_is_answered_by_the_sentence_that_says_instead() -> None:
    """"What has Berg done rather than giving ground?" asks for the alternative: the sentence saying what was
    done instead leads, though the one about giving ground shares more of the question's words."""
    people = EntityCatalogue((Entity("berg", "Berg", "person", ("Berg",), (), ()),))
    text = "In the talks, Berg has shown no will to give ground on the tariffs. Instead, the mayor stalled every round."
    question = "Rather than giving ground, what has Berg been doing in the talks?"
    assert _answered_by_words(question, text, people).startswith("Instead, the mayor stalled every round.")
    assert understand(question).asks_alternative and not understand("Why Berg rather than Lind?").asks_alternative
    assert understand("If Berg won't give ground, what is he doing instead?").asks_alternative
    assert not understand("Why did Berg stall instead?").asks_alternative


def test_a_question_about_what_a_party_did_prefers_a_sentence_the_party_opens() -> None:
    """"How has Marisca behaved …?": "Instead, it has dragged out the talks" (after a sentence opening with Marisca)
    leads over a sentence that names Marisca in passing, though the two share as many of the question's words."""
    catalogue = EntityCatalogue(
        (Entity("marisca", "Marisca", "place", ("Marisca",), (), ()), Entity("berg", "Berg", "person", ("Berg",), (), ()))
    )
    text = (
        "In the spring round, the talks with Marisca stalled over the tariffs. Marisca faced little pressure from Berg. "
        "Instead, it has dragged out the talks over the tariffs."
    )
    answer = _answered_by_words("How has Marisca behaved in the talks over the tariffs?", text, catalogue)
    assert answer.endswith("Instead, it has dragged out the talks over the tariffs. [1]")


def _answered_by_words(question: str, text: str, catalogue: EntityCatalogue) -> str:
    """The one-sentence extractive answer from a one-chunk passage whose sentences are all as close to the question
    as the next (a constant vector): only their words decide (with the sentence one leans on, where it does)."""
    from assistant.answering.base import AnswerRequest
    from assistant.answering.extractive import ExtractiveBackend
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    vector = np.ones(4, dtype=np.float32) / 2
    backend = ExtractiveBackend(lambda c: np.tile(vector, (len(c.sentences), 1)), max_sentences=1)
    request = AnswerRequest(question, [Passage(chunk, 1, 1.0)], vector, intent=understand(question, catalogue))
    return "".join(backend.draft(request))


def test_a_when_and_where_question_is_answered_by_the_sentence_holding_both() -> None:
    """"When and where …?": a sentence giving a date and a place leads over ones giving only one of them, though
    each shares as many of the question's words."""
    catalogue = EntityCatalogue((Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ()),))
    text = (
        "The two mayors held their summit in Norrvik. The two mayors held their summit in May. "
        "In May, the two mayors held their summit in Norrvik."
    )
    answer = _answered_by_words("When and where did the two mayors hold their summit?", text, catalogue)
    assert answer == "In May, the two mayors held their summit in Norrvik. [1]"


def test_a_who_answer_leaning_back_twice_brings_the_sentence_naming_the_person() -> None:
    """"He is expected to …" leans on "However, he was …", which leans on the sentence naming him: a who-question's
    answer reads back to the name; other answers bring one sentence back."""
    catalogue = EntityCatalogue(
        (Entity("aalto", "Henrik Aalto", "person", ("Henrik Aalto", "Aalto"), (), ()), Entity("berg", "Berg", "person", ("Berg",), (), ()))
    )
    text = "Berg sent Henrik Aalto to the talks. However, he was soon sidelined by the board. He is expected to resign in May."
    question = "Which one of Berg's advisers is expected to resign in May?"
    assert understand(question, catalogue).answer_type == "person"
    assert _answered_by_words(question, text, catalogue).startswith("Berg sent Henrik Aalto to the talks. [1] However")
    assert _answered_by_words("Is anyone expected to resign in May?", text, catalogue).startswith("However, he")
