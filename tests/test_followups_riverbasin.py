"""The river-basin corpus' follow-up conversations (tests/corpora/riverbasin/questions.jsonl) through the facade
with the model-free hashing embedder: each last turn's standalone question says what it is about."""

from __future__ import annotations

import json

import pytest

from assistant.facade import Assistant
from assistant.settings import Settings
from eval.metrics import standalone_ok
from tests.riverbasin import QUESTIONS

CASES = [case for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip() and "turns" in (case := json.loads(line))]


@pytest.fixture(scope="module")
def river(riverbasin_settings: Settings) -> Assistant:
    return Assistant(riverbasin_settings)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_the_last_turn_is_made_standalone(river: Assistant, case: dict) -> None:
    conversation = river.new_conversation()
    for turn in case["turns"][:-1]:
        river.ask(turn, conversation)
    standalone = river.ask(case["turns"][-1], conversation).standalone_question
    assert standalone_ok(standalone, case["expected_standalone"]), standalone
