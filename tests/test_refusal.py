"""Declines rest on the evidence retrieved, and answers lead with what was asked: the river-basin corpus,
indexed with the model-free hashing embedder."""

from __future__ import annotations

import pytest

from assistant.facade import Assistant
from assistant.settings import Settings
from tests.riverbasin import RIVER


@pytest.fixture(scope="module")
def river(riverbasin_settings: Settings) -> Assistant:
    return Assistant(riverbasin_settings)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Why did the World Bank withdraw from financing the Koral Dam?", "it never mentions World Bank"),
        ("Who is Marisca's Prime Minister?", "it never mentions Prime Minister"),
        ("Who won Dravenia's parliamentary elections in October 2025?", "it was written before that"),
        ("How did the Greens do in Dravenia's parliamentary elections in October 2025?", "it was written before that"),
        ("How many turbines will the Koral Dam have?", "it gives no figure for that"),
        ("What did Viktor Halden say about the Koral Dam?", "it does not report what was said"),
        ("What is a good recipe for bread?", "nothing in it is close to this question"),
        ("How old is Lukas Breuer?", "it does not report an age or birth date"),  # not their age
        ("What was the largest single payment the bank made to Dravenia?", "it does not report which is the largest"),
        ("Which country has the longer stretch of the Selva, Dravenia or Marisca?", "it does not report how they compare"),
        ("Is Marisca or Dravenia the more determined side?", "it does not report how they compare"),  # the choice comes first
        ("Which of the ministries has the most say over the dam?", "it does not report how they compare"),
        ("Which of the two states pushed hardest for the joint monitoring mechanism?", "it does not report how they compare"),
        ("Of Dravenia and Marisca, which one pushed hardest for the joint monitoring mechanism?", "it does not report how they compare"),
        ("Of the two ministries, which one has the most say over the dam?", "it does not report how they compare"),
        ("Out of the two ministries, who has had the most say over the dam?", "it does not report how they compare"),
        ("Where does Macron stand on the Koral Dam?", "it never mentions Macron"),  # where a party stands is its view
        ("Since when has Lukas Breuer been doing the energy minister job?", "it does not report when that post was taken up"),
        ("Why was Vienna chosen as the venue for the first round of talks?", "it reports what happened but not why"),
        ("What is Henrik Aalto's view on the drought in the summer of 2025?", "it does not report that view"),
        ("What's Henrik Aalto's take on the drought in the summer of 2025?", "it does not report that view"),
        ("How likely is Dravenia to finish filling the reservoir, percentage-wise?", "it gives no figure for that"),
        (
            "What does Amara Okafor think of the Farmers' Union protests?",
            "it never mentions Amara Okafor and Marisca Farmers' Union together",
        ),
        ("How did Beijing react to the suspension of the loan?", "it never mentions Beijing"),  # whose reaction
        ("What did Democrats say about the Koral Dam?", "it never mentions Democrats"),
        ("What is Macron's opinion of the Koral Dam?", "it never mentions Macron"),  # the owner of a view
        ("What World Bank loan did Dravenia get for the Koral Dam?", "it never mentions World Bank"),  # a body, not a place
        ("What's Macron's view of the Koral Dam?", "it never mentions Macron."),  # not "What's Macron"
        ("What did Dravenia's foreign minister say about the dam?", "it never mentions Dravenia's foreign minister"),
        ("What did Viktor Halden promise the farmers?", "it does not report what was said"),  # a promise is speech
        ("What exact words did Viktor Halden use about the dam?", "it does not report what was said"),
        ("On what date did Dravenia begin filling the reservoir?", "it does not say when that was"),  # a month is no date
        ("When did Okafor acknowledge that the bank underestimated the risks?", "it does not say when that was"),  # undated
        ("How did urban voters feel about the Koral Dam?", "it never mentions urban voters"),  # a group never named
        ("What deadlines did the bank set for the filling of the reservoir?", "it does not report a deadline"),  # plural
        ("whats the total cost of the Koral Dam?", "it gives no figure for that"),  # "what's" typed without its apostrophe
        ("How did Marisca react to the first stage of filling?", "it does not report that reaction"),
        ("How did Viktor Halden feel after the first stage of filling?", "it does not report that reaction"),  # feel after
        ("Who replaced Henrik Aalto as the bank's chief negotiator?", "it does not report who replaced whom"),
        ("How did Rui Salgado build such close ties with the bank?", "it does not report how that relationship was built"),
        ("How did Salgado build such a good working relationship with the bank?", "it does not report how that relationship was built"),
        ("Who will take over from Henrik Aalto as the bank's chief negotiator?", "it does not report who replaced whom"),
        ("Did the first round Henrik Aalto convened in Vienna agree anything on fishing rights?", "it does not report what was agreed"),
        ("What were the terms of the draft framework?", "it does not report the terms"),
        ("Who is Amara Okafor's husband?", "it never mentions Amara Okafor's husband"),  # a relation no one has
        ("Did a court rule on the 1998 treaty?", "it does not report a ruling"),
        ("Who is Marisca's minister of finance?", "it never mentions Marisca's minister of finance"),
        ("Did the joint monitoring mechanism become law?", "it does not report whether it became law"),
        ("When did Marisca and Dravenia sign the draft framework?", "it does not report a signing"),
        ("Why did Dravenia halt further filling of the reservoir?", "it reports what happened but not why"),
        ("Why was further filling of the reservoir halted?", "it reports what happened but not why"),  # the passive
        ("What did Viktor Halden offer the farmers in exchange for their votes?", "it does not report what was offered"),
        ("What was Viktor Halden offering the farmers in exchange for their votes?", "it does not report what was offered"),
        ("What interest rate does the Southern Basin Development Bank charge on the loan?", "it gives no figure for that"),  # of what
        (
            "Did the dam's builder Dravenia, short of funds, actually resume filling the reservoir unilaterally?",  # a long subject
            "it reports this only as expected",
        ),
        ("Where did Marisca lodge a formal complaint?", "it does not say where that was"),  # "recalling its ambassador from Tesk"
        ("How does the Koral Dam compare with nuclear power plants?", "it makes no such comparison with nuclear power plants"),
        ("Did the bank's board end up cancelling the loan?", "it does not report whether that happened"),  # nothing reports it
        ("Has Lukas Breuer formally approved the loan yet?", "it does not report whether that happened"),  # not of Breuer
        ("Did Dravenia manage to resume the filling of the reservoir unilaterally?", "it reports this only as expected"),  # "manage to"
        ("What was agreed at the Lisbon talks between Dravenia and Marisca?", "it never mentions Lisbon talks"),  # an unknown event
        ("When did Aalto become the bank's chief negotiator?", "it does not report when that post was taken up"),
        ("By what margin did Marisca's parliament reject the framework?", "it gives no figure for that"),
        ("Who do polls say will win the parliamentary elections in Dravenia?", "it does not report who won"),
    ],
)
def test_near_misses_are_declined_naming_what_is_missing(river: Assistant, question: str, reason: str) -> None:
    answer = river.ask(question)
    assert answer.declined and reason in answer.text and not answer.citations


