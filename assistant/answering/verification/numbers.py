"""Numbers, percentages, dates, durations and units: every value of the claim must be in the evidence.

Values are normalised before they are compared ("73%", "73 per cent" and "seventy-three percent"
are one value; "24 hours" is "one day"). A claim value the evidence lacks is CONTRADICTED when the
evidence has another value of the same kind and slot (a percentage, a year, a month, a count of
the same thing), NOT_FOUND otherwise. The words next to a value shared by claim and evidence must
keep their role: a claim word that the evidence puts next to another of its values is a swap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from assistant.answering.verification.reading import lexicons
from assistant.answering.verification.tokens import stem
from assistant.answering.verification.verdicts import Label, Objection
from assistant.data import load as lexicon
from assistant.text import STOPWORDS

_WORD = re.compile(r"[$€£%]|\d+(?:[.,]\d+)*|[A-Za-zÀ-ÿ]+(?:'s)?")
_ROLE_WINDOW = 4
_DATES = ("year", "month", "day")


@dataclass(frozen=True)
class Quantity:
    kind: str
    """percent, year, month, day (of a month), count, times, ordinal, or a unit dimension (duration, length, money_usd, ...)."""
    value: float
    slot: str = ""
    """month: the part of the month (early/mid/late); day: the month; count, ordinal: the stem of the counted word."""
    text: str = ""
    position: int = 0
    """Index of the value's first word in the text's words (for the role check)."""
    bound: str = ""
    """">" (more than), "<" (less than), "~" (about) or "" (exactly), from the words before it."""
    soft: bool = False
    """A value a passage may leave unsaid ("first", "both"): it objects only against another of its slot."""

    def same_value(self, other: Quantity) -> bool:
        """Whether `other` (an evidence value, read as exact) is this value or within its bound."""
        if self.kind != other.kind:
            return False
        if self.bound == ">":
            return other.value > self.value or _close(self.value, other.value)
        if self.bound == "<":
            return other.value < self.value or _close(self.value, other.value)
        if self.bound == "~":
            return abs(other.value - self.value) <= _vocabulary().tolerance * abs(self.value)
        if not _close(self.value, other.value):
            return False
        if self.kind == "day":
            return self.slot == other.slot
        return self.kind != "month" or not self.slot or not other.slot or self.slot == other.slot

    def same_slot(self, other: Quantity) -> bool:
        return self.kind == other.kind and (self.kind not in ("count", "day") or self.slot == other.slot)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


@dataclass(frozen=True)
class _Vocabulary:
    units: dict[str, float]
    multipliers: dict[str, float]
    percent: tuple[tuple[str, ...], ...]
    dimensions: dict[str, tuple[str, float]]
    months: dict[str, int]
    month_parts: dict[str, str]
    bounds: dict[tuple[str, ...], str]
    tolerance: float
    times: dict[tuple[str, ...], float]
    ordinals: dict[str, float]
    fractions: dict[str, float]
    fraction_before: frozenset[str]
    clause_openers: frozenset[str]
    starters: frozenset[str]
    """Words a value can start with (besides digits and months): number words, ordinals, "a third", "twice"."""


@cache
def _vocabulary() -> _Vocabulary:
    words, units = lexicon("number_words"), lexicon("units")
    dimensions = {unit: (dimension, float(factor)) for dimension, table in units["dimensions"].items() for unit, factor in table.items()}
    return _Vocabulary(
        units={k: float(v) for k, v in words["units"].items()},
        multipliers={k: float(v) for k, v in words["multipliers"].items()},
        percent=tuple(tuple(p.split()) for p in sorted(units["percent"], key=len, reverse=True)),
        dimensions=dimensions,
        months={name: i for i, name in enumerate(units["months"], start=1)},
        month_parts=dict(units["month_parts"]),
        bounds={tuple(phrase.split()): str(bound) for phrase, bound in words["bounds"].items()},
        tolerance=float(words["approximate_tolerance"]),
        times={tuple(phrase.split()): float(n) for phrase, n in words["times"].items()},
        ordinals={word: float(n) for word, n in words["ordinals"].items()},
        fractions={word: float(n) for word, n in words["fractions"].items()},
        fraction_before=frozenset(words["fraction_before"]),
        clause_openers=frozenset(words["clause_openers"]),
        starters=frozenset(
            [*words["units"], *words["ordinals"], *words["fractions"], "a", "an", "both", *(phrase.split()[0] for phrase in words["times"])]
        ),
    )


def words_of(text: str) -> list[str]:
    """The words the number reader walks: hyphens split ("12-point", "mid-October"), signs kept."""
    return _WORD.findall(text.replace("-", " ").replace("’", "'"))


@lru_cache(maxsize=4096)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every value in `text`, normalised."""
    vocab = _vocabulary()
    words = words_of(text)
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        word, lower = words[i], words[i].lower()
        if word[0].isupper() and lower in vocab.months and (lower != "may" or i > 0):
            part = vocab.month_parts.get(words[i - 1].lower(), "") if i > 0 else ""
            if not part and i > 1 and words[i - 1].lower() == "of":
                part = vocab.month_parts.get(words[i - 2].lower(), "")
            found.append(Quantity("month", vocab.months[lower], part, f"{part}-{word}" if part else word, i))
            i += 1
            continue
        if not word[0].isdigit() and lower not in vocab.starters:
            i += 1
            continue
        fraction = _fraction(words, i, vocab)
        if fraction is not None:
            found.append(fraction)
            i += len(fraction.text.split())
            continue
        counted = _times_or_ordinal(words, i, vocab)
        if counted is not None:
            found.append(counted)
            i += len(counted.text.split())
            continue
        ratio, end = _ratio(words, i, vocab)
        if ratio is not None:
            found.append(ratio)
            i = end
            continue
        value, after = _number(words, i, vocab)
        if value is None:
            i += 1
            continue
        quantity = _with_unit(words, i, after, value, vocab)
        before = tuple(w.lower() for w in words[max(0, i - 2) : i])
        bound = next((b for phrase, b in vocab.bounds.items() if before[len(before) - len(phrase) :] == phrase), "")
        found.append(replace(quantity, bound=bound) if bound else quantity)
        i = max(after, i + 1)
    return tuple(found)


