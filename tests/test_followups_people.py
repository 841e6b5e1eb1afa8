"""Who "he", "she", "that person", "the first guy", "the latter" or a role is, against the memory of the whole
conversation on the river-basin corpus' catalogue (things, places and times: test_followups_memory.py; groups:
test_followups_groups.py)."""

from __future__ import annotations

from assistant.conversation.followups import rewrite_follow_up
from assistant.conversation.gender import pronoun_genders
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.types import Turn
from tests.riverbasin import AALTO, BREUER, CASTELL, MINISTERS, RIVER, SALGADO, river_catalogue, river_sentence, river_turn


def test_the_first_guy_is_the_first_person_asked_about_and_his_pronouns_follow() -> None:
    history = (BREUER, CASTELL, SALGADO)
    assert rewrite_follow_up("Back to the first guy: what did he present the dam as?", history, river_catalogue()) == (
        "Back to Lukas Breuer: what did Lukas Breuer present the dam as?"
    )


def test_the_person_a_which_of_question_picks_is_the_one_the_answer_says_it_of() -> None:
    answer = "Lukas Breuer and Elena Castell spoke; Castell warned that a rapid filling could cut the summer flow. [1]"
    question = "Which of Lukas Breuer and Elena Castell warned about the summer flow?"
    history = (Turn(question, question, answer),)
    assert rewrite_follow_up("What else did she warn about?", history, river_catalogue()) == "What else did Elena Castell warn about?"


def test_the_latter_is_the_person_mentioned_last() -> None:
    history = (river_turn("Who are Breuer and Castell?", "Marisca's Minister of Agriculture, Elena Castell"),)
    assert rewrite_follow_up("What has the latter warned about?", history, river_catalogue()) == "What has Elena Castell warned about?"
    assert rewrite_follow_up("What did the former argue?", history, river_catalogue()) == "What did Lukas Breuer argue?"


def test_whose_asks_for_someone_else_who_is_then_that_person() -> None:
    history = (
        river_turn("Who is the bank's chief negotiator?", "Henrik Aalto, the bank's chief negotiator"),
        Turn("Whose negotiator is he?", "Whose negotiator is Henrik Aalto?", "Its president, Amara Okafor, leads the bank. [1]"),
    )
    assert rewrite_follow_up("What did that person initially defend?", history, river_catalogue()) == (
        "What did Amara Okafor initially defend?"
    )
    assert rewrite_follow_up("And what's that guy's background?", history, river_catalogue()) == "What's Amara Okafor's background?"


def test_a_topic_set_before_a_dash_in_apposition_is_its_last_part() -> None:
    history = (BREUER, AALTO)
    assert rewrite_follow_up("and the minister, Breuer - what did he oversee?", history, river_catalogue()) == "What did Breuer oversee?"


def test_the_person_a_who_question_is_answered_with_is_the_one_the_sentence_says_it_of() -> None:
    answer = "Its president, Amara Okafor, hired Henrik Aalto, the bank's chief negotiator, who convened the first round. [1]"
    history = (Turn("Who convened the first round?", "Who convened the first round?", answer),)
    assert rewrite_follow_up("Where did he convene it?", history, river_catalogue()).startswith("Where did Henrik Aalto convene")


def test_he_after_a_who_question_is_the_person_it_was_answered_with_not_the_one_it_named() -> None:
    halden, mandate = river_sentence("In Dravenia, President Viktor Halden has made"), river_sentence("This outcome depends on")
    answer = f"{halden} {river_sentence('Breuer, who')} {mandate}"
    history = (
        Turn("What does Viktor Halden need in October?", "What does Viktor Halden need in October?", mandate),
        Turn("What has Viktor Halden made of the Koral Dam?", "What has Viktor Halden made of the Koral Dam?", halden),
        Turn("Who stands with Halden on it?", "Who stands with Viktor Halden on the Koral Dam?", answer),
    )
    assert rewrite_follow_up("What was his post then?", history, river_catalogue()) == "What was Lukas Breuer's post then?"