@pytest.mark.parametrize(
    "question",
    [
        "When did the Scandinavian-funded Southern Basin Development Bank approve its loan for the Koral Dam?",  # one unknown word
        "When did the Southern Basin Development Bank approve the loan for the Koral Dam?",
        "Why did Marisca recall its ambassador from Tesk?",
        "Why did the bank suspend the loan's second tranche?",  # a when-clause gives the reason
        "Why did Okafor defend the loan?",  # the justification she stated
        "What is Elena Castell's view of the bank's proposal for a joint monitoring mechanism?",
        "What's Elena Castell's view of the bank's proposal for a joint monitoring mechanism?",
        "How many cubic metres per second did Marisca demand in that November round?",  # a month is no unknown name
        "How many cubic metres per second did Marisca demand in that Nov round?",  # nor is its abbreviation
        "How many cubic metres per second did Marisca demand after the September Vienna round?",  # nor a month before a name
        "Around when did Dravenia begin filling the reservoir?",
        "How many cubic metres per second did the Dravenians offer at the border?",  # the plural of a name it uses
        "What did the bank's board decide in November 2024?",
        "What did the two states agree to under the 1998 treaty?",
        "What is the capital of Marisca?",  # general knowledge the text happens to give
        "Who is Dravenia's minister of energy?",  # a relation the text gives
        "Who is Lukas Breuer?",  # the answer describes the person asked about; it names no one else
        "What did Dravenia's energy minister say about the dam?",  # an office the text gives someone
        "How many rounds of talks did Henrik Aalto convene, and when did he convene the first round in Vienna?",  # the date answers
        "What share of Marisca's irrigated farmland lies in the Varon Delta if Dravenia won't guarantee a minimum flow?",  # no "won"
        "What happened in the Far North after the bank suspended the loan's second tranche?",  # a region it never names
        "What Middle East loan did the Southern Basin Development Bank approve for the Koral Dam?",  # a place describing the loan
        "Who convened the Vienna round?",  # an event at a place the text names
        "Which has shown greater openness to a phased approach, the foreign ministry or the Farmers' Union?",  # it compares
        "Did Elena Castell's view of the bank's proposal shape the talks?",  # "Did" opens the question; it is no name
        "Has the Southern Basin Development Bank approved the loan yet?",  # the text reports the bank approving it
    ],
)
def test_questions_the_text_answers_are_not_declined(river: Assistant, question: str) -> None:
    answer = river.ask(question)
    assert not answer.declined and answer.citations


