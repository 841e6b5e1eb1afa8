"""Declines decided sentence by sentence, for what a question asks beyond the kind of answer: a comparison, a
specific a sentence must report, a cited publication's date or findings, which things exactly, and what the
documents cannot tell (later events, a year never dated, an event never named)."""

from __future__ import annotations

import pytest

from assistant.index.catalogue import Entity, EntityCatalogue
from tests.coverage_helpers import covered_by, covering

covered = covering()


def test_a_comparison_is_answered_only_where_the_text_makes_it() -> None:
    """"Worse than Lind's": a sentence naming Lind must be about what is compared; the role "the mayor" names
    the person the catalogue reads as the mayor, so two people are named together through it."""
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.retrieval.query import understand
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("mayor",), ())
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), (), ())
    catalogue = EntityCatalogue((berg, lind))
    text = "Berg's ratings on the economy fell sharply. The Norrvik mayor reversed the harbour policy of Lind."
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    query = np.ones(4, dtype=np.float32) / 2

    def coverage(question: str) -> tuple[bool, str]:
        found = assess_coverage(understand(question, catalogue), [Passage(chunk, 1, 1.0)], query, lambda c: np.tile(query, (2, 1)))
        return found.covered, found.reason

    assert coverage("Are Berg's ratings on the economy worse than Lind's?") == (False, "it makes no such comparison with Tomas Lind")
    assert coverage("Did Berg reverse the harbour policy of Lind?")[0]  # "the Norrvik mayor" is Berg
    assert coverage("Were Berg's ratings on the economy low rather than Lind's policy?")[0]  # "rather than" compares nothing
    # what is compared with ends with its clause: the source named after the comma is not compared
    text = "According to the Tidings survey, 64% of Norrvik's farmers back the harbour fees."
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    assert coverage("Do more farmers back the harbour fees than fishermen, according to the Tidings survey?") == (
        False,
        "it makes no such comparison with fishermen",
    )



def test_the_date_of_a_cited_publication_answers_only_when_it_appeared() -> None:
    """A note citing a publication gives the day it appeared: no answer to when an event happened, the answer to
    when the piece came out; a note's other dates (when a poll was conducted) answer as any sentence's."""
    cited = "³ A. Berg, 'The harbour question', Tidings, 12 May 2025, tidings.example."
    assert not covered_by("When did the council approve the harbour fees?", cited, EntityCatalogue(()))
    assert covered_by("When did Tidings put out its piece on the harbour question?", cited, EntityCatalogue(()))
    poll = "⁴ The harbour poll, conducted on 2–4 May 2025."
    assert covered_by("When was the harbour poll conducted?", poll, EntityCatalogue(()))


def test_which_things_exactly_is_answered_only_where_they_are_named_or_listed() -> None:
    """"Which … exactly" asks for the things themselves: a text that speaks of them vaguely ("certain types of
    boats", "lift some", "among Dravenian towns") does not answer; one that names or lists them does."""
    vague = "The council could halt the sale of certain types of boats, including via its partners. It could lift some fees partially."
    listed = "The council could halt the sale of boats such as the Saltby ferries."
    assert not covered_by("Which boats exactly could the council stop selling?", vague, EntityCatalogue(()))
    assert covered_by("Which boats exactly could the council stop selling?", listed, EntityCatalogue(()))
    assert not covered_by("Which specific boats could the council stop selling?", vague, EntityCatalogue(()))
    assert covered_by("Which specific boats could the council stop selling?", listed, EntityCatalogue(()))
    assert not covered_by("Which fees specifically could be lifted?", vague, EntityCatalogue(()))
    fractures = "This causes fractures among Dravenian towns."
    assert not covered_by("Which Dravenian towns specifically would object?", fractures, EntityCatalogue(()))
    assert covered_by("Which boats could the council stop selling?", vague, EntityCatalogue(()))  # no "exactly": what it says
    lifting = "The council could lift some fees partially. In the dry case, the council gradually lifts fees on Saltby traders."
    assert not covered_by("Which ones exactly could be lifted?", lifting, EntityCatalogue(()))  # Saltby is whose, not which