def test_she_is_never_a_man_the_conversation_called_he() -> None:
    sceptical = river_sentence("In Marisca, Castell is sceptical") + " " + river_sentence("Her position is backed")
    history = (
        Turn("What does Castell think of the monitoring proposal?", "What does Castell think of the monitoring proposal?", sceptical),
        Turn("What did he do as deputy minister?", "What did Lukas Breuer do as deputy minister?", river_sentence("Breuer, who oversaw")),
    )
    catalogue = river_catalogue()
    assert rewrite_follow_up("Who backs her position?", history, catalogue) == "Who backs Elena Castell's position?"
    assert rewrite_follow_up("What is he associated with?", history, catalogue) == "What is Lukas Breuer associated with?"


def test_the_people_a_text_calls_he_or_she() -> None:
    assert pronoun_genders(RIVER.read_text(encoding="utf-8"), river_catalogue()) == {
        "viktor-halden": "masculine",
        "elena-castell": "feminine",
        "rui-salgado": "masculine",
    }


def test_the_first_and_the_other_one_are_people_an_answer_listed_in_order() -> None:
    catalogue = river_catalogue()
    assert rewrite_follow_up("What did the first one argue?", (MINISTERS,), catalogue) == "What did Lukas Breuer argue?"
    assert rewrite_follow_up("What did the last one say?", (MINISTERS,), catalogue) == "What did Elena Castell say?"
    asked = Turn("What did the first one argue?", "What did Lukas Breuer argue?", river_sentence("Breuer has repeatedly argued"))
    assert rewrite_follow_up("And the other one?", (MINISTERS, asked), catalogue) == "What did Elena Castell argue?"
    job = Turn("What's Breuer's job?", "What's Breuer's job?", river_sentence("Dravenia's Minister of Energy, Lukas Breuer"))
    assert rewrite_follow_up("And the other one - what does she fear?", (MINISTERS, job), catalogue) == (
        "What does Elena Castell fear?"
    )  # the previous question named the first by surname only, and "one" is no kind of job


def test_the_former_and_the_latter_are_of_the_last_pair_the_questions_named() -> None:
    history = (
        river_turn("How does Halden see Marisca?", "Dravenia regards the 900-megawatt dam"),
        river_turn("And Dravenia?", "Dravenia regards the 900-megawatt dam", "How does Halden see Dravenia?"),
    )
    assert rewrite_follow_up("Why does he think the former should accept the dam?", history, river_catalogue()) == (
        "Why does Viktor Halden think Marisca should accept the dam?"
    )


def test_a_possessive_after_a_person_or_thing_the_question_names_is_theirs() -> None:
    history = (SALGADO,)
    catalogue = river_catalogue()
    assert (
        rewrite_follow_up("What about Lukas Breuer, what is his view?", history, catalogue) == "What about Lukas Breuer, what is his view?"
    )
    assert rewrite_follow_up("When did the energy minister leave his post?", history, catalogue) == (
        "When did the energy minister leave his post?"
    )
    assert rewrite_follow_up("What is his view?", history, catalogue) == "What is Rui Salgado's view?"
    bank = (river_turn("What did the bank do on 11 November 2024?", "When the second round of talks ended"),)
    assert rewrite_follow_up("Did Marisca get its water back?", bank, catalogue).startswith("Did Marisca get its water back")


def test_a_who_question_s_role_names_the_person_the_next_he_is() -> None:
    history = (river_turn("Who was energy minister then?", "In Dravenia, President Viktor Halden"),)  # names Halden first
    assert rewrite_follow_up("What did he call the decision?", history, river_catalogue()) == "What did Lukas Breuer call the decision?"


def test_a_role_one_person_holds_becomes_their_name_once_the_conversation_named_them() -> None:
    catalogue = river_catalogue()
    history = (AALTO,)
    assert rewrite_follow_up("When did the chief negotiator convene the first round?", history, catalogue) == (
        "When did Henrik Aalto convene the first round?"
    )
    assert rewrite_follow_up("What did the president say?", history, catalogue) == "What did the president say?"  # two presidents


