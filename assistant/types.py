"""Values that cross stage boundaries: chunks, passages, citations, answers, turns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chunk:
    """A contiguous span of a cleaned document: `document_text[start:end] == text`."""

    id: str
    document: str
    title: str
    section: str
    paragraph: int
    start: int
    end: int
    text: str
    url: str = ""
    footnotes: tuple[int, ...] = ()
    page: int | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    """Sentence spans as offsets into `text`."""
    lead_names: str = ""
    lead_frame: str = ""
    """What the chunk's first sentences lean on from earlier in its paragraph (assistant/discourse.py `Lead`)."""

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        record["footnotes"] = list(self.footnotes)
        record["sentences"] = [list(span) for span in self.sentences]
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Chunk:
        return cls(
            **{
                **record,
                "footnotes": tuple(record.get("footnotes", ())),
                "sentences": tuple(tuple(span) for span in record.get("sentences", ())),
            }
        )

    def chroma_metadata(self) -> dict[str, str | int]:
        """Flat metadata for Chroma (scalars only)."""
        metadata: dict[str, str | int] = {
            "document": self.document,
            "title": self.title,
            "section": self.section,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "url": self.url,
            "footnotes": ",".join(str(n) for n in self.footnotes),
        }
        if self.page is not None:
            metadata["page"] = self.page
        return metadata


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused rank and score."""

    chunk: Chunk
    rank: int
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "chunk_id": self.chunk.id,
            "document": self.chunk.document,
            "section": self.chunk.section,
            "text": self.chunk.text,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True)
class LinkedSource:
    """The publication a footnote in the cited quote points to."""

    footnote: int
    document: str
    title: str
    url: str


@dataclass(frozen=True)
class Citation:
    """Marker `[n]` in an answer: the passage and the exact supporting quote inside it."""

    n: int
    chunk: Chunk
    start: int
    end: int
    linked_sources: tuple[LinkedSource, ...] = ()

    @property
    def quote(self) -> str:
        return self.chunk.text[self.start : self.end]

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "chunk_id": self.chunk.id,
            "document": self.chunk.document,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "url": self.chunk.url,
            "text": self.chunk.text,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "linked_sources": [asdict(source) for source in self.linked_sources],
        }


@dataclass(frozen=True)
class Verdict:
    """How verification judged one draft sentence: SUPPORTED, CONTRADICTED or NOT_FOUND, and why.

    `citation` is the evidence the verdict rests on; for a dropped sentence it is not in the
    answer and its `n` is 0.
    """

    sentence: str
    verdict: str
    reason: str
    citation: Citation | None = None

    @property
    def supported(self) -> bool:
        return self.verdict == "SUPPORTED"

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "verdict": self.verdict,
            "reason": self.reason,
            "citation": self.citation.to_json() if self.citation else None,
        }


@dataclass
class Answer:
    """The result of one question: the JSON contract is `to_json()`."""

    question: str
    standalone_question: str
    text: str
    declined: bool
    citations: list[Citation]
    passages: list[Passage]
    backend: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    notice: str = ""
    """Set when something worth telling the user happened (e.g. an LLM fell back to extractive)."""
    highlights: list[tuple[int, int]] = field(default_factory=list)
    """[start, end) offsets in `text` of the words that answer what was asked (names, dates, figures)."""
    verdicts: list[Verdict] = field(default_factory=list)
    """One per sentence of the draft, kept or dropped."""

    @property
    def dropped(self) -> list[Verdict]:
        """The draft sentences verification left out."""
        return [verdict for verdict in self.verdicts if not verdict.supported]

    def to_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.text,
            "declined": self.declined,
            "citations": [citation.to_json() for citation in self.citations],
            "passages": [passage.to_json() for passage in self.passages],
            "backend": self.backend,
            "timings_ms": {stage: round(ms, 2) for stage, ms in self.timings_ms.items()},
            "highlights": [list(span) for span in self.highlights],
            "verdicts": [verdict.to_json() for verdict in self.verdicts],
        }
        if self.notice:
            payload["notice"] = self.notice
        return payload


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation."""

    question: str
    standalone_question: str
    answer: str
