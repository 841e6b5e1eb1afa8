"""The role checks on everyday sentence pairs of no one corpus: who did what to whom (relations.py, pairs.py,
sides.py), an opening pronoun read as the party the sentence before names (subjects.py)."""

from __future__ import annotations

import pytest

from assistant.answering.verification.checker import vetoes
from assistant.answering.verification.names import CorpusNames
from assistant.answering.verification.relations import check_relations
from assistant.answering.verification.sides import changed_sides
from assistant.answering.verification.subjects import named_subject
from assistant.answering.verification.verdicts import Label, strongest
from tests.verification_pairs import pair_names, passage_of, sentence_evidence


@pytest.fixture(scope="module")
def names() -> CorpusNames:
    return pair_names()


def test_two_parties_that_trade_the_doers_place_are_caught(names: CorpusNames) -> None:
    evidence = "In the dry case, Norrvik offers a loan, while Saltby is pressed into concessions."
    objection = check_relations("In the dry case, Saltby offers a loan, while Norrvik is pressed into concessions.", evidence, names)
    assert [(o.label, o.check) for o in objection] == [(Label.CONTRADICTED, "role")]
    assert check_relations("In the dry case, Norrvik offers a loan to Saltby.", evidence, names) == []


def test_a_swap_is_read_where_the_passage_names_the_two_parties_nearest_each_other(names: CorpusNames) -> None:
    evidence = "At the same time, the council tested its ability to exert pressure on Saltby, as shown by its ban on Saltby exports."
    objection = check_relations("Meanwhile, Saltby tested how much pressure it could put on the council.", evidence, names)
    assert [(o.label, o.check) for o in objection] == [(Label.CONTRADICTED, "role")]
    assert check_relations("Meanwhile, the council tested how much pressure it could put on Saltby.", evidence, names) == []


def test_a_party_that_pressure_comes_from_is_not_one_it_is_put_on(names: CorpusNames) -> None:
    evidence = "Saltby has faced less pressure from the council, but it has also been less inclined to yield."
    objection = check_relations("Saltby has put less pressure on the council, while being less willing to yield.", evidence, names)
    assert [(o.label, o.check) for o in objection] == [(Label.CONTRADICTED, "role")]
    assert check_relations("The council has put less pressure on Saltby, which has been less willing to yield.", evidence, names) == []


def test_an_owner_moved_to_the_other_party_is_caught(names: CorpusNames) -> None:
    evidence = "From the outset, Saltby has limited the role of its allies in the talks."
    swaps = (
        "From the start, Saltby's allies have restricted the role of Saltby in the talks.",
        "Saltby's allies have limited the Saltby role in the talks.",
    )
    for swapped in swaps:
        assert [(o.label, o.check) for o in check_relations(swapped, evidence, names)] == [(Label.CONTRADICTED, "role")]
    assert check_relations("From the start, Saltby restricted the role of its allies in the talks.", evidence, names) == []
    assert check_relations("The role of Saltby's allies was limited by Saltby.", evidence, names) == []


def test_a_named_owner_of_pressure_is_where_it_comes_from(names: CorpusNames) -> None:
    evidence = "The guilds may also come under Saltby pressure to reopen trade with Norrvik."
    objection = check_relations("The guilds may put pressure on Saltby to reopen trade with Norrvik.", evidence, names)
    assert [(o.label, o.check) for o in objection] == [(Label.CONTRADICTED, "role")]
    assert check_relations("The guilds may face pressure from Saltby to reopen trade with Norrvik.", evidence, names) == []
    chained = "A pattern of pressure from Saltby on the guilds."  # "from" is pressure's place, not the pattern's
    assert check_relations("Saltby may press the guilds, a pattern of pressure from Saltby on them.", chained, names) == []


def test_of_after_a_form_of_be_is_no_inverted_relation(names: CorpusNames) -> None:
    evidence = "Anna Berg, who is sceptical of helping Norrvik, spoke."
    assert check_relations("Anna Berg, who is sceptical about helping Norrvik, spoke.", evidence, names) == []


def test_a_scene_setting_preposition_after_the_relation_word_gives_no_roles(names: CorpusNames) -> None:
    evidence = "The presence of Anna Berg has raised the trade dimension of Saltby-Norrvik talks."
    assert check_relations("Anna Berg has raised the trade dimension in the Saltby-Norrvik talks.", evidence, names) == []
    objection = check_relations("Tomas Lind rejected Anna Berg in Saltby.", "Anna Berg rejected Tomas Lind in Saltby.", names)
    assert [(o.label, o.check) for o in objection] == [(Label.CONTRADICTED, "role")]


def test_a_participle_with_by_names_its_doer_past_a_possessors_role(names: CorpusNames) -> None:
    evidence = "According to reports, a draft submitted by Saltby's envoy Tomas Lind formed the basis for the plan; Anna Berg revised it."
    swapped = "Reportedly, the plan was based on a draft that Anna Berg submitted to Saltby's envoy Tomas Lind."
    assert [(o.label, o.check) for o in changed_sides(swapped, evidence, names)] == [(Label.CONTRADICTED, "role")]
    faithful = "Reportedly, the plan was based on a draft that Saltby's envoy Tomas Lind submitted to Anna Berg."
    assert changed_sides(faithful, evidence, names) == []


