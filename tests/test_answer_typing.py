"""Answer typing details: which figures answer a how-many question, what a question asks for, and sentence ranking
vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.answering.answer_type import answer_spans
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.context_vectors import CONTEXT_WEIGHT, ranking_vectors
from assistant.retrieval.query import understand
from assistant.settings import Settings


def _figures(question: str, text: str) -> list[str]:
    return [text[start:end] for start, end in answer_spans(understand(question), text)]


def test_a_number_inside_a_name_is_no_figure() -> None:
    text = "The utility considered buying Turbine Works 3, and 40% of the basin's farmers opposed it."
    assert _figures("How many farmers opposed it?", text) == ["40%"]


def test_a_number_opening_a_sentence_is_still_a_figure() -> None:
    assert _figures("How many dams were built?", "Twelve engineers signed. 14 dams were built by 1990.") == ["14"]


def test_a_money_question_is_answered_only_by_a_sum() -> None:
    text = "Three banks lent the authority €40 million, repaid over 12 years."
    assert _figures("How much money did the banks lend?", text) == ["€40 million"]
    assert _figures("How many banks lent money to the authority?", text) == ["Three", "€40 million", "12"]
    assert _figures("How many euros did the banks lend?", text) == ["€40 million"]  # a count of a currency is a sum
    assert _figures("What was the cost of the dam?", "The dam took 12 years to build.") == []


def test_ranking_vectors_carry_the_previous_sentence_of_the_same_chunk_only() -> None:
    vectors = np.eye(4, dtype=np.float32)
    mixed = ranking_vectors(vectors, [0, 2])  # two chunks of two sentences
    assert np.allclose(mixed[0], vectors[0]) and np.allclose(mixed[2], vectors[2])  # chunk openers stay as they are
    expected = vectors[1] + CONTEXT_WEIGHT * vectors[0]
    assert np.allclose(mixed[1], expected / np.linalg.norm(expected))
    assert mixed[3] @ vectors[1] == 0.0  # nothing leaks across chunks
    assert np.allclose(np.linalg.norm(mixed, axis=1), 1.0)


def test_names_that_stand_for_one_another_match_as_one_term() -> None:
    from assistant.text import matching_terms, term_share

    assert matching_terms("Kyiv adjusted") == matching_terms("Ukraine adjusted") == matching_terms("Ukrainian adjusted")
    assert term_share("How did Kyiv adapt?", "Ukraine adapted its approach", matching_terms) == 1.0
    assert term_share("How did Kyiv adapt?", "Ukraine adapted its approach") == 0.5


@pytest.mark.parametrize(
    ("british", "american"),
    [("neighbours", "neighbors"), ("favourable", "favorable"), ("recognised", "recognized"), ("organisation", "organization"),
     ("defence", "defense"), ("centre", "center"), ("sceptical", "skeptical"), ("dialogue", "dialog"), ("analysed", "analyzed")],
)
def test_british_and_american_spellings_are_one_term(british: str, american: str) -> None:
    from assistant.text import normalise_term

    assert normalise_term(british) == normalise_term(american)


def test_an_irregular_form_is_its_base_term() -> None:
    from assistant.text import content_terms

    assert content_terms("Berg met Lind and held talks") == content_terms("Berg meets Lind and holds talks")


@pytest.mark.parametrize(("word", "other"), [("four", "for"), ("hour", "her"), ("prize", "price"), ("fence", "fens")])
def test_spelling_folds_leave_other_words_apart(word: str, other: str) -> None:
    from assistant.text import normalise_term

    assert normalise_term(word) != normalise_term(other)


def test_bm25_finds_a_country_by_its_capital() -> None:
    from assistant.index.lexical import LexicalIndex
    from assistant.types import Chunk

    texts = ["The Ukrainian delegation adjusted its approach.", "The dam authority raised tariffs."]
    chunks = [Chunk(f"c{i}", "doc", "Doc", "", i, 0, len(t), t) for i, t in enumerate(texts)]
    scores = LexicalIndex.build(chunks).scores("What did Kyiv adjust?")
    assert scores[0] > 0 and scores[1] == 0


def test_the_chunks_holding_a_word_are_counted_from_the_saved_index(tmp_path: Path) -> None:
    from assistant.index.lexical import LexicalIndex
    from assistant.types import Chunk

    texts = ["The talks dragged on for months.", "The war dragged on.", "Fees rose, and the talks went on.", "Nothing."]
    chunks = [Chunk(f"c{i}", "doc", "Doc", "", i, 0, len(t), t) for i, t in enumerate(texts)]
    LexicalIndex.build(chunks).save(tmp_path)
    index = LexicalIndex.load(tmp_path)
    assert index.chunks_holding("dragging on") == 2  # every term of the phrase: "dragged"
    assert index.chunks_holding("talks dragged") == 1
    assert index.chunks_holding("fee") == 1 and index.chunks_holding("tariffs") == 0


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        ("What happened after the bank froze the loan?", True),
        ("What followed?", True),
        ("What did the minister do next?", True),
        ("What did the minister do right after the vote?", True),
        ("What came of the second round?", True),
        ("What took its place soon after?", True),
        ("What happened at the second round?", False),
        ("When did the bank freeze the loan?", False),
    ],
)
def test_questions_asking_what_came_next(question: str, follows: bool) -> None:
    assert understand(question).asks_what_followed is follows


def test_a_share_word_does_not_say_how_many() -> None:
    text = "Most of the basin's farmers, 240,000 households, oppose the dam."
    assert _figures("How many households oppose the dam?", text) == ["240,000"]
    assert _figures("What share of farmers oppose the dam?", text) == ["Most", "240,000"]


def test_an_opinion_is_the_holder_s_only_after_their_name() -> None:
    from tests.riverbasin import river_catalogue

    intent = understand("What does Castell think of the monitoring proposal?", river_catalogue())
    assert intent.answer_type == "opinion"
    assert answer_spans(intent, "Castell believes the monitoring proposal is flawed.")
    assert not answer_spans(intent, "From the bank's perspective, the monitoring proposal answers Castell's demands.")


def test_a_name_owning_another_word_is_not_who_speaks() -> None:
    from tests.riverbasin import river_catalogue

    intent = understand("What did Castell say to the bank?", river_catalogue())
    assert intent.answer_type == "statement"
    assert not answer_spans(intent, "The bank tried to soften Castell's stance by urging her to accept a phased approach.")
    assert answer_spans(intent, "The bank rejected Castell's statement that the dam is unsafe.")


def test_a_role_the_question_describes_a_party_by_is_no_answer_unless_it_asks_who_holds_it() -> None:
    from tests.riverbasin import river_catalogue

    text = "Lukas Breuer met Elena Castell in Tesk."
    met = understand("Which minister did the energy minister meet?", river_catalogue())
    assert [text[start:end] for start, end in answer_spans(met, text)] == ["Elena Castell"]
    held = understand("Who was the energy minister?", river_catalogue())
    assert "Lukas Breuer" in [text[start:end] for start, end in answer_spans(held, text)]


def test_an_opinion_about_someone_is_no_view_of_theirs_to_find() -> None:
    from tests.riverbasin import river_catalogue

    intent = understand("How do farmers feel about helping Dravenia?", river_catalogue())
    assert intent.answer_type == "opinion"
    assert answer_spans(intent, "Farmers, long the most sceptical group, oppose any help to Dravenia.")


def test_the_people_a_note_names_answer_only_who_wrote_something() -> None:
    from tests.riverbasin import river_catalogue

    note = "¹ E. Castell, 'Water and the delta', Basin Review, 3 May 2024."
    assert not answer_spans(understand("Which minister opposed the dam?", river_catalogue()), note)
    assert answer_spans(understand("Who wrote the article on water and the delta?", river_catalogue()), note)


def test_a_note_s_reference_answers_only_a_question_about_the_publication(riverbasin_settings: Settings) -> None:
    from assistant.facade import Assistant

    assistant = Assistant(riverbasin_settings)
    answer = assistant.ask("What is behind the farming crisis in the Varon Delta?")  # the words of note 1's title
    assert "Castell" in answer.text and "Ferreira" not in answer.text
    assert "Ferreira" in assistant.ask("Who wrote the article about the farming crisis in the Varon Delta?").text


def test_a_reaction_is_the_reactor_s_only_as_subject_or_after_from() -> None:
    from tests.riverbasin import river_catalogue

    intent = understand("How did Castell react to the tariff rise?", river_catalogue())
    assert intent.answer_type == "reaction"
    assert answer_spans(intent, "Castell rejected the tariff rise within a week.")
    assert answer_spans(intent, "The tariff rise drew a sharp response from Castell.")
    assert not answer_spans(intent, "The authority raised tariffs against Castell in response to the drought.")
    assert not answer_spans(intent, "Castell visited the dam in May.")
    assert understand("How would the farmers respond if the dam were built?", river_catalogue()).answer_type == "reaction"


@pytest.mark.parametrize("question", ["When did the dam open?", "Around when did the dam open?", "Roughly when was the loan approved?"])
def test_hedged_when_questions_ask_for_a_date(question: str) -> None:
    assert understand(question).answer_type == "date"


@pytest.mark.parametrize(
    "question",
    [
        "What is the mayor's approval rating?",
        "What are the mayor's actual approval numbers on the economy?",
        "How popular is the dam, in numbers?",
        "what's the actual number the plan would cap the army at?",
        "What is the exact ceiling on the reservoir level?",
        "What troop ceiling would the plan set for the army?",
        "What are the bank's frozen reserves worth that the council might draw on?",
        "What exactly is the mayor's approval rating on housing, as a number?",
    ],
)
def test_ratings_and_in_numbers_ask_for_a_figure(question: str) -> None:
    assert understand(question).answer_type == "number"


def test_a_question_for_the_exact_day_is_not_answered_by_a_month() -> None:
    intent = understand("On what exact day of August did the first round open?")
    assert intent.answer_type == "date"
    assert answer_spans(intent, "The first round opened on 4 August 2024.") == [(26, 39)]
    assert answer_spans(intent, "The first round opened in early August.") == []
    assert answer_spans(understand("When did the first round open?"), "The first round opened in early August.") == [(26, 38)]


def test_a_question_for_the_year_is_answered_only_by_a_date_that_writes_one() -> None:
    intent = understand("In what year did the first round open?")
    assert answer_spans(intent, "The first round opened in early August.") == []
    assert answer_spans(intent, "The first round opened in early August 2024.") != []


def test_a_number_joined_to_a_noun_counts_only_that_noun() -> None:
    text = "The bank drafted a 12-point plan with a cap on the reservoir level."
    assert _figures("How many points did the plan have?", text) == ["12"]
    assert _figures("How high would the cap on the reservoir be?", text) == []


def test_a_place_the_question_names_by_another_name_is_no_answer_to_where() -> None:
    places = {"America": ("America", "American"), "Washington": ("Washington",), "Vienna": ("Vienna",)}
    catalogue = EntityCatalogue(tuple(Entity(name.lower(), name, "place", aliases, (), ()) for name, aliases in places.items()))
    intent = understand("Where did the American team first meet them?", catalogue)
    text = "Officials from Washington met them in Vienna."
    assert [text[start:end] for start, end in answer_spans(intent, text)] == ["Vienna"]


def test_how_many_times_is_answered_by_the_dates_a_text_lists() -> None:
    listed = _figures("How many times did the board meet?", "The board met in March, June and October 2024.")
    assert listed == ["March", "June", "October 2024"]
    assert _figures("How many times did the board meet?", "The board met in March.") == []  # one date is no count


def test_a_view_held_by_a_capital_is_that_of_the_country_it_stands_for() -> None:
    places = {"Washington": ("Washington",), "US": ("US",), "Vienna": ("Vienna",)}
    catalogue = EntityCatalogue(tuple(Entity(name.lower(), name, "place", aliases, (), ()) for name, aliases in places.items()))
    intent = understand("How does Washington see the talks?", catalogue)
    assert intent.answer_type == "opinion"
    assert answer_spans(intent, "The US administration views the talks as a first step.") != []
    assert answer_spans(intent, "Vienna views the talks as a first step.") == []


def test_a_view_asked_of_a_capital_the_corpus_never_names_is_its_country_s() -> None:
    places = {"China": ("China",), "Russia": ("Russia",)}
    catalogue = EntityCatalogue(tuple(Entity(name.lower(), name, "place", aliases, (), ()) for name, aliases in places.items()))
    intent = understand("What's Beijing's take on the plan?", catalogue)
    assert intent.answer_type == "opinion"
    assert answer_spans(intent, "From a global perspective, the plan weakens the ties between Russia and China.") == []
    assert answer_spans(intent, "China views the plan as a first step.") != []


def test_a_reaction_answers_only_when_it_is_to_what_was_asked() -> None:
    from tests.riverbasin import river_catalogue

    intent = understand("How did Marisca react to the loan?", river_catalogue())
    assert intent.answer_type == "reaction"
    assert answer_spans(intent, "Marisca responded to the loan by recalling its ambassador.") != []
    assert answer_spans(intent, "Marisca responded to the drought by recalling its ambassador.") == []


def test_going_after_a_party_is_sanctioning_it_but_going_after_a_goal_is_not() -> None:
    from assistant.retrieval.query import document_terms

    assert "sanctions" in document_terms("Which firms did the council go after?")
    assert "sanctions" not in document_terms("How has the bank been going after its goal?")


def test_giving_up_land_is_a_concession_and_in_place_before_a_precondition() -> None:
    from assistant.retrieval.query import document_terms

    terms = document_terms("What must be in place before the farmers give up any land?")
    assert "concessions" in terms and "precondition" in terms
    assert "concessions" in document_terms("Rather than budging, what has the bank been doing?")
