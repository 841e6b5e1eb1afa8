"""The corpus' narrative sentences (body text, not footnotes or bylines), in reading order, for the overview."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.notes import note_number
from assistant.types import Chunk

Ref = tuple[str, int, int]
"""A citation as stored: (chunk id, start, end) with offsets into the chunk's text."""

_SENTENCE_END = re.compile(r"[.!?]['’\"”)\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s*$")


@dataclass(frozen=True)
class Sentence:
    """`chunk.text[start:end]`, the `order`-th narrative sentence of the corpus."""

    chunk: Chunk
    start: int
    end: int
    order: int

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]

    @property
    def ref(self) -> Ref:
        return (self.chunk.id, self.start, self.end)

    @property
    def paragraph(self) -> tuple[str, int]:
        return (self.chunk.document, self.chunk.paragraph)

    def covers(self, chunk_id: str, offset: int) -> bool:
        return chunk_id == self.chunk.id and self.start <= offset < self.end


def is_narrative(chunk: Chunk) -> bool:
    """Body text: not a footnote, and not a line without a sentence end (a byline, a caption)."""
    return note_number(chunk.text) is None and bool(_SENTENCE_END.search(chunk.text))


def narrative_sentences(chunks: list[Chunk]) -> list[Sentence]:
    """Every sentence of the narrative chunks, in corpus order."""
    found: list[Sentence] = []
    for chunk in chunks:
        if is_narrative(chunk):
            for start, end in chunk.sentences or ((0, len(chunk.text)),):
                found.append(Sentence(chunk, start, end, len(found)))
    return found


class SentenceIndex:
    """Find the narrative sentence holding a chunk offset."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._by_chunk: dict[str, list[Sentence]] = {}
        self._by_paragraph: dict[tuple[str, int], list[Sentence]] = {}
        for sentence in sentences:
            self._by_chunk.setdefault(sentence.chunk.id, []).append(sentence)
            self._by_paragraph.setdefault(sentence.paragraph, []).append(sentence)

    def at(self, chunk_id: str, offset: int) -> Sentence | None:
        return next((s for s in self._by_chunk.get(chunk_id, ()) if s.covers(chunk_id, offset)), None)

    def in_paragraph(self, paragraph: tuple[str, int]) -> list[Sentence]:
        return self._by_paragraph.get(paragraph, [])
