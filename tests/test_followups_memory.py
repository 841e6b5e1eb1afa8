"""References resolved against the memory of the whole conversation, on the river-basin corpus' catalogue:
topic phrases, "it", places as locations, "that <noun>", "afterwards", "done that" (people:
test_followups_people.py; "they" and groups: test_followups_groups.py)."""

from __future__ import annotations

from assistant.conversation.followups import rewrite_follow_up
from assistant.conversation.memory import remember
from assistant.conversation.phrases import topic_phrases
from assistant.types import Turn
from tests.riverbasin import CASTELL, river_catalogue, river_sentence, river_turn


def test_topic_phrases_stop_at_verbs_and_keep_possessors_and_what_they_are_of() -> None:
    phrases = [p.text for p in topic_phrases("Did the first round bring a deal for the Selva Basin Commission?", river_catalogue())]
    assert phrases == ["the first round", "a deal for the Selva Basin Commission"]
    assert [p.text for p in topic_phrases("What was Halden's first offer in Tesk?")] == ["Halden's first offer in Tesk"]
    assert "the Report" not in [p.text for p in topic_phrases("What did the Reporters write?", river_catalogue())]
    assert [p.text for p in topic_phrases("What's expected of Halden's plan?")] == ["Halden's plan"]  # "What's" owns nothing
    assert [p.text for p in topic_phrases("What does the plan drafted by Anna Berg say?")] == ["the plan drafted by Anna Berg"]
    assert [p.text for p in topic_phrases("Who else in Berg's circle wants a deal?")] == ["a deal"]  # "wants" is a verb
    assert [p.text for p in topic_phrases("What about Dravenia's frozen assets?")] == ["Dravenia's frozen assets"]
    ended = [p.text for p in topic_phrases("The talks used the plan drafted by Anna Berg.")]
    assert ended == ["the talks", "the plan drafted by Anna Berg"]  # not "Berg.": the sentence ends there
    assert [p.text for p in topic_phrases("The talks used the plan drafted by Anna B.")][-1] == "the plan drafted by Anna B."


def test_a_phrase_saying_what_a_thing_pointed_back_at_is_no_topic() -> None:
    assert [p.text for p in topic_phrases("Why is that a big deal?")] == []
    assert [p.text for p in topic_phrases("Why is a big deal important?")] == ["a big deal"]
    first = river_turn("What did the draft framework provide?", "It provides for the creation")
    second = Turn("Why is that a big deal?", "Why is that a big deal?", river_sentence("It provides for the creation"))
    assert rewrite_follow_up("When was it approved?", (first, second), river_catalogue()) == "When was the draft framework approved?"


def test_there_is_a_place_named_as_a_location_and_it_is_not_the_answer_to_where() -> None:
    catalogue = river_catalogue()
    where = river_turn("Where were the draft framework talks held?", "On 20 February 2025, after a third round")
    assert rewrite_follow_up("Who was there?", (where,), catalogue) == "Who was in Tesk?"
    history = (river_turn("What does the draft framework provide?", "It provides for the creation"), where)
    assert rewrite_follow_up("Has it been approved?", history, catalogue) == "Has the draft framework been approved?"


def test_that_noun_takes_the_specific_phrase_an_answer_used() -> None:
    history = (river_turn("What did Marisca do on 2 July 2024?", "Marisca responded on 2 July 2024"),)
    assert rewrite_follow_up("What did that complaint ask for?", history, river_catalogue()) == (
        "What did the formal complaint with the SBDB ask for?"
    )


def test_that_noun_asked_when_keeps_the_noun_not_the_date_that_names_it() -> None:
    asked = "What comes next for the framework?"
    vote = Turn(asked, asked, "The union prepares for the June 2026 vote. [1]")
    assert "June 2026" not in rewrite_follow_up("When is that vote?", (vote,), river_catalogue())  # the date is the answer
    assert rewrite_follow_up("Who called that vote?", (vote,), river_catalogue()) == "Who called the June 2026 vote?"


def test_it_names_a_topic_as_the_answer_said_it_in_full() -> None:
    asked = "Whose framework is discussed in the delta talks?"
    history = (Turn(asked, asked, "The delegations discussed the framework drafted by Henrik Aalto. [1]"),)
    assert rewrite_follow_up("What does it say about the flow?", history, river_catalogue()) == (
        "What does the framework drafted by Henrik Aalto say about the flow?"
    )


