"""The prefix-tree alternation the catalogue matches names with: it finds what the plain longest-first
alternation finds, case-sensitive and not, on random word lists and texts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.text import alternatives, prefix_tree

WORDS = st.lists(st.text(alphabet="abAB .-", min_size=1, max_size=6), min_size=1, max_size=12)
TEXTS = st.text(alphabet="abAB .-x", max_size=40)


def _matches(body: str, text: str, flags: int = 0) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(rf"(?<![\w\-])(?:{body})(?=[^\w\-]|$)", text, flags)]


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXTS)
def test_case_sensitive_matches_equal_the_longest_first_alternation(words: list[str], text: str) -> None:
    assert _matches(prefix_tree(words), text) == _matches(alternatives(words, longest_first=True), text)


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXTS)
def test_ignoring_case_the_longest_word_still_wins(words: list[str], text: str) -> None:
    folded = sorted({w.lower() for w in words})
    expected = _matches(alternatives(folded, longest_first=True), text.lower())
    assert [(i, m.lower()) for i, m in _matches(prefix_tree(words, ignore_case=True), text, re.IGNORECASE)] == expected


def test_a_phrase_wins_over_a_shorter_word_written_in_another_case() -> None:
    pattern = re.compile(rf"(?<!\w)(?:{prefix_tree(['For', 'for Marisca'], ignore_case=True)})(?!\w)", re.IGNORECASE)
    assert pattern.search("aid for Marisca now").group() == "for Marisca"
    assert prefix_tree(["Berg", "Berlin", "Ber"]) == "Ber(?:g|lin)?"
