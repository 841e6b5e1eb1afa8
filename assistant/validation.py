"""Checks on a question before any work is done: one-line errors for unusable input."""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import InputError

_MARKERS_ONLY = re.compile(r"^[\s\[\]\d.,;:!?()\-–—'\"“”‘’*#/\\]*$")


def clean_question(question: object, max_chars: int) -> str:
    """The question without control characters and surrounding space, or an InputError."""
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    if len(question) > max_chars:
        raise InputError(f"The question is {len(question):,} characters long; the limit is {max_chars:,}.")
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in question)
    text = " ".join(text.split())
    if not text:
        raise InputError("The question is empty: type a question about the brief.")
    if _MARKERS_ONLY.match(text) or not any(ch.isalnum() for ch in text):
        raise InputError("The question has no words to search for: ask about the brief in words.")
    return text
