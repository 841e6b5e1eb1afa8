"""Declines decided sentence by sentence, by the kind of answer a question asks for: a figure of what it counts,
a person put where it asks, a date or place of what it names (what it asks beyond that:
test_refusal_asked.py)."""

from __future__ import annotations

from assistant.index.catalogue import Entity, EntityCatalogue
from tests.coverage_helpers import covered_by, covering


def test_a_figure_answers_how_many_only_of_what_it_counts() -> None:
    """Even with every sentence as close as can be, a figure counts what the words around it say: 45% of the
    electricity is no count of energy ministers, though its sentence names the minister of energy."""
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.retrieval.query import understand
    from assistant.types import Passage
    from tests.riverbasin import river_catalogue, river_chunks

    chunk = next(c for c in river_chunks() if "45% of its electricity" in c.text)
    query = np.ones(4, dtype=np.float32) / 2

    def close(question: str) -> bool:
        intent = understand(question, river_catalogue())
        return assess_coverage(intent, [Passage(chunk, 1, 1.0)], query, lambda c: np.tile(query, (len(c.sentences), 1))).covered

    assert close("What share of its electricity did imported gas generate?")
    assert not close("How many energy ministers has Dravenia had?")
    assert not close("How many towns does imported gas supply?")  # 45% is near "imported gas" but counts no towns
    assert not close("How much gas revenue did Dravenia lose?")  # revenue is a sum of money: 45% is none


def test_what_a_how_many_question_counts_is_met_in_the_documents_terms() -> None:
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.retrieval.query import understand
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    text = "In the spring poll, 86% of Republican voters backed new sanctions on the cartel."
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    query = np.ones(4, dtype=np.float32) / 2

    def close(question: str) -> bool:
        return assess_coverage(understand(question), [Passage(chunk, 1, 1.0)], query, lambda c: np.tile(query, (1, 1))).covered

    assert close("How many GOP supporters wanted penalties on the cartel?")  # GOP: Republican
    assert not close("How many bankers sit on the cartel's board?")
    assert close("What share of GOP voters backed new sanctions on the cartel?")
    assert not close("what percentage of democrats in the spring poll supported new sanctions?")  # another group's share
    assert not close("What share of Democrats support new sanctions on the cartel?")  # the verb is not what is counted
    assert not close("what % of democrats in the spring poll supported new sanctions?")  # "%" asks for a share too
    assert close("What % of GOP voters backed new sanctions on the cartel?")


def test_how_much_of_a_degree_asks_for_no_figure() -> None:
    from assistant.retrieval.query import understand

    assert understand("How much pressure did the bank face from Marisca?").answer_type == ""
    assert understand("How much money did the bank lend?").answer_type == "number"


def test_a_question_for_someones_job_asks_about_nothing_beyond_them() -> None:
    """Their job is the role the catalogue took from the text, though the text never says "job"."""
    from assistant.answering.refusal import focus_terms
    from assistant.retrieval.query import understand
    from tests.riverbasin import river_catalogue

    assert focus_terms(understand("What is Henrik Aalto's job title?", river_catalogue())) == set()
    assert focus_terms(understand("What is Henrik Aalto's salary?", river_catalogue())) == {"salary"}


def test_a_negative_contraction_or_how_something_went_is_not_what_a_question_is_about() -> None:
    """"Why didn't that pan out?" asks about what the conversation discussed: neither "didn't" nor "pan" is a
    word a sentence answering it must share."""
    from assistant.answering.refusal import focus_terms
    from assistant.retrieval.query import understand
    from tests.riverbasin import river_catalogue

    assert focus_terms(understand("Why didn't that pan out, regarding Henrik Aalto?", river_catalogue())) == set()
    assert focus_terms(understand("Why wasn't Henrik Aalto paid?", river_catalogue())) == {"pay"}


def test_a_possessor_inside_an_alias_is_named_with_its_holder() -> None:
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.retrieval.query import understand
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    moss = Entity("moss", "Erik Moss", "person", ("Erik Moss", "Moss", "Berg's envoy"), (), ())
    text = "The talks were led by Berg's envoy, who has been her close associate for several decades."
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    query = np.ones(4, dtype=np.float32) / 2
    intent = understand("How long has Erik Moss been close to Anna Berg?", EntityCatalogue((berg, moss)))
    assert assess_coverage(intent, [Passage(chunk, 1, 1.0)], query, lambda c: np.tile(query, (1, 1))).covered


def test_who_was_in_a_delegation_or_on_the_other_side_is_answered_only_by_a_person_put_there() -> None:
    """A person in another clause ("a call with Berg and a delegation met …") is no member of the delegation;
    one who "joined the group of negotiators" answers who joined the team; the other side of what a person
    did is one named near the deed."""
    covered = covering()
    call = "The mayor held a call with Berg and a delegation met the council in Saltby."
    assert not covered("Who headed the delegation in Saltby?", call)
    assert covered("Who joined the negotiating team later?", "Later, Lind joined the group of negotiators.")
    far = "Lind, who chairs the port board and has long opposed new fees, praised the plan that Berg negotiated."
    assert not covered("Which officials did Berg negotiate with?", far)  # a person named, but not as the other side
    assert covered("Which officials did Berg negotiate with in May?", "In May, Berg negotiated with Lind.")
    sat = "The port's protégé, harbour master Berg, at one stage represented Norrvik in negotiations with Saltby."
    assert covered("Which official sat across from Saltby's team on Norrvik's behalf?", sat)  # the team faced is not Berg's


