"""Checks on a question before any work is done: one-line errors for unusable input."""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import InputError

_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
"""Terminal escape sequences (colours, titles) pasted with a question: dropped whole, not left as `[31m`."""
_CITATION_MARKER = re.compile(r"\s*\[\d+\]")
"""Answer markers like [2] copied into a follow-up: not words to search for."""
_MARKERS_ONLY = re.compile(r"^[\s\[\]\d.,;:!?()\-–—'\"“”‘’*#/\\]*$")


def clean_question(question: object, max_chars: int) -> str:
    """The question without control characters and surrounding space, or an InputError."""
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    if len(question) > max_chars:
        raise InputError(f"The question is {len(question):,} characters long; the limit is {max_chars:,}.")
    text = _ANSI_ESCAPE.sub(" ", question)
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = " ".join(text.split())
    if not text:
        raise InputError("The question is empty: type a question about the brief.")
    if _MARKERS_ONLY.match(text) or not any(ch.isalnum() for ch in text):
        raise InputError("The question has no words to search for: ask about the brief in words.")
    return _CITATION_MARKER.sub("", text).strip()
