"""Word tokens with offsets and light stems: the unit every check compares."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from assistant.text import STOPWORDS, normalise_term

V = TypeVar("V")
_TOKEN = re.compile(r"[$€£%]|[A-Za-zÀ-ÿ0-9](?:[A-Za-zÀ-ÿ0-9'’.\-]*[A-Za-zÀ-ÿ0-9%])?|[,;:()–—]")


class Token(NamedTuple):
    """A word, number, sign or clause mark of a sentence (a named tuple: sentences are parsed often)."""

    text: str
    start: int
    end: int
    lower: str
    stem: str
    is_content: bool
    """Not a stopword, and not punctuation."""

    @classmethod
    def of(cls, text: str, start: int) -> Token:
        lower = text.lower().replace("’", "'")
        return cls(text, start, start + len(text), lower, stem(text), text[0].isalnum() and lower not in STOPWORDS)


_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Words, numbers, currency/percent signs and clause punctuation, in order."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        if word[-1] == "." and not _INITIALS.fullmatch(word):
            word = word.rstrip(".")
        tokens.append(Token.of(word, match.start()))
    return tuple(tokens)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Lower-cased light stem shared by claim and evidence ("refused" and "refuses" meet)."""
    word = word.lower().replace("’", "'")
    if word.endswith("n't"):
        return "n't"
    term = normalise_term(word)  # irregular forms too ("rose" meets "rises")
    if len(term) > 2 and term[-1] == term[-2] and term[-1] not in "aeiouylsz" and word.endswith(("ing", "ed")):
        term = term[:-1]  # winning -> win (short stems the shared normaliser leaves doubled)
    return term


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a lexicon phrase ("failed to" → ("fail", "to"))."""
    return tuple(stem(t.text) for t in tokenize(phrase))


def inflected_stems(phrase: str) -> set[tuple[str, ...]]:
    """The stems of a lexicon phrase with its first word inflected (-s, -ed, -ing, and -er/-est for a single
    word): "wane" also meets "waning", "easy" meets "easier", which suffix stripping cannot reach."""
    words = phrase.split(" ", 1)
    first, rest = words[0], words[1:]
    if first.endswith("e"):
        verbs, adjectives = {f"{first}s", f"{first}d", f"{first[:-1]}ing"}, {f"{first}r", f"{first}st"}
    elif first.endswith("y"):
        verbs, adjectives = {f"{first[:-1]}ied", f"{first[:-1]}ies", f"{first}ing"}, {f"{first[:-1]}ier", f"{first[:-1]}iest"}
    else:
        doubled = first + first[-1]
        verbs = {f"{first}s", f"{first}ed", f"{first}ing", f"{doubled}ed", f"{doubled}ing"}
        adjectives = {f"{first}er", f"{first}est", f"{doubled}er", f"{doubled}est"}
    forms = {first, *verbs, *(adjectives if not rest else ())}  # comparatives: "easier", "larger", "bigger"
    return {phrase_stems(" ".join([form, *rest])) for form in forms}


class PhraseTable(Generic[V]):
    """Lexicon phrases (as stem tuples) with their values, indexed by first stem for fast matching."""

    def __init__(self, phrases: dict[tuple[str, ...], V]) -> None:
        self.by_first: dict[str, list[tuple[list[str], V]]] = {}
        """First stem → (the phrase's other stems, its value), the longest phrase first."""
        for phrase, value in sorted(phrases.items(), key=lambda item: -len(item[0])):
            self.by_first.setdefault(phrase[0], []).append((list(phrase[1:]), value))

    def find(self, stems: list[str]) -> list[tuple[int, int, V]]:
        """Non-overlapping matches (first, last+1, value) in `stems`, the longest phrase first."""
        found: list[tuple[int, int, V]] = []
        by_first = self.by_first
        i = 0
        while i < len(stems):
            for rest, value in by_first.get(stems[i], ()):
                end = i + 1 + len(rest)
                if not rest or stems[i + 1 : end] == rest:
                    found.append((i, end, value))
                    i = end
                    break
            else:
                i += 1
        return found


def possessive(token: Token) -> bool:
    """Whether a token ends in a possessive ("Lind's", "the Lindish delegates'")."""
    return token.lower.endswith(("'s", "'"))
