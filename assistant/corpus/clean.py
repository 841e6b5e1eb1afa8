"""The one cleaning pipeline for every document (the brief's raw text, PDFs, HTML pages).

Readers hand it blocks in reading order with a role; it lifts footnotes into a Notes section,
removes pull quotes that repeat the body, turns cut fragments back into paragraphs, rejoins
sentences split by a pull quote, a footnote or a page break, undoes end-of-line hyphenation and
writes Markdown: `# title`, a byline, `##` sections, `## Notes`, and `<!-- page N -->` markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.corpus.blocks import Block, DocumentMetadata
from assistant.corpus.hyphenation import Vocabulary, ends_sentence, join_lines, join_pair
from assistant.corpus.notes import Note, parse_note, strip_emphasis
from assistant.text import content_terms

PULL_QUOTE_OVERLAP = 0.6
"""Share of a pull quote's terms that must occur in one body paragraph (rejoined) for it to count as a repeat."""
PULL_QUOTE_MAX_WORDS = 80
"""Pull quotes are short; a longer quoted block is body text."""
OPENING_QUOTES = ("“", "„", "«", '"')


@dataclass(frozen=True)
class Para:
    """A body paragraph and the page it starts on (None where the source has no pages)."""

    text: str
    page: int | None = None


@dataclass
class Section:
    heading: str
    paragraphs: list[Para] = field(default_factory=list)


@dataclass
class CleanDocument:
    """A cleaned document: metadata, lead paragraphs, sections, notes, and what was removed."""

    metadata: DocumentMetadata
    lead: list[Para] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    removed_pull_quotes: list[str] = field(default_factory=list)

    @property
    def byline(self) -> str:
        return ", ".join([*self.metadata.authors, *([self.metadata.publisher] if self.metadata.publisher else [])])

    def to_markdown(self) -> str:
        lines = [f"# {self.metadata.title}", ""]
        if self.byline:
            lines += [self.byline, ""]
        page: list[int | None] = [None]

        def paragraph(text: str, at: int | None) -> None:
            if at is not None and at != page[0]:
                lines.extend([f"<!-- page {at} -->", ""])
                page[0] = at
            lines.extend([text + "\n"])

        for para in self.lead:
            paragraph(para.text, para.page)
        for section in self.sections:
            lines += [f"## {section.heading}", ""]
            for para in section.paragraphs:
                paragraph(para.text, para.page)
        if self.notes:
            lines += ["## Notes", ""]
            lines += [note.to_markdown() + "\n" for note in self.notes]
        return "\n".join(lines).rstrip() + "\n"


def clean_blocks(metadata: DocumentMetadata, blocks: list[Block], *, strict_pull_quotes: bool = False) -> CleanDocument:
    """Clean `blocks`; with `strict_pull_quotes`, a quoted block that repeats nothing is an error, else body text."""
    vocabulary = Vocabulary(line for block in blocks for line in block.lines)
    notes = _lift_notes([block for block in blocks if block.role == "note"], vocabulary)
    flow = [_joined(block, vocabulary) for block in blocks if block.role != "note"]
    candidates = {i for i, block in enumerate(flow) if _is_pull_quote_candidate(block)}
    kept = _demote_cut_headings([block for i, block in enumerate(flow) if i not in candidates])
    without_quotes = CleanDocument(metadata=metadata)
    _assemble(without_quotes, kept, vocabulary)
    paragraphs = [p.text for p in without_quotes.lead] + [p.text for s in without_quotes.sections for p in s.paragraphs]
    removed: list[str] = []
    restored: dict[int, Block] = {}
    for i in sorted(candidates):
        if _repeats_body(flow[i].text, paragraphs):
            removed.append(flow[i].text)
        elif strict_pull_quotes and flow[i].role == "pull_quote":
            raise ValueError(f"A quoted paragraph does not repeat the body, so it is not a pull quote: {flow[i].text[:80]}")
        else:
            restored[i] = Block("paragraph", flow[i].lines, flow[i].page, flow[i].open_end)
    if not restored:
        without_quotes.notes, without_quotes.removed_pull_quotes = notes, removed
        return without_quotes
    ordered = iter(kept)
    body = [restored[i] if i in restored else next(ordered) for i in range(len(flow)) if i not in candidates or i in restored]
    document = CleanDocument(metadata=metadata, notes=notes, removed_pull_quotes=removed)
    _assemble(document, body, vocabulary)
    return document


def _joined(block: Block, vocabulary: Vocabulary) -> Block:
    """The block as one line; paragraphs lose Markdown emphasis."""
    text = join_lines(block.lines, vocabulary)
    if block.role == "paragraph":
        text = strip_emphasis(text)
    return Block(block.role, (text,), block.page, block.open_end)


def _lift_notes(blocks: list[Block], vocabulary: Vocabulary) -> list[Note]:
    return [parse_note(join_lines(block.lines, vocabulary)) for block in blocks]


def _is_pull_quote_candidate(block: Block) -> bool:
    if block.role == "pull_quote":
        return True
    return block.role == "paragraph" and block.text.startswith(OPENING_QUOTES) and len(block.text.split()) <= PULL_QUOTE_MAX_WORDS


def _demote_cut_headings(blocks: list[Block]) -> list[Block]:
    """A short fragment cut mid-sentence ("At the same" + footnotes + "time, …") looks like a heading;
    the lower-case continuation after it shows it is the start of a paragraph."""
    out = list(blocks)
    for i, block in enumerate(out[:-1]):
        if block.role == "heading" and out[i + 1].role == "paragraph" and out[i + 1].text[:1].islower():
            out[i] = Block("paragraph", (strip_emphasis(block.text),), block.page, block.open_end)
    return out


def _repeats_body(quote: str, paragraphs: list[str]) -> bool:
    terms = set(content_terms(quote))
    if not terms:
        return False
    return any(len(terms & set(content_terms(paragraph))) / len(terms) >= PULL_QUOTE_OVERLAP for paragraph in paragraphs)


def _assemble(document: CleanDocument, body: list[Block], vocabulary: Vocabulary) -> None:
    """Sections from headings; a paragraph cut mid-sentence is joined with the one that continues it."""
    current = document.lead
    cut = False
    for block in body:
        if block.role == "heading":
            current = []
            document.sections.append(Section(block.text, current))
            cut = False
            continue
        text = block.text
        if current and not ends_sentence(current[-1].text) and (text[:1].islower() or cut):
            current[-1] = Para(join_pair(current[-1].text, text, vocabulary), current[-1].page)
        else:
            current.append(Para(text, block.page))
        cut = block.open_end
