"""Small text utilities shared by cleaning, chunking, retrieval and answering."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from assistant.data import load

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUE = {ch: str(i) for i, ch in enumerate(SUPERSCRIPT_DIGITS)}

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "al", "vs", "etc", "e.g", "i.e", "gen", "sen", "jr", "sr", "prof"}

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*[" + SUPERSCRIPT_DIGITS + r"]*(?=\s+[\"'“‘(\[]?[A-Z0-9" + SUPERSCRIPT_DIGITS + r"])")
_TOKEN = re.compile(r"[^\W_][\w\-']*")
_CLITIC = re.compile(r"'(?:s|d|ll|re|ve|m)$")
WORD = re.compile(r"[\w'’\-]+")
"""A word as a question or sentence writes it, with its apostrophes and hyphens ("Berg's", "long-term")."""

STOPWORDS = frozenset(str(word) for words in load("stopwords").values() for word in words)
"""Function words and question-framing words (assistant/data/stopwords.yaml)."""


def alternatives(words: Iterable[str], longest_first: bool = False) -> str:
    """A regex alternation matching any of `words` literally; `longest_first` puts a phrase before a word it
    starts with, so that the longer one wins."""
    ordered = sorted(words, key=len, reverse=True) if longest_first else list(words)
    return "|".join(re.escape(word) for word in ordered)


@cache
def word_beginnings(name: str, key: str) -> re.Pattern[str]:
    """A pattern for the words `assistant/data/<name>.yaml` lists under `key`, matched case-insensitively as word
    beginnings ("compar" meets "compared"), a phrase before a word it starts with."""
    return re.compile(r"\b(?:" + alternatives(load(name)[key], longest_first=True) + r")", re.IGNORECASE)


def prefix_tree(words: Iterable[str], ignore_case: bool = False) -> str:
    """What `alternatives(words, longest_first=True)` matches, as a prefix tree ("Ber(?:g|lin)"): thousands of
    words, as a large corpus' catalogue has, cost one pass over the text rather than one trial per word at
    every position. With `ignore_case` the words are lower-cased; compile the pattern with re.IGNORECASE."""
    tree: dict[str, dict] = {}
    for word in sorted({word.lower() if ignore_case else word for word in words}):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _tree_pattern(tree)


def _tree_pattern(node: dict[str, dict]) -> str:
    """A prefix tree as a regex; greedy, so the longest word that lets the rest of the pattern match wins."""
    branches = [re.escape(char) + _tree_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if len(branches) > 1:
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body
    return f"(?:{branches[0]})?" if "" in node else branches[0]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the non-space text; never splits initials like `J.D.`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        spans.append(_strip_span(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return [span for span in spans if span[1] > span[0]]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1)
    # Initials ("A.", "J.D.") and listed abbreviations ("et al.") do not end a sentence.
    return (
        len(token.replace(".", "")) == 1 or token.lower().rstrip(".") in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", token))
    )


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def footnote_numbers(text: str) -> tuple[int, ...]:
    """Footnote numbers referenced by superscript markers in `text`, in order, without repeats."""
    numbers: list[int] = []
    for run in re.findall(f"[{SUPERSCRIPT_DIGITS}]+", text):
        value = int("".join(_SUPERSCRIPT_VALUE[ch] for ch in run))
        if value not in numbers:
            numbers.append(value)
    return tuple(numbers)


_NOTE_MARKER = re.compile(rf"(?<=\S)[{SUPERSCRIPT_DIGITS}]+")


def cites_a_note(text: str) -> bool:
    """Whether the text cites a note: a superscript marker joined to one of its words ("poll⁵")."""
    return _NOTE_MARKER.search(text) is not None


def without_note_markers(text: str) -> str:
    """`text` without the superscript note markers joined to its words ("poll⁵" → "poll"), which would make one
    word of the two; a note's own opening number, after a space, stays."""
    return _NOTE_MARKER.sub("", text)


def superscript(number: int) -> str:
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(number))


def content_terms(text: str) -> list[str]:
    """Lower-cased word tokens without stopwords, lightly normalised (plural/possessive)."""
    return list(_content_terms(text))


@lru_cache(maxsize=1 << 14)
def _content_terms(text: str) -> tuple[str, ...]:
    """content_terms, read once per text (the checks and the answer selection read each sentence many times)."""
    return tuple(normalise_term(tok) for tok in _TOKEN.findall(text.replace("’", "'")) if _clitic_free(tok.lower()) not in STOPWORDS)


