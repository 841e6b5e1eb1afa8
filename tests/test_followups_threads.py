"""Follow-ups that carry a conversation's thread: the other of the people an answer named, the same "he", the case
or time span the conversation is about ("then", "the first one", "all that"), a topic set before a dash, and the
topic phrases these rest on; on the river-basin corpus' catalogue."""

from __future__ import annotations

from assistant.conversation.followups import rewrite_follow_up
from assistant.conversation.phrases import topic_phrases
from assistant.types import Turn
from tests.riverbasin import river_catalogue, river_turn


def test_a_who_question_naming_a_person_asks_for_others_whom_the_other_one_then_picks() -> None:
    history = (
        Turn("Who near Okafor doubts it?", "Who near Amara Okafor doubts it?", "Lukas Breuer and Elena Castell doubt it. [1]"),
        Turn("What does the minister of energy want?", "What does Lukas Breuer want?", "Breuer has repeatedly argued. [1]"),
    )
    assert rewrite_follow_up("And the other one - what does she fear?", history, river_catalogue()) == "What does Elena Castell fear?"


def test_he_goes_on_with_the_man_the_previous_question_called_he() -> None:
    history = (
        river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator"),
        Turn("Whose negotiator is he?", "Whose negotiator is Henrik Aalto?", "Its president, Amara Okafor, leads the bank. [1]"),
    )
    assert rewrite_follow_up("Where did he convene the first round?", history, river_catalogue()) == (
        "Where did Henrik Aalto convene the first round?"
    )


def test_a_question_word_is_not_part_of_a_possessor() -> None:
    assert [p.text for p in topic_phrases("Did Marisca's approach pay off?")] == ["Marisca's approach"]


def test_there_and_in_that_case_naming_one_setting_say_it_once() -> None:
    history = (river_turn("What happens in the second scenario?", "In the second scenario, a severe drought"),)
    rewritten = rewrite_follow_up("What would the bank do there in that case?", history, river_catalogue())
    assert rewritten.lower().count("second scenario") == 1


def test_the_x_one_and_the_first_one_pick_among_the_cases_asked_about() -> None:
    asked = "What happens to the loan in the drought scenario?"
    first = Turn(asked, asked, "In the second scenario, a severe drought delays the loan. [1]")
    treaty = "What happens to the loan in the treaty scenario?"
    assert rewrite_follow_up("and in the treaty one?", (first,), river_catalogue()) == treaty
    history = (first, Turn("and in the treaty one?", treaty, "Such a deal would take years to conclude. [1]"))
    assert rewrite_follow_up("what about the farmers in the first one?", history, river_catalogue()) == (
        "What about the farmers in the drought scenario?"
    )
    assert rewrite_follow_up("What about the tranche then?", history, river_catalogue()) == (
        "What about the tranche in the treaty scenario?"
    )


def test_all_that_sums_up_the_time_span_the_conversation_is_about() -> None:
    opening = "What happened in the first weeks of Breuer's term?"
    history = (
        Turn(opening, opening, "Breuer, who oversaw the early stages of the project as deputy minister, is associated with it. [1]"),
        river_turn("How did the bank react?", "The bank's involvement proved decisive"),
    )
    assert rewrite_follow_up("Did all that get them what they wanted?", history, river_catalogue()) == (
        "Did all that get them what they wanted, regarding the first weeks of Breuer's term?"
    )


def test_a_topic_set_before_a_dash_is_what_the_pronoun_after_it_stands_for() -> None:
    history = (river_turn("What did the bank decide in November 2024?", "When the second round of talks ended"),)
    assert rewrite_follow_up("And the farmers' union – what is their view?", history, river_catalogue()).startswith(
        "What is the farmers' union's view"
    )


def test_a_topic_turned_to_before_a_comma_is_what_the_pronoun_after_it_stands_for() -> None:
    history = (river_turn("What did the survey show about Dravenian voters?", "Marisca fears that the filling"),)
    assert rewrite_follow_up("What about urban voters, how did they answer?", history, river_catalogue()).startswith(
        "How did urban voters answer"
    )
    assert rewrite_follow_up("And what about the bank, did it pay?", history, river_catalogue()).startswith("Did the bank pay")


def test_a_follow_up_in_a_conversation_about_a_case_stays_in_that_case() -> None:
    history = (
        river_turn("What happens in the second scenario?", "In the second scenario, a severe drought"),
        river_turn("Would the second tranche be paid?", "The bank, for its part, undertook"),
    )
    assert rewrite_follow_up("How would the farmers fare?", history, river_catalogue()) == (
        "How would the farmers fare, regarding the second scenario?"
    )


def test_a_phrase_keeps_both_names_it_joins_and_where() -> None:
    assert [p.text for p in topic_phrases("It ended in a meeting between Breuer and Castell in Vienna.")] == [
        "a meeting between Breuer and Castell in Vienna"
    ]
    talks = "Tell me about Breuer's talks with Castell in Vienna."
    assert [p.text for p in topic_phrases(talks)] == ["Breuer's talks with Castell in Vienna"]