def _ratio(words: list[str], i: int, vocab: _Vocabulary) -> tuple[Quantity | None, int]:
    """ "seven in ten", "one in five", "3 out of 4" at word i, as an approximate percentage, and the next index."""
    part, after = (1.0, i + 1) if words[i].lower() == "one" else _number(words, i, vocab)
    j = after + 2 if [w.lower() for w in words[after : after + 2]] == ["out", "of"] else after + 1
    if part is None or after >= len(words) or words[after].lower() not in ("in", "out") or j >= len(words):
        return None, i
    whole, end = _number(words, j, vocab)
    if whole is None or not part < whole <= 1000:
        return None, i
    return Quantity("percent", 100 * part / whole, "", " ".join(words[i:end]), i, "~"), end


def _fraction(words: list[str], i: int, vocab: _Vocabulary) -> Quantity | None:
    """ "a third", "two thirds", "half (of)" at word i, as an approximate percentage."""
    lower = words[i].lower()
    size = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}.get(lower)
    end = i + 2 if size is not None else i + 1
    fraction = words[end - 1].lower() if end <= len(words) else ""
    if fraction not in vocab.fractions or (size is None and fraction != "half"):
        return None
    before = words[i - 1].lower() if i > 0 else ""
    after = words[end].lower() if end < len(words) else ""
    if before == "the" or before in vocab.ordinals or (after != "of" and before not in vocab.fraction_before and after):
        return None  # "a half-hour", "the first half of the year": not a share of something
    return Quantity("percent", (size or 1.0) * vocab.fractions[fraction], "", " ".join(words[i:end]), i, "~")


