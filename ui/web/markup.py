"""Escaped HTML fragments: every corpus and user string passes through `html.escape` here."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

_MARKER = re.compile(r"\[(\d+)\]")

CSS = """
<style>
.ba-user, .ba-answer { white-space: pre-wrap; line-height: 1.6; }
.ba-declined { color: #8a5300; font-style: italic; }
.ba-ref { font-size: 0.75em; font-weight: 600; color: #1c5fb8; vertical-align: super; margin-left: 1px; }
.ba-card { border: 1px solid rgba(128,128,128,0.35); border-radius: 8px; padding: 0.55rem 0.75rem; margin: 0.1rem 0 0.25rem 0; }
.ba-card-head { font-size: 0.85em; opacity: 0.85; margin-bottom: 0.3rem; }
.ba-num { font-weight: 700; color: #1c5fb8; margin-right: 0.35rem; }
.ba-passage { font-size: 0.92em; line-height: 1.55; white-space: pre-wrap; }
.ba-passage mark, .ba-brief mark { background: #ffe36e; color: inherit; padding: 0 1px; border-radius: 2px; }
.ba-links { font-size: 0.82em; margin-top: 0.35rem; }
.ba-brief p { line-height: 1.65; margin: 0 0 0.8rem 0; white-space: pre-wrap; }
.ba-brief p.ba-focus { background: rgba(255, 227, 110, 0.18); border-left: 3px solid #e0b400; padding-left: 0.6rem; }
.ba-notes p { font-size: 0.9em; }
</style>
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def user_text(text: str) -> str:
    return f'<div class="ba-user">{esc(text)}</div>'


def answer_text(text: str, *, declined: bool = False, highlights: Sequence[tuple[int, int]] = ()) -> str:
    """The answer with its [n] markers as small reference badges that match the cards, and the words
    that answer what was asked (`highlights`, offsets into `text`) in bold."""
    body = _MARKER.sub(r'<span class="ba-ref">[\1]</span>', wrapped(text, highlights, "b"))
    return f'<div class="ba-answer{" ba-declined" if declined else ""}">{body}</div>'


def marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` escaped, with each (start, end) span wrapped in <mark> (spans sorted, non-overlapping)."""
    return wrapped(text, spans, "mark")


def wrapped(text: str, spans: Sequence[tuple[int, int]], tag: str) -> str:
    """`text` escaped, with each (start, end) span wrapped in <tag> (overlaps clipped)."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        out += [esc(text[cursor:start]), f"<{tag}>{esc(text[start:end])}</{tag}>"]
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)


def link(url: str, label: str) -> str:
    """An external link, only for http(s) URLs (anything else is shown as plain text)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return esc(label)
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>'


def card(n: int, title: str, section: str, passage: str, links: Iterable[str]) -> str:
    """A citation card: number, document title and section, the passage (already escaped), links."""
    head = f'<span class="ba-num">[{n}]</span><b>{esc(title)}</b>' + (f" · {esc(section)}" if section else "")
    footer = " · ".join(links)
    footer_html = f'<div class="ba-links">{footer}</div>' if footer else ""
    return (
        f'<div class="ba-card" data-citation="{n}"><div class="ba-card-head">{head}</div>'
        f'<div class="ba-passage">{passage}</div>{footer_html}</div>'
    )
