"""The river-basin corpus (tests/corpora/riverbasin/): its catalogue, and isolated settings that index it."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from assistant.corpus.document import parse_markdown
from assistant.index.catalogue import EntityCatalogue
from assistant.index.catalogue_build import build_catalogue
from assistant.index.chunking import chunk_document
from assistant.settings import Settings, isolated_settings
from assistant.types import Chunk, Turn

RIVER_DIR = Path(__file__).resolve().parent / "corpora" / "riverbasin"
RIVER = RIVER_DIR / "river-basin-dispute.md"
QUESTIONS = RIVER_DIR / "questions.jsonl"


@cache
def river_chunks() -> tuple[Chunk, ...]:
    return tuple(chunk_document(parse_markdown("river", RIVER.read_text(encoding="utf-8")), 120))


@cache
def river_catalogue() -> EntityCatalogue:
    return build_catalogue(list(river_chunks()), {"river": "2025-06"})


def river_settings(root: Path, **overrides: object) -> Settings:
    """Settings whose corpus is a private copy of the river-basin corpus."""
    corpus = root / "river-corpus"
    if not corpus.exists():
        shutil.copytree(RIVER_DIR, corpus)
    return isolated_settings(root, corpus_dir=corpus, **overrides)


def river_sentence(start: str) -> str:
    """The corpus sentence that begins with `start`, marked as an answer quotes it (answers are verbatim sentences)."""
    text = RIVER.read_text(encoding="utf-8")
    at = text.index(start)
    return text[at : text.index(". ", at) + 1] + " [1]"


def river_turn(question: str, answer_start: str, standalone: str = "") -> Turn:
    """A past turn whose answer is the corpus sentence beginning with `answer_start`."""
    return Turn(question, standalone or question, river_sentence(answer_start))


CASTELL = river_turn("Who is Elena Castell?", "Marisca's Minister of Agriculture, Elena Castell")
BREUER = river_turn("Who is Lukas Breuer?", "Dravenia's Minister of Energy, Lukas Breuer")
SALGADO = river_turn("Who is Rui Salgado?", "Rui Salgado, a former chair")
AALTO = river_turn("Who is Henrik Aalto?", "Henrik Aalto, the bank's chief negotiator")
MINISTERS = Turn("Which ministers spoke?", "Which ministers spoke?", "Lukas Breuer and Elena Castell spoke. [1]")
"""Past turns of conversations about the corpus' people, for the follow-up tests."""
