"""Metric functions over plain values (spans, strings, numbers): no model, no index.

Definitions (also printed in the report):
- A retrieved passage is *relevant* when its span [start, end) in the brief overlaps a gold
  evidence span. Recall@k is the share of a case's gold spans overlapped by the top k passages.
- MRR is 1 / rank of the first relevant passage (0 when none is retrieved).
- nDCG@5 gives a passage gain 1 when it overlaps a gold span no earlier passage overlapped
  (so a span split across chunks is not counted twice); the ideal ranks one passage per span.
- Fact coverage is the share of fact groups with at least one alternative in the answer text.
- A citation *supports* its sentence when at least SUPPORT_OVERLAP of the sentence's content
  terms occur in the cited quote (citation precision); citation coverage is the share of answer
  sentences that carry a marker [n] naming a citation.
- A quote is valid when `chunk.text[start:end] == quote` and `chunk.text` is exactly
  `document_text[chunk.start:chunk.end]`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from assistant.text import term_share

Span = tuple[int, int]

SUPPORT_OVERLAP = 0.6
"""Share of a sentence's content terms the cited quote must contain for the citation to support it."""

_MARKER = re.compile(r"\s*\[(\d+)\]")


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def relevant_flags(passage_spans: Sequence[Span | None], gold: Sequence[Span]) -> list[bool]:
    """Per passage (rank order): does it overlap any gold span? `None` marks an unmappable passage."""
    return [span is not None and any(overlaps(span, g) for g in gold) for span in passage_spans]


def recall_at_k(passage_spans: Sequence[Span | None], gold: Sequence[Span], k: int) -> float:
    if not gold:
        return 0.0
    top = [span for span in passage_spans[:k] if span is not None]
    return sum(any(overlaps(span, g) for span in top) for g in gold) / len(gold)


def reciprocal_rank(passage_spans: Sequence[Span | None], gold: Sequence[Span]) -> float:
    for rank, hit in enumerate(relevant_flags(passage_spans, gold), start=1):
        if hit:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(passage_spans: Sequence[Span | None], gold: Sequence[Span], k: int = 5) -> float:
    if not gold:
        return 0.0
    credited: set[int] = set()
    dcg = 0.0
    for rank, span in enumerate(passage_spans[:k], start=1):
        if span is None:
            continue
        new = {i for i, g in enumerate(gold) if i not in credited and overlaps(span, g)}
        if new:
            credited |= new
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(k, len(gold)) + 1))
    return dcg / ideal


def normalise_text(text: str) -> str:
    """Case-folded, straight quotes and dashes, markers removed, whitespace collapsed."""
    text = _MARKER.sub("", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("‑", "-")
    return " ".join(text.casefold().split())


def facts_found(answer: str, facts: Sequence[Sequence[str]]) -> list[bool]:
    """Per fact group: does the answer contain one of its alternatives?"""
    norm = normalise_text(answer)
    return [any(normalise_text(alt) in norm for alt in group) for group in facts]


def fact_coverage(answer: str, facts: Sequence[Sequence[str]]) -> float:
    found = facts_found(answer, facts)
    return sum(found) / len(found) if found else 0.0


def answer_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """(sentence without markers, its marker numbers); answers end each sentence with `[n]`."""
    pieces = re.split(r"(?<=\])\s+", answer.strip())
    result = []
    for piece in pieces:
        if not piece.strip():
            continue
        markers = [int(n) for n in _MARKER.findall(piece)]
        result.append((_MARKER.sub("", piece).strip(), markers))
    return result


def citation_support(sentence: str, quote: str) -> bool:
    return term_share(sentence, quote) >= SUPPORT_OVERLAP


def quote_valid(chunk_text: str, start: int, end: int, quote: str, document_text: str | None, chunk_start: int, chunk_end: int) -> bool:
    """The quote is an exact span of its passage, and the passage an exact span of its document."""
    return (
        chunk_text[start:end] == quote and bool(quote) and document_text is not None and document_text[chunk_start:chunk_end] == chunk_text
    )


def standalone_ok(standalone: str, expected: Sequence[Sequence[str]]) -> bool:
    norm = normalise_text(standalone)
    return all(any(normalise_text(alt) in norm for alt in group) for group in expected)


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
