"""Topic phrases of a question or answer: the noun phrases a follow-up can point back at.

A topic phrase is a determiner or possessor, up to three modifiers and a head noun from the conversation
lexicon ("the neutral scenario", "the minister's first approach", "the 12-point draft framework"); names the corpus uses
that are not entities ("the Water Charter") and dates ("11 November") are topics too. A phrase keeps a name
after "of", "between" or a "-ed by" ("the plan drafted by Anna Berg"), and then a place ("the meeting with Lind
in Tesk").
Function words never count as modifiers, so a phrase does not run across a verb ("the summit bring a ceasefire").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.dates import ANY_YEAR, dated_expressions
from assistant.text import alternatives


@dataclass(frozen=True)
class Phrase:
    """`text` is how a rewritten question names the topic; `modifier` the words before the head ("neutral")."""

    text: str
    head: str
    start: int
    end: int
    head_at: int
    modifier: str = ""
    plural: bool = False
    determined: bool = True
    """False for a bare noun ("sanctions"): a question about one may still lean on the conversation."""

    @property
    def key(self) -> str:
        return re.sub(r"^(?:the|a|an)\s+", "", self.text.lower())


def topic_phrases(text: str, catalogue: EntityCatalogue | None = None) -> list[Phrase]:
    """Topic phrases of `text` in order of appearance, none overlapping."""
    found = list(_noun_phrases(text))
    if catalogue is not None:
        mentions = catalogue.entities_in(text)
        found = [p for p in found if not any(s <= p.head_at < e for _, s, e in mentions)]  # "the Basin Commission"
        subjects = [(s, e) for entity, s, e in mentions if _names_subject(entity, text[s:e])]
        found = [_without_name(p, subjects) if not p.determined else p for p in found]  # "Anna visit" is Anna's
        pattern = _other_names(catalogue)
        for named in pattern.finditer(text) if pattern is not None else ():
            at, end = named.span()
            if not any(p.start < end and at < p.end for p in found):
                head = named.group().split()[-1]
                found.append(Phrase(f"the {named.group()}", head.lower(), at, end, at, plural=plural_noun(head)))
    for date in dated_expressions(text, ANY_YEAR):
        if (date.day or date.month) and not any(p.start < date.end and date.start < p.end for p in found):
            found.append(Phrase(date.text, "", date.start, date.end, date.start))
    return sorted(found, key=lambda p: p.start)


@lru_cache(maxsize=4096)
def _noun_phrases(text: str) -> tuple[Phrase, ...]:
    """The lexicon's noun phrases of `text` (each turn is read again at every follow-up: cached)."""
    found = []
    for match in _lexicon()["phrase"].finditer(text):
        head = match.group("head")
        possessor = match.group("possessor") or ""
        modifier = (match.group("mods") or match.group("pmods") or match.group("bare") or "").strip()
        determiner = (match.group("det") or "").lower()
        if determiner in ("his", "her", "its", "their"):
            continue  # "his bill": the rewriter names the person first
        if determiner in ("a", "an") and _PREDICATE.search(text, 0, match.start()):
            continue  # "why is that a big deal?": says what something already named is
        if possessor and match.group("pmods") and head.lower() not in _heads() and _VERB_OBJECT.match(text, match.end("head")):
            continue  # "Berg's circle wants a deal": a verb and its object after the possessed noun, no head of its own
        said = match.group()[len(match.group("det") or "") :].strip()
        end = match.end()
        if said.endswith(".") and not re.search(r"\b[A-Z]\.$", said):  # "… sponsored by Senator Halden." ends a sentence
            said, end = said[:-1], end - 1
        article = f"{determiner} " if determiner in ("a", "an") else "" if possessor or (not determiner and plural_noun(head)) else "the "
        span = (match.start(), end, match.start("head"))
        found.append(Phrase(f"{article}{said}", head.lower(), *span, modifier.lower(), plural_noun(head), bool(determiner or possessor)))
    return tuple(found)


_VERB_OBJECT = re.compile(r"(?<=s)\s+(?:a|an|the|to|his|her|their|its|this|that|these|those|no|any|more|some)\b", re.IGNORECASE)
"""An object after a word in -s: the word is a verb ("wants a tougher line"), not a plural noun ("frozen assets?")."""
_PREDICATE = re.compile(r"\b(?:is|was|are|were|isn['’]t|wasn['’]t)\s+(?:that|this|it|these|those|they)\s+$", re.IGNORECASE)
"""A copula after a word pointing back, right before "a …": what follows describes the thing pointed at."""

