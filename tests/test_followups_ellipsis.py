"""Elliptic follow-ups completed from earlier questions, on the river-basin corpus' catalogue: a bare question
word, "and then?", and a bare phrase taking the place of its counterpart."""

from __future__ import annotations

from assistant.conversation.followups import rewrite_follow_up
from assistant.types import Turn
from tests.riverbasin import river_catalogue, river_turn


def test_a_bare_question_word_asks_the_previous_question_again() -> None:
    history = (river_turn("What did the bank's board decide on 11 November 2024?", "When the second round of talks ended"),)
    assert rewrite_follow_up("Why?", history, river_catalogue()) == "Why did the bank's board decide on 11 November 2024?"
    history = (river_turn("Who is Elena Castell?", "Marisca's Minister of Agriculture, Elena Castell"),)
    assert rewrite_follow_up("And why?", history, river_catalogue()) == "Why, regarding Elena Castell?"


def test_and_then_asks_what_happened_after_the_previous_topic() -> None:
    history = (river_turn("What happened on 2 July 2024?", "Marisca responded on 2 July 2024"),)
    assert rewrite_follow_up("And then?", history, river_catalogue()) == "What happened after 2 July 2024?"


def test_a_bare_name_takes_the_place_of_the_person_asked_about() -> None:
    castell = "Marisca's Minister of Agriculture, Elena Castell"
    warned = river_turn("What has she warned about?", castell, "What has Elena Castell warned about?")
    history = (river_turn("Who is Elena Castell?", castell), warned)
    assert rewrite_follow_up("And Breuer?", history, river_catalogue()) == "What has Breuer warned about?"


def test_and_in_the_second_one_keeps_the_rest_of_the_question() -> None:
    history = (river_turn("What would the bank do in the first scenario?", "In the first scenario, the draft framework"),)
    assert rewrite_follow_up("And in the second one?", history, river_catalogue()) == "What would the bank do in the second scenario?"


def test_the_counterpart_is_looked_for_past_a_question_that_only_carried_it_as_context() -> None:
    history = (
        river_turn("What happens to the tranche in the first scenario?", "In the first scenario, the draft framework"),
        river_turn("Who chairs that commission?", "Rui Salgado, a former", "Who chairs that commission, regarding the first scenario?"),
    )
    assert rewrite_follow_up("And in the second scenario?", history, river_catalogue()) == (
        "What happens to the tranche in the second scenario?"
    )


def test_a_bare_phrase_replaces_the_counterpart_after_the_same_preposition() -> None:
    history = (river_turn("What did Tesk say about Marisca?", "Marisca responded on 2 July 2024"),)
    assert rewrite_follow_up("And about Kaleva?", history, river_catalogue()) == "What did Tesk say about Kaleva?"


def test_an_unknown_name_takes_the_place_of_a_name_of_the_corpus() -> None:
    history = (river_turn("What did the Farmers' Union organise?", "In late April 2025, the Farmers' Union"),)
    assert rewrite_follow_up("And the Greens?", history, river_catalogue()) == "What did Greens organise?"


def test_an_ordinal_one_picks_from_the_list_an_answer_gave() -> None:
    listing = "In the first scenario, talks resume. In the hopeful scenario, the dam fills. In the dry scenario, talks fail. [1]"
    history = (Turn("What are the scenarios?", "What are the scenarios?", listing),)
    assert rewrite_follow_up("Tell me about the second one.", history, river_catalogue()) == "Tell me about the hopeful scenario."
    asked = (*history, river_turn("What happens in the first scenario?", "In the first scenario, the draft framework"))
    asked = (*asked, river_turn("And in the dry one?", "In the second scenario", "What happens in the dry scenario?"))
    assert rewrite_follow_up("And the other one?", asked, river_catalogue()) == "What happens in the hopeful scenario?"