def test_afterwards_is_after_the_previous_topic() -> None:
    history = (river_turn("What happened at the first round of talks?", "The talks focused on a single"),)
    assert rewrite_follow_up("What did Marisca demand afterwards?", history, river_catalogue()) == (
        "What did Marisca demand after the first round?"
    )
    assert rewrite_follow_up("What did Marisca say afterwards the bank should do?", history, river_catalogue()) == (
        "What did Marisca say after the first round the bank should do?"
    )


def test_beforehand_is_before_the_thing_a_which_of_question_found_them_in_not_the_plural_it_asked_for() -> None:
    asked = "Which of Marisca's demands ended up in the draft framework?"
    history = (Turn(asked, asked, "The draft framework included two of Marisca's demands. [1]"),)
    assert rewrite_follow_up("Was the bank even consulted beforehand?", history, river_catalogue()) == (
        "Was the bank even consulted before the draft framework?"
    )


def test_done_that_gains_the_previous_predicate() -> None:
    history = (river_turn("Could the bank suspend the second tranche?", "When the second round of talks ended"),)
    assert rewrite_follow_up("Had it done that before?", history, river_catalogue()) == (
        "Had the bank done that (suspend the second tranche) before?"
    )


def test_a_question_naming_only_a_background_country_still_leans_on_the_conversation() -> None:
    history = (river_turn("What does the draft framework provide?", "It provides for the creation"),)
    assert rewrite_follow_up("How much must Dravenia release?", history, river_catalogue()) == (
        "How much must Dravenia release, regarding the draft framework?"
    )
    assert rewrite_follow_up("Who is Rui Salgado?", history, river_catalogue()) == "Who is Rui Salgado?"


def test_later_on_is_after_the_event_not_the_institution_asked_about() -> None:
    history = (river_turn("What did the bank do on 11 November 2024?", "When the second round of talks ended"),)
    assert rewrite_follow_up("What did it decide later on?", history, river_catalogue()) == (
        "What did the bank decide after 11 November 2024?"
    )


def test_a_possessive_phrase_is_a_topic_whatever_its_noun() -> None:
    assert [p.text for p in topic_phrases("What is Lukas Breuer's background?")] == ["Lukas Breuer's background"]
    history = (river_turn("What is Lukas Breuer's background?", "Breuer, who oversaw the early stages"),)
    assert rewrite_follow_up("Is it unusual for a minister?", history, river_catalogue()) == (
        "Is Lukas Breuer's background unusual for a minister?"
    )


def test_a_closing_in_it_is_the_case_discussed_not_the_body_asked_about_since() -> None:
    history = (
        river_turn("What happens in the second scenario?", "In the second scenario, a severe drought"),
        river_turn("Who chairs the bank's delegation?", "Henrik Aalto, the bank's chief negotiator"),
    )
    assert rewrite_follow_up("Does the bank keep the tranche frozen in it?", history, river_catalogue()) == (
        "Does the bank keep the tranche frozen in the second scenario?"
    )


def test_it_before_an_event_verb_is_the_situation_not_the_country_asked_about() -> None:
    history = (
        river_turn("What happens in the second scenario?", "In the second scenario, a severe drought"),
        river_turn(
            "What could Marisca do then?", "Both governments would then face", "What could Marisca do then, regarding the second scenario?"
        ),
    )
    assert rewrite_follow_up("And what would it mean for the bank?", history, river_catalogue()) == (
        "What would the second scenario mean for the bank?"
    )


def test_there_of_is_there_and_it_of_is_it_true_point_at_nothing() -> None:
    where = river_turn("Where were the draft framework talks held?", "On 20 February 2025, after a third round")
    catalogue = river_catalogue()
    assert "Tesk" not in rewrite_follow_up("Is there a deadline for ratification?", (where,), catalogue)
    assert "Tesk" not in rewrite_follow_up("How many delegates were there?", (where,), catalogue)
    assert rewrite_follow_up("What did Aalto say there about the document?", (where,), catalogue) == (
        "What did Aalto say in Tesk about the document?"
    )
    history = (river_turn("What does the draft framework provide?", "It provides for the creation"),)
    assert rewrite_follow_up("Is it true that droughts were left open?", history, catalogue).startswith("Is it true that")


