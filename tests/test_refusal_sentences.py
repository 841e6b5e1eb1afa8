"""Declines decided sentence by sentence: one-chunk passages read with a hand-made catalogue and every sentence as
close to the question as the next (no embedding model), so only what a sentence says decides."""

from __future__ import annotations

from collections.abc import Callable

from assistant.index.catalogue import Entity, EntityCatalogue


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
    from assistant.index.catalogue import Entity, EntityCatalogue
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


def test_a_comparison_is_answered_only_where_the_text_makes_it() -> None:
    """"Worse than Lind's": a sentence naming Lind must be about what is compared; the role "the mayor" names
    the person the catalogue reads as the mayor, so two people are named together through it."""
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.index.catalogue import Entity, EntityCatalogue
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


def test_who_was_in_a_delegation_or_on_the_other_side_is_answered_only_by_a_person_put_there() -> None:
    """A person in another clause ("a call with Berg and a delegation met …") is no member of the delegation;
    one who "joined the group of negotiators" answers who joined the team; the other side of what a person
    did is one named near the deed."""
    covered = _covering()
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
    covered = _covering(Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ()))
    talks = "Berg, who once represented the council in negotiations with Norrvik, left the board."
    assert covered("Who did Berg negotiate with?", talks)
    assert not covered("Which officials did Berg negotiate with?", talks)
    rivals = "Berg and Lind have long been rivals on the port board. Berg met the harbour council on 3 May."
    assert not covered("When did Berg meet Lind?", rivals)
    assert covered("When did Berg meet Lind?", "Berg met Lind at the harbour council on 3 May.")


def test_who_else_besides_two_people_needs_a_third() -> None:
    """"Who else was at the summit besides the two mayors?" is not answered by a sentence naming only two people."""
    covered = _covering(Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ()))
    assert not covered("Who else was at the summit besides the two mayors?", "The spring ended with a summit between Lind and Berg.")
    assert covered("Who else was at the summit besides the two mayors?", "Lind, Berg and their adviser Kai Ohm met at the summit.")
    assert covered("Who else was at the summit besides Lind?", "The spring ended with a summit between Lind and Berg.")


def test_who_did_something_with_a_person_is_answered_by_one_named_together_with_them() -> None:
    """"Who did Berg draft the plan with?" is answered by someone named beside Berg in a sentence of the drafting,
    however far the verb stands; not by someone named apart from Berg."""
    covered = _covering()
    together = "A proposal from the port was the basis for the plan; Lind and Berg, the harbour master, had a central role in drafting it."
    assert covered("Who did Berg draft the plan with?", together)
    apart = "A proposal from Lind formed the basis for the plan; Berg, the harbour master, played a central role in drafting it."
    assert not covered("Who did Berg draft the plan with?", apart)


def test_who_did_something_at_an_event_is_answered_by_someone_named_near_what_they_did() -> None:
    """"Who represented Norrvik at the Saltby talks?" is not answered by a person named in another clause of a sentence
    that names the talks; "at those talks" is an event too, named or not."""
    saltby = Entity("saltby", "Saltby", "place", ("Saltby",), (), ())
    covered = _covering(saltby, Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ()))
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
    covered = _covering(ohm, Entity("saltby", "Saltby", "place", ("Saltby",), (), ()))
    others = "The spring ended with a meeting between Lind and Ohm in May."
    assert not covered("Who did Berg meet on her May trip?", others)
    assert covered("Who did Berg meet on her May trip?", "On her May trip, Berg met Lind.")
    elsewhere = "Lind headed the delegation that met the council in Norrhamn."
    assert not covered("Who headed the delegation at the Saltby talks?", elsewhere)
    assert covered("Who headed the delegation at the Saltby talks?", "Lind headed the delegation at the Saltby talks.")


def test_whom_someone_met_asked_with_which_is_answered_only_where_they_are_named() -> None:
    """"Which officials did Berg meet on her May trip?" asks whom Berg met, as "Who did Berg meet …?" does."""
    covered = _covering(Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ()))
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
    assert not _covered_by(question, others, catalogue)
    assert _covered_by(question, "On her May trip, the mayor sat down with Lind.", catalogue)