def _clitic_free(word: str) -> str:
    """A word without a clitic ("what's", "he'd", "they're" → what, he, they): a stopword stays one."""
    return _CLITIC.sub("", word) if "'" in word else word


def matching_terms(text: str) -> list[str]:
    """Content terms with names that stand for one another folded into one ("Paris", "French" and
    "France"; assistant/data/metonyms.yaml): what BM25 and answer selection match on."""
    return [fold_name(term) for term in content_terms(text)]


def fold_name(term: str) -> str:
    """A term of a one-word name of a metonym group as the group's first ("vardholm" → "dravenia"); others as they are."""
    return _folded_names().get(term, term)


def term_share(text: str, other: str, terms: Callable[[str], list[str]] = content_terms) -> float:
    """Share of `text`'s terms (by `terms`) that occur in `other`."""
    return shared(set(terms(text)), set(terms(other)))


def shared(own: set[str], other: set[str]) -> float:
    """Share of the terms `own` that are among `other`."""
    return len(own & other) / len(own) if own else 0.0


@cache
def metonym_groups() -> dict[str, tuple[str, ...]]:
    """Each name of a metonym group → all the names of its group (assistant/data/metonyms.yaml: country, people,
    adjective and seat of government stand for one another)."""
    return {name: tuple(group) for group in load("metonyms")["groups"] for name in group}


@cache
def _folded_names() -> dict[str, str]:
    """Each one-word name of a metonym group → the group's first one-word name, both as terms."""
    folded: dict[str, str] = {}
    for group in load("metonyms")["groups"]:
        words = [normalise_term(name) for name in group if " " not in name]
        folded.update({word: words[0] for word in words[1:] if word and words[0]})
    return folded


_SPELLINGS = tuple(
    (re.compile(pattern), spelled)
    for pattern, spelled in (
        (r"(?<=[a-z]{2})our(?=s?$|able|ably|ite|ites|ed|ing|hood|hoods|ful|less)", "or"),  # neighbour, favourable
        (r"(?<=[a-z]{2})is(?=(?:e|ed|es|ing|ation|ations)$)", "iz"),  # recognise, organisation
        (r"(?<=[a-z]{2})ys(?=(?:e|ed|es|ing)$)", "yz"),  # analyse
        (r"(?<=[a-z]{2}f)ence(?=s?$)", "ense"),  # defence, offence
        (r"(?<=[a-z]{2})([tb])re(?=s?$)", r"\1er"),  # centre, theatre, fibre
        (r"^scep", "skep"),  # sceptical
        (r"(?<=[a-z]{2})ogue(?=s?$)", "og"),  # dialogue, catalogue
    )
)
"""British spellings and their American forms: a reader's spelling meets the document's."""


@cache
def _irregular_bases() -> dict[str, str]:
    """Irregular word forms → their base ("met" → "meet"; assistant/data/inflections.yaml)."""
    return {form: base for base, forms in load("inflections").items() for form in forms}


@lru_cache(maxsize=1 << 16)
def normalise_term(token: str) -> str:
    """Light stemming so inflections meet: plural/possessive, -ed/-ing (drafting, drafted -> draft) and irregular
    forms (met -> meet), with British spellings read as American ones (neighbour, neighbor)."""
    term = token.lower()
    if term.endswith("'s"):
        term = term[:-2]
    term = term.rstrip("'")  # a closing quote: 'The world according to Berg'
    if not term.isalpha():
        return term
    for pattern, spelled in _SPELLINGS:
        term = pattern.sub(spelled, term)
    term = _irregular_bases().get(term, term)
    if len(term) > 4 and term.endswith(("ies", "ied")):
        return term[:-3] + "y"
    if len(term) > 3 and term.endswith("s") and not term.endswith(("ss", "us", "is")):
        term = term[:-1]
    for suffix in ("ing", "ed"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            term = term[:-1] if term.endswith("eed") else term[: -len(suffix)]  # guaranteed -> guarantee
            if len(term) > 4 and term[-1] == term[-2] and term[-1] not in "aeiouylsz":
                term = term[:-1]  # planned -> plan, stopping -> stop
            break
    if len(term) > 4 and term.endswith("e"):
        term = term[:-1]  # escalate / escalating / escalated meet at "escalat"
    return term


def word_root(term: str) -> str:
    """A normalised term with a noun-making "-ation" taken off, so a verb and its noun meet ("negotiat" for
    "negotiation" and "negotiate"). For comparing the words around an answer with a question's; the saved
    BM25 terms keep the light stemming of `normalise_term`."""
    return term[:-3] if len(term) >= 8 and term.endswith("ation") else term
