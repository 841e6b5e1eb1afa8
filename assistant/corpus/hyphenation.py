"""Join lines the layout broke: undo end-of-line hyphenation, keep real hyphens."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.text import SUPERSCRIPT_DIGITS

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")


class Vocabulary:
    """The words of a document, to tell a syllable break ("infra-/structure") from a compound ("well-/known")."""

    def __init__(self, texts: Iterable[str]) -> None:
        words = {word.lower() for text in texts for word in _WORD.findall(text)}
        self.plain = {word for word in words if "-" not in word}
        self.hyphenated = {word for word in words if "-" in word}

    def keeps_hyphen(self, left: str, right: str) -> bool:
        """Whether `left-` + `right` is a compound: seen hyphenated and never seen as one word."""
        joined = f"{left}{right}".lower()
        return joined not in self.plain and f"{left}-{right}".lower() in self.hyphenated


def join_pair(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join two pieces of running text broken at a line, column or page end."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    broken = _HYPHEN_END.search(left)
    first = _FIRST_WORD.match(right)
    if broken and first and not left.endswith("--"):
        if not right[0].islower() or vocabulary.keeps_hyphen(broken.group(1), first.group(1)):
            return left + right
        return left[:-1] + right
    return f"{left} {right}"


def join_lines(lines: Iterable[str], vocabulary: Vocabulary) -> str:
    """One line of text from the lines of a block, whitespace collapsed."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        text = join_pair(text, line, vocabulary) if text else line
    return text


def ends_sentence(text: str) -> bool:
    """Closing punctuation at the end, after any footnote marker."""
    return text.rstrip().rstrip(SUPERSCRIPT_DIGITS).endswith((".", "!", "?", "”", '"', "'", ":"))