def test_who_was_at_an_event_is_answered_only_by_a_sentence_of_a_meeting_or_visit() -> None:
    """People named in a sentence about something else were not at the event; "a meeting between Berg and Ohm
    in Saltby" says who was at the Saltby summit."""
    saltby = Entity("saltby", "Saltby", "place", ("Saltby",), (), ())
    covered = _covering(Entity("ohm", "Kai Ohm", "person", ("Kai Ohm", "Ohm"), (), ()), saltby)
    rivals = "In Saltby, Berg has long been Ohm's rival on the port board."
    assert not covered("Who was at the Saltby summit?", rivals)
    assert covered("Who was at the Saltby summit?", "The spring ended with a meeting between Berg and Ohm in Saltby.")
    alone = "Tomas Lind's tense visit to the harbour council came in late May."
    assert not covered("Who else was at Lind's harbour visit?", alone)  # Lind himself is no answer
    assert not covered("Who else was in Saltby when Lind came?", rivals)  # who else was somewhere: at a meeting there


def test_how_a_relationship_was_built_or_a_deadline_needs_a_sentence_that_says_so() -> None:
    """ "By" in a sentence about something else tells nothing of how a rapport was built; a sentence that names
    the deadlines but gives no date does not say what the deadline was."""
    covered = _covering()
    by_letter = "Berg managed the port board by letter, and Lind chairs it with her."
    assert not covered("How did Berg manage to build such a good rapport with Lind?", by_letter)
    assert covered("How did Berg manage to build such a good rapport with Lind?", "Berg built a rapport with Lind by sailing with him.")
    rapport = "Leaders who have managed to establish a rapport with Lind include Berg."
    assert not covered("How did Berg manage to get so close to Lind?", rapport)
    assert covered("How did Berg manage to get so close to Lind?", "Berg grew close to Lind by sailing with him.")
    assert not covered("What did Berg do before becoming harbour master?", "Berg, the harbour master, once represented the port in talks.")
    assert covered("What did Berg do before becoming harbour master?", "Before becoming harbour master, Berg served as a ferry captain.")
    once = "Berg, the harbour master, once represented the port in talks."
    assert not covered("What did Berg do before Berg's job as harbour master?", once)
    missed = "Talks between Berg and Lind on the harbour fees began on 3 May. They missed every self-imposed deadline."
    assert not covered("What was the exact deadline Berg gave Lind on the harbour fees?", missed)
    dated = "Berg gave Lind a deadline of 3 May to accept the harbour fees."
    assert covered("What was the exact deadline Berg gave Lind on the harbour fees?", dated)


def test_the_date_of_a_cited_publication_answers_only_when_it_appeared() -> None:
    """A note citing a publication gives the day it appeared: no answer to when an event happened, the answer to
    when the piece came out; a note's other dates (when a poll was conducted) answer as any sentence's."""
    from assistant.index.catalogue import EntityCatalogue

    cited = "³ A. Berg, 'The harbour question', Tidings, 12 May 2025, tidings.example."
    assert not _covered_by("When did the council approve the harbour fees?", cited, EntityCatalogue(()))
    assert _covered_by("When did Tidings put out its piece on the harbour question?", cited, EntityCatalogue(()))
    poll = "⁴ The harbour poll, conducted on 2–4 May 2025."
    assert _covered_by("When was the harbour poll conducted?", poll, EntityCatalogue(()))


def test_where_is_answered_by_a_place_something_is_set_in_where_the_person_asked_about_is_named() -> None:
    """"Where did Berg hand over the plan?" is not answered by a place the plan is about ("recognition of Saltby"),
    nor by a meeting of others in Saltby; "Which senators …?" asks for people."""
    covered = _covering(Entity("saltby", "Saltby", "place", ("Saltby",), (), ()))
    about = "The plan, submitted by Berg, demanded the recognition of Saltby as port territory."
    assert not covered("Where did Berg hand over the plan?", about)
    assert covered("Where did Berg hand over the plan?", "Berg handed over the plan in Saltby.")
    others = "Berg praised the plan. The spring ended with a meeting between Lind and the council in Saltby."
    assert not covered("Where did Berg meet the council?", others)
    assert not covered("In what city did Berg meet the council?", others)
    assert covered("Where did Lind meet the council?", others)
    assert not covered("Which senators backed Berg's bill?", "Berg's bill was backed by the port lobby.")


