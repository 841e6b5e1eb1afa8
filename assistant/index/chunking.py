"""Structure-aware chunking: section, then paragraph, then windows of whole sentences."""

from __future__ import annotations

import hashlib

from assistant.corpus.document import SourceDocument
from assistant.discourse import Lead, read_on
from assistant.text import footnote_numbers, split_sentences
from assistant.types import Chunk


def chunk_document(document: SourceDocument, target_words: int) -> list[Chunk]:
    """Chunks that never split a sentence; a paragraph longer than `target_words` becomes windows."""
    chunks: list[Chunk] = []
    for index, paragraph in enumerate(document.paragraphs):
        spans = [(paragraph.start + s, paragraph.start + e) for s, e in split_sentences(document.text[paragraph.start : paragraph.end])]
        lead = Lead()
        for window in _windows(document.text, spans, target_words):
            start, end = window[0][0], window[-1][1]
            text = document.text[start:end]
            window_lead, lead = lead, read_on([document.text[s:e] for s, e in window], lead)[1]
            chunks.append(
                Chunk(
                    id=chunk_id(document.id, index, start, text),
                    document=document.id,
                    title=document.title,
                    section=paragraph.section,
                    paragraph=index,
                    start=start,
                    end=end,
                    text=text,
                    url=document.url,
                    footnotes=footnote_numbers(text),
                    page=paragraph.page,
                    sentences=tuple((s - start, e - start) for s, e in window),
                    lead_names=window_lead.names,
                    lead_frame=window_lead.frame,
                )
            )
    return chunks


def chunk_id(document_id: str, paragraph: int, start: int, text: str) -> str:
    """Deterministic id from the document, position and content."""
    digest = hashlib.sha1(f"{document_id}\x00{start}\x00{text}".encode()).hexdigest()[:12]
    return f"{document_id}:p{paragraph}:{digest}"


def _windows(text: str, spans: list[tuple[int, int]], target_words: int) -> list[list[tuple[int, int]]]:
    windows: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    words = 0
    for span in spans:
        length = len(text[span[0] : span[1]].split())
        if current and words + length > target_words:
            windows.append(current)
            current, words = [], 0
        current.append(span)
        words += length
    if current:
        windows.append(current)
    return windows