def test_who_someone_dealt_with_may_be_a_country_and_a_date_for_two_people_names_both() -> None:
    """"Who did Berg negotiate with?" is answered by a country near the deed ("negotiations with Norrvik": the
    verb and its noun meet), "Which officials …?" only by people; a date answers "When did Berg meet Lind?" only
    in a sentence naming both."""
    covered = covering(Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ()))
    talks = "Berg, who once represented the council in negotiations with Norrvik, left the board."
    assert covered("Who did Berg negotiate with?", talks)
    assert not covered("Which officials did Berg negotiate with?", talks)
    rivals = "Berg and Lind have long been rivals on the port board. Berg met the harbour council on 3 May."
    assert not covered("When did Berg meet Lind?", rivals)
    assert covered("When did Berg meet Lind?", "Berg met Lind at the harbour council on 3 May.")


def test_who_else_besides_two_people_needs_a_third() -> None:
    """"Who else was at the summit besides the two mayors?" is not answered by a sentence naming only two people."""
    covered = covering(Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ()))
    assert not covered("Who else was at the summit besides the two mayors?", "The spring ended with a summit between Lind and Berg.")
    assert covered("Who else was at the summit besides the two mayors?", "Lind, Berg and their adviser Kai Ohm met at the summit.")
    assert covered("Who else was at the summit besides Lind?", "The spring ended with a summit between Lind and Berg.")


def test_who_did_something_with_a_person_is_answered_by_one_named_together_with_them() -> None:
    """"Who did Berg draft the plan with?" is answered by someone named beside Berg in a sentence of the drafting,
    however far the verb stands; not by someone named apart from Berg."""
    covered = covering()
    together = "A proposal from the port was the basis for the plan; Lind and Berg, the harbour master, had a central role in drafting it."
    assert covered("Who did Berg draft the plan with?", together)
    apart = "A proposal from Lind formed the basis for the plan; Berg, the harbour master, played a central role in drafting it."
    assert not covered("Who did Berg draft the plan with?", apart)


def test_who_did_something_at_an_event_is_answered_by_someone_named_near_what_they_did() -> None:
    """"Who represented Norrvik at the Saltby talks?" is not answered by a person named in another clause of a sentence
    that names the talks; "at those talks" is an event too, named or not."""
    saltby = Entity("saltby", "Saltby", "place", ("Saltby",), (), ())
    covered = covering(saltby, Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ()))
    elsewhere = "The council reopened its channels (the mayor held a call with Lind and a port delegation met Norrvik's envoys in Saltby)."
    assert not covered("Who represented Norrvik at the Saltby talks?", elsewhere)
    assert not covered("Who headed the port side at those talks?", elsewhere)
    assert covered("Who represented Norrvik at the Saltby talks?", "At the Saltby talks, Norrvik was represented by Lind.")
    assert not covered("Who headed the port side in those talks?", elsewhere)
    far = "The port was shaped by the mayor and his deputy, the harbour master Tomas Lind, who at one stage represented Norrvik."
    assert covered("Who represented Norrvik at the talks?", far)  # a comma is no word between the name and the deed


def test_who_took_part_somewhere_is_answered_where_the_place_and_the_one_they_met_are_named() -> None:
    """"Who did Berg meet on her May trip?" is not answered by a meeting of others, nor "Who headed the delegation
    at the Saltby talks?" by a sentence about another place."""
    ohm = Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ())
    covered = covering(ohm, Entity("saltby", "Saltby", "place", ("Saltby",), (), ()))
    others = "The spring ended with a meeting between Lind and Ohm in May."
    assert not covered("Who did Berg meet on her May trip?", others)
    assert covered("Who did Berg meet on her May trip?", "On her May trip, Berg met Lind.")
    elsewhere = "Lind headed the delegation that met the council in Norrhamn."
    assert not covered("Who headed the delegation at the Saltby talks?", elsewhere)
    assert covered("Who headed the delegation at the Saltby talks?", "Lind headed the delegation at the Saltby talks.")


def test_whom_someone_met_asked_with_which_is_answered_only_where_they_are_named() -> None:
    """"Which officials did Berg meet on her May trip?" asks whom Berg met, as "Who did Berg meet …?" does."""
    covered = covering(Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ()))
    others = "The spring ended with a meeting between Lind and Ohm in May."
    assert not covered("Which officials did Berg meet on her May trip?", others)
    assert covered("Which officials did Berg meet on her May trip?", "On her May trip, Berg met Lind.")