def test_the_first_one_is_the_first_party_asked_about_or_the_only_thing_of_its_kind() -> None:
    catalogue = river_catalogue()
    union = river_turn("Is the Marisca Farmers' Union involved too?", "The Marisca Farmers' Union, which has organised")
    assert rewrite_follow_up("What did the first one argue?", (BREUER, union), catalogue) == "What did Lukas Breuer argue?"
    history = (
        river_turn("What does the draft framework provide?", "It provides for the creation"),
        river_turn("Who initialled it?", "On 20 February 2025, after a third round"),
    )
    assert rewrite_follow_up("Has the first one been approved?", history, catalogue) == "Has the draft framework been approved?"
    countries = (
        river_turn("How has Marisca handled the bank?", "The bank's involvement proved decisive"),
        river_turn("And what about Dravenia?", "The bank itself has conflicting interests", "How has Dravenia handled the bank?"),
    )
    assert rewrite_follow_up("Was the first one satisfied?", countries, catalogue) == "Was Marisca satisfied?"


def test_he_after_a_clause_asking_who_someone_is_is_that_someone() -> None:
    history = (BREUER, CASTELL)
    rewritten = rewrite_follow_up("Who was Breuer's deputy, and what did he do in the talks?", history, river_catalogue())
    assert rewritten == "Who was Breuer's deputy, and what did Breuer's deputy do in the talks?"


def test_the_first_one_is_the_first_person_asked_about_not_a_possessed_topic() -> None:
    job = river_turn("What is Lukas Breuer's job?", "Dravenia's Minister of Energy, Lukas Breuer")
    assert rewrite_follow_up("When did the first one warn about the flow?", (CASTELL, job), river_catalogue()) == (
        "When did Elena Castell warn about the flow?"
    )


def test_a_role_several_people_hold_is_the_one_a_question_asked_about() -> None:
    halden = river_turn("Who is Viktor Halden?", "In Dravenia, President Viktor Halden")  # Amara Okafor is a president too
    assert rewrite_follow_up("What did the president promise the farmers?", (halden,), river_catalogue()) == (
        "What did Viktor Halden promise the farmers?"
    )


def test_he_stays_the_person_it_stood_for_not_one_another_reference_brought_in() -> None:
    history = (
        Turn("Tell me about Breuer's talks with Castell.", "Tell me about Breuer's talks with Castell.", river_sentence("Breuer, who")),
        Turn("Did he get a loan out of it?", "Did Lukas Breuer get a loan out of Breuer's talks with Elena Castell?", "No. [1]"),
    )
    assert rewrite_follow_up("What did he want after that?", history, river_catalogue()).startswith("What did Lukas Breuer want")


def test_the_person_a_who_question_asks_for_may_be_named_as_the_doer_after_the_deed() -> None:
    answer = (
        "Lukas Breuer opened the session in Tesk with a long speech on sovereignty, dam safety, turbine contracts and the "
        "filling schedule, and then a warning about the summer flow by Minister of Agriculture Elena Castell closed it. [1]"
    )
    history = (Turn("Who issued the warning about the summer flow?", "Who issued the warning about the summer flow?", answer),)
    assert rewrite_follow_up("What is her job?", history, river_catalogue()) == "What is Elena Castell's job?"


def test_the_person_who_answered_a_who_question_counts_as_asked_about_in_its_turn() -> None:
    """"Which minister warned …?" is about the minister the answer gives: the first official of the conversation,
    before one the next question names."""
    answer = "Lukas Breuer and Elena Castell spoke; Castell warned that a rapid filling could cut the summer flow. [1]"
    history = (
        Turn("Which minister warned about the summer flow?", "Which minister warned about the summer flow?", answer),
        Turn("What did Lukas Breuer argue?", "What did Lukas Breuer argue?", "Lukas Breuer argued that the dam would pay for itself. [1]"),
    )
    assert rewrite_follow_up("Why did the first official warn about it?", history, river_catalogue()).startswith(
        "Why did Elena Castell warn about it"
    )