def test_the_case_i_asked_about_first_is_the_first_asked() -> None:
    history = (
        river_turn("What happens in the drought scenario?", "In the second scenario, a severe drought"),
        river_turn("And in the treaty scenario?", "In the third, less likely scenario"),
    )
    assert rewrite_follow_up("What happens to the loan in the scenario I asked about first?", history, river_catalogue()) == (
        "What happens to the loan in the drought scenario?"
    )


def test_those_talks_point_back_though_the_question_names_a_place_of_its_own() -> None:
    history = (river_turn("What happened in Vienna?", "Talks brokered by the bank"),)
    pointing = rewrite_follow_up("Who came from Tesk to those talks?", history, river_catalogue())
    assert pointing == "Who came from Tesk to those talks, regarding Vienna?"
    assert rewrite_follow_up("Who from Tesk spoke at the talks?", history, river_catalogue()) == "Who from Tesk spoke at the talks?"


def test_shortly_after_with_nothing_after_it_is_after_the_event_discussed() -> None:
    convened = "Henrik Aalto, the bank's chief negotiator, convened"
    when = river_turn("When was that?", convened, "When was the first round in Vienna?")
    history = (river_turn("What happened in Vienna?", convened), when)
    after = rewrite_follow_up("What did the bank do shortly after?", history, river_catalogue())
    assert after == "What did the bank do after the first round in Vienna?"
    own = rewrite_follow_up("What did the bank do shortly after the round?", history, river_catalogue())
    assert own == "What did the bank do shortly after the round?"


def test_how_that_would_go_down_is_about_the_action_asked_about() -> None:
    drought = "In the second scenario, a severe drought"
    standalone = "What would the bank do about the tranche in the second scenario?"
    asked = river_turn("What would the bank do about the tranche in it?", drought, standalone)
    history = (river_turn("What is the second scenario?", drought), asked)
    assert rewrite_follow_up("And how would that go down with Marisca?", history, river_catalogue()) == (
        "How would that go down with Marisca, regarding what the bank would do about the tranche in the second scenario?"
    )


def test_getting_there_is_achieving_the_aim_discussed_else_reaching_the_place() -> None:
    goals = (river_turn("What are Dravenia's real goals at the border?", "Dravenia regards the 900-megawatt dam"),)
    aim = rewrite_follow_up("How has it tried to get there?", goals, river_catalogue())
    assert aim == "How has Dravenia tried to achieve Dravenia's real goals?"
    vienna = (river_turn("What happened in Vienna?", "Henrik Aalto, the bank's chief negotiator, convened"),)
    assert rewrite_follow_up("How did the delegations get there?", vienna, river_catalogue()) == "How did the delegations get in Vienna?"


def test_the_month_after_and_that_month_are_counted_from_the_month_discussed() -> None:
    history = (river_turn("What did the bank decide in November 2024?", "When the second round of talks ended"),)
    assert rewrite_follow_up("And the month after?", history, river_catalogue()) == "What did the bank decide in December 2024?"
    assert rewrite_follow_up("What else happened that month?", history, river_catalogue()) == "What else happened in November 2024?"
    assert rewrite_follow_up("What happened the previous month?", history, river_catalogue()) == "What happened in October 2024?"


def test_there_is_the_case_the_previous_question_was_set_in() -> None:
    history = (
        river_turn("Why is Dravenia's policy hard to read?", "Dravenia regards the 900-megawatt dam"),
        river_turn("In the worst case, who would be hurt most?", "In the second scenario, a severe drought"),
    )
    assert rewrite_follow_up("And what would the bank do there?", history, river_catalogue()) == "What would the bank do in the worst case?"


def test_they_after_the_group_a_question_asks_for_is_that_group() -> None:
    """ "Which banks said they would back it?": the banks asked for are "they", not the union discussed."""
    history = (river_turn("What did the farmers' union demand?", "The Marisca Farmers' Union"),)
    assert "said they would" in rewrite_follow_up("Which banks said they would back it?", history, river_catalogue())


def test_a_closing_those_is_the_plural_topic_discussed() -> None:
    history = (
        Turn("What did the bank ask for?", "What did the bank ask for?", "The bank asked for assessments. [1]"),
        Turn("what kind of guarantees?", "What kind of guarantees, regarding the bank?", "The bank wanted guarantees. [1]"),
    )
    assert rewrite_follow_up("which countries offered money for those?", history, river_catalogue()) == (
        "Which countries offered money for guarantees?"
    )


def test_it_is_the_one_thing_the_previous_question_named() -> None:
    """ "The prize thing?" then "Who awarded it?": the prize, not the treaty the conversation opened with."""
    opening = "Why does Marisca want a treaty so badly?"
    history = (
        Turn(opening, opening, "Marisca wants a treaty. [1]"),
        Turn("the prize thing?", "The prize thing, regarding a treaty?", "Marisca wants a treaty. [1]"),
    )
    assert rewrite_follow_up("who awarded it to them?", history, river_catalogue()) == "Who awarded the prize thing to Marisca?"


def test_in_the_room_is_at_the_meeting_discussed() -> None:
    asked = "What happened at the Vienna talks?"
    history = (Turn(asked, asked, "Henrik Aalto convened the first round in Vienna. [1]"),)
    assert rewrite_follow_up("who else was in the room?", history, river_catalogue()) == "Who else was at the Vienna talks?"