def test_which_things_exactly_is_answered_only_where_they_are_named_or_listed() -> None:
    """"Which … exactly" asks for the things themselves: a text that speaks of them vaguely ("certain types of
    boats", "lift some", "among Dravenian towns") does not answer; one that names or lists them does."""
    from assistant.index.catalogue import EntityCatalogue

    vague = "The council could halt the sale of certain types of boats, including via its partners. It could lift some fees partially."
    listed = "The council could halt the sale of boats such as the Saltby ferries."
    assert not _covered_by("Which boats exactly could the council stop selling?", vague, EntityCatalogue(()))
    assert _covered_by("Which boats exactly could the council stop selling?", listed, EntityCatalogue(()))
    assert not _covered_by("Which fees specifically could be lifted?", vague, EntityCatalogue(()))
    fractures = "This causes fractures among Dravenian towns."
    assert not _covered_by("Which Dravenian towns specifically would object?", fractures, EntityCatalogue(()))
    assert _covered_by("Which boats could the council stop selling?", vague, EntityCatalogue(()))  # no "exactly": what it says
    lifting = "The council could lift some fees partially. In the dry case, the council gradually lifts fees on Saltby traders."
    assert not _covered_by("Which ones exactly could be lifted?", lifting, EntityCatalogue(()))  # Saltby is whose, not which


def test_what_a_cited_publication_concluded_is_answered_only_where_a_sentence_citing_it_says_so() -> None:
    """A note lists the piece; the text cites it (note marker) for the harbour fees only, not for Berg's dealings."""
    from assistant.index.catalogue import EntityCatalogue

    text = (
        "Berg's business dealings with Saltby shipowners have drawn attention. "
        "The council may also raise the harbour fees to fund the new quay.¹ "
        "¹ T. Lind, 'Water Wars', The Tidings, 3 June 2024."
    )
    asked = "What did the Tidings piece 'Water Wars' conclude about {}?"
    assert not _covered_by(asked.format("Berg's business dealings"), text, EntityCatalogue(()))
    assert _covered_by(asked.format("the harbour fees"), text, EntityCatalogue(()))
    assert _covered_by("What do Berg's business dealings involve?", text, EntityCatalogue(()))  # not about a publication
    survey = "According to the Tidings survey, 64% of farmers back the harbour fees."
    assert _covered_by("What did the Tidings survey find among farmers?", survey, EntityCatalogue(()))
    assert _covered_by("What did the Tidings survey find?", survey, EntityCatalogue(()))  # nothing more asked


def test_a_comparison_needs_a_sentence_that_compares_and_later_events_are_not_told() -> None:
    """Two firms named in one sentence are not compared by it; what happened since the document came out it cannot say."""
    covered = _covering(
        Entity("saltby-ltd", "Saltby Ltd", "organisation", ("Saltby Ltd",), (), ()),
        Entity("norrvik-oil", "Norrvik Oil", "organisation", ("Norrvik Oil",), (), ()),
    )
    asked = "Were the sanctions on Saltby Ltd harsher than the ones on Norrvik Oil?"
    assert not covered(asked, "On 3 May the council imposed sanctions on Saltby Ltd and Norrvik Oil, with more to follow.")
    assert covered(asked, "The sanctions on Saltby Ltd were harsher than the ones on Norrvik Oil.")
    assert not covered("Has the council lifted the sanctions since the brief came out?", "The council could lift the sanctions.")


def _covering(*others: Entity) -> Callable[[str, str], bool]:
    """Whether a one-chunk passage covers a question, with Anna Berg, Tomas Lind and `others` in the catalogue."""
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), (), ())
    catalogue = EntityCatalogue((berg, lind, *others))
    return lambda question, text: _covered_by(question, text, catalogue)


def _covered_by(question: str, text: str, catalogue: EntityCatalogue) -> bool:
    """Whether the one-chunk passage `text` covers `question`, every sentence as close to it as the other."""
    import numpy as np

    from assistant.answering.refusal import assess_coverage
    from assistant.retrieval.query import understand
    from assistant.text import split_sentences
    from assistant.types import Chunk, Passage

    query = np.ones(4, dtype=np.float32) / 2
    chunk = Chunk("c1", "doc", "Doc", "Lead", 0, 0, len(text), text, sentences=tuple(split_sentences(text)))
    sentences = np.tile(query, (len(chunk.sentences), 1))
    return assess_coverage(understand(question, catalogue), [Passage(chunk, 1, 1.0)], query, lambda c: sentences).covered


