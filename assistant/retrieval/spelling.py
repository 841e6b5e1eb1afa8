"""Words of a question the corpus never uses that are one left-out letter away from a word it does ("resouces",
"febuary"): the question is read and searched with the corpus' word.

Only a letter left out is put back, and only in words of MIN_LENGTH letters or more: changing or swapping a
letter turns too many real words into other real words ("killed" into "willed", "chasing" into "phasing"). A word the
embedding model knows whole is spelt right, though the corpus never uses it ("saying" is no "swaying").
"""

from __future__ import annotations

import re
from functools import lru_cache
from string import ascii_lowercase

from assistant.text import STOPWORDS, matching_terms

MIN_LENGTH = 6
_WORD = re.compile(r"[A-Za-z]+")


def mended(question: str, vocabulary: frozenset[str], spelt_right: frozenset[str] = frozenset()) -> str:
    """`question` with each word (of MIN_LENGTH letters or more) whose term the corpus never uses replaced by the
    one word with a letter put back whose term it does use, if only one would do; a word of `spelt_right` (the
    embedding model's words: "though", "headed") is never replaced."""
    def put_back(match: re.Match[str]) -> str:
        word = None if match.group().lower() in spelt_right else _mended(match.group().lower(), vocabulary)
        return match.group() if word is None else word.capitalize() if match.group()[0].isupper() else word

    return _WORD.sub(put_back, question)


@lru_cache(maxsize=4096)
def _mended(word: str, vocabulary: frozenset[str]) -> str | None:
    """The one word with a letter put back into `word` whose term the corpus uses, if `word` is long, unknown to the
    corpus and only one such word exists (a word a reader misspells is met again: each is tried once)."""
    if len(word) < MIN_LENGTH or word in STOPWORDS or set(matching_terms(word)) <= vocabulary:
        return None
    found: dict[str, str] = {}
    for candidate in (f"{word[:i]}{letter}{word[i:]}" for i in range(len(word) + 1) for letter in ascii_lowercase):
        terms = matching_terms(candidate)
        if len(terms) == 1 and terms[0] in vocabulary:
            found.setdefault(terms[0], candidate)
    return next(iter(found.values())) if len(found) == 1 else None