def _times_or_ordinal(words: list[str], i: int, vocab: _Vocabulary) -> Quantity | None:
    """ "twice", "only once" (kind times), "the third round" (kind ordinal, slot: what it ranks) or "both
    sides" (a count of two) at word i."""
    lower = words[i].lower()
    if lower == "both":  # "both candidates" counts two of them, as "the two candidates" does
        counted = next((stem(w) for w in words[i + 1 : i + 3] if w.lower() not in STOPWORDS), "")
        return Quantity("count", 2.0, counted, "both", i, soft=True) if counted else None
    for phrase, n in vocab.times.items():
        if phrase[0] == lower and tuple(w.lower() for w in words[i : i + len(phrase)]) == phrase:
            return Quantity("times", n, "", " ".join(words[i : i + len(phrase)]), i)
    if lower in vocab.ordinals:
        ranked = next((stem(w) for w in words[i + 1 : i + 3] if w.lower() not in STOPWORDS), "")
        return Quantity("ordinal", vocab.ordinals[lower], ranked, words[i], i, soft=True)
    return None


def _number(words: list[str], i: int, vocab: _Vocabulary) -> tuple[float | None, int]:
    """The number starting at word i (digits or number words, scaled by multipliers) and the next index."""
    word = words[i].lower()
    if word[0].isdigit():
        value = float(word.replace(",", "")) if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", word) else None
        if value is None:
            return None, i + 1
        j = i + 1
    elif word in vocab.units and word != "one":
        value, j = 0.0, i
        while j < len(words) and words[j].lower() in vocab.units:
            value += vocab.units[words[j].lower()]
            j += 1
    elif word in ("one", "a", "an") and i + 1 < len(words) and words[i + 1].lower() in vocab.dimensions:  # "a year"
        value, j = 1.0, i + 1
    else:
        return None, i + 1
    while j < len(words) and words[j].lower() in vocab.multipliers:
        value *= vocab.multipliers[words[j].lower()]
        j += 1
    return value, j


def _with_unit(words: list[str], start: int, after: int, value: float, vocab: _Vocabulary) -> Quantity:
    surface = " ".join(words[start:after])
    following = [w.lower() for w in words[after : after + 2]]
    for phrase in vocab.percent:
        if tuple(following[: len(phrase)]) == phrase:
            return Quantity("percent", value, "", f"{surface}%", start)
    before = words[start - 1].lower() if start > 0 else ""
    if before in vocab.dimensions:
        dimension, factor = vocab.dimensions[before]
        return Quantity(dimension, value * factor, "", f"{before}{surface}", start)
    if following and following[0] == "times":
        return Quantity("times", value, "", f"{surface} times", start)
    unit = next((w for w in following[:1] if w in vocab.dimensions), None)
    adjective = len(following) > 1 and following[0].isalpha() and following[0] not in STOPWORDS
    if unit is None and adjective and following[1] in vocab.dimensions:
        unit = following[1]  # one adjective between: "three consecutive months", "two long years"
    if unit is not None:
        dimension, factor = vocab.dimensions[unit]
        return Quantity(dimension, value * factor, "", f"{surface} {unit}", start)
    if re.fullmatch(r"(19|20)\d\d", words[start]) and after == start + 1:
        return Quantity("year", value, "", surface, start)
    if following and following[0] in vocab.months:  # "22 October": a day of that month, not a count
        return Quantity("day", value, following[0], f"{surface} {words[after]}", start)
    counted = next((stem(w) for w in words[after : after + 3] if w.lower() not in STOPWORDS), "")
    return Quantity("count", value, counted, f"{surface} {counted}".strip(), start)


def check_numbers(claim: str, evidence: str) -> list[Objection]:
    """Objections for claim values the evidence lacks, and for values whose neighbours changed role."""
    claimed, given = quantities(claim), quantities(evidence)
    objections: list[Objection] = []
    for value in claimed:
        if any(value.same_value(other) for other in given):
            continue
        if value.kind == "times" and not any(other.kind == "times" for other in given):
            listed = _longest_date_list(given)
            if listed and len(listed) != value.value:
                dates = ", ".join(q.text for q in listed)
                objections.append(Objection(Label.CONTRADICTED, "number", f"says {value.text} where the passage lists {dates}"))
                continue
            if listed:
                continue
        rival = next((other for other in given if value.same_slot(other)), None)
        if value.soft and rival is None:
            continue  # "first" is often an adverb: only another rank of the same thing objects
        check = "date" if value.kind in _DATES else "number"
        if rival is not None:
            objections.append(Objection(Label.CONTRADICTED, check, f"says {value.text} where the passage says {rival.text}"))
        else:
            objections.append(Objection(Label.NOT_FOUND, check, f"the passage gives no {value.text}"))
    return objections or check_roles(claim, evidence, claimed, given)




