"""What a why-question asks the reason for, and whether a text gives one (assistant/answering/reasons.py)."""

from __future__ import annotations

import pytest

from assistant.answering.events import WHY_MADE, WHY_WAS, asked_event
from assistant.answering.reasons import unexplained


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Why did the council reject the plan?", {"reject"}),
        ("Why did Marisca turn the offer down?", {"reject"}),  # the document's word for a reader's phrasal verb
        ("Why did the Dravenians turn down the offer?", {"reject"}),  # a name's plural, then a phrasal verb
        ("why did the dravenians turn down halden as envoy?", {"reject"}),  # a phrasal verb before a name typed in lower case
        ("Why did Marisca turn the offer down in the first place?", {"reject"}),  # the particle before a phrase of time
        ("Why did the Dravenians refuse to accept halden as envoy?", {"reject"}),  # a verb and the one it goes on with
        ("Why did they halt the filling?", {"halt", "suspend"}),
        ("Why did the Dravenian side halt the filling?", {"halt", "suspend"}),  # a noun after a name's adjective
        ("Why does Dravenia's president favour the dam?", None),  # a possessive subject is not read
        ("Why was the dam built?", None),  # not what a party did
        ("Why does Halden have such a dim view of the dam?", {"dim", "view"}),  # a holding verb: why that view
        ("Why did Halden develop a fondness for Marisca?", {"fondness"}),
    ],
)
def test_the_event_a_why_question_asks_about_is_its_verb(question: str, verb: set[str] | None) -> None:
    event = asked_event(question)
    assert (set(event.verb) if event else None) == verb


EVENT = asked_event("Why did the council reject the plan?")


@pytest.mark.parametrize(
    ("sentences", "unexplained_"),
    [
        (["The plan was rejected by the council and the mayor resigned as costs grew."], True),  # the reason is the mayor's
        (["The council rejected the plan because it was too costly."], False),
        (["The council rejected the plan.", "This stemmed from fears about costs."], False),  # the next sentence explains
        (["The council rejected the plan, arguing that it was too costly."], False),  # a stated justification
        (["The mayor rejected the budget."], False),  # a rejection of something else: the event is not reported
        (["The council met twice."], False),
    ],
)
def test_a_text_reporting_the_event_must_give_its_reason(sentences: list[str], unexplained_: bool) -> None:
    assert EVENT is not None
    assert unexplained(EVENT, [sentences]) is unexplained_


def test_a_noun_after_a_one_word_subject_is_no_verb() -> None:
    assert asked_event("Why has the peace envoy mattered so much to the bank?") is None


def test_what_a_holding_verb_holds_is_explained_only_where_a_reason_is_given() -> None:
    """ "Why does Halden have such a dim view of the dam?": a sentence where the view is itself a cause tells why not."""
    held = asked_event("Why does Halden have such a dim view of the dam?")
    assert held is not None
    assert unexplained(held, [["Halden's dim view of the dam has shaped the council's policy."]])
    assert not unexplained(held, [["Halden has a dim view of the dam because it floods the valley."]])


@pytest.mark.parametrize(
    ("question", "made"),
    [
        ("Why was Tesk chosen as the venue for the first round?", True),  # only a text reporting that choice says why
        ("why was tesk picked as the venue?", True),
        ("Why was Halden pushed aside?", False),  # what was done to him, which a text may tell in its own words
    ],
)
def test_a_why_question_about_what_a_party_was_made_names_that_choice(question: str, made: bool) -> None:
    assert asked_event(question, WHY_WAS) is not None
    assert (asked_event(question, WHY_MADE) is not None) is made
