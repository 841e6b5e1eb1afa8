"""Bad questions get one clear line and the assistant keeps serving; the JSON-lines stream survives bad lines."""

from __future__ import annotations

import json

import pytest
from corpus_checks import assert_quotes_in_corpus
from index_helpers import run_cli

from assistant.errors import InputError
from assistant.facade import Assistant
from assistant.settings import Settings


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "The question is empty"),
        ("   \n\t  ", "The question is empty"),
        ("\x00\x00\x01", "The question is empty"),
        ("x" * 2001, "the limit is 2,000"),
        ("[1]", "no words to search for"),
        ("[1] [2].", "no words to search for"),
        ("?!?...", "no words to search for"),
        ("“” — ; : ()", "no words to search for"),
        ("🙂🙂🙂", "no words to search for"),
        (None, "must be text"),
        (42, "must be text"),
    ],
)
def test_unusable_questions_are_one_line_errors(assistant: Assistant, question: object, message: str) -> None:
    with pytest.raises(InputError) as error:
        assistant.ask(question)  # type: ignore[arg-type]
    assert message in str(error.value) and "\n" not in str(error.value)
    assert assistant.ask("Who is Steve Witkoff?").citations, "the assistant keeps serving after a bad question"


def test_length_limit_is_exact_and_named(assistant: Assistant) -> None:
    padded = "Who is Steve Witkoff? " + " " * (2000 - 22)
    assert len(padded) == 2000 and assistant.ask(padded).citations
    with pytest.raises(InputError, match=r"2,001 characters long; the limit is 2,000"):
        assistant.ask(padded + "x")


@pytest.mark.parametrize(
    "question",
    [
        "Who is Steve\x00 Witkoff?",
        "Who is\x1b[31m Steve Witkoff?\x07",
        "Who is Steve Witkoff? 🤔🇺🇦",
        "Кто такой Steve Witkoff? Хто такий Witkoff?",
        "Steve Witkoff 是谁？ ستيف ويتكوف",
        "WHO IS STEVE WITKOFF",
        "who is steve witkoff\u200b\u202e?",
        "Who is Steve Witkoff? [1] [2]",
    ],
)
def test_odd_but_usable_questions_are_answered(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert "\x00" not in answer.question and "\x1b" not in answer.question
    assert not answer.declined and any("Witkoff" in c.quote for c in answer.citations)
    assert_quotes_in_corpus(answer.citations, assistant.settings)


@pytest.mark.parametrize("opener", ["Briefly, ", "In short, ", "Please explain: ", "Summarise: "])
def test_an_opening_word_neither_blocks_an_answer_nor_rescues_an_off_topic_question(assistant: Assistant, opener: str) -> None:
    """A capitalised first word the corpus never uses ("Briefly") is not a name it fails to know."""
    answer = assistant.ask(opener + "what does the brief say about sanctions?")
    assert not answer.declined and any("sanction" in c.quote.lower() for c in answer.citations)
    assert assistant.ask(opener + "who won the 1998 World Cup?").declined
    assert assistant.ask(opener + "what is the recipe for sourdough bread?").declined


def test_markup_in_a_question_is_data(assistant: Assistant) -> None:
    """Unknown words like `script`/`alert` may make the refusal decline; either way nothing breaks or is executed."""
    answer = assistant.ask("<script>alert(1)</script> Who is Steve Witkoff?")
    assert answer.question == "<script>alert(1)</script> Who is Steve Witkoff?"
    assert all("<script>" not in c.quote for c in answer.citations)
    assert answer.declined == (not answer.citations)


@pytest.mark.parametrize("question", ["Ωμέγα λάμδα σίγμα?", "🍕🍕 pizza margherita recipe 🍕", "asdkjh qwepoiu zxcmnb?"])
def test_out_of_corpus_scripts_decline(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.declined and not answer.citations


def test_chat_jsonl_bad_lines_yield_errors_and_the_stream_goes_on(built_settings: Settings) -> None:
    lines = [
        '{"conversation": "a", "question": "Why was Keith Kellogg marginalised?"}',
        "this is not json",
        '{"conversation": "a", "question": ""}',
        json.dumps({"conversation": "b", "question": "x" * 2500}),
        '["a list", "not an object"]',
        '{"conversation": "b"}',
        '{"conversation": "c", "question": 12}',
        '{"conversation": "c", "question": "[3]"}',
        '{"conversation": "a", "question": "Is he expected to resign?"}',
        "",
        '{"question": "What is the capital of France?"}',
        '{"conversation": "d", "question": "Who is Steve Witkoff?\\u0000"}',
    ]
    done = run_cli(built_settings, "chat", "--jsonl", input="\n".join(lines) + "\n", timeout=240)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(lines) - 1, "one JSON object per non-empty input line, in order"
    assert out[0]["citations"] and not out[0]["declined"]
    assert out[1]["error"].startswith("invalid JSON")
    assert "empty" in out[2]["error"]
    assert "the limit is 2,000" in out[3]["error"]
    assert "must be an object" in out[4]["error"] and "must be an object" in out[5]["error"]
    assert "must be text" in out[6]["error"]
    assert "no words" in out[7]["error"]
    assert "Kellogg" in out[8]["standalone_question"], "the conversation survived the bad lines in between"
    assert out[9]["declined"] is True
    assert out[10]["citations"] and "\u0000" not in out[10]["question"]
    for item in out:
        contract = {"question", "standalone_question", "answer", "declined", "citations", "passages", "backend", "timings_ms"}
        assert set(item) == {"error"} or contract <= set(item)


def test_ask_cli_bad_question_is_one_line(built_settings: Settings) -> None:
    done = run_cli(built_settings, "ask", "   ", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == {"error": "The question is empty: type a question about the brief."}, "--json answers in JSON"
    assert done.stderr.strip() == "error: The question is empty: type a question about the brief."