def test_a_question_for_every_source_lists_the_notes_and_which_one_picks_among_them(river: Assistant) -> None:
    conversation = river.new_conversation()
    listed = river.ask("What sources does the report cite?", conversation)
    assert not listed.declined and len(listed.citations) == 4  # the four notes, in order
    assert listed.text.index("Water and bread") < listed.text.index("A treaty for dry years")
    picked = river.ask("Which one is from the Basin Finance Monitor?", conversation)
    assert picked.standalone_question == "Which of the sources is from the Basin Finance Monitor?"
    assert "Financing under fire" in picked.text
    dated = river.ask("When did it come out?", conversation)
    assert "Financing under fire" in dated.standalone_question and "19 December 2024" in dated.text


def test_the_answer_holds_and_marks_what_was_asked(river: Assistant) -> None:
    text = RIVER.read_text(encoding="utf-8")
    answer = river.ask("When and where did the bank's chief negotiator convene the first round of talks?")
    marked = [answer.text[s:e] for s, e in answer.highlights]
    assert "mid-September 2024" in marked
    assert all(citation.quote in text for citation in answer.citations)
    payload = answer.to_json()
    assert payload["highlights"] == [list(span) for span in answer.highlights]


def test_the_sentence_holding_the_answer_leads(river: Assistant) -> None:
    answer = river.ask("Who convened the first round of talks in Vienna?")
    first = answer.text.split(" [")[0]
    assert "Henrik Aalto" in first and answer.highlights and answer.highlights[0][1] <= len(first)


def test_a_why_answer_keeps_the_sentence_a_response_leans_on(river: Assistant) -> None:
    answer = river.ask("Why did Marisca recall its ambassador from Tesk?")
    assert "without notifying" in answer.text and "recalling its ambassador" in answer.text
    assert answer.text.index("without notifying") < answer.text.index("recalling its ambassador")


def test_a_follow_up_is_answered_about_the_person_of_the_first_turn(river: Assistant) -> None:
    conversation = river.new_conversation()
    river.ask("Who is Henrik Aalto?", conversation)
    river.ask("What did the bank's board decide in November 2024?", conversation)
    answer = river.ask("Where did he convene the first round?", conversation)
    assert answer.standalone_question == "Where did Henrik Aalto convene the first round?"
    assert "Vienna" in [answer.text[s:e] for s, e in answer.highlights]


def test_a_people_named_after_a_country_the_text_knows_is_no_unknown_name(river: Assistant) -> None:
    assert "never mentions" not in river.ask("How did the Mariscans respond to the filling of the reservoir?").text
    assert "never mentions Beijingers" in river.ask("How did the Beijingers respond to the filling of the reservoir?").text


def test_what_was_offered_is_answered_by_the_offer(river: Assistant) -> None:
    answer = river.ask("What did Dravenia offer on the minimum flow?")
    assert not answer.declined and "120 cubic metres" in answer.text


def test_a_group_the_passages_name_is_no_unknown_holder(river: Assistant) -> None:
    answer = river.ask("How did shareholder governments react to the loan?")
    assert "never mentions" not in answer.text


def test_a_follow_up_naming_only_a_group_the_passages_never_use_is_declined(river: Assistant) -> None:
    conversation = river.new_conversation()
    river.ask("How did Marisca's farmers react to the filling?", conversation)
    answer = river.ask("and the pensioners?", conversation)
    assert answer.declined and "it never mentions pensioners" in answer.text
    conversation = river.new_conversation()
    river.ask("How did Marisca's farmers react to the filling?", conversation)
    assert "it never mentions Greens" in river.ask("and the Greens?", conversation).text  # a group written with a capital
    conversation = river.new_conversation()
    river.ask("How did Marisca's farmers react to the filling?", conversation)
    assert not river.ask("and the shareholder governments?", conversation).declined  # a group the passages name
