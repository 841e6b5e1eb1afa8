"""Footnotes: numbered notes lifted out of the body, linked to their superscript markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import SUPERSCRIPT_DIGITS, superscript

NOTE_START = re.compile(rf"^(?:([{SUPERSCRIPT_DIGITS}]+)\s*|(\d{{1,3}})[.)]?\s+)(?=\S)")
"""A note's opening number: superscript digits, or plain digits with an optional `.`/`)`."""
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*{1,2})(\S(?:.*?\S)?)\1")
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+[a-z]{2,})\.?\s*$")
_URL = re.compile(r"https?://[^\s)\]>]+")
_NOTE_TITLE = re.compile(r"'(.+?)',")


@dataclass(frozen=True)
class Note:
    """A footnote lifted out of the body: its text, the publication it cites and that one's address."""

    number: int
    text: str
    title: str
    url: str

    def to_markdown(self) -> str:
        return f"{superscript(self.number)} {self.text}"


def lifted_note_number(text: str) -> int | None:
    """The number of the footnote `text` is, when it opens with a superscript number as a lifted note does."""
    return note_number(text) if text[:1] in SUPERSCRIPT_DIGITS else None


def note_number(text: str) -> int | None:
    """The number a note's text opens with, if it opens with one."""
    match = NOTE_START.match(text)
    if not match:
        return None
    if match.group(1):
        return int("".join(str(SUPERSCRIPT_DIGITS.index(ch)) for ch in match.group(1)))
    return int(match.group(2))


def cited_publication(text: str) -> bool:
    """Whether `text` is a note citing a publication by its quoted title ("A. Berg, 'Title', Publisher, date")."""
    return note_number(text) is not None and _NOTE_TITLE.search(text) is not None


def parse_note(text: str) -> Note:
    """A note from its text with the opening number: emphasis and Markdown links reduced to plain text."""
    match = NOTE_START.match(text)
    number = note_number(text)
    if match is None or number is None:
        raise ValueError(f"A footnote must open with its number: {text[:60]}")
    body = text[match.end() :]
    link = _MD_LINK.search(body)
    plain = strip_emphasis(_MD_LINK.sub(r"\1", " ".join(body.split())))
    title = _NOTE_TITLE.search(plain)
    address = _URL.search(plain)
    domain = _DOMAIN.search(plain.rstrip("."))
    url = link.group(2) if link else address.group(0).rstrip(".,;") if address else f"https://{domain.group(1)}" if domain else ""
    return Note(number=number, text=plain, title=title.group(1) if title else plain, url=url)


def strip_emphasis(text: str) -> str:
    """`*word*` and `**word**` become `word`."""
    return _EMPHASIS.sub(r"\2", text)
