"""Blocks: what every reader (raw text, PDF, HTML) hands the cleaning pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["heading", "paragraph", "pull_quote", "note"]
"""`pull_quote` marks a candidate; the pipeline removes it only when it repeats the body."""


@dataclass(frozen=True)
class Block:
    """One unit of text in reading order, its lines as laid out (joined by the pipeline)."""

    role: Role
    lines: tuple[str, ...]
    page: int | None = None
    open_end: bool = False
    """The layout cut the block (end of a column or page, an inset), not a paragraph break."""

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


@dataclass(frozen=True)
class DocumentMetadata:
    """Bibliographic data read from the document itself."""

    title: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""


@dataclass(frozen=True)
class ReadDocument:
    """A reader's result: metadata and blocks, ready for `clean.clean_blocks`."""

    metadata: DocumentMetadata
    blocks: list[Block] = field(default_factory=list)