def _longest_date_list(values: Sequence[Quantity]) -> list[Quantity]:
    """The longest run of two or more dates listed together ("in March, April and early August")."""
    runs: list[list[Quantity]] = []
    for value in values:
        if value.kind not in _DATES:
            continue
        if runs and runs[-1][-1].kind == value.kind and value.position - runs[-1][-1].position <= 3:
            runs[-1].append(value)
        else:
            runs.append([value])
    longest = max(runs, key=len, default=[])
    return longest if len(longest) > 1 else []


def check_roles(claim: str, evidence: str, claimed: Sequence[Quantity], given: Sequence[Quantity]) -> list[Objection]:
    """A word the claim puts next to a value must not sit, in the evidence, next to another value."""
    months = _vocabulary().months
    mine = [q for q in claimed if q.kind not in _DATES and q.slot not in months]  # "22 October" is a date, not a count
    theirs = [q for q in given if q.kind not in _DATES and q.slot not in months]
    if len(theirs) < 2:
        return []
    claim_words, evidence_words = words_of(claim), words_of(evidence)
    for value in mine:
        for k, word in _neighbours(claim_words, value.position):
            if min(mine, key=lambda q: abs(q.position - k)) is not value:
                continue  # the word belongs to another value of the claim
            places = [j for j, w in enumerate(evidence_words) if stem(w) == word]
            nearest = [min(theirs, key=lambda q: abs(q.position - j)) for j in places]
            close = bool(places) and all(
                abs(q.position - j) <= _ROLE_WINDOW and not _clause_between(evidence_words, j, q.position) for q, j in zip(nearest, places)
            )
            if close and not any(value.same_value(q) for q in nearest) and not _stance_beside(word, value, evidence_words, theirs):
                reason = f"puts '{word}' with {value.text}; the passage puts it with {nearest[0].text}"
                return [Objection(Label.CONTRADICTED, "role", reason)]
    return []


def _clause_between(words: list[str], one: int, other: int) -> bool:
    """Whether a new clause opens between two word positions ("an end, while 73%")."""
    openers = _vocabulary().clause_openers
    return any(word.lower() in openers for word in words[min(one, other) + 1 : max(one, other)])


def _stance_beside(word: str, value: Quantity, evidence_words: list[str], given: Sequence[Quantity]) -> bool:
    """Whether the evidence puts a word of the same stance as `word` with `value` (within twice the role window,
    nearer it than any other figure): "backed by 86%" for "86% … expressed support", though the evidence says
    "backed" of another figure too."""
    stance = _stance(word)
    return stance is not None and any(
        _stance(stemmed) == stance and min(given, key=lambda q: abs(q.position - k)) is own  # nearer it than any other
        for own in given
        if value.same_value(own)
        for k, stemmed in _neighbours(evidence_words, own.position, 2 * _ROLE_WINDOW)
    )


def _stance(stemmed: str) -> str | None:
    """The stance class (stance.yaml) of a stemmed word, if it has one."""
    found = lexicons().stance.find([stemmed])
    return found[0][2] if found else None


def _neighbours(words: list[str], position: int, reach: int = _ROLE_WINDOW) -> list[tuple[int, str]]:
    """(index, stem) of the content words within `reach` words of `position`."""
    window = range(max(0, position - reach), min(len(words), position + 1 + reach))
    return [(k, stem(words[k])) for k in window if k != position and words[k].lower() not in STOPWORDS and words[k][0].isalpha()]