def test_it_before_an_event_verb_is_what_was_done_not_who_did_it_nor_when() -> None:
    history = (river_turn("What did the bank do on 11 November 2024?", "When the second round of talks ended"),)
    catalogue = river_catalogue()
    action = ", regarding what the bank did on 11 November 2024?"
    assert rewrite_follow_up("Did it work?", history, catalogue) == f"Did it work{action}"
    assert rewrite_follow_up("When did that happen?", history, catalogue) == f"When did that happen{action}"
    assert rewrite_follow_up("Who criticised it?", history, catalogue) == f"Who criticised it{action}"
    assert rewrite_follow_up("Why did it do that?", history, catalogue) == "Why did the bank do that (on 11 November 2024)?"
    happened = (river_turn("What happened in Tesk?", "On 20 February 2025, after a third round"),)
    assert rewrite_follow_up("Did it succeed?", happened, catalogue) == "Did it succeed, regarding what happened in Tesk?"
    when = (river_turn("When did Breuer cut the releases?", "Dravenia's Minister of Energy, Lukas Breuer"),)
    assert rewrite_follow_up("Did it work?", when, catalogue) == "Did it work, regarding Lukas Breuer cutting the releases?"


def test_that_after_a_question_for_what_someone_assumed_is_what_they_assumed() -> None:
    question = "What did Lukas Breuer assume the bank would accept?"
    history = (Turn(question, question, "Lukas Breuer assumed the bank would accept a delay. [1]"),)
    assert rewrite_follow_up("Why did he think that?", history, river_catalogue()) == (
        "Why did Lukas Breuer think that, regarding what Lukas Breuer assumed the bank would accept?"
    )


def test_that_is_what_the_previous_question_asked_for_when_it_named_nothing_else() -> None:
    history = (river_turn("What personal ambitions does Breuer have?", "Breuer, who oversaw the early stages"),)
    assert rewrite_follow_up("Would the dam help with that?", history, river_catalogue()) == (
        "Would the dam help with the personal ambitions?"
    )


def test_the_place_a_where_question_is_answered_with_is_the_one_named_as_a_location() -> None:
    answer = "The Dravenian talks on the Koral Dam were held in Vienna. [1]"
    history = (Turn("Where were the talks held?", "Where were the talks held?", answer),)
    catalogue = river_catalogue()
    memory = remember(history, catalogue)
    vienna, dam = (catalogue.resolve(name) for name in ("Vienna", "Koral Dam"))
    assert vienna is not None and dam is not None
    assert memory.referents[f"entity:{vienna.id}"].salience > 2 * memory.referents[f"entity:{dam.id}"].salience
    assert rewrite_follow_up("Who else was there?", history, catalogue) == "Who else was in Vienna?"


def test_a_noun_no_question_used_points_at_the_thread_from_the_declined_opening_question_on() -> None:
    opening = "What does the brief say about the Varon Delta?"
    declined = Turn(opening, opening, "The brief does not cover this. [1]")
    history = (declined, river_turn("Who signed the draft framework?", "On 20 February 2025, after a third round"))
    catalogue = river_catalogue()
    assert rewrite_follow_up("Who resigned after that breakthrough?", history, catalogue) == (
        "Who resigned after that breakthrough, regarding the draft framework and the Varon Delta?"
    )
    assert rewrite_follow_up("Who resigned after that draft?", history, catalogue) == (
        "Who resigned after that draft, regarding the draft framework?"
    )  # a noun a question used names what that question was about


def test_then_and_at_that_time_are_the_date_asked_about_or_answered_with() -> None:
    history = (river_turn("What did the bank do on 11 November 2024?", "When the second round of talks ended"),)
    catalogue = river_catalogue()
    assert rewrite_follow_up("What had Breuer done by then?", history, catalogue) == "What had Breuer done by 11 November 2024?"
    assert rewrite_follow_up("What did Castell say at that time?", history, catalogue) == "What did Castell say on 11 November 2024?"
    assert rewrite_follow_up("And then?", history, catalogue) == "What happened after 11 November 2024?"  # not "after the bank"
    answered = (river_turn("When did the bank suspend the second tranche?", "When the second round of talks ended"),)
    assert rewrite_follow_up("What did Castell say at that time?", answered, catalogue) == "What did Castell say on 11 November 2024?"
    month = (river_turn("What happened in Tesk in February 2025?", "On 20 February 2025, after a third round"),)
    assert rewrite_follow_up("What did Castell say around then?", month, catalogue) == "What did Castell say around February 2025?"


