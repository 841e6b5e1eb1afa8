"""The corpus profile: optional, validated, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.profile import PROFILE_NAME, CorpusProfile
from assistant.errors import InputError


def test_a_corpus_without_a_profile_gets_empty_wording(tmp_path: Path) -> None:
    assert CorpusProfile.load(tmp_path) == CorpusProfile("", ())


def test_the_profile_is_read(tmp_path: Path) -> None:
    (tmp_path / PROFILE_NAME).write_text('tagline: " About rivers. "\nstarter_questions: ["Who built the dam?", " "]\n', encoding="utf-8")
    assert CorpusProfile.load(tmp_path) == CorpusProfile("About rivers.", ("Who built the dam?",))


@pytest.mark.parametrize("text", ["tagline: [1, 2]\n", "starter_questions: Who?\n", "- a list\n", "tagline: 'unclosed\n"])
def test_a_malformed_profile_is_one_line_naming_the_file(tmp_path: Path, text: str) -> None:
    (tmp_path / PROFILE_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        CorpusProfile.load(tmp_path)
    assert str(tmp_path / PROFILE_NAME) in str(error.value) and "\n" not in str(error.value)