_NAMES: list[tuple[EntityCatalogue, re.Pattern[str] | None]] = []


def _other_names(catalogue: EntityCatalogue) -> re.Pattern[str] | None:
    """One pattern for the names the corpus uses that are not entities ("the Water Charter"), as whole
    words ("Republican" is not in "Republicans"); built once per catalogue."""
    if _NAMES and _NAMES[0][0] is catalogue:
        return _NAMES[0][1]
    names = [name for name in catalogue.names if catalogue.resolve(name) is None]
    pattern = re.compile(rf"(?<![\w\-])(?:{alternatives(names, longest_first=True)})(?![\w\-])") if names else None
    _NAMES[:] = [(catalogue, pattern)]
    return pattern


def _names_subject(entity: Entity, alias: str) -> bool:
    """Whether `alias` names `entity` as a subject would: a person, a full name or an acronym, not a demonym
    ("Dravenian voters")."""
    return entity.kind == "person" or alias == entity.name or alias.isupper()


def _without_name(phrase: Phrase, names: list[tuple[int, int]]) -> Phrase:
    """A bare phrase whose modifier is a name ("Breuer visit" in "When did Breuer visit Tesk?") is its head
    alone: the name is the subject, not part of the topic."""
    if not any(s < phrase.head_at and phrase.start < e for s, e in names):
        return phrase
    text = phrase.head if phrase.plural else f"the {phrase.head}"
    return Phrase(text, phrase.head, phrase.head_at, phrase.head_at + len(phrase.head), phrase.head_at, "", phrase.plural, False)


def plural_noun(head: str) -> bool:
    """Whether a head noun reads as plural ("sanctions", not "crisis" or "status")."""
    return head.endswith("s") and not head.endswith(("ss", "is", "us"))


@cache
def _head_nouns() -> tuple[str, ...]:
    """The lexicon's head nouns of topics (conversation.yaml `topic_heads` and `institution_heads`)."""
    data = load("conversation")
    return (*data["topic_heads"], *data["institution_heads"])


@cache
def _heads() -> frozenset[str]:
    """The lexicon's head nouns with their plurals: the words `phrase` reads as heads."""
    return frozenset(h for head in _head_nouns() for h in (head, f"{head}s", f"{head}es"))


@cache
def _lexicon() -> dict[str, re.Pattern[str]]:
    data = load("conversation")
    heads = alternatives(_head_nouns(), longest_first=True)
    stop = alternatives(set(load("stopwords")["function_words"]) | set(data["not_modifiers"]), longest_first=True)
    modifier = rf"(?!(?:{stop})\b)[\w\-/]+"
    # after a possessor any noun heads a phrase ("Anna Berg's background"), where the phrase visibly ends
    noun = rf"(?!(?:{stop})\b)(?-i:[a-z][\w\-]*)(?=\s*(?:[?.!,;:]|$)|\s+(?:{stop})\b|\s+(?-i:[A-Z]))"
    owner = rf"(?!(?:{stop})['’]s)(?-i:[A-Z][\w.\-/]*)['’]s"  # "Berg's", not "What's"
    return {
        "phrase": re.compile(
            rf"\b(?:(?P<det>the|a|an|this|that|these|those|his|her|its|their)\s+(?P<mods>(?:{modifier}\s+){{0,3}})"
            rf"|(?P<possessor>(?:(?!(?:{stop})\s)(?-i:[A-Z][\w.\-/]*)\s+){{0,2}}{owner}\s+)"
            rf"(?P<pmods>(?:{modifier}\s+){{0,3}}?)"
            rf"|(?P<bare>{modifier}\s+)?)(?P<head>(?:{heads})(?:s|es)?\b|(?(possessor){noun}|(?!)))"
            rf"(?P<of>(?-i:\s+(?:in|of|at|on|for|with|between|[a-z]+ed\s+by)\s+(?:the\s+)?[A-Z][\w.\-/]*(?:\s+[A-Z][\w.\-/]*){{0,2}})"
            rf"(?-i:\s+and\s+(?:the\s+)?[A-Z][\w.\-/]*(?:\s+[A-Z][\w.\-/]*){{0,2}})?"  # "a meeting between Berg and Lind"
            rf"(?-i:\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w.\-/]*(?:\s+[A-Z][\w.\-/]*){{0,2}})?"  # "… with Lind in Tesk"
            rf"(?:['’]s\s+{noun}|\s+(?:{heads})(?:s|es)?\b)?)?",  # "the first weeks of Berg's term"
            re.IGNORECASE,
        ),
    }
