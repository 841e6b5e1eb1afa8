"""Who "they", "them", "that group" and "the two of them" are, against the memory of the whole conversation
on the river-basin corpus' catalogue: groups of people, plural topics, bodies and countries."""

from __future__ import annotations

from assistant.conversation.followups import rewrite_follow_up
from assistant.conversation.memory import remember
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.types import Turn
from tests.riverbasin import AALTO, BREUER, CASTELL, MINISTERS, river_catalogue, river_sentence, river_turn


def test_they_is_the_plural_topic_of_turn_one_not_the_person_of_turn_two() -> None:
    history = (river_turn("Which delegations initialled the draft framework?", "On 20 February 2025, after a third round"), AALTO)
    assert rewrite_follow_up("What did they commit to?", history, river_catalogue()) == "What did delegations commit to?"


def test_people_an_answer_names_together_are_they_and_the_two_of_them() -> None:
    catalogue = river_catalogue()
    assert rewrite_follow_up("What did they argue?", (MINISTERS,), catalogue) == "What did Lukas Breuer and Elena Castell argue?"
    history = (BREUER, CASTELL, river_turn("Why is she sceptical?", "In Marisca, Castell is sceptical"))
    assert rewrite_follow_up("How do the two of them differ?", history, catalogue) == "How do Lukas Breuer and Elena Castell differ?"


def test_which_one_asks_among_the_people_an_answer_named_together() -> None:
    assert rewrite_follow_up("Which one warned about the flow?", (MINISTERS,), river_catalogue()) == (
        "Which of Lukas Breuer and Elena Castell warned about the flow?"
    )


def test_which_one_asks_among_those_the_previous_question_asked_for() -> None:
    asked = "Which Marisca officials have spoken about the dam?"
    history = (Turn(asked, asked, river_sentence("Marisca's Minister of Agriculture, Elena Castell")),)
    assert rewrite_follow_up("Which one warned about the flow?", history, river_catalogue()) == (
        "Which of the Marisca officials warned about the flow?"
    )


def test_they_is_not_something_an_answer_only_mentioned_in_passing() -> None:
    declined = Turn("Who opposed it?", "Who opposed the draft framework?", "The brief does not cover this. [1]")
    history = (river_turn("What does the draft framework provide?", "In late April 2025, the Farmers' Union"), declined)
    assert rewrite_follow_up("What did they demand?", history, river_catalogue()) == "What did they demand, regarding the draft framework?"


def test_one_person_named_twice_in_a_row_is_no_group() -> None:
    answer = "Lukas Breuer and Breuer's deputy spoke first; Elena Castell replied. [1]"
    memory = remember((Turn("Who spoke first?", "Who spoke first?", answer),), river_catalogue())
    assert all(not r.text.startswith(" and ") and r.text.count(" and ") < 2 for r in memory.referents.values())


def test_they_is_people_a_question_asked_about_before_a_country_an_answer_named() -> None:
    history = (
        river_turn("What did the survey show about Dravenian voters?", "Marisca fears that the filling"),
        river_turn("Who ran it?", "Marisca fears that the filling", "Who ran the survey?"),
    )
    assert rewrite_follow_up("How many of them want the dam?", history, river_catalogue()) == "How many of Dravenian voters want the dam?"


def test_how_many_of_them_are_people_a_plural_name_gives_not_a_body() -> None:
    poll = Entity("selva-poll", "Selva Poll", "organisation", ("Selva Poll",), (), ())
    catalogue = EntityCatalogue((poll,), names=("Selva Poll", "Greens"))
    answer = "The Selva Poll found that 60% of Greens back the dam. [1]"
    history = (
        Turn("What did the Selva Poll show?", "What did the Selva Poll show?", answer),
        Turn("Who was asked, the Greens?", "Who was asked, the Greens?", answer),
    )
    assert rewrite_follow_up("How many of them want the dam?", history, catalogue) == "How many of the Greens want the dam?"
    asked = "What do Greens think of the dam?"
    polled = (Turn(asked, asked, answer), Turn("Which poll found that?", "Which poll found that?", "The Selva Poll. [1]"))
    assert rewrite_follow_up("What % of them want the dam?", polled, catalogue) == "What % of the Greens want the dam?"  # not the poll