def test_what_a_cited_publication_concluded_is_answered_only_where_a_sentence_citing_it_says_so() -> None:
    """A note lists the piece; the text cites it (note marker) for the harbour fees only, not for Berg's dealings."""
    text = (
        "Berg's business dealings with Saltby shipowners have drawn attention. "
        "The council may also raise the harbour fees to fund the new quay.¹ "
        "¹ T. Lind, 'Water Wars', The Tidings, 3 June 2024."
    )
    asked = "What did the Tidings piece 'Water Wars' conclude about {}?"
    assert not covered_by(asked.format("Berg's business dealings"), text, EntityCatalogue(()))
    assert covered_by(asked.format("the harbour fees"), text, EntityCatalogue(()))
    assert covered_by("What do Berg's business dealings involve?", text, EntityCatalogue(()))  # not about a publication
    survey = "According to the Tidings survey, 64% of farmers back the harbour fees."
    assert covered_by("What did the Tidings survey find among farmers?", survey, EntityCatalogue(()))
    assert covered_by("What did the Tidings survey find?", survey, EntityCatalogue(()))  # nothing more asked


def test_a_comparison_needs_a_sentence_that_compares_and_later_events_are_not_told() -> None:
    """Two firms named in one sentence are not compared by it; what happened since the document came out it cannot say."""
    covered = covering(
        Entity("saltby-ltd", "Saltby Ltd", "organisation", ("Saltby Ltd",), (), ()),
        Entity("norrvik-oil", "Norrvik Oil", "organisation", ("Norrvik Oil",), (), ()),
    )
    asked = "Were the sanctions on Saltby Ltd harsher than the ones on Norrvik Oil?"
    assert not covered(asked, "On 3 May the council imposed sanctions on Saltby Ltd and Norrvik Oil, with more to follow.")
    assert covered(asked, "The sanctions on Saltby Ltd were harsher than the ones on Norrvik Oil.")
    assert not covered("Has the council lifted the sanctions since the brief came out?", "The council could lift the sanctions.")
    choice = "Is Saltby Ltd or Norrvik Oil the bigger of the two firms under sanctions?"  # a choice, no "than"
    assert not covered(choice, "On 3 May the council imposed sanctions on the two largest firms, Saltby Ltd and Norrvik Oil.")
    assert covered(choice, "Saltby Ltd, under sanctions since May, is bigger than Norrvik Oil.")
    ranked = "Which of the firms has the most sway over the council?"
    assert not covered(ranked, "The firms have grown more assertive, and the council has the most serious test in years.")
    assert covered(ranked, "Of the firms, Saltby Ltd has the most sway over the council.")


def test_where_someone_studied_is_answered_only_by_a_sentence_about_their_studies() -> None:
    asked = "Where did Anna Berg go to university, and what did she study?"
    covered = covering(Entity("saltby", "Saltby", "place", ("Saltby",), (), ()))
    assert not covered(asked, "Anna Berg, who grew up in Saltby, has been a close associate of Tomas Lind for decades.")
    assert covered(asked, "Anna Berg studied law in Saltby before joining the council.")


def test_a_party_membership_is_answered_only_by_a_sentence_that_gives_one() -> None:
    council = Entity("council", "Norrvik Council", "organisation", ("Norrvik Council",), (), ())
    greens = Entity("greens", "Norrvik Green Party", "organisation", ("Norrvik Green Party",), (), ())
    covered = covering(council, greens)
    asked = "Which political party is Anna Berg from?"
    assert not covered(asked, "Anna Berg, who leads the Norrvik Council, backed the harbour fees.")
    assert covered(asked, "Anna Berg, a member of the Norrvik Green Party, backed the harbour fees.")


def test_a_reaction_is_that_of_the_party_reacting_not_of_the_one_reacted_to() -> None:
    covered = covering(Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ()))
    asked = "How did Norrvik respond to Tomas Lind?"
    assert not covered(asked, "In May, a statement by Tomas Lind declared that Norrvik would lose its port.")
    assert covered(asked, "Norrvik responded to Tomas Lind by closing its port.")


