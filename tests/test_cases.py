"""The scenario a question names: found from the overview's scenario names (a reader's word read as the corpus'
word counts), and its sentences put at the answer's disposal."""

from __future__ import annotations

from assistant.answering.cases import named_case
from assistant.facade import Assistant
from assistant.index.overview import Scenario, ScenarioPoint
from assistant.retrieval.query import understand
from assistant.settings import Settings


def _scenario(name: str, *sentences: str) -> Scenario:
    return Scenario(name, tuple(ScenarioPoint("consequence", text, (), ()) for text in sentences))


SCENARIOS = (
    _scenario("Most optimistic scenario", "In the most optimistic scenario, the port reopens.", "Trade recovers."),
    _scenario("Relatively neutral scenario", "In the relatively neutral scenario, the port stays half open."),
    _scenario("Negative scenario", "In the negative scenario, the port closes."),
)


def test_a_question_names_a_scenario_by_a_word_only_its_name_has() -> None:
    assert named_case(understand("Does trade recover in the optimistic scenario?"), SCENARIOS) is SCENARIOS[0]
    best_case = understand("What about the port in the best-case outlook?")  # "best-case" is read as "optimistic"
    assert named_case(best_case, SCENARIOS) is SCENARIOS[0]
    negative = named_case(understand("In the negative case, what happens to the port?"), SCENARIOS)
    assert negative is not None and negative.sentences == frozenset({"In the negative scenario, the port closes."})


def test_a_question_names_a_scenario_by_a_word_only_its_sentences_say() -> None:
    assert named_case(understand("Back to the trade scenario: does the port reopen?"), SCENARIOS) is SCENARIOS[0]
    assert named_case(understand("What happens in the port scenario?"), SCENARIOS) is None  # every scenario says "port"


def test_no_scenario_without_a_case_noun_or_a_word_of_one_name() -> None:
    assert named_case(understand("What is the most likely outcome?"), SCENARIOS) is None  # "most" only grades
    assert named_case(understand("Is the mood at the port optimistic?"), SCENARIOS) is None  # no case noun
    assert named_case(understand("Compare the negative and the optimistic scenario."), SCENARIOS) is None  # two
    assert named_case(understand("Does trade recover in the optimistic scenario?"), ()) is None


def test_the_passages_of_a_question_about_a_scenario_hold_all_of_it(riverbasin_settings: Settings) -> None:
    assistant = Assistant(riverbasin_settings)
    (second,) = [s for s in assistant.index.overview.scenarios if s.name.lower().startswith("second")]
    answer = assistant.ask("Who is Amara Okafor, the bank's president, and what does she do in the second scenario?", top_k=1)
    held = {p.chunk.text[s:e] for p in answer.passages for s, e in p.chunk.sentences}
    assert {point.text for point in second.points} <= held



def test_a_claim_about_one_scenario_rests_only_on_what_is_said_of_it() -> None:
    """Verification reads the scenario a claim names: a sentence of the negative scenario does not support a claim
    about the optimistic one (NOT_FOUND), and supports the claim about its own; a sentence of no scenario objects
    to nothing."""
    from assistant.answering.verification.cases import check_case
    from assistant.answering.verification.verdicts import Evidence
    from assistant.types import Chunk, Citation, Passage

    text = "Trade recovers fast. In the negative scenario, the port closes and the council raises fees. Fees are debated."
    chunk = Chunk("c1", "doc", "Doc", "Scenarios", 0, 0, len(text), text)
    closing = text.index("In the negative")
    said = (closing, text.index(" Fees are"))
    scenarios = (
        Scenario("Most optimistic scenario", (ScenarioPoint("consequence", "Trade recovers fast.", (), (Citation(1, chunk, 0, 20),)),)),
        Scenario("Negative scenario", (ScenarioPoint("consequence", text[said[0] : said[1]], (), (Citation(2, chunk, *said),)),)),
    )
    evidence = Evidence(Passage(chunk, 1, 1.0), *said, 1.0)
    (objection,) = check_case("In the optimistic scenario, the council raises fees.", evidence, scenarios)
    assert objection.label.value == "NOT_FOUND" and "Negative scenario" in objection.reason
    assert check_case("In the negative scenario, the council raises fees.", evidence, scenarios) == []
    debated = Evidence(Passage(chunk, 1, 1.0), text.index("Fees are"), len(text), 1.0)
    assert check_case("In the optimistic scenario, fees are debated.", debated, scenarios) == []
