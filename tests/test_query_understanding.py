"""Questions read against a corpus' catalogue: answer types, roles resolved to people, everyday words
searched with the document's terms (on the river-basin corpus, no index needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answering.answer_type import answer_spans, highlights
from assistant.conversation.memory import remember
from assistant.index.catalogue import Entity, EntityCatalogue, Mention
from assistant.retrieval.query import understand
from assistant.types import Turn
from tests.riverbasin import river_catalogue


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("Who convened the first round of talks?", "person"),
        ("Which official described the decision as coercion?", "person"),
        ("When did the bank approve the loan?", "date"),
        ("In the first scenario, by when would the filling be complete?", "date"),
        ("Where was the first round held?", "place"),
        ("Which bank is financing the dam?", "organisation"),
        ("How much water must Dravenia release?", "number"),
        ("What share of farmland lies in the delta?", "number"),
        ("What did Okafor say about the appraisal?", "statement"),
        ("What were Okafor's exact words on the appraisal?", "statement"),
        ("What did Okafor promise the farmers?", "statement"),
        ("What does the monitoring report say about the delta?", ""),
        ("What does the author say Dravenia wants from the talks?", ""),  # the document's author: what the text says
        ("What was the vote count in parliament?", "number"),
        ("What does Castell think of the monitoring proposal?", "opinion"),
        ("Where does Castell stand on the monitoring proposal?", "opinion"),
        ("Why did Marisca recall its ambassador?", ""),
    ],
)
def test_answer_type_comes_from_the_wording(question: str, answer_type: str) -> None:
    assert understand(question, river_catalogue()).answer_type == answer_type


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How many rounds did Aalto convene, and when?", ("number", "date")),
        ("How many rounds did Aalto convene, and in which months?", ("number", "date")),
        ("When and where was the first round held?", ("date", "place")),
        ("How many turbines and how many tranches are there?", ("number", "")),
        ("Who convened the first round and why?", ("person", "")),
    ],
)
def test_a_second_question_joined_by_and_adds_its_kind(question: str, kinds: tuple[str, str]) -> None:
    intent = understand(question, river_catalogue())
    assert (intent.answer_type, intent.also_asks) == kinds


def test_a_two_part_question_marks_the_answers_to_both_parts() -> None:
    intent = understand("How much water did Marisca demand, and when?", river_catalogue())
    text = "In November 2024 Marisca demanded a minimum flow of 180 cubic metres per second."
    assert [text[s:e] for s, e in answer_spans(intent, text)] == ["November 2024", "180"]


def test_roles_resolve_to_the_person_and_are_searched_by_name() -> None:
    intent = understand("What does the former chair of the Selva Basin Commission propose?", river_catalogue())
    assert [entity.name for _, entity in intent.roles] == ["Rui Salgado"]
    assert "Rui Salgado" in intent.search_text
    minister = understand("How did the energy minister react?", river_catalogue())
    assert [e.name for e in minister.entities] == ["Lukas Breuer"]


def test_a_role_said_of_something_else_than_the_holders_role_resolves_to_no_one() -> None:
    """Berg is the special envoy for trade missions: "the special envoy to Lindau" is someone the question asks
    for, not Berg."""
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("special envoy for trade missions",), ())
    catalogue = EntityCatalogue((berg,))
    assert understand("Who was to be the special envoy to Lindau?", catalogue).roles == ()
    assert [e.name for _, e in understand("What did the special envoy say?", catalogue).roles] == ["Anna Berg"]
    assert [e.name for _, e in understand("Where did the special envoy for trade missions go?", catalogue).roles] == ["Anna Berg"]
    in_all_this = understand("Who's the special envoy in all this?", catalogue)  # "in all this" says nothing of the role
    assert [e.name for _, e in in_all_this.roles] == ["Anna Berg"]


def test_how_long_is_answered_by_a_span_of_time_without_a_figure() -> None:
    intent = understand("How long has Breuer known Castell?", river_catalogue())
    text = "Breuer has known Castell for several decades, since their student years."
    assert [text[s:e] for s, e in answer_spans(intent, text)] == ["several decades"]


def test_how_long_is_answered_by_the_date_a_span_of_time_runs_until() -> None:
    intent = understand("How long did the first round go on?", river_catalogue())
    text = "The first round lasted roughly until mid-September, when the second opened in May."
    assert [text[s:e] for s, e in answer_spans(intent, text)] == ["mid-September"]
    assert answer_spans(understand("How long did the protest last?", river_catalogue()), text) == []  # not what lasted


def test_a_readers_word_for_a_role_names_its_holder() -> None:
    deputy = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), ("Vice President",), ())
    intent = understand("Where does the VP stand on the dam?", EntityCatalogue((deputy,)))
    assert [(phrase, entity.name) for phrase, entity in intent.roles] == [("VP", "Tomas Lind")]


def test_a_readers_word_for_a_role_names_its_holder_as_a_possessor_too() -> None:
    deputy = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), ("Vice President",), ())
    intent = understand("What's the VP's view on the dam?", EntityCatalogue((deputy,)))
    assert [entity.name for _, entity in intent.roles] == ["Tomas Lind"]


def test_a_demonym_typed_in_lower_case_names_its_place_and_describes_nothing() -> None:
    intent = understand("what role have dravenian officials played?", river_catalogue())
    assert [entity.name for entity in intent.entities] == ["Dravenia"] and intent.roles == ()
    named = understand("what did the dravenia government decide?", river_catalogue())  # a name after "the" is no role
    assert [entity.name for entity in named.entities] == ["Dravenia"] and named.roles == ()


def test_a_role_phrase_the_corpus_calls_someone_names_them_before_the_role_s_best_known_holder() -> None:
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), ("envoy",), (Mention("c", 0, 4),) * 5)
    moss = Entity("moss", "Erik Moss", "person", ("Erik Moss", "Moss", "Berg's envoy"), ("envoy",), (Mention("c", 0, 4),))
    intent = understand("Who is Berg's envoy?", EntityCatalogue((lind, moss)))
    assert [entity.name for _, entity in intent.roles] == ["Erik Moss"]


def test_a_name_that_stands_for_an_entity_names_it() -> None:
    china = Entity("china", "China", "place", ("China", "Chinese"), (), ())
    assert [entity.name for entity in understand("How did Beijing react to the plan?", EntityCatalogue((china,))).entities] == ["China"]
    assert understand("How did Beijing react to the plan?", river_catalogue()).entities == ()  # a corpus that never names China


def test_a_possessor_determines_the_role_phrase_it_opens() -> None:
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), ("envoy",), (Mention("c", 0, 4),) * 5)
    moss = Entity("moss", "Erik Moss", "person", ("Erik Moss", "Moss", "Berg's envoy"), ("envoy",), (Mention("c", 0, 4),))
    catalogue = EntityCatalogue((lind, moss))
    intent = understand("Who drafted the plan submitted by Berg's envoy?", catalogue)
    assert [entity.name for _, entity in intent.roles] == ["Erik Moss"]
    memory = remember((Turn("Who drafted it?", "Who drafted the plan submitted by Berg's envoy?", "Lind drafted it. [1]"),), catalogue)
    assert "entity:moss" in memory.referents


def test_a_readers_word_inside_a_role_phrase_is_read_as_the_documents() -> None:
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("Secretary of Defense",), ())
    intent = understand("What did the defence secretary say?", EntityCatalogue((berg,)))
    assert [entity.name for _, entity in intent.roles] == ["Anna Berg"]


@pytest.mark.parametrize("question", ["Why did the ex-bank negotiator step back?", "What did the bank's retired chief negotiator say?"])
def test_a_role_modifier_between_determiner_and_role_keeps_the_role(question: str) -> None:
    assert [entity.name for _, entity in understand(question, river_catalogue()).roles] == ["Henrik Aalto"]


def test_an_ordinary_adjective_before_a_role_leaves_it_unresolved() -> None:
    assert understand("What did the cautious negotiator say?", river_catalogue()).roles == ()


def test_a_role_needs_a_determiner_to_name_one_person() -> None:
    assert understand("Is a president elected directly?", river_catalogue()).roles == ()


def test_a_readers_phrase_stands_for_its_document_term_not_for_its_own_words() -> None:
    intent = understand("What did the mayor fail to notice about the dam?")
    assert "overlooked" in intent.terms and "fail" in intent.search_text
    assert "fail" not in intent.selection_text and "overlooked" in intent.selection_text and "dam" in intent.selection_text


def test_everyday_words_gain_the_documents_terms() -> None:
    intent = understand("Which lender paused the money?", river_catalogue())
    assert intent.terms == ("loan", "suspend") and intent.search_text.endswith("loan suspend")
    assert understand("Why did Marisca recall its ambassador?", river_catalogue()).terms == ()


def test_answer_spans_skip_what_the_question_names() -> None:
    intent = understand("Who is the bank's chief negotiator?", river_catalogue())
    sentence = "Henrik Aalto, the bank's chief negotiator, convened the first round in Vienna in mid-September 2024."
    assert [sentence[s:e] for s, e in answer_spans(intent, sentence)] == ["Henrik Aalto"]
    when = understand("When did Aalto convene the first round in Vienna?", river_catalogue())
    assert [sentence[s:e] for s, e in answer_spans(when, sentence)] == ["mid-September 2024"]


def test_highlights_leave_citation_markers_alone() -> None:
    intent = understand("How much did Marisca demand?", river_catalogue())
    text = "Marisca demanded a minimum flow of 180 cubic metres per second, while Dravenia offered 120. [1]"
    assert [text[s:e] for s, e in highlights(intent, text)] == ["180", "120"]


def test_a_speaker_called_by_the_role_the_text_gives_them_is_the_speaker() -> None:
    intent = understand("What did Aalto say about the framework?", river_catalogue())
    text = "The talks stalled. The bank's chief negotiator said the framework was a floor."
    assert [text[s:e] for s, e in answer_spans(intent, text)] == ["said"]
    assert answer_spans(intent, "The talks stalled. The farmers said the framework was a floor.") == []


def test_a_statement_is_attributed_to_the_speaker_asked_about() -> None:
    intent = understand("What did Okafor say about the project?", river_catalogue())
    spoken = "Okafor has acknowledged that the institution 'underestimated the downstream risks'."
    other = "Aalto described the document as 'a floor, not a ceiling', a view Okafor shares."
    assert answer_spans(intent, spoken) and not answer_spans(intent, other)


def test_the_speaker_is_the_one_named_before_the_word_of_speech_not_whom_they_told() -> None:
    intent = understand("What did Elena Castell tell Lukas Breuer about the dam?", river_catalogue())
    assert not answer_spans(intent, "Breuer has repeatedly argued that the project is a sovereign matter.")
    assert answer_spans(intent, "Castell has warned that a rapid filling could cut the flow.")


def test_a_participle_clause_of_speech_is_the_sentence_subjects() -> None:
    far = "Okafor not only defended the loan before the board of the bank, but went on to praise the dam, arguing that it was safe."
    assert answer_spans(understand("What did Okafor say about the dam?", river_catalogue()), far)
    assert not answer_spans(understand("What did Aalto tell Okafor about the dam?", river_catalogue()), far)


def test_what_a_person_called_something_is_their_reaction() -> None:
    text = "The energy minister described the decision as 'an act of financial coercion'."
    assert answer_spans(understand("How did Lukas Breuer react to the bank's decision?", river_catalogue()), text)
    assert not answer_spans(understand("How did Marisca react to the bank's decision?", river_catalogue()), text)


def test_a_readers_word_is_met_in_its_regular_inflections() -> None:
    assert "negative" in understand("What happens in the bleakest case?", river_catalogue()).terms
    assert "negative" in understand("What happens in the gloomiest case?", river_catalogue()).terms  # "gloomy"
    assert "reports" in understand("Who reportedly drafted the plan?", river_catalogue()).terms
    assert "negative" not in understand("Is the bleakness of the valley described?", river_catalogue()).terms


def test_how_things_go_names_the_case_a_reader_means() -> None:
    assert "negative" in understand("If things go badly, what happens to the dam?", river_catalogue()).terms
    assert "optimistic" in understand("If all goes well, is the reservoir filled?", river_catalogue()).terms
    assert "re-engaged" in understand("What got the bank re-interested in the talks?", river_catalogue()).terms


@pytest.mark.parametrize(
    ("question", "lists"),
    [
        ("What sources does the report cite?", True),
        ("What does the report cite?", True),
        ("What are the report's footnotes?", True),
        ("List all the sources.", True),
        ("Which sources are cited for the 45% figure?", False),  # the source behind one claim
        ("What are the sources of the dispute?", False),
    ],
)
def test_a_question_for_every_source_is_told_from_one_for_a_claims_source(question: str, lists: bool) -> None:
    assert understand(question).lists_sources is lists


def test_only_a_left_out_letter_is_put_back_in_a_word_the_corpus_does_not_know() -> None:
    from assistant.retrieval.spelling import mended
    from assistant.text import matching_terms

    vocabulary = frozenset(matching_terms("The reservoir's resources were released in February; instead, turbines killed fish."))
    assert mended("Where do the resouces come from?", vocabulary) == "Where do the resources come from?"
    assert mended("What happened in Febuary?", vocabulary) == "What happened in February?"
    assert mended("What did they do insted?", vocabulary) == "What did they do instead?"
    assert mended("Who willed the turbines?", vocabulary) == "Who willed the turbines?"  # a changed letter is a real word as often as not
    assert mended("Were the resources released?", vocabulary) == "Were the resources released?"  # the corpus' own words stay
    assert mended("Were the fish kiled?", vocabulary) == "Were the fish kiled?"  # too short to tell


def test_a_word_the_embedding_model_knows_whole_is_spelt_right(tmp_path: Path) -> None:
    from assistant.index.embeddings import model_words
    from assistant.retrieval.spelling import mended
    from assistant.settings import Settings
    from assistant.text import matching_terms

    vocab = {"[PAD]": 0, "saying": 1, "sway": 2, "##ing": 3, "minister": 4, "2024": 5}
    (tmp_path / "tokenizer.json").write_text(json.dumps({"model": {"type": "WordPiece", "vocab": vocab}}), encoding="utf-8")
    spelt_right = model_words(Settings(embedding_model=str(tmp_path)))
    assert spelt_right == {"saying", "sway", "minister"}
    vocabulary = frozenset(matching_terms("The minister was swaying the vote in February."))
    assert mended("What was he saying?", vocabulary) == "What was he swaying?"  # without the model's words
    assert mended("What was he saying?", vocabulary, spelt_right) == "What was he saying?"
    assert mended("What happened in Febuary?", vocabulary, spelt_right) == "What happened in February?"
    assert model_words(Settings(embedding_model=str(tmp_path / "missing"))) == frozenset()


def test_a_role_is_not_read_inside_a_longer_capitalised_name() -> None:
    """ "the Harbour Safety Plan" is a document's name, not the role "Harbour Safety Adviser"; the role followed by a
    name the catalogue knows is a title."""
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("acting Harbour Safety Adviser",), ())
    catalogue = EntityCatalogue((berg,))
    assert understand("What does the Harbour Safety Plan say about ferries?", catalogue).roles == ()
    assert [e.name for _, e in understand("What did the Harbour Safety Adviser say about ferries?", catalogue).roles] == ["Anna Berg"]


def test_a_question_for_exact_words_is_answered_only_by_a_quotation() -> None:
    intent = understand("What were Okafor's exact words on the appraisal?", river_catalogue())
    assert not answer_spans(intent, "Okafor has acknowledged that the institution underestimated the downstream risks.")
    assert answer_spans(intent, "Okafor has acknowledged that the institution 'underestimated the downstream risks'.")
    assert answer_spans(understand("What did Okafor say about the appraisal?", river_catalogue()), "Okafor has acknowledged that it erred.")