def test_he_after_a_question_naming_two_men_is_the_one_it_put_first_and_both_did_the_deed() -> None:
    """The answer names the second man more often; "he" is still the first, and what the two did is said with
    both of them ("Breuer and Aalto meeting", not "Breuer anding Aalto meet")."""
    question = "Where did Lukas Breuer and Henrik Aalto meet in May?"
    answer = "Henrik Aalto convened the first round in Vienna; Aalto chaired it and Aalto's team wrote the draft. [1]"
    history = (Turn(question, question, answer),)
    assert rewrite_follow_up("Did he get a deal out of it?", history, river_catalogue()) == (
        "Did Lukas Breuer get a deal out of it, regarding Lukas Breuer and Henrik Aalto meeting in May?"
    )


def test_the_first_ones_deputy_is_the_deputy_of_the_first_person_answered() -> None:
    """"The first one's": a person's, and "his" after it is his."""
    first, second = "Who in the ministry is wary of the dam?", "And who wants a harder line on the bank?"
    history = (
        Turn(first, first, "Lukas Breuer is wary of the dam. [1]"),
        Turn(second, second, "Elena Castell wants a harder line on the bank. [1]"),
    )
    assert rewrite_follow_up("Who's the first one's deputy, and what was his role?", history, river_catalogue()) == (
        "Who's Lukas Breuer's deputy, and what was Lukas Breuer's role?"
    )


def test_him_in_the_clause_whose_subject_is_he_is_someone_else() -> None:
    pushed = "What does Lukas Breuer push Henrik Aalto on?"
    history = (BREUER, Turn("What does he push Henrik Aalto on?", pushed, "Lukas Breuer pushes Henrik Aalto on the tranche. [1]"))
    assert rewrite_follow_up("How did he build that rapport with him?", history, river_catalogue()) == (
        "How did Lukas Breuer build that rapport with Henrik Aalto?"
    )


def test_he_is_the_one_person_the_previous_question_named_after_a_preposition() -> None:
    """"What happened to Castell?" names one person, as its object: "she" is her, not the person the answers
    named most."""
    answer = "Lukas Breuer's ministry backed the dam, and Lukas Breuer said so; Breuer also praised the loan. [1]"
    history = (
        Turn("Who backed the dam?", "Who backed the dam?", answer),
        Turn("What happened to Castell?", "What happened to Elena Castell?", "Elena Castell was marginalised. [1]"),
    )
    assert rewrite_follow_up("When is she expected to resign?", history, river_catalogue()) == "When is Elena Castell expected to resign?"


def test_that_man_after_does_the_bank_have_a_negotiator_is_the_negotiator_the_answer_named() -> None:
    """"Does the bank have a chief negotiator?" asks for a person the way "Who is …?" does: "that man" is the one
    the answer names in the role, while "he" goes on with the man the question called so."""
    first = river_turn("What does Lukas Breuer want from the bank?", "Dravenia's Minister of Energy, Lukas Breuer")
    asked = "Did he deal with a negotiator?"
    answer = "Lukas Breuer met the bank's chief negotiator, Henrik Aalto, in Vienna. [1]"
    history = (first, Turn(asked, "Did Lukas Breuer deal with a negotiator?", answer))
    assert rewrite_follow_up("What did that man propose?", history, river_catalogue()) == "What did Henrik Aalto propose?"
    assert rewrite_follow_up("What did he propose?", history, river_catalogue()) == "What did Lukas Breuer propose?"


def test_a_role_a_pronoun_gave_an_owner_is_also_named_by_its_holder() -> None:
    """"his mentor" after a question about Lind is "Tomas Lind's mentor", and the catalogue says who that is (the other
    side of "Lind is Berg's protégé"); a question asking who holds the role keeps it unanswered."""
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("mayor",), ())
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind", "Anna Berg's protégé"), ("Anna Berg's protégé",), ())
    catalogue = EntityCatalogue((berg, lind))
    history = (Turn("What did Tomas Lind do?", "What did Tomas Lind do?", "Tomas Lind ran the port board. [1]"),)
    assert rewrite_follow_up("Where does his mentor stand on the fees?", history, catalogue) == (
        "Where does Tomas Lind's mentor, Anna Berg, stand on the fees?"
    )
    assert rewrite_follow_up("Who is his mentor?", history, catalogue) == "Who is Tomas Lind's mentor?"


