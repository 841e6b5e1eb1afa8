"""Questions about the source a passage cites: answered with the sentence and its footnote, also as a follow-up
("Which source is cited for that?", then "When was it published?"), on the river-basin corpus."""

from __future__ import annotations

import pytest

from assistant.conversation.followups import rewrite_follow_up
from assistant.facade import Assistant
from assistant.retrieval.query import understand
from assistant.settings import Settings
from assistant.types import Turn
from tests.riverbasin import river_catalogue

OKAFOR = "Okafor has acknowledged that the institution 'underestimated the downstream risks' when appraising the project.³"


@pytest.fixture(scope="module")
def river(riverbasin_settings: Settings) -> Assistant:
    return Assistant(riverbasin_settings)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which source is cited for the bank's admission about the downstream risks?", True),
        ("Which report does the author rely on for the bank's admission?", True),
        ("Where does that come from?", True),
        ("What's the source given for that?", True),
        ("What's the headline of the article?", True),  # the title of the source
        ("What is the title of the dispute?", False),
        ("What are the sources of the dispute?", False),  # causes, not citations
        ("What did Okafor acknowledge?", False),
    ],
)
def test_a_question_asking_for_the_cited_source_is_recognised(question: str, asks: bool) -> None:
    assert understand(question, river_catalogue()).asks_source is asks


def test_the_answer_gives_the_sentence_and_the_footnote_it_cites(river: Assistant) -> None:
    answer = river.ask("Which source is cited for Okafor's admission that the bank underestimated the downstream risks?")
    assert not answer.declined
    assert "underestimated the downstream risks" in answer.text and "'Annual Report 2024', SBDB, 28 March 2025" in answer.text


def test_a_follow_up_asks_for_the_source_of_the_sentence_that_cites_one() -> None:
    history = (Turn("What did Okafor admit?", "What did Okafor admit?", f"Her view was not shared. [1] {OKAFOR} [1]"),)
    rewritten = rewrite_follow_up("Which source is cited for that?", history, river_catalogue())
    assert rewritten.startswith("Which source is cited for that ('Okafor has acknowledged that the institution")
    there = rewrite_follow_up("Which report does the text cite there?", history, river_catalogue())  # "there": in that passage
    assert there.startswith("Which report does the text cite there ('Okafor has acknowledged that the institution")
    note = "³ Southern Basin Development Bank, 'Annual Report 2024', SBDB, 28 March 2025, sbdb.example.org."
    history += (Turn("Which source is cited for that?", rewritten, f"{OKAFOR} [1] {note} [2]"),)
    assert rewrite_follow_up("When was it published?", history, river_catalogue()) == "When was 'Annual Report 2024' published?"
    assert rewrite_follow_up("when was that published?", history, river_catalogue()) == "When was 'Annual Report 2024' published?"
    history += (Turn("Who runs the bank?", "Who runs the bank?", "Amara Okafor is the bank's president. [1]"),)
    assert rewrite_follow_up("What's the date on that report?", history, river_catalogue()) == "What's the date on 'Annual Report 2024'?"
    assert understand("What's the date on 'Annual Report 2024'?").answer_type == "date"


def test_a_question_for_a_cited_article_and_its_date_is_answered_by_the_note(river: Assistant) -> None:
    answer = river.ask("Which Basin Finance Monitor article does the text cite, and when was it published?")
    assert not answer.declined
    assert "'Financing under fire: the SBDB and the Koral loan', Basin Finance Monitor, 19 December 2024" in answer.text