@pytest.mark.parametrize(
    ("swapped", "evidence", "faithful"),
    [
        (  # "keep" before the relation word, as "continue to"
            "In this case, Saltby would probably keep receiving grants from Norrvik.",
            "In this case, Norrvik would likely continue to receive grants from Saltby.",
            "In this case, Norrvik would probably keep receiving grants from Saltby.",
        ),
        (  # a name inside a compound is a party of the text
            "Saltby could open talks between Anna Berg and Norrvik on water.",
            "Norrvik could open Berg-Saltby talks on water.",
            "Norrvik could open talks between Anna Berg and Saltby on water.",
        ),
    ],
)
def test_a_doer_is_read_past_keep_and_against_names_in_compounds(names: CorpusNames, swapped: str, evidence: str, faithful: str) -> None:
    assert [(o.label, o.check) for o in changed_sides(swapped, evidence, names)] == [(Label.CONTRADICTED, "role")]
    assert changed_sides(faithful, evidence, names) == []


def test_mutual_relations_and_lists_have_no_roles_to_swap(names: CorpusNames) -> None:
    evidence = "A meeting between Anna Berg and Tomas Lind took place in Saltby."
    assert check_relations("A meeting between Tomas Lind and Anna Berg took place in Saltby.", evidence, names) == []
    assert check_relations("Tomas Lind met Anna Berg in Saltby.", "Anna Berg met Tomas Lind in Saltby.", names) == []


def test_a_name_before_a_noun_for_its_people_is_the_party(names: CorpusNames) -> None:
    evidence = "However, he was rejected by the Norrvik side."
    objections = check_relations("Lind rejected the Norrvik side.", evidence, names)
    assert [(o.label, o.check) for o in objections] == [(Label.CONTRADICTED, "role")]
    assert check_relations("The Norrvik side rejected Lind.", evidence, names) == []
    turned = check_relations("Lind turned down the Norrvik side.", evidence, names)  # a phrasal verb meets its one word
    assert [(o.label, o.check) for o in turned] == [(Label.CONTRADICTED, "role")]
    assert check_relations("The Norrvik side turned Lind down.", evidence, names) == []


def test_an_opening_pronoun_is_read_as_the_party_the_sentence_before_names(names: CorpusNames) -> None:
    text = "Norrvik has faced less pressure from Saltby. Instead, it has focused on shifting the blame onto its rival."
    evidence = sentence_evidence(passage_of(text), 1)
    assert named_subject(evidence, names) == "Instead, Norrvik has focused on shifting the blame onto its rival."
    swapped = strongest(vetoes("Saltby has focused on shifting the blame onto Norrvik.", evidence, names))
    assert swapped is not None and (swapped.label, swapped.check) == (Label.CONTRADICTED, "role")
    assert vetoes("Norrvik has focused on shifting the blame onto its rival.", evidence, names) == []
    expletive = "Saltby met Norrvik. It is likely that talks will resume."
    assert named_subject(sentence_evidence(passage_of(expletive, "c2"), 1), names) == "It is likely that talks will resume."


def test_a_party_named_by_its_side_is_swapped_for_another_that_does_the_same(names: CorpusNames) -> None:
    """"the Saltby side refuses": the name's neighbour is what the side does, so "Norrvik refuses" puts Norrvik in
    Saltby's place, though the passage names Norrvik elsewhere."""
    passage = passage_of("Norrvik waits for the vote. The plan collapses as the Saltby side refuses to make concessions.")
    swapped = strongest(vetoes("The plan falls apart because Norrvik refuses to make concessions.", sentence_evidence(passage, 1), names))
    assert swapped is not None and (swapped.label, swapped.check) == (Label.CONTRADICTED, "name")
    kept = vetoes("The plan falls apart because the Saltby side refuses to make concessions.", sentence_evidence(passage, 1), names)
    assert strongest(kept) is None


def test_what_a_who_clause_says_belongs_to_the_name_it_follows(names: CorpusNames) -> None:
    """ "Berg and Lind, who was expected to chair the board": Lind was; said of Berg it is a swap, whatever else the
    claim says, and a name inside an appositive that "who" ends is no owner."""
    evidence = "The circle includes hawks such as Anna Berg and Tomas Lind, who was initially expected to chair the Saltby board."
    for swapped in ("Anna Berg was initially expected to chair the Saltby board.", "It was Berg who was expected to chair the board."):
        assert [(o.label, o.check) for o in check_relations(swapped, evidence, names)] == [(Label.CONTRADICTED, "role")]
    assert check_relations("Tomas Lind was initially expected to chair the Saltby board.", evidence, names) == []
    donor = "Investors such as Anna Berg, a Norrvik campaign donor who has explored buying the Saltby pipeline, profit."
    assert check_relations("Anna Berg, who gave to a Norrvik campaign, has explored buying the Saltby pipeline.", donor, names) == []
    moved = check_relations("Norrvik has explored buying the Saltby pipeline.", donor, names)
    assert [(o.label, o.check) for o in moved] == [(Label.CONTRADICTED, "role")]
    assert check_relations("Berg has looked into buying a pipeline in Saltby, with Norrvik money.", donor, names) == []


def test_a_party_of_the_passage_made_the_doer_in_place_of_one_the_claim_leaves_out(names: CorpusNames) -> None:
    evidence = "As part of the wider debate, Norrvik could initiate talks between Saltby and Anna Berg on water."
    swapped = changed_sides("As part of the wider debate, Saltby could launch talks with Anna Berg on water.", evidence, names)
    assert [(o.label, o.check) for o in swapped] == [(Label.CONTRADICTED, "role")]
    assert changed_sides("Norrvik could launch talks between Saltby and Anna Berg on water.", evidence, names) == []
    assert changed_sides("Talks between Saltby and Anna Berg on water could be launched.", evidence, names) == []