def test_how_long_is_answered_by_the_date_that_ends_what_lasted_however_far_its_subject() -> None:
    """"X lasted until <date>" says how long X went on, though X opens the clause far from the date; a date that
    ends something else does not."""
    from assistant.index.catalogue import EntityCatalogue

    text = "The council's unusually intense campaign against the new harbour fees lasted roughly until mid-August."
    assert _covered_by("How long did the council's campaign go on?", text, EntityCatalogue(()))
    assert not _covered_by("How long did the strike go on?", text, EntityCatalogue(()))


def test_how_long_someone_talked_is_not_answered_by_how_long_something_else_of_theirs_lasted() -> None:
    """The clause a bounding date ends shares only the name with the question; "two delegations" is a count, not a
    span of time; "after nearly a year of talks" is a span, but not one set at the Saltby summit the question asks of."""
    saltby = Entity("saltby", "Saltby", "place", ("Saltby",), (), ())
    covered = _covering(saltby)
    assert not covered("How long did Berg talk at the Saltby summit?", "Berg's campaign lasted roughly until mid-August, ending at Saltby.")
    assert not covered("How long did Berg talk at the Saltby summit?", "Berg met the two delegations at the Saltby summit.")
    assert not covered("How long did Berg talk at the Saltby summit?", "After nearly a year of talks, Berg gave up.")
    assert covered("How long did Berg talk at the Saltby summit?", "At the Saltby summit Berg talked for three hours.")


def test_a_who_question_leaving_someone_out_is_not_answered_by_them() -> None:
    """"Apart from Berg, who …" is typed from "who" on; a note naming Berg, and Lind only in the title it quotes,
    names no other author."""
    covered = _covering(Entity("review", "Basin Review", "organisation", ("Basin Review",), (), ()))
    note = "¹ A. Berg et al., 'Lind's Plan for the Harbour', Basin Review, 3 May 2024."
    assert not covered("Apart from Berg, who co-authored the Basin Review piece on the harbour?", note)
    assert covered("Who wrote the Basin Review piece on the harbour?", note)


def test_a_year_the_corpus_never_dates_anything_in_is_never_mentioned() -> None:
    """A question setting what it asks in a year that no dated expression of the corpus has is declined; a year
    that only qualifies a noun ("the 2014 flood") is left to the evidence."""
    from assistant.index.catalogue import DatedMention

    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    dated = DatedMention("c1", 0, 8, "May 2024", "2024-05", "2024-05-15", True)
    catalogue = EntityCatalogue((berg,), dates=(dated,))
    text = "In May 2024, Berg reacted to the flood with a new levy."
    assert not _covered_by("How did Berg react to the flood in 2014?", text, catalogue)
    assert _covered_by("How did Berg react to the flood in 2024?", text, catalogue)
    assert _covered_by("How did Berg react to the 2014 flood?", text, catalogue)


def test_who_someone_s_partner_is_may_be_answered_by_a_country_named_so() -> None:
    norrvik = Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ())
    covered = _covering(norrvik)
    assert covered("Who has Berg treated as her main counterpart?", "From the outset, Norrvik has been Berg's principal partner.")
    assert not covered("Who has Berg treated as her main counterpart?", "Berg hosted the talks in Norrvik.")


def test_a_source_question_may_name_the_publisher_with_the_person_the_claim_is_about() -> None:
    """"Which Tidings article is cited for Berg's view?" names the source's publisher, not a party to what Berg did."""
    from assistant.index.catalogue import Entity, EntityCatalogue

    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), (), ())
    tidings = Entity("tidings", "Tidings", "organisation", ("Tidings",), (), ())
    catalogue = EntityCatalogue((berg, tidings))
    text = "Berg has long opposed the new harbour fees.¹"
    assert _covered_by("Which Tidings article is cited for Berg's view on the fees?", text, catalogue)
    assert not _covered_by("When did Tidings interview Berg about the fees?", text, catalogue)


def test_who_founded_or_owns_something_is_answered_by_a_person_named_near_that_deed() -> None:
    covered = _covering()
    assert not covered("Who founded the port authority?", "The port authority, whose president is Anna Berg, approved the loan.")
    assert covered("Who founded the port authority?", "Anna Berg founded the port authority in 1990.")
    assert not covered("Who currently owns the port authority?", "Anna Berg explored buying the port authority.")


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
