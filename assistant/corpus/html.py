"""An HTML page as blocks for the cleaning pipeline: main text by trafilatura, footnotes kept.

Before extraction, page furniture that trafilatura may keep (share bars, related links, tags) is
dropped, footnote markers (`<sup>[1]</sup>`, `<a href="#fn1">1</a>`) become superscript digits and
the notes they point to are lifted out, so they come back as a Notes section, not as body text.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

from assistant.corpus.blocks import Block, DocumentMetadata, ReadDocument
from assistant.corpus.metadata import find_date, split_authors
from assistant.data import load
from assistant.errors import InputError
from assistant.text import superscript

_MARKER = re.compile(r"^\s*\[?\s*(\d{1,3})\s*\]?\s*$")
_BACKLINK = re.compile(r"^\s*(?:\[\s*(\d{1,3})\s*\]|(\d{1,3})[.)]?)\s*")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_KEEP = {"html", "body", "main", "article"}


def read_html(html: str, origin: str) -> ReadDocument:
    """Metadata and blocks of a page; InputError when it has no main text."""
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as error:
        raise InputError(f"{origin}: no main text found in the HTML.") from error
    _drop_furniture(tree)
    notes = _lift_notes(tree)
    page = lxml.html.tostring(tree, encoding="unicode")
    text = trafilatura.extract(page, output_format="markdown", include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError(f"{origin}: no main text found in the HTML.")
    metadata = _metadata(tree, trafilatura.extract_metadata(html))
    return ReadDocument(metadata, _blocks(text, metadata.title) + notes)


def _words(tag: str, element: lxml.html.HtmlElement) -> set[str]:
    return {word for word in re.split(r"[\s_-]+", f"{element.get('class', '')} {element.get('id', '')}".lower()) if word} & set(
        load("html_boilerplate")[tag]
    )


def _drop_furniture(tree: lxml.html.HtmlElement) -> None:
    for element in list(tree.iter()):
        if isinstance(element.tag, str) and element.tag not in _KEEP and element.getparent() is not None and _words("furniture", element):
            element.drop_tree()


def _lift_notes(tree: lxml.html.HtmlElement) -> list[Block]:
    """Take the notes that markers point to out of the page, then turn the markers into superscripts.

    A link back from a note to its marker looks like a marker too; it is told apart by its target,
    which is (inside) a marker rather than a note."""
    markers: list[tuple[lxml.html.HtmlElement, int, str]] = []
    for element in tree.iter("sup", "a"):
        marker = _MARKER.match(element.text_content())
        inner = element.tag == "a" and element.getparent() is not None and element.getparent().tag == "sup"
        href = element.get("href", "") if element.tag == "a" else next((a.get("href", "") for a in element.iter("a")), "")
        if marker and not inner and (element.tag == "sup" or href.startswith("#")):
            markers.append((element, int(marker.group(1)), href[1:] if href.startswith("#") else ""))
    inside_markers = {node for element, _, _ in markers for node in element.iter()}
    notes: dict[int, str] = {}
    for _, number, target in markers:
        found = tree.xpath("//*[@id=$name or @name=$name]", name=target) if target else []
        if not found or found[0] in inside_markers:
            continue
        note = _note_element(found[0])
        notes[number] = _note_text(note)
        note.drop_tree()
    in_page = set(tree.iter())
    for element, number, _ in markers:
        if element in in_page:
            _replace_with_text(element, superscript(number))
    for container in [e for e in tree.iter() if isinstance(e.tag, str) and e.tag not in _KEEP and _words("notes", e)]:
        if not container.text_content().strip():
            container.drop_tree()
    return [Block("note", (f"{superscript(number)} {text}",)) for number, text in sorted(notes.items())]


def _note_element(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The paragraph or list item holding a note's anchor."""
    while element.tag not in ("p", "li", "div", "aside") and element.getparent() is not None:
        element = element.getparent()
    return element


def _note_text(note: lxml.html.HtmlElement) -> str:
    for link in list(note.iter("a")):
        href = link.get("href", "")
        if href.startswith(("http://", "https://")):
            _replace_with_text(link, f"[{link.text_content()}]({href})")
    return _BACKLINK.sub("", " ".join(note.text_content().split()), count=1)


def _replace_with_text(element: lxml.html.HtmlElement, text: str) -> None:
    parent = element.getparent()
    previous = element.getprevious()
    addition = text + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + addition
    else:
        parent.text = (parent.text or "") + addition
    parent.remove(element)


def _metadata(tree: lxml.html.HtmlElement, found: object) -> DocumentMetadata:
    def meta(*names: str) -> list[str]:
        return [
            " ".join(value.split())
            for name in names
            for value in tree.xpath("//meta[@name=$n or @property=$n]/@content", n=name)
            if value.strip()
        ]

    authors = meta("citation_author", "dc.creator", "DC.creator") or [
        name for part in (getattr(found, "author", None) or "").split(";") for name in split_authors(part) or [part.strip()] if name
    ]
    dates = meta("citation_publication_date", "citation_date", "dc.date", "article:published_time")
    return DocumentMetadata(
        title=next(iter(meta("citation_title")), "") or getattr(found, "title", None) or "",
        authors=tuple(authors),
        publisher=next(iter(meta("citation_publisher", "dc.publisher", "og:site_name")), "") or getattr(found, "sitename", None) or "",
        date=find_date(dates[0]) if dates else getattr(found, "date", None) or "",
    )


def _blocks(markdown: str, title: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in re.split(r"\n\s*\n", markdown):
        lines = [_ESCAPE.sub(r"\1", line.strip()) for line in raw.strip().splitlines() if line.strip()]
        if not lines:
            continue
        heading = re.match(r"^(#{1,6})\s+(.+?)\s*#*$", lines[0]) if len(lines) == 1 else None
        if heading:
            if not (len(heading.group(1)) == 1 and (not blocks or heading.group(2) == title)):
                blocks.append(Block("heading", (heading.group(2),)))
        elif all(line.startswith(">") for line in lines):
            blocks.append(Block("pull_quote", tuple(line.lstrip("> ") for line in lines)))
        else:
            blocks.append(Block("paragraph", tuple(lines)))
    return blocks