def test_a_bare_question_word_after_a_yes_no_question_asks_it_with_that_word() -> None:
    history = (river_turn("Did the bank suspend the second tranche?", "When the second round of talks ended"),)
    assert rewrite_follow_up("When?", history, river_catalogue()) == "When did the bank suspend the second tranche?"
    assert rewrite_follow_up("In which month?", history, river_catalogue()) == "In which month did the bank suspend the second tranche?"


def test_a_name_before_a_noun_is_a_subject_a_bare_name_can_replace() -> None:
    history = (river_turn("When did Breuer visit Tesk?", "Marisca responded on 2 July 2024"),)
    assert rewrite_follow_up("And Castell?", history, river_catalogue()) == "When did Castell visit Tesk?"


def test_could_do_it_gains_the_previous_predicate() -> None:
    history = (river_turn("Could Marisca bring the case before an international court?", "Both governments would then face"),)
    assert rewrite_follow_up("Why would it do it?", history, river_catalogue()) == (
        "Why would Marisca do it (bring the case before an international court)?"
    )


def test_a_bare_name_takes_the_place_of_the_one_name_of_another_kind() -> None:
    history = (river_turn("What does the brief say about Kaleva?", "Outside the two states"),)
    assert rewrite_follow_up("And Rui Salgado?", history, river_catalogue()) == "What does the brief say about Rui Salgado?"


def test_a_one_word_reply_is_not_a_name_to_swap_in() -> None:
    history = (river_turn("Who is Elena Castell?", "Marisca's Minister of Agriculture, Elena Castell"),)
    assert rewrite_follow_up("Really?", history, river_catalogue()) == "Really, regarding Elena Castell?"


def test_a_bare_question_word_after_a_which_question_asks_about_what_it_asked_for() -> None:
    history = (river_turn("Which two ministers were criticised?", "Dravenia's Minister of Energy, Lukas Breuer"),)
    assert rewrite_follow_up("When?", history, river_catalogue()) == "When were the two ministers criticised?"
    history = (river_turn("Where did Aalto convene the first round?", "Henrik Aalto, the bank's chief negotiator"),)
    assert rewrite_follow_up("When?", history, river_catalogue()) == "When did Aalto convene the first round?"


def test_a_bare_month_is_a_date_the_previous_question_is_asked_again_for() -> None:
    asked = river_turn("What did Castell say in February?", "Marisca's Minister of Agriculture, Elena Castell")
    assert rewrite_follow_up("What about March?", (asked,), river_catalogue()) == "What did Castell say in March?"
    undated = river_turn("How did the bank put pressure on Dravenia?", "Marisca's Minister of Agriculture, Elena Castell")
    assert rewrite_follow_up("What about March?", (undated,), river_catalogue()) == "How did the bank put pressure on Dravenia in March?"


def test_a_described_one_is_the_case_discussed_before_a_thing_asked_with_modifiers() -> None:
    """ "And in the dry one?" after a question about "that second loan tranche": the scenario, not the tranche."""
    history = (
        river_turn("What happens to the tranche in the first scenario?", "In the first scenario, the draft framework"),
        river_turn("Who froze that second loan tranche?", "When the second round of talks ended"),
    )
    assert rewrite_follow_up("And in the dry one?", history, river_catalogue()) == "What happens to the tranche in the dry scenario?"


def test_a_bare_plural_topic_takes_the_place_of_the_one_plural_topic_asked_about() -> None:
    """ "What share backed new tariffs?" then "And continued water deliveries?": the same question of the deliveries;
    "And what about …?" after a question about one thing is left to the context."""
    asked = "What share of farmers backed new tariffs?"
    history = (Turn(asked, asked, "Most farmers backed new tariffs. [1]"),)
    assert rewrite_follow_up("And continued water deliveries?", history, river_catalogue()) == (
        "What share of farmers backed continued water deliveries?"
    )
    poll = "Who ran the spring poll?"
    history = (Turn(poll, poll, "The union ran the spring poll. [1]"),)
    assert "spring poll" in rewrite_follow_up("and what about continued water deliveries?", history, river_catalogue())
