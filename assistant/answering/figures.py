"""Which figures in a text answer a question for a number: how many, what share, how long, how much money.

A figure the question gives is no answer, nor one inside a name ("Turbine Works 3") or a date; "how long" is
answered by a span of time or a date that bounds one, "how many times" by the dates a text lists, and a question
about money only by a sum."""

from __future__ import annotations

import re
from functools import cache

from assistant.data import load, word_set
from assistant.index.dates import ANY_YEAR, dated_expressions, month_names
from assistant.retrieval.query import QueryIntent
from assistant.text import WORD, content_terms, normalise_term

Span = tuple[int, int]
_NUMBER = re.compile(
    r"(?<![\w\-])(?:[€$£]\s?)?\d(?:[\d,.]*\d)?(?!\d|-\d)(?:\s?(?:%|per\s?cent|percent))?(?:\s(?:million|billion|thousand))?"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion|half|quarter|third|fifth|tenth"
    r"|majority|minority|most(?=\s+of\b))\b",
    re.IGNORECASE,
)
_COUNT_QUESTION = re.compile(r"\bhow\s+many\b", re.IGNORECASE)
_TIMES_QUESTION = re.compile(r"\bhow\s+(?:many\s+times|often)\b", re.IGNORECASE)
"""A question for how often something happened: the dates a text lists answer it."""
_DURATION_QUESTION = re.compile(r"\bhow\s+long\b(?!\s+ago)", re.IGNORECASE)
_HOW_LONG_IT_WENT_ON = re.compile(r"\bhow\s+long\s+(?:did|does|do|has|have|had|will|would|could|can)\b", re.IGNORECASE)
"""A question for how long something went on ("How long did the talks last?"), not for a length: only a span of
time answers it, not a count ("two delegations")."""
_DURATION = re.compile(
    r"\b(?:several|many|a\s+few|a\s+couple\s+of|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:decades?|years?|months?|weeks?|days?|hours?)\b",
    re.IGNORECASE,
)
"""A span of time given without a figure ("for several decades"): what "how long" asks for."""
_BOUNDING = re.compile(r"\b(?:until|till|through|since)\s+(?:(?:roughly|about|around|at\s+least)\s+)?$", re.IGNORECASE)
"""Words before a date that make it the end or start of a span of time: "how long" is answered by it."""
_SHARE_WORDS = frozenset({"most", "majority", "minority"})
"""Words that give a share, not a count: "most of the sanctions" does not say how many there are."""


def figure_spans(intent: QueryIntent, text: str) -> list[Span]:
    """Figures in `text` the question does not give, leaving out dates and numbers that are part of a
    name ("Turbine Works 3"); for "how many", no share words ("most of"); for a question about money ("how
    much money", "what value"), only sums."""
    asked = {m.group().lower() for m in _NUMBER.finditer(intent.question)}
    dates = [(d.start, d.end) for d in dated_expressions(text, ANY_YEAR)]
    spans = [
        (m.start(), m.end())
        for m in _NUMBER.finditer(text)
        if m.group().lower() not in asked
        and not any(s <= m.start() < e for s, e in dates)
        and not _part_of_name(text, m.start())
        and _counts_what_is_asked(intent.question, text, m.end())
    ]
    if _DURATION_QUESTION.search(intent.question):
        bounds = [(s, e) for s, e in dates if _bounds_what_is_asked(intent, text, s)]  # "lasted until mid-August"
        counts = [] if _HOW_LONG_IT_WENT_ON.search(intent.question) else spans
        spans = sorted({*counts, *(m.span() for m in _DURATION.finditer(text)), *bounds})
    if _TIMES_QUESTION.search(intent.question) and len(dates) > 1:  # "How many times …?" – "in March, April and August"
        spans = sorted({*spans, *dates})
    if _COUNT_QUESTION.search(intent.question):
        spans = [(start, end) for start, end in spans if text[start:end].lower() not in _SHARE_WORDS]
    if not money_question(intent.question):
        return spans
    return [(start, end) for start, end in spans if _is_sum(text, start, end)]


def _bounds_what_is_asked(intent: QueryIntent, text: str, start: int) -> bool:
    """Whether the date at `start` ends or starts a span of time ("lasted until mid-August") of what the question
    asks about: its clause shares a word of the question beyond the words for lasting and the names it gives
    ("How long did Berg talk?" is not answered by how long Berg's campaign lasted)."""
    clause = re.split(r"[,;:()–—]", text[:start])[-1]
    if not bounds_a_span(clause):
        return False
    asked = set(content_terms(intent.question)) - _lasting_terms() - intent.named_terms
    return bool(asked & set(content_terms(clause)))


def bounds_a_span(before: str) -> bool:
    """Whether the text `before` a date makes it the end or start of a span of time ("lasted until")."""
    return _BOUNDING.search(before) is not None


@cache
def _lasting_terms() -> frozenset[str]:
    return frozenset(content_terms(" ".join(load("questions")["lasting_words"])))


def _counts_what_is_asked(question: str, text: str, end: int) -> bool:
    """A number joined to a noun ("a 12-point plan") is a figure only for a question about that noun ("how
    many points"); a plain number always is."""
    joined = re.match(r"-([A-Za-z]+)", text[end:])
    return joined is None or normalise_term(joined.group(1)) in content_terms(question)


def _part_of_name(text: str, start: int) -> bool:
    """Whether the number at `start` follows a capitalised word inside the sentence ("Turbine Works 3")."""
    before = re.search(r"(\S+)\s$", text[:start])
    if before is None or not text[: before.start()].strip():
        return False
    word = before.group(1)
    return word[:1].isupper() and word[-1].isalnum() and word not in month_names()


def money_question(question: str) -> bool:
    """Whether a question asks for a sum of money ("how much money", "what value", "how many dollars"), not a count
    ("how many")."""
    counted = _COUNT_QUESTION.search(question)
    if counted:  # "how many dollars": a sum; "how many firms … cost": a count
        return (WORD.findall(question[counted.end() :])[:1] or [""])[0].lower().rstrip("'’") in _currencies()
    return any(word.lower() in word_set("questions", "money_cues") for word in WORD.findall(question))


def _is_sum(text: str, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is a sum of money: a currency sign or word next to it."""
    around = f" {text[max(start - 4, 0) : end + 12].lower()} "
    return any(unit in around if not unit.isalnum() else re.search(rf"\b{unit}\b", around) for unit in _currencies())




@cache
def _currencies() -> tuple[str, ...]:
    dimensions = load("units")["dimensions"]
    return tuple(unit for name, units in dimensions.items() if name.startswith("money") for unit in units)