def test_how_many_of_them_are_people_an_answer_named_by_what_they_are_not_a_country() -> None:
    """ "86% of Dravenian voters": the plural an answer named is "them" where the conversation made only a country salient."""
    answer = "A Selva Poll survey found that 86% of Dravenian voters oppose the dam, while 73% back the monitoring centre. [1]"
    history = (
        Turn("Has opinion in Dravenia shifted on the dam?", "Has opinion in Dravenia shifted on the dam?", answer),
        Turn("Which survey shows that?", "Which survey shows that, regarding Dravenia?", answer),
    )
    assert rewrite_follow_up("And what share of them back the monitoring centre?", history, river_catalogue()) == (
        "What share of Dravenian voters back the monitoring centre?"
    )


def test_they_who_meet_are_the_two_people_asked_about_not_a_country() -> None:
    history = (BREUER, CASTELL)
    catalogue = river_catalogue()
    assert rewrite_follow_up("Where did they first meet?", history, catalogue) == "Where did Elena Castell and Lukas Breuer first meet?"
    assert "Breuer" not in rewrite_follow_up("What did they demand?", history, catalogue)  # no mutual verb: not the two


def test_the_people_a_which_question_was_answered_with_are_they_turns_later() -> None:
    history = (
        river_turn("Which farmers have protested in the capital?", "The Marisca Farmers' Union, which has organised"),
        river_turn("Has the government answered?", "Her position is backed by the Farmers' Union"),
    )
    rewritten = rewrite_follow_up("How many of them are there?", history, river_catalogue())
    assert "Farmers" in rewritten and "them" not in rewritten


def test_that_group_is_the_people_discussed() -> None:
    history = (MINISTERS, river_turn("When did the delta talks open?", "On 20 February 2025, after a third round"))
    rewritten = rewrite_follow_up("What did that group agree to?", history, river_catalogue())
    assert rewritten == "What did Lukas Breuer and Elena Castell agree to?"


def test_they_is_the_country_the_questions_made_the_actor_not_a_body_an_answer_mentioned() -> None:
    history = (
        river_turn("What did Marisca demand?", "For Marisca, the stakes are primarily agricultural"),
        river_turn("How did Marisca press for it?", "The Marisca Farmers' Union, which has organised"),
    )
    rewritten = rewrite_follow_up("Did all that get them what they wanted?", history, river_catalogue())
    assert rewritten == "Did all that get Marisca what they wanted?"


def test_they_who_act_are_people_before_talks() -> None:
    history = (river_turn("Which Dravenians took part in the delta talks?", "The framework has yet to be approved"),)
    assert rewrite_follow_up("What did they demand?", history, river_catalogue()) == "What did the Dravenians demand?"


def test_those_two_bodies_are_the_two_bodies_of_the_conversation_not_its_two_people() -> None:
    asked = "Which bodies criticised the dam?"
    bodies = Turn(asked, asked, "The Southern Basin Development Bank and the Marisca Farmers' Union criticised the dam. [1]")
    rewritten = rewrite_follow_up("When did those two bodies first speak out?", (MINISTERS, bodies), river_catalogue())
    assert rewritten == "When did Southern Basin Development Bank and Marisca Farmers' Union first speak out?"
    assert rewrite_follow_up("When did the two of them first speak out?", (bodies, MINISTERS), river_catalogue()) == (
        "When did Lukas Breuer and Elena Castell first speak out?"
    )