def test_which_of_two_people_something_is_true_of_needs_no_sentence_naming_both() -> None:
    assert covered("Which of Berg and Lind chairs the port board?", "Lind chairs the port board.")
    assert not covered("When did Berg and Lind meet at the port board?", "Lind chairs the port board since May.")


def test_which_body_someone_runs_is_answered_where_they_are_named() -> None:
    covered = covering(Entity("harbour-trust", "Harbour Trust", "organisation", ("Harbour Trust",), (), ()))
    assert not covered("Which fund does Berg run?", "Investors such as the Harbour Trust, a fund, stand to profit.")
    assert covered("Which fund does Berg run?", "Berg runs the Harbour Trust, a fund.")


def test_a_year_the_corpus_never_dates_anything_in_is_never_mentioned() -> None:
    """A question setting what it asks in a year that no dated expression of the corpus has is declined; a year
    that only qualifies a noun ("the 2014 flood") is left to the evidence."""
    from assistant.index.catalogue import DatedMention

    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    dated = DatedMention("c1", 0, 8, "May 2024", "2024-05", "2024-05-15", True)
    catalogue = EntityCatalogue((berg,), dates=(dated,))
    text = "In May 2024, Berg reacted to the flood with a new levy."
    assert not covered_by("How did Berg react to the flood in 2014?", text, catalogue)
    assert covered_by("How did Berg react to the flood in 2024?", text, catalogue)
    assert covered_by("How did Berg react to the 2014 flood?", text, catalogue)


def test_a_source_question_may_name_the_publisher_with_the_person_the_claim_is_about() -> None:
    """"Which Tidings article is cited for Berg's view?" names the source's publisher, not a party to what Berg did."""
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    tidings = Entity("tidings", "Tidings", "organisation", ("Tidings",), (), ())
    catalogue = EntityCatalogue((berg, tidings))
    text = "Berg has long opposed the new harbour fees.¹"
    assert covered_by("Which Tidings article is cited for Berg's view on the fees?", text, catalogue)
    assert not covered_by("When did Tidings interview Berg about the fees?", text, catalogue)


def test_an_event_named_by_a_word_the_corpus_never_uses_is_unknown() -> None:
    """"The Lisbon talks" name an event the corpus never mentions; "the Lind-Berg talks" and "the Gulf meeting" (a
    region word) may name one it does."""
    from assistant.answering.unknown_names import unknown_subjects
    from assistant.retrieval.query import understand

    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), (), ())
    catalogue = EntityCatalogue((berg, lind))
    assert unknown_subjects(understand("What was agreed at the Lisbon talks?", catalogue)) == ["Lisbon talks"]
    assert unknown_subjects(understand("What was agreed at the Lind-Berg talks?", catalogue)) == []
    assert unknown_subjects(understand("What happened at the Gulf meeting?", catalogue)) == []
    journal = Entity("journal", "The Saltby Street Journal", "organisation", ("Saltby Street Journal",), (), ())
    papers = EntityCatalogue((berg, lind, journal))
    assert unknown_subjects(understand("When did the Saltby St Journal piece come out?", papers)) == []  # "St" is "Street"
    assert unknown_subjects(understand("When did the Saltby Road Journal piece come out?", papers)) == ["Saltby Road Journal"]





def test_a_question_for_a_cited_source_is_close_to_the_sentence_citing_a_note_however_far_its_wording() -> None:
    """ "Which paper is cited for the dry scenario?" is mostly about the paper: the scenario's own sentence, with its
    note marker, is what answers it even when its wording is far from the question's."""
    from assistant.answering.refusal import _off_focus
    from assistant.retrieval.query import understand

    intent = understand("Which paper is cited for the dry scenario?", EntityCatalogue(()))
    assert intent.asks_source
    assert not _off_focus(intent, [("In the dry scenario, Marisca withdraws from the framework.⁶", 0.18)])
    assert _off_focus(intent, [("In the dry scenario, Marisca withdraws from the framework.", 0.18)])