def test_whom_someone_called_by_a_role_met_is_answered_only_where_they_are_named() -> None:
    """ "Which officials did the mayor sit down with?" asks whom the person the catalogue reads as the mayor met."""
    mayor = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("mayor",), ())
    ohm = Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ())
    catalogue = EntityCatalogue((mayor, ohm, Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), (), ())))
    others = "The spring ended with a meeting between Lind and Ohm in May."
    question = "Which officials did the mayor sit down with on her May trip?"
    assert not covered_by(question, others, catalogue)
    assert covered_by(question, "On her May trip, the mayor sat down with Lind.", catalogue)


def test_who_was_at_an_event_is_answered_only_by_a_sentence_of_a_meeting_or_visit() -> None:
    """People named in a sentence about something else were not at the event; "a meeting between Berg and Ohm
    in Saltby" says who was at the Saltby summit."""
    saltby = Entity("saltby", "Saltby", "place", ("Saltby",), (), ())
    covered = covering(Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ()), saltby)
    rivals = "In Saltby, Berg has long been Ohm's rival on the port board."
    assert not covered("Who was at the Saltby summit?", rivals)
    assert covered("Who was at the Saltby summit?", "The spring ended with a meeting between Berg and Ohm in Saltby.")
    alone = "Tomas Lind's tense visit to the harbour council came in late May."
    assert not covered("Who else was at Lind's harbour visit?", alone)  # Lind himself is no answer
    assert not covered("Who else was in Saltby when Lind came?", rivals)  # who else was somewhere: at a meeting there


def test_where_is_answered_by_a_place_something_is_set_in_where_the_person_asked_about_is_named() -> None:
    """"Where did Berg hand over the plan?" is not answered by a place the plan is about ("recognition of Saltby"),
    nor by a meeting of others in Saltby; "Which senators …?" asks for people."""
    covered = covering(Entity("saltby", "Saltby", "place", ("Saltby",), (), ()))
    about = "The plan, submitted by Berg, demanded the recognition of Saltby as port territory."
    assert not covered("Where did Berg hand over the plan?", about)
    assert covered("Where did Berg hand over the plan?", "Berg handed over the plan in Saltby.")
    others = "Berg praised the plan. The spring ended with a meeting between Lind and the council in Saltby."
    assert not covered("Where did Berg meet the council?", others)
    assert not covered("In what city did Berg meet the council?", others)
    assert covered("Where did Lind meet the council?", others)
    assert not covered("Which senators backed Berg's bill?", "Berg's bill was backed by the port lobby.")


def test_how_long_is_answered_by_the_date_that_ends_what_lasted_however_far_its_subject() -> None:
    """"X lasted until <date>" says how long X went on, though X opens the clause far from the date; a date that
    ends something else does not."""
    text = "The council's unusually intense campaign against the new harbour fees lasted roughly until mid-August."
    assert covered_by("How long did the council's campaign go on?", text, EntityCatalogue(()))
    assert not covered_by("How long did the strike go on?", text, EntityCatalogue(()))


def test_how_long_someone_talked_is_not_answered_by_how_long_something_else_of_theirs_lasted() -> None:
    """The clause a bounding date ends shares only the name with the question; "two delegations" is a count, not a
    span of time; "after nearly a year of talks" is a span, but not one set at the Saltby summit the question asks of."""
    saltby = Entity("saltby", "Saltby", "place", ("Saltby",), (), ())
    covered = covering(saltby)
    assert not covered("How long did Berg talk at the Saltby summit?", "Berg's campaign lasted roughly until mid-August, ending at Saltby.")
    assert not covered("How long did Berg talk at the Saltby summit?", "Berg met the two delegations at the Saltby summit.")
    assert not covered("How long did Berg talk at the Saltby summit?", "After nearly a year of talks, Berg gave up.")
    assert covered("How long did Berg talk at the Saltby summit?", "At the Saltby summit Berg talked for three hours.")


def test_a_who_question_leaving_someone_out_is_not_answered_by_them() -> None:
    """"Apart from Berg, who …" is typed from "who" on; a note naming Berg, and Lind only in the title it quotes,
    names no other author."""
    covered = covering(Entity("review", "Basin Review", "organisation", ("Basin Review",), (), ()))
    note = "¹ A. Berg et al., 'Lind's Plan for the Harbour', Basin Review, 3 May 2024."
    assert not covered("Apart from Berg, who co-authored the Basin Review piece on the harbour?", note)
    assert covered("Who wrote the Basin Review piece on the harbour?", note)


def test_who_someone_s_partner_is_may_be_answered_by_a_country_named_so() -> None:
    norrvik = Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ())
    covered = covering(norrvik)
    assert covered("Who has Berg treated as her main counterpart?", "From the outset, Norrvik has been Berg's principal partner.")
    assert not covered("Who has Berg treated as her main counterpart?", "Berg hosted the talks in Norrvik.")


def test_who_founded_or_owns_something_is_answered_by_a_person_named_near_that_deed() -> None:
    covered = covering()
    assert not covered("Who founded the port authority?", "The port authority, whose president is Anna Berg, approved the loan.")
    assert covered("Who founded the port authority?", "Anna Berg founded the port authority in 1990.")
    assert not covered("Who currently owns the port authority?", "Anna Berg explored buying the port authority.")
