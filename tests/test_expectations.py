"""Whether a text reports an event only as expected (assistant/answering/expectations.py)."""

from __future__ import annotations

import pytest

from assistant.answering.events import AFTER_DID, DID, DID_IN_THE_END, WHEN_DID, asked_event, reports
from assistant.answering.expectations import asks_what_next, never_reported, only_expected, says_what_next


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Did Berg actually resign in May?", {"resign"}),
        ("did berg actually step down in may?", {"resign"}),  # a name typed in lower case, a reader's phrasal verb
        ("Has the council approved the plan?", {"approv"}),
        ("Did the bank turn the offer down?", {"reject"}),  # the document's word for a reader's phrasal verb
        ("Did Berg end up resigning in May?", {"resign"}),  # "end up" asks whether it happened
        ("Did Berg actually leave her post in May?", {"resign"}),  # a verb and its object: a reader's phrase for one word
        ("Why did Berg resign?", None),  # a why-question asks for a reason, not whether
    ],
)
def test_the_event_a_did_question_asks_about_is_its_verb(question: str, verb: set[str] | None) -> None:
    event = asked_event(question, DID)
    assert (set(event.verb) if event else None) == verb


EVENT = asked_event("Did Berg resign in May?", DID)


@pytest.mark.parametrize(
    ("sentences", "expected_only"),
    [
        (["Berg is expected to resign in May."], True),
        (["Berg will resign from the board in May."], True),
        (["Berg resigned in May."], False),
        (["Berg, a port donor who has explored the possibility of resigning in May, spoke."], True),  # a possibility
        (["Berg is expected to resign in May.", "Berg resigned early, in April."], False),  # one clause says it happened
        (["The board met in May."], False),  # the event is not reported: left to the other checks
    ],
)
def test_an_event_reported_only_as_to_come_is_no_answer_to_whether_it_happened(sentences: list[str], expected_only: bool) -> None:
    assert EVENT is not None
    assert only_expected(EVENT, [sentences]) is expected_only


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Did the port donor who was eyeing the ferry line end up buying it?", {"acquir", "buying"}),  # a long subject
        ("Did the council, short of funds, actually manage to close the depot?", {"clos"}),  # "manage to" is no event
        ("Has the harbour company actually gone back into Saltby yet?", {"return"}),  # a reader's phrasal verb
        ("Did Berg resign in May?", None),  # no adverb to mark the verb past a long subject: DID reads it
    ],
)
def test_an_adverb_marks_the_verb_past_a_long_subject(question: str, verb: set[str] | None) -> None:
    event = asked_event(question, DID_IN_THE_END)
    assert (set(event.verb) if event else None) == verb


def test_an_event_no_clause_reports_is_never_reported_and_a_noun_made_from_its_verb_reports_it() -> None:
    event = asked_event("Did the council really suspend the ferry service?", DID)
    assert event is not None
    assert reports(event, "The suspension of the ferry service by the council in May")
    assert never_reported(event, [["The council met in May.", "The ferry service ran all summer."]])
    assert not never_reported(event, [["The council suspended the ferry service in May."]])


def test_a_word_of_the_question_may_be_the_start_of_a_longer_name_in_the_text() -> None:
    """ "Did Berg actually go back into Saltby?" is reported by "BergShipping is considering a return": only as expected."""
    event = asked_event("Did Berg actually go back into Saltby?", DID_IN_THE_END)
    assert event is not None
    assert only_expected(event, [["For example, BergShipping is reportedly considering a return to this market."]])
    assert not reports(event, "For example, Lindcorp is reportedly considering a return to this market.")


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What job did Berg take after she resigned in May?", {"resign"}),
        ("What did the board do after the vote?", None),  # no party and deed: nothing taken for done
        ("What happened after Berg met Lind?", None),  # an irregular past is not read
    ],
)
def test_a_question_may_take_for_done_what_a_party_did(question: str, verb: set[str] | None) -> None:
    event = asked_event(question, AFTER_DID)
    assert (set(event.verb) if event else None) == verb
    if event is not None:
        assert only_expected(event, [["Berg is expected to resign in May."]])


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("When did Berg hand it over to the council?", {"hand", "submit"}),  # with the documents' word for it
        ("Where exactly did Berg resign?", {"resign"}),
        ("When was the vote?", None),  # no party doing something
    ],
)
def test_a_when_or_where_question_may_name_an_event_by_its_verb(question: str, verb: set[str] | None) -> None:
    event = asked_event(question, WHEN_DID)
    assert (set(event.verb) if event else None) == verb


@pytest.mark.parametrize(
    ("question", "ahead"),
    [
        ("What's next for the bank's chief negotiator?", True),
        ("What lies ahead for the monitoring centre?", True),
        ("What will happen to the second tranche?", True),
        ("What happened to the second tranche?", False),
        ("What came next?", False),
    ],
)
def test_what_next_asks_what_is_to_come(question: str, ahead: bool) -> None:
    assert asks_what_next(question) is ahead


def test_what_is_to_come_is_said_as_now_expected_not_as_once_expected() -> None:
    assert says_what_next("He is expected to step down from the board in January.")
    assert says_what_next("The bank will resume disbursement once the centre opens.")
    assert not says_what_next("Aalto, who was initially expected to chair the talks, was sidelined.")
    assert not says_what_next("Castell was unwilling to concede.")  # "will" only as a word