def test_after_that_is_an_event_never_only_what_a_which_question_was_answered_with() -> None:
    answer = "The Selva Basin Commission and the Marisca Farmers' Union criticised it. [1]"
    history = (Turn("Which organisations criticised it?", "Which organisations criticised the draft framework?", answer),)
    catalogue = river_catalogue()
    assert rewrite_follow_up("What did Breuer do after that?", history, catalogue) == "What did Breuer do after the draft framework?"
    assert rewrite_follow_up("And then?", history, catalogue) == "What happened after the draft framework?"
    answer = "The Selva Basin Commission and the Marisca Farmers' Union were consulted. [1]"
    history = (Turn("Which organisations were consulted?", "Which organisations were consulted, regarding the draft framework?", answer),)
    assert rewrite_follow_up("And then?", history, catalogue) == (
        "What happened after Selva Basin Commission and Marisca Farmers' Union were consulted?"
    )  # a passive which-question told with its answer


def test_after_that_is_the_day_an_answer_gave_when_the_question_named_nothing_of_its_own() -> None:
    answer = "On 20 February 2025, the delegations initialled a draft. [1]"
    history = (Turn("What was agreed?", "What was agreed, regarding the delta talks?", answer),)
    rewritten = rewrite_follow_up("What did Breuer do right after that?", history, river_catalogue())
    assert rewritten == "What did Breuer do right after 20 February 2025?"


def test_a_follow_up_naming_its_parties_gains_only_the_previous_question_s_subject() -> None:
    catalogue = river_catalogue()
    question = "Could Dravenia cut off water releases to Marisca?"
    scenario = (river_turn("What happens in the second scenario?", "In the second scenario, a severe drought"),)
    assert rewrite_follow_up(question, scenario, catalogue) == f"{question.rstrip('?')}, regarding the second scenario?"
    vague = (river_turn("What does the brief expect to matter in the coming years?", "Henrik Aalto, the bank's chief negotiator"),)
    assert rewrite_follow_up(question, vague, catalogue) == question  # not "regarding Henrik Aalto", whom the answer named


def test_a_bare_why_after_a_what_was_done_question_asks_about_the_action_and_it_carries_on() -> None:
    catalogue = river_catalogue()
    history = (river_turn("What did the bank do on 11 November 2024?", "When the second round of talks ended"),)
    why = rewrite_follow_up("Why?", history, catalogue)
    assert why == "Why, regarding what the bank did on 11 November 2024?"  # not "Why did the bank do on …?"
    history += (Turn("Why?", why, history[0].answer),)
    assert rewrite_follow_up("Who criticised it?", history, catalogue) == (
        "Who criticised it, regarding what the bank did on 11 November 2024?"
    )


def test_it_after_what_something_turned_into_is_what_it_turned_into() -> None:
    catalogue = river_catalogue()
    turned = (river_turn("What did Breuer's project turn into?", "Dravenia's Minister of Energy, Lukas Breuer"),)
    assert rewrite_follow_up("Which demands ended up in it?", turned, catalogue) == (
        "Which demands ended up in it, regarding what Breuer's project turned into?"
    )
    assert rewrite_follow_up("Why?", turned, catalogue) == "Why, regarding what Breuer's project turned into?"
    proposed = (river_turn("What did the bank propose?", "When the second round of talks ended"),)
    assert rewrite_follow_up("Did Marisca accept it?", proposed, catalogue) == "Did Marisca accept it, regarding what the bank proposed?"
    included = (river_turn("What did the draft framework include?", "On 20 February 2025, after a third round"),)
    assert rewrite_follow_up("Who drafted it?", included, catalogue) == "Who drafted the draft framework?"  # the thing itself


def test_it_after_a_which_question_is_the_thing_the_answer_named() -> None:
    history = (river_turn("Which treaty do the two states share?", "Under the 1998 Selva Water Treaty"),)
    assert rewrite_follow_up("What does it leave out?", history, river_catalogue()) == "What does the Selva Water Treaty leave out?"
    marked = "The two states share the Selva Water Treaty³, which both ratified. [1]"  # a note marker joined to the name
    history = (Turn("Which treaty do the two states share?", "Which treaty do the two states share?", marked),)
    assert rewrite_follow_up("What does it leave out?", history, river_catalogue()) == "What does the Selva Water Treaty leave out?"


def test_it_as_a_subject_is_the_conversation_s_country_when_the_previous_question_named_only_a_person() -> None:
    history = (river_turn("What does Marisca fear?", "Marisca fears that the filling"), CASTELL)
    assert rewrite_follow_up("And how has it behaved in the talks?", history, river_catalogue()) == "How has Marisca behaved in the talks?"


