"""Turn the PDF-extracted text of the brief into a clean Markdown document.

Repairs what PDF extraction leaves behind: pull quotes dropped into the body, footnotes
interrupting paragraphs, and sentences split across those interruptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text import SUPERSCRIPT_DIGITS, content_terms

_FOOTNOTE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s+(.+)$", re.DOTALL)
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*{1,2})(\S(?:.*?\S)?)\1")
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+[a-z]{2,})\.?\s*$")
_NOTE_TITLE = re.compile(r"'(.+?)',")
_TERMINAL = (".", "!", "?", "”", '"', "'", ":")
PULL_QUOTE_OVERLAP = 0.6
"""Share of a pull quote's terms that must occur in the body for it to count as a repeat."""


@dataclass(frozen=True)
class Note:
    """A footnote lifted out of the body."""

    number: int
    text: str
    title: str
    url: str


@dataclass
class CleanBrief:
    title: str
    author: str
    publisher: str
    lead: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    removed_pull_quotes: list[str] = field(default_factory=list)

    def to_markdown(self) -> str:
        lines = [f"# {self.title}", "", f"{self.author}, {self.publisher}", ""]
        lines += [paragraph + "\n" for paragraph in self.lead]
        for heading, paragraphs in self.sections:
            lines += [f"## {heading}", ""]
            lines += [paragraph + "\n" for paragraph in paragraphs]
        lines += ["## Notes", ""]
        lines += [f"{_superscript(note.number)} {note.text}\n" for note in self.notes]
        return "\n".join(lines).rstrip() + "\n"


def clean_brief(raw: str, *, publisher: str = "OSW (Centre for Eastern Studies)") -> CleanBrief:
    """Parse the raw brief: title, author, lead, `##` sections, notes; pull quotes removed."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", raw) if block.strip()]
    if len(blocks) < 3:
        raise ValueError("The raw brief is too short: expected a title, an author and body paragraphs.")
    title, author, body = blocks[0], blocks[1], blocks[2:]

    notes: list[Note] = []
    pull_quotes: list[str] = []
    kept: list[tuple[str, str]] = []  # (kind, text) with kind "heading" or "paragraph"
    for block in body:
        footnote = _FOOTNOTE.match(block)
        if footnote:
            notes.append(_parse_note(footnote.group(1), footnote.group(2)))
        elif block.startswith("“"):
            pull_quotes.append(block)
        elif _is_heading(block):
            kept.append(("heading", block))
        else:
            kept.append(("paragraph", _strip_emphasis(" ".join(block.split()))))
    # A short fragment cut mid-sentence ("At the same" + footnotes + "time, …") looks like a
    # heading; the lower-case continuation after it shows it is the start of a paragraph.
    for i, (kind, text) in enumerate(kept[:-1]):
        if kind == "heading" and kept[i + 1][0] == "paragraph" and kept[i + 1][1][:1].islower():
            kept[i] = ("paragraph", _strip_emphasis(" ".join(text.split())))

    body_text = " ".join(text for kind, text in kept if kind == "paragraph")
    unmatched = [quote for quote in pull_quotes if not _repeats_body(quote, body_text)]
    if unmatched:
        raise ValueError(f"A quoted paragraph does not repeat the body, so it is not a pull quote: {unmatched[0][:80]}")

    brief = CleanBrief(title=title, author=author, publisher=publisher, notes=notes, removed_pull_quotes=pull_quotes)
    current: list[str] = brief.lead
    for kind, text in kept:
        if kind == "heading":
            current = []
            brief.sections.append((text, current))
        elif current and _is_interrupted(current[-1], text):
            current[-1] = f"{current[-1]} {text}"
        else:
            current.append(text)
    return brief


def _is_heading(block: str) -> bool:
    return "\n" not in block and len(block) < 100 and not block.endswith(_TERMINAL + (",", ";")) and block[0].isupper()


def _is_interrupted(previous: str, following: str) -> bool:
    """A paragraph cut mid-sentence: no closing punctuation, and the next one starts in lower case."""
    return not previous.rstrip(SUPERSCRIPT_DIGITS).endswith(_TERMINAL) and following[:1].islower()


def _repeats_body(quote: str, body_text: str) -> bool:
    terms = set(content_terms(quote))
    body_terms = set(content_terms(body_text))
    return bool(terms) and len(terms & body_terms) / len(terms) >= PULL_QUOTE_OVERLAP


def _parse_note(marker: str, text: str) -> Note:
    number = int("".join(str(SUPERSCRIPT_DIGITS.index(ch)) for ch in marker))
    link = _MD_LINK.search(text)
    plain = _strip_emphasis(_MD_LINK.sub(r"\1", " ".join(text.split())))
    title = _NOTE_TITLE.search(plain)
    domain = _DOMAIN.search(plain.rstrip("."))
    url = link.group(2) if link else f"https://{domain.group(1)}" if domain else ""
    return Note(number=number, text=plain, title=title.group(1) if title else plain, url=url)


def _strip_emphasis(text: str) -> str:
    return _EMPHASIS.sub(r"\2", text)


def _superscript(number: int) -> str:
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(number))
