"""How the deterministic checks read words, figures, names and evidence candidates, on sentences of no one corpus
(the pairs of each kind of contradiction and rewording: test_verification_general.py)."""

from __future__ import annotations

import pytest

from assistant.answering.verification.names import CorpusNames, check_names
from assistant.answering.verification.numbers import check_numbers, quantities
from assistant.answering.verification.tokens import stem
from assistant.answering.verification.verdicts import Label
from assistant.index.catalogue import Entity, EntityCatalogue
from tests.verification_pairs import CATALOGUE, CORPUS, pair_names, passage_of, verdict


def test_irregular_and_short_forms_share_a_stem() -> None:
    assert {stem(w) for w in ("rose", "rising", "rises")} == {"rise"}
    assert stem("fell") == stem("falls") and stem("won") == stem("wins")


@pytest.mark.parametrize(
    ("text", "kind", "value", "bound"),
    [
        ("more than 80% of voters", "percent", 80, ">"),
        ("nearly 90 per cent", "percent", 90, "~"),
        ("one in five", "percent", 20, "~"),
        ("visited twice", "times", 2, ""),
        ("the third round", "ordinal", 3, ""),
    ],
)
def test_bounds_frequencies_and_ordinals_are_read(text: str, kind: str, value: float, bound: str) -> None:
    (quantity,) = quantities(text)
    assert (quantity.kind, quantity.value, quantity.bound) == (kind, value, bound)


def test_an_ordinal_the_passage_lacks_is_no_objection() -> None:
    assert check_numbers("The mayor first raised the idea in May.", "The mayor raised the idea in May.") == []


def test_a_fraction_is_a_share_only_where_it_reads_as_one() -> None:
    assert [(q.kind, q.value) for q in quantities("half of the voters")] == [("percent", 50.0)]
    assert [q.kind for q in quantities("in the first half of the year")] == ["ordinal"]
    assert quantities("a half-hour walk") == ()


def test_a_person_is_named_by_the_role_the_catalogue_reads_as_them() -> None:
    mayor = Entity("anna-berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("mayor",), ())  # type: ignore[arg-type]
    catalogue = EntityCatalogue((mayor, *CATALOGUE.entities[1:]))
    names = CorpusNames(CORPUS, catalogue)
    evidence = "In the dry case, the Norrvik mayor slowly loses interest in the port."
    assert verdict("In the dry case, Berg slowly loses interest in the port.", evidence, names) is None
    assert verdict("In the dry case, Lind slowly loses interest in the port.", evidence, names)
    pressed = "Intense pressure from the mayor on Saltby was followed by talks."
    assert verdict("Intense pressure from Saltby on Berg was followed by talks.", pressed, names) == (Label.CONTRADICTED, "role")


def test_a_role_given_as_someone_elses_is_caught() -> None:
    """The catalogue calls Lind "Berg's deputy": a claim calling him Saltby's deputy gives the role to another's."""
    lind = Entity("tomas-lind", "Tomas Lind", "person", ("Tomas Lind", "Lind", "Berg's deputy"), (), ())  # type: ignore[arg-type]
    names = CorpusNames(CORPUS, EntityCatalogue((CATALOGUE.entities[0], lind, *CATALOGUE.entities[2:])))
    evidence = "Anna Berg and Tomas Lind, Berg's deputy, drafted the harbour plan."
    assert verdict("Tomas Lind, Saltby's deputy, drafted the harbour plan with Anna Berg.", evidence, names) == (Label.CONTRADICTED, "role")
    assert verdict("Tomas Lind, Berg's deputy, drafted the harbour plan with Anna Berg.", evidence, names) is None


def test_evidence_ranks_a_sentence_sharing_a_words_root_first() -> None:
    """With meaning alike, the sentence that shares the claim's words ("frustration", "frustrated") leads."""
    import numpy as np

    from assistant.answering.verification.claims import Claim
    from assistant.answering.verification.evidence import find_evidence

    text = "The council faced less pressure from the voters. Over the year the voters became frustrated with the council."
    unit = np.ones(4, dtype=np.float32) / 2
    found = find_evidence(
        [Claim("Voter frustration with the council kept growing.", ())],
        [passage_of(text)],
        lambda texts: np.tile(unit, (len(texts), 1)),
        lambda c: np.tile(unit, (len(c.sentences), 1)),
    )[0]
    assert found[0].text.startswith("Over the year")


def test_a_name_swapped_into_a_list_is_caught_though_the_passage_names_it() -> None:
    names = pair_names()
    evidence = "The board includes Anna Berg, Erik Moss and Karl Dahl."
    passage = f"{evidence} Tomas Lind chairs the council."
    swapped = check_names("Anna Berg, Tomas Lind and Karl Dahl sit on it.", evidence, passage, names)
    assert [(o.label, o.check) for o in swapped] == [(Label.CONTRADICTED, "name")]
    assert check_names("The board includes Karl Dahl and Anna Berg.", evidence, passage, names) == []


def test_a_later_candidate_saying_more_of_the_claim_decides_over_one_only_about_its_parties() -> None:
    from assistant.answering.verification.checker import verdict as claim_verdict
    from assistant.answering.verification.claims import Claim
    from tests.verification_pairs import sentence_evidence

    text = "Anna Berg spoke at length about the two rival ports and their fees. The mayor does not see the two rival ports as equals."
    passage = passage_of(text)
    about_them, saying_it = sentence_evidence(passage, 0), sentence_evidence(passage, 1)
    names = pair_names()
    contradicted = claim_verdict(Claim("Anna Berg sees the two rival ports as equals.", ()), [about_them, saying_it], names)
    assert (contradicted.label, contradicted.check, contradicted.evidence) == (Label.CONTRADICTED, "negation", saying_it)
    kept = claim_verdict(Claim("Anna Berg spoke about the fees of the two rival ports.", ()), [about_them, saying_it], names)
    assert (kept.label, kept.evidence) == (Label.SUPPORTED, about_them)


def test_a_tied_candidate_that_contradicts_decides_and_a_clearly_weaker_one_does_not() -> None:
    from assistant.answering.verification.checker import TIE_MARGIN
    from assistant.answering.verification.checker import verdict as claim_verdict
    from assistant.answering.verification.claims import Claim
    from assistant.answering.verification.evidence import Evidence

    text = "Since May the council has stepped up its work on the harbour. The council's work on the harbour has been marked by volatility."
    passage = passage_of(text)
    (s1, e1), (s2, e2) = passage.chunk.sentences
    claim = Claim("The council's work on the harbour has been steady.", ())
    tied = [Evidence(passage, s1, e1, 0.62), Evidence(passage, s2, e2, 0.62 - TIE_MARGIN / 2)]
    contradicted = claim_verdict(claim, tied, pair_names())
    assert (contradicted.label, contradicted.check, contradicted.evidence) == (Label.CONTRADICTED, "antonym", tied[1])
    weaker = [tied[0], Evidence(passage, s2, e2, 0.62 - 3 * TIE_MARGIN)]
    assert claim_verdict(claim, weaker, pair_names()).label is Label.SUPPORTED

