"""Verify a drafted answer sentence by sentence and attach exact, checkable quotes.

Every kept sentence ends with a marker [n]; citation n names a passage and the character span
of the supporting quote inside it (`passage.text[start:end] == quote`). A sentence that no
retrieved passage supports is dropped; a marker pointing at no passage is ignored; a supported
but uncited sentence gets its citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.text import content_terms, footnote_numbers, split_sentences
from assistant.types import Chunk, Citation, LinkedSource, Passage

SUPPORT_THRESHOLD = 0.6
"""Minimum support (mean of cosine similarity and term overlap) for a sentence to stay."""
SIMILARITY_WEIGHT = 0.5
MIN_WORDS = 3

_MARKER = re.compile(r"\s*\[(\d+)\]")
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+\])+)")

Embed = Callable[[list[str]], np.ndarray]
SentenceVectors = Callable[[Chunk], np.ndarray]
LinkedSources = Callable[[Chunk, int], LinkedSource | None]


@dataclass
class VerifiedAnswer:
    text: str
    citations: list[Citation]
    dropped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Support:
    passage: Passage
    start: int
    end: int
    score: float


def verify_draft(
    draft: str,
    passages: list[Passage],
    *,
    embed: Embed,
    sentence_vectors: SentenceVectors,
    linked_sources: LinkedSources,
) -> VerifiedAnswer:
    """Keep the supported sentences of `draft`, each cited with an exact quote."""
    sentences = _draft_sentences(draft)
    supports = _find_support(sentences, passages, embed, sentence_vectors)
    parts: list[str] = []
    citations: list[Citation] = []
    dropped: list[str] = []
    for (text, _), support in zip(sentences, supports):
        if support is None:
            dropped.append(text)
            continue
        citation = _cite(support, citations, linked_sources)
        parts.append(f"{text} [{citation.n}]")
    return VerifiedAnswer(text=" ".join(parts), citations=citations, dropped=dropped)


def _draft_sentences(draft: str) -> list[tuple[str, list[int]]]:
    """(clean sentence, cited passage numbers) with markers moved before the full stop first."""
    normalised = _MARKERS_AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), " ".join(draft.split()))
    sentences = []
    for start, end in split_sentences(normalised):
        raw = normalised[start:end]
        markers = [int(n) for n in _MARKER.findall(raw)]
        text = _MARKER.sub("", raw).strip()
        if len(text.split()) >= MIN_WORDS:
            sentences.append((text, markers))
    return sentences


def _find_support(
    sentences: list[tuple[str, list[int]]], passages: list[Passage], embed: Embed, sentence_vectors: SentenceVectors
) -> list[_Support | None]:
    supports: list[_Support | None] = [None] * len(sentences)
    pending: list[int] = []
    for i, (text, markers) in enumerate(sentences):
        supports[i] = _exact_support(text, _preferred(passages, markers))
        if supports[i] is None:
            pending.append(i)
    if not pending or not passages:
        return supports
    vectors = np.asarray(embed([sentences[i][0] for i in pending]), dtype=np.float32)
    for row, i in enumerate(pending):
        text, markers = sentences[i]
        best: _Support | None = None
        for passage in _preferred(passages, markers):
            similarities = sentence_vectors(passage.chunk) @ vectors[row]
            for (start, end), similarity in zip(passage.chunk.sentences, similarities):
                score = SIMILARITY_WEIGHT * float(similarity) + (1 - SIMILARITY_WEIGHT) * term_overlap(text, passage.chunk.text[start:end])
                bonus = 0.05 * _cited(passage, passages, markers) - 0.05 * (_cited(best.passage, passages, markers) if best else 0)
                if best is None or score > best.score + bonus:
                    best = _Support(passage, start, end, score)
        supports[i] = best if best and best.score >= SUPPORT_THRESHOLD else None
    return supports


def _preferred(passages: list[Passage], markers: list[int]) -> list[Passage]:
    """Cited passages first (markers that point at no passage are ignored), then the rest."""
    cited = [passages[n - 1] for n in markers if 1 <= n <= len(passages)]
    return cited + [p for p in passages if p not in cited]


def _cited(passage: Passage, passages: list[Passage], markers: list[int]) -> bool:
    return any(1 <= n <= len(passages) and passages[n - 1] is passage for n in markers)


def _exact_support(text: str, passages: list[Passage]) -> _Support | None:
    needle = text.rstrip(".!?").strip()
    for passage in passages:
        at = passage.chunk.text.find(needle)
        if at >= 0:
            end = at + len(needle)
            tail = re.match(r"[.!?\"'”’)\]⁰¹²³⁴⁵⁶⁷⁸⁹]*", passage.chunk.text[end:])
            return _Support(passage, at, end + (tail.end() if tail else 0), 1.0)
    return None


def term_overlap(sentence: str, evidence: str) -> float:
    """Share of the sentence's content terms that occur in the evidence."""
    terms = set(content_terms(sentence))
    return len(terms & set(content_terms(evidence))) / len(terms) if terms else 0.0


def _cite(support: _Support, citations: list[Citation], linked_sources: LinkedSources) -> Citation:
    """Reuse a citation of the same quote, extend one that ends just before, or add a new one."""
    chunk = support.passage.chunk
    for i, citation in enumerate(citations):
        if citation.chunk.id != chunk.id:
            continue
        if citation.start <= support.start and support.end <= citation.end:
            return citation
        if citations[-1] is citation and chunk.text[citation.end : support.start].strip() == "" and support.start >= citation.end:
            merged = _citation(citation.n, chunk, citation.start, support.end, linked_sources)
            citations[i] = merged
            return merged
    citation = _citation(len(citations) + 1, chunk, support.start, support.end, linked_sources)
    citations.append(citation)
    return citation


def _citation(n: int, chunk: Chunk, start: int, end: int, linked_sources: LinkedSources) -> Citation:
    sources = tuple(s for s in (linked_sources(chunk, number) for number in footnote_numbers(chunk.text[start:end])) if s)
    return Citation(n=n, chunk=chunk, start=start, end=end, linked_sources=sources)
