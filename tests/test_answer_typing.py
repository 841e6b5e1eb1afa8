"""Answer typing details: which figures answer a how-many question, and sentence ranking vectors."""

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


def test_going_after_a_party_is_sanctioning_it_but_going_after_a_goal_is_not() -> None:
    from assistant.retrieval.query import document_terms

    assert "sanctions" in document_terms("Which firms did the council go after?")
    assert "sanctions" not in document_terms("How has the bank been going after its goal?")


def test_giving_up_land_is_a_concession_and_in_place_before_a_precondition() -> None:
    from assistant.retrieval.query import document_terms

    terms = document_terms("What must be in place before the farmers give up any land?")
    assert "concessions" in terms and "precondition" in terms
    assert "concessions" in document_terms("Rather than budging, what has the bank been doing?")


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