def test_a_possessive_echoing_what_the_answer_said_of_someone_is_theirs() -> None:
    """ "his surprise visit" after an answer that spoke of "Lukas Breuer's surprise visit" is Breuer's, though the
    conversation was about another man; one noun alone ("his view") echoes nothing."""
    answer = "Henrik Aalto pressed both sides, and Lukas Breuer's surprise visit to the dam unsettled the talks. [1]"
    history = (Turn("How did the bank press the two sides?", "How did the bank press the two sides?", answer),)
    assert rewrite_follow_up("When was his surprise visit?", history, river_catalogue()) == "When was Lukas Breuer's surprise visit?"
    assert "Lukas Breuer" not in rewrite_follow_up("What is his view?", history, river_catalogue())


def test_the_guy_we_started_with_is_the_first_person_asked_about() -> None:
    history = (BREUER, CASTELL, SALGADO)
    assert rewrite_follow_up("What did the guy we started with present the dam as?", history, river_catalogue()) == (
        "What did Lukas Breuer present the dam as?"
    )


def test_the_first_thing_we_talked_about_is_what_the_conversation_opened_with() -> None:
    history = (river_turn("What is the dispute over the Koral Dam?", "The dispute between Dravenia and Marisca"), BREUER)
    rewritten = rewrite_follow_up("Which source is cited for the first thing we talked about?", history, river_catalogue())
    assert rewritten == "Which source is cited for the dispute between Dravenia and Marisca?"


def test_it_after_a_question_for_a_thing_and_more_about_it_is_that_thing() -> None:
    history = (river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator"),)
    assert rewrite_follow_up("Which report does the bank cite, and when was it published?", history, river_catalogue()) == (
        "Which report does the bank cite, and when was it published?"
    )


def test_a_topic_returned_to_before_a_dash_stands_for_it_but_never_for_he() -> None:
    history = (BREUER, AALTO)
    returned = rewrite_follow_up("Going back to the reservoir - when was it filled?", history, river_catalogue())
    assert returned == "When was the reservoir filled?"
    assert "the Koral Dam oversee" not in rewrite_follow_up("Back to the Koral Dam - what did he oversee?", history, river_catalogue())


def test_the_other_guy_is_the_one_an_answer_listed_and_no_question_asked_about() -> None:
    answer = "Lukas Breuer and Henrik Aalto stood with him. [1]"
    question = "Who stood with Viktor Halden at the hearing?"
    history = (Turn(question, question, answer), river_turn("What does Breuer oversee?", "Breuer, who"))
    assert rewrite_follow_up("What did the other guy convene?", history, river_catalogue()) == "What did Henrik Aalto convene?"
    assert rewrite_follow_up("and the other guy, what did he convene?", history, river_catalogue()) == "What did Henrik Aalto convene?"
    assert rewrite_follow_up("In May, what did he convene?", history, river_catalogue()) == "In May, what did Lukas Breuer convene?"
    assert rewrite_follow_up("and the other one, what did he convene?", history, river_catalogue()) == "What did Henrik Aalto convene?"
    assert rewrite_follow_up("the reservoir, when was it filled?", history, river_catalogue()) == "When was the reservoir filled?"


def test_him_returned_to_is_a_person_of_the_conversation_not_one_the_question_names() -> None:
    history = (BREUER, river_turn("What did the bank decide?", "The bank"))
    rewritten = rewrite_follow_up("back to him – who else in Halden's camp shares his view?", history, river_catalogue())
    assert rewritten == "Who else in Halden's camp shares Lukas Breuer's view?"
