"""Follow-ups made standalone against the whole conversation, with the river-basin corpus' catalogue."""

from __future__ import annotations

from assistant.conversation.checked import checked_rewrite
from assistant.conversation.followups import rewrite_follow_up
from assistant.types import Turn
from tests.riverbasin import AALTO, BREUER, river_catalogue, river_turn


def test_a_pronoun_finds_a_person_named_two_turns_back() -> None:
    history = (
        river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator"),
        river_turn("What did the bank's board decide in November 2024?", "When the second round of talks ended"),
    )
    assert rewrite_follow_up("Where did he convene the first round?", history, river_catalogue()) == (
        "Where did Henrik Aalto convene the first round?"
    )


def test_he_is_the_person_a_question_asked_about_before_one_an_answer_named() -> None:
    history = (
        AALTO,
        river_turn("Why build the dam at all?", "Dravenia's Minister of Energy, Lukas Breuer"),
        river_turn("Is it only Dravenia's business?", "Breuer has repeatedly argued"),
    )
    assert rewrite_follow_up("Where did he convene the first round?", history, river_catalogue()) == (
        "Where did Henrik Aalto convene the first round?"
    )


def test_which_of_the_two_picks_between_the_two_people_before() -> None:
    history = (AALTO, BREUER)
    assert rewrite_follow_up("Which of the two is older?", history, river_catalogue()) == "Which of Henrik Aalto and Lukas Breuer is older?"
    assert "the two largest" in rewrite_follow_up("What did the two largest firms do?", history, river_catalogue())


def test_he_is_the_leader_not_the_city_he_is_in() -> None:
    history = (river_turn("What has Viktor Halden said in Tesk about the Koral Dam?", "In Dravenia, President Viktor Halden"),)
    rewritten = rewrite_follow_up("What did he promise?", history, river_catalogue())
    assert rewritten == "What did Viktor Halden promise?"


def test_the_person_a_who_question_was_answered_with_is_the_next_he() -> None:
    history = (
        river_turn("Who is Elena Castell?", "Marisca's Minister of Agriculture, Elena Castell"),
        river_turn("Who convened the first round of talks?", "Henrik Aalto, the bank's chief negotiator"),
    )
    assert "Henrik Aalto" in rewrite_follow_up("How did he describe the draft framework?", history, river_catalogue())


def test_who_else_is_answered_by_someone_new_to_the_conversation() -> None:
    history = (AALTO, Turn("Who else spoke?", "Who else spoke?", "Lukas Breuer and Henrik Aalto spoke. [1]"))
    assert rewrite_follow_up("What is his job?", history, river_catalogue()) == "What is Lukas Breuer's job?"


def test_there_is_the_place_of_the_conversation() -> None:
    history = (river_turn("What happened in Vienna in mid-September 2024?", "Henrik Aalto, the bank's chief negotiator"),)
    assert rewrite_follow_up("Who else was there?", history, river_catalogue()) == "Who else was in Vienna?"


def test_ordinals_and_that_case_point_at_the_topic() -> None:
    history = (river_turn("What are the three scenarios?", "The future of the dispute is uncertain"),)
    assert rewrite_follow_up("And the second one?", history, river_catalogue()) == "The second scenario?"
    history = (river_turn("What happens in the second scenario?", "In the second scenario, a severe drought"),)
    assert rewrite_follow_up("What could Marisca do in that case?", history, river_catalogue()) == (
        "What could Marisca do in the second scenario?"
    )
    assert rewrite_follow_up("in that one does the bank pay?", history, river_catalogue()) == "In the second scenario does the bank pay?"
    history += (river_turn("Would enforcing the draft framework be easy?", "The draft framework"),)  # a topic in between
    under_it = rewrite_follow_up("What would the bank do under it?", history, river_catalogue())
    assert under_it == "What would the bank do in the second scenario?"


SECOND_BANK = "In the second scenario, what does the bank do?"


def test_the_most_graded_one_is_the_case_so_named() -> None:
    listing = "In the first scenario, talks resume. In the hopeful scenario, the dam fills. In the dry scenario, talks fail. [1]"
    history = (Turn("What are the scenarios?", "What are the scenarios?", listing),)
    assert rewrite_follow_up("What happens in the most hopeful one?", history, river_catalogue()) == (
        "What happens in the hopeful scenario?"
    )
    history += (river_turn("Who is Lukas Breuer?", "Lukas Breuer"),)  # a person in between
    assert rewrite_follow_up("In the driest of them, does the dam fill?", history, river_catalogue()) == (
        "In the driest scenario, does the dam fill?"
    )


def test_what_it_says_is_the_text_discussed_not_the_party() -> None:
    """"What did it say about …?" asks of the framework, not of the bank the previous question was about."""
    history = (
        river_turn("Who initialled the draft framework?", "On 20 February 2025, after a third round of talks held in Tesk"),
        river_turn("Was the bank involved in drafting it?", "The bank, for its", "Was the bank involved in drafting the draft framework?"),
    )
    rewritten = rewrite_follow_up("What did it say about droughts?", history, river_catalogue())
    assert rewritten == "What did the draft framework say about droughts?"


def test_it_is_never_the_date_a_question_asked_about() -> None:
    history = (
        river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator"),
        river_turn("What is expected to happen with him in March?", "Henrik Aalto, the bank's chief negotiator"),
    )
    assert "March" not in rewrite_follow_up("Did he actually go through with it?", history, river_catalogue())


def test_that_case_is_the_one_case_discussed_not_the_cases_together() -> None:
    """After "the three scenarios" and a question about the second one, "that case" is the second scenario, and the
    scenarios are never "they" who act."""
    history = (
        river_turn("What are the three scenarios?", "The future of the dispute is uncertain"),
        river_turn("In the second one, what does the bank do?", "In the second scenario, a severe drought", SECOND_BANK),
        river_turn("Whose plan would they follow?", "In the third, less likely scenario", "Whose plan would the three scenarios follow?"),
    )
    assert rewrite_follow_up("And what happens to the dam in that case?", history, river_catalogue()) == (
        "What happens to the dam in the second scenario?"
    )
    assert "scenarios" not in rewrite_follow_up("Whose money would they want?", history, river_catalogue())


def test_it_is_the_organisation_the_last_question_asked_for() -> None:
    history = (
        river_turn("What is the Koral Dam?", "Dravenia regards the 900-megawatt dam"),
        river_turn("Which bank approved the loan for the dam?", "Since the Southern Basin Development Bank"),
    )
    assert rewrite_follow_up("Why did it freeze the second tranche?", history, river_catalogue()) == (
        "Why did Southern Basin Development Bank freeze the second tranche?"
    )


def test_an_elliptic_question_gains_the_topic() -> None:
    history = (river_turn("What does the draft framework provide?", "It provides for the creation"),)
    assert rewrite_follow_up("What is still open?", history, river_catalogue()) == "What is still open, regarding the draft framework?"


def test_without_a_catalogue_topics_still_resolve() -> None:
    history = (Turn("What does the draft framework provide?", "What does the draft framework provide?", "It provides for …"),)
    assert rewrite_follow_up("Who signed it?", history) == "Who signed the draft framework?"


def test_an_llm_rewrite_naming_what_the_corpus_never_does_falls_back_to_the_rules() -> None:
    history = (river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator"),)
    question = "What did he convene?"
    assert checked_rewrite("What did Henrik Aalto convene?", question, history, river_catalogue()) == "What did Henrik Aalto convene?"
    assert checked_rewrite("What did Jean Dupont convene?", question, history, river_catalogue()) == "What did Henrik Aalto convene?"
