"""Capitalised name runs in a sentence, the first step of deriving the entity catalogue
(catalogue_build.py): which words a corpus capitalises, runs of them joined by connectors ("Secretary of
the Interior Anna Berg"), sentence-initial names told from ordinary words, quoted title-case titles and
months left out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.index.catalogue import names_lexicon
from assistant.index.dates import month_names
from assistant.text import STOPWORDS, SUPERSCRIPT_DIGITS

_TOKEN = re.compile(r"(?:[A-Z]\.)+(?![a-z])|[^\W\d_](?:[\w’'/&]*[^\W_])?|\d\w*")
_QUOTED_TITLE = re.compile(r"(?<!\w)['‘\"“]((?:[^'’\"”]|['’](?=\w)){3,200}?)['’\"”](?!\w)")
_SUPERSCRIPTS = re.compile(f"[{SUPERSCRIPT_DIGITS}]")


@dataclass(frozen=True)
class NameRun:
    """A run of capitalised words in a sentence (`text[start:end]`), possibly ending in a possessive."""

    text: str
    start: int
    end: int
    tokens: tuple[str, ...]
    possessive: bool

    def offset(self, word: int) -> int:
        """Character offset inside the run where its `word`-th word starts."""
        matches = list(_TOKEN.finditer(self.text))
        return matches[word].start() if word < len(matches) else len(self.text)

    def text_from(self, word: int) -> str:
        """The run's text from its `word`-th word on ("Anna Berg" of "Secretary Anna Berg" from word 1)."""
        return self.text[self.offset(word) :].strip()


def word_usage(texts: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Words seen capitalised inside a sentence (not only as its first word), and words seen in lower case."""
    capitals: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for i, match in enumerate(_TOKEN.finditer(text)):
            word = _bare(match.group())
            if word[:1].isupper() and i > 0 and not text[: match.start()].rstrip().endswith((":", "'", "‘", '"', "“")):
                capitals.add(word)
            elif word[:1].islower():
                lower.add(word)
    return frozenset(capitals), frozenset(lower)


def _bare(token: str) -> str:
    return re.sub(r"['’]s?$", "", token).rstrip(".")


def name_runs(text: str, mid_capitals: frozenset[str], lower: frozenset[str]) -> list[NameRun]:
    """Capitalised name runs ("Secretary of the Interior Anna Berg"), skipping title-cased quoted titles."""
    connectors = names_lexicon()["name_connectors"]
    masked = _SUPERSCRIPTS.sub(" ", _mask_quoted_titles(text))
    tokens = list(_TOKEN.finditer(masked))
    runs: list[NameRun] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        if not _is_capital(word) or _bare(word) in month_names() or word.lower() in STOPWORDS:
            i += 1
            continue
        if (i == 0 or _opens(masked, tokens[i].start())) and _bare(word) not in mid_capitals and not _opens_name(masked, tokens, i, lower):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens):
            gap = masked[tokens[j].end() : tokens[j + 1].start()]
            nxt = tokens[j + 1].group()
            if tokens[j].group().endswith(("'s", "’s")):
                break
            if gap == " " and _is_capital(nxt) and _bare(nxt) not in month_names():
                j += 1
            elif gap == " " and nxt in connectors and j + 2 < len(tokens) and _joins(masked, tokens, j + 1, connectors):
                j += 2 if _is_capital(tokens[j + 2].group()) else 3
            elif gap in ("' ", "’ ") and tokens[j].group().endswith("s") and _is_capital(nxt):  # Farmers' Union
                j += 1
            else:
                break
        start, end = tokens[i].start(), tokens[j].end()
        words = tuple(_bare(t.group()) for t in tokens[i : j + 1])
        possessive = tokens[j].group().endswith(("'s", "’s"))
        if possessive:
            end -= 2
        runs.append(NameRun(text[start:end].rstrip("."), start, start + len(text[start:end].rstrip(".")), words, possessive))
        i = j + 1
    return [run for run in runs if run.tokens and not all(w.lower() in STOPWORDS for w in run.tokens)]


def _opens_name(text: str, tokens: list[re.Match[str]], i: int, lower: frozenset[str]) -> bool:
    """A sentence's first word is a name when a capitalised word follows it and it is no ordinary word
    ("Anna Berg, …" but not "Forecasting Berlin's …")."""
    word = _bare(tokens[i].group())
    if word.lower() in lower or word.lower().endswith(("ing", "ed", "ly")) or i + 1 >= len(tokens):
        return False
    return text[tokens[i].end() : tokens[i + 1].start()] == " " and _is_capital(tokens[i + 1].group())



def _joins(text: str, tokens: list[re.Match[str]], k: int, connectors: frozenset[str]) -> bool:
    """Whether connector token k (and a following "the") links two capitalised words with single spaces."""
    following = tokens[k + 1]
    if text[tokens[k].end() : following.start()] != " ":
        return False
    if _is_capital(following.group()):
        return True
    return following.group() in connectors and k + 2 < len(tokens) and _is_capital(tokens[k + 2].group())


def _is_capital(word: str) -> bool:
    return word[:1].isupper() and not word.isdigit()


def _opens(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence or a quotation."""
    before = text[:start].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "'", "‘", '"', "“", "(", "–"))


def _mask_quoted_titles(text: str) -> str:
    """Blank out quoted titles written in title case ('Make Money Not War'): their capitals are not names."""

    def blank(match: re.Match[str]) -> str:
        words = re.findall(r"[^\W\d_]+", match.group(1))
        capitalised = sum(w[:1].isupper() for w in words)
        return " " * len(match.group()) if len(words) >= 3 and capitalised / len(words) > 0.6 else match.group()

    return _QUOTED_TITLE.sub(blank, text)