def test_which_things_something_is_done_to_is_not_answered_by_doing_it_to_some() -> None:
    """ "Which fees might be lifted?": "it could lift some partially" tells that some are, not which."""
    some = "The council would keep most of the existing fees; it could lift some partially."
    assert not covered_by("Which fees might be lifted?", some, EntityCatalogue(()))
    listed = "The council would keep most of the existing fees. It could lift the fees such as the ferry toll."
    assert covered_by("Which fees might be lifted?", listed, EntityCatalogue(()))


# (question, a text that does not answer it, a text that does)
SAID_OR_NOT = [
    (  # "by" in a sentence about something else tells nothing of how a rapport was built
        "How did Berg manage to build such a good rapport with Lind?",
        "Berg managed the port board by letter, and Lind chairs it with her.",
        "Berg built a rapport with Lind by sailing with him.",
    ),
    (
        "How did Berg manage to get so close to Lind?",
        "Leaders who have managed to establish a rapport with Lind include Berg.",
        "Berg grew close to Lind by sailing with him.",
    ),
    (
        "What did Berg do before becoming harbour master?",
        "Berg, the harbour master, once represented the port in talks.",
        "Before becoming harbour master, Berg served as a ferry captain.",
    ),
    (
        "What did Berg do before Berg's job as harbour master?",
        "Berg, the harbour master, once represented the port in talks.",
        "Before her job as harbour master, Berg served as a ferry captain.",
    ),
    (  # "for several decades" is no age
        "How old is the harbour master?",
        "Berg, the harbour master, has been Lind's close associate for several decades.",
        "Berg, the harbour master, is 54 years old.",
    ),
    (
        "When was Berg born?",
        "Berg, the harbour master, has been Lind's close associate for several decades.",
        "Berg was born in Saltby in 1970.",
    ),
    (  # a sentence naming the deadlines without a date does not say what the deadline was
        "What was the exact deadline Berg gave Lind on the harbour fees?",
        "Talks between Berg and Lind on the harbour fees began on 3 May. They missed every self-imposed deadline.",
        "Berg gave Lind a deadline of 3 May to accept the harbour fees.",
    ),
    (  # words said elsewhere do not answer what was said on an occasion
        "What did Berg say to Lind in their phone call?",
        "Berg held a phone call with Lind. Berg, in a later interview, argued that the fees must rise.",
        "In the phone call, Berg told Lind that the fees must rise.",
    ),
    (  # the event reported with neither a date nor a place
        "When and where did Berg represent the port in talks with Lind?",
        "Berg, the harbour master, at one stage represented the port in talks with Lind.",
        "Berg represented the port in talks with Lind in Saltby on 3 May.",
    ),
    (  # the deal named as a means of pressure says nothing of what it holds
        "What was actually in the harbour deal between Berg and Lind?",
        "Berg tested her leverage over Lind through her handling of the harbour deal.",
        "The harbour deal between Berg and Lind provides for lower fees and a new ferry line.",
    ),
    (  # two people named together through a pronoun pointing back at one of them
        "Does that shift depending on how Berg gets along with Lind?",
        "Berg has made the port her partner. Lind stays away.",
        "Berg has made the port her partner. This remains unchanged regardless of the state of her relationship with Lind.",
    ),
    (  # a request asks what "What is the deadline …?" asks
        "Give me the deadline Berg set for Lind on the harbour fees.",
        "Talks between Berg and Lind on the harbour fees began on 3 May. They missed every self-imposed deadline.",
        "Berg gave Lind a deadline of 3 May to accept the harbour fees.",
    ),
    (  # what came before the post someone was given
        "What was Berg's line of work before Lind made her harbour master?",
        "Berg, the harbour master, has long been a close associate of Lind.",
        "Before Lind made her harbour master, Berg worked as a ferry captain.",
    ),
    (  # a superlative is answered only by a sentence that ranks
        "What was the largest single purchase of ferries the towns made?",
        "The council facilitates further purchases of ferries by the towns.",
        "The largest purchase of ferries was Saltby's, of four boats.",
    ),
]


@pytest.mark.parametrize(("question", "silent", "saying"), SAID_OR_NOT)
def test_a_question_is_answered_only_by_a_text_that_says_what_it_asks(question: str, silent: str, saying: str) -> None:
    assert not covered(question, silent)
    assert covered(question, saying)