def test_a_reflexive_stressing_a_noun_points_at_nothing() -> None:
    history = (river_turn("What does Marisca fear?", "Marisca fears that the filling"),)
    question = "What did the talks themselves achieve?"
    assert rewrite_follow_up(question, history, river_catalogue()) == question


def test_instead_leans_on_what_the_previous_question_was_about() -> None:
    history = (river_turn("Did Okafor agree to a phased filling schedule at the Vienna talks?", "Rui Salgado, a former chair"),)
    assert rewrite_follow_up("What did Aalto argue for instead?", history, river_catalogue()) == (
        "What did Aalto argue for instead, regarding a phased filling schedule at the Vienna talks?"
    )


def test_a_subject_it_is_not_a_name_inside_a_prepositional_phrase() -> None:
    standalone = "Who on the Marisca side drafted the draft framework?"
    asked = Turn("Who on the Marisca side drafted it?", standalone, "Elena Castell drafted it. [1]")
    assert rewrite_follow_up("Whose proposal was it based on?", (asked,), river_catalogue()) == (
        "Whose proposal was the draft framework based on?"
    )


def test_the_x_one_is_a_case_unless_the_conversation_said_x_of_another_thing() -> None:
    asked = "How do tariffs figure in the scenarios?"
    history = (Turn(asked, asked, "Dravenia lifts the tariffs on Marisca. [1] The secondary tariffs stay. [1]"),)
    assert rewrite_follow_up("In the dry one, does Dravenia keep them?", history, river_catalogue()) == (
        "In the dry scenario, does Dravenia keep tariffs?"
    )
    assert rewrite_follow_up("And the secondary one?", history, river_catalogue()) == "The secondary tariff?"


def test_a_conditional_follow_up_asks_within_the_case_discussed() -> None:
    first = river_sentence("In the second scenario")
    history = (
        Turn("What happens in the second scenario?", "What happens in the second scenario?", first),
        Turn("What would the bank do?", "What would the bank do in the second scenario?", first),
    )
    assert rewrite_follow_up("And if Kaleva then sides with Marisca?", history, river_catalogue()) == (
        "If Kaleva then sides with Marisca, regarding the second scenario?"
    )


def test_it_in_a_cleft_question_stands_for_nothing() -> None:
    history = (river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator"),)
    assert rewrite_follow_up("What was it about Aalto that the farmers distrusted?", history, river_catalogue()) == (
        "What was it about Aalto that the farmers distrusted?"
    )
    assert "it" not in rewrite_follow_up("What was it about?", history, river_catalogue()).split()


def test_after_it_is_after_the_event_discussed_not_a_thing_just_asked_about() -> None:
    history = (
        river_turn("What happened at the third round of talks in Tesk?", "On 20 February 2025, after a third round"),
        river_turn("What does the draft framework provide for?", "It provides for the creation"),
    )
    rewritten = rewrite_follow_up("And what did the bank do after it?", history, river_catalogue())
    assert rewritten == "What did the bank do after the third round?"


def test_it_after_a_question_about_a_quoted_title_is_that_publication() -> None:
    title = "'Financing under fire: the SBDB and the Koral loan'"
    note = f"² H. Lindqvist, {title}, Basin Finance Monitor, 19 December 2024, bfm.example.org."
    history = (Turn(f"Who wrote {title}?", f"Who wrote {title}?", f"{note} [1]"),)
    assert rewrite_follow_up("And when did it come out?", history, river_catalogue()) == f"When did {title} come out?"


def test_that_of_a_passive_is_never_a_country() -> None:
    """"What poll is that based on?" asks about what was said: "that" stays, it is not the country discussed."""
    history = (river_turn("What does Marisca fear?", "Marisca fears that the filling"),)
    assert "Marisca based on" not in rewrite_follow_up("What poll is that based on?", history, river_catalogue())
    treaty = (river_turn("Which treaty do the two states share?", "Under the 1998 Selva Water Treaty"),)
    assert rewrite_follow_up("When was that signed?", treaty, river_catalogue()) == "When was the Selva Water Treaty signed?"


def test_that_one_is_the_one_thing_the_previous_question_was_answered_with() -> None:
    answer = "In late April 2025, the Farmers' Union organised a blockade of the main road between Santa Irene and Port Alvar. [1]"
    history = (Turn("Which group organised the road blockade?", "Which group organised the road blockade?", answer),)
    assert rewrite_follow_up("Has that one protested since?", history, river_catalogue()) == "Has Marisca Farmers' Union protested since?"