def test_they_may_be_an_institution_spoken_of_by_its_kind() -> None:
    asked = "How did the bank put pressure on the farmers early on?"
    history = (Turn(asked, asked, "The talks in Vienna stalled, and the delta protests grew. [1]"),)
    assert rewrite_follow_up("When did they suspend the loan?", history, river_catalogue()) == "When did the bank suspend the loan?"


def test_the_first_organisation_is_the_first_body_a_question_named() -> None:
    asked = "What does the Basin Finance Monitor report?"
    first = Turn(asked, asked, "It reported on the loan. [1]")
    second = Turn("And the Marisca Policy Review?", "What does the Marisca Policy Review report?", "It reported on the delta. [1]")
    history = (first, second)
    assert rewrite_follow_up("When did the first organisation publish?", history, river_catalogue()) == (
        "When did the Basin Finance Monitor publish?"
    )
    assert rewrite_follow_up("When did the last organisation publish?", history, river_catalogue()) == (
        "When did the Marisca Policy Review publish?"
    )


def test_them_after_which_group_is_the_people_the_answer_named() -> None:
    asked = "Which group has been most hostile to the framework?"
    history = (Turn(asked, asked, "In the delta, Marisca officials – long the most hostile group – rejected the draft framework. [1]"),)
    assert rewrite_follow_up("What share of them signed the petition?", history, river_catalogue()) == (
        "What share of Marisca officials signed the petition?"
    )


def test_they_is_the_group_the_previous_question_named_before_people_an_earlier_answer_listed() -> None:
    history = (MINISTERS, Turn("What part did the dravenians play?", "What part did the dravenians play?", "The Dravenians waited. [1]"))
    assert rewrite_follow_up("Were they consulted?", history, river_catalogue()) == "Were the Dravenians consulted?"


def test_they_is_still_the_people_a_who_question_was_answered_with() -> None:
    question = "Who in the bank's circle spoke first?"
    asked = Turn(question, question, "Lukas Breuer and Elena Castell spoke. [1]")
    assert rewrite_follow_up("Which of them warned about the flow?", (asked,), river_catalogue()) == (
        "Which of Lukas Breuer and Elena Castell warned about the flow?"
    )


def test_those_two_after_a_which_question_answered_with_two_bodies_are_those_bodies() -> None:
    """People the answers only mention in passing are not "those two"; the two bodies the question asked for are."""
    first = "Which organisations objected to the loan?"
    answer = "The Marisca Farmers' Union and the Selva Basin Commission objected to the loan. [1]"
    second = "Did anyone respond?"
    reply = "Lukas Breuer answered them, and Elena Castell disagreed with Breuer. [1]"
    history = (Turn(first, first, answer), Turn(second, second, reply))
    assert rewrite_follow_up("When did those two object?", history, river_catalogue()) == (
        "When did Marisca Farmers' Union and Selva Basin Commission object?"
    )


def test_their_after_a_plural_the_question_names_is_that_plurals() -> None:
    history = (river_turn("Which delegations initialled the draft framework?", "On 20 February 2025, after a third round"),)
    rewritten = rewrite_follow_up("Why might voters be changing their minds?", history, river_catalogue())
    assert rewritten.startswith("Why might voters be changing their minds")


def test_them_is_the_plural_a_question_asked_for_turns_before() -> None:
    history = (
        river_turn("What demands did Marisca make?", "Marisca demanded a minimum flow"),
        river_turn("Who is Lukas Breuer?", "Dravenia's Minister of Energy, Lukas Breuer"),
    )
    assert rewrite_follow_up("Which farms were hit by them?", history, river_catalogue()) == "Which farms were hit by the demands?"


def test_they_after_a_plural_the_question_names_is_that_plural_not_the_people_answered_before() -> None:
    history = (
        river_turn("What demands did Marisca make?", "Marisca demanded a minimum flow"),
        MINISTERS,
    )
    rewritten = rewrite_follow_up("Going back to those demands, when were they made?", history, river_catalogue())
    assert "were they made" in rewritten and "Breuer" not in rewritten
