"""The brief's raw PDF text as blocks for the cleaning pipeline (`clean.clean_blocks`).

The raw text has no layout left, only blank-line separated blocks: the title, the author, then body
paragraphs, headings, footnotes (opening with superscript digits) and pull quotes (opening with “).
"""

from __future__ import annotations

import re

from assistant.corpus.blocks import Block, DocumentMetadata, Role
from assistant.corpus.clean import CleanDocument, clean_blocks
from assistant.corpus.metadata import split_authors
from assistant.text import SUPERSCRIPT_DIGITS

_FOOTNOTE = re.compile(rf"^[{SUPERSCRIPT_DIGITS}]+\s")
_HEADING_END = (".", "!", "?", "”", '"', "'", ":", ",", ";")


def clean_brief(raw: str, *, publisher: str = "") -> CleanDocument:
    """Parse the raw brief: title, author, lead, `##` sections, notes; pull quotes removed. `publisher`
    (from the sources manifest) goes on the byline."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", raw) if block.strip()]
    if len(blocks) < 3:
        raise ValueError("The raw brief is too short: expected a title, an author and body paragraphs.")
    metadata = DocumentMetadata(title=blocks[0], authors=tuple(split_authors(blocks[1])), publisher=publisher)
    body = [Block(_role(block), tuple(block.splitlines())) for block in blocks[2:]]
    return clean_blocks(metadata, body, strict_pull_quotes=True)


def _role(block: str) -> Role:
    if _FOOTNOTE.match(block):
        return "note"
    if block.startswith("“"):
        return "pull_quote"
    if "\n" not in block and len(block) < 100 and not block.endswith(_HEADING_END) and block[0].isupper():
        return "heading"
    return "paragraph"
