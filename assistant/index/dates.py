"""Dated expressions ("late February", "22 October", "mid-September 2024") normalised to sortable dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from assistant.data import load


@dataclass(frozen=True)
class DatedExpression:
    """`text[start:end]` as written, and the date it stands for at its precision."""

    text: str
    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""
    """early / mid / late … as written ("late February"), or the season ("summer")."""
    explicit_year: bool = False
    """False when the year came from the document's date rather than the text."""

    @property
    def iso(self) -> str:
        """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, at the precision the text gives."""
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def sort_date(self) -> date:
        """A day to sort by: "late February" after 20 February, a bare month in its middle."""
        days = _lexicon()["qualifier_days"]
        month = self.month or (1 if self.qualifier in ("early", "beginning") else 12 if self.qualifier in ("late", "end") else 6)
        day = self.day or days.get(self.qualifier, 15)
        return date(self.year, month, min(day, 28))


@cache
def _lexicon() -> dict:  # type: ignore[type-arg]
    return load("dates")  # type: ignore[no-any-return]


def month_after(expression: DatedExpression, step: int) -> str | None:
    """The month `step` months from a dated expression of month precision ("February" +1: "March"; with its year
    when the expression gave one), None for an expression without a month."""
    if expression.month is None:
        return None
    year, month = divmod(expression.year * 12 + expression.month - 1 + step, 12)
    name = _lexicon()["months"][month]
    return f"{name} {year}" if expression.explicit_year else name


@cache
def month_names() -> frozenset[str]:
    """The month names and their abbreviations as written ("March", "Mar"; dates.yaml)."""
    return frozenset(_lexicon()["months"]) | frozenset(_lexicon()["month_abbreviations"])


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, int], str]:
    lexicon = _lexicon()
    months = {name: i + 1 for i, name in enumerate(lexicon["months"])} | lexicon["month_abbreviations"]
    month = "|".join(sorted(months, key=len, reverse=True))
    qualifier = "|".join(lexicon["qualifier_days"])
    season = "|".join(lexicon["season_months"])
    pattern = re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:\s*[–-]\s*(?P<day2>\d{{1,2}}))?\s+(?P<dmonth>{month})\b\.?(?:,?\s+(?P<dyear>(?:19|20)\d\d)\b)?"
        rf"|\b(?:(?:the\s+)?(?P<season>{season})\s+of\s+(?P<syear>(?:19|20)\d\d)\b)"
        rf"|\b(?:(?:(?P<mqual>{qualifier})(?:\s+of)?[\s-]+)?(?P<month>{month})\b(?:\s+(?P<myear>(?:19|20)\d\d)\b)?)"
        rf"|\b(?:(?:(?P<yqual>{qualifier})(?:\s+of)?[\s-]+)?(?P<year>(?:19|20)\d\d)\b(?!\d|[,.]\d))",
    )
    return pattern, months, qualifier


ANY_YEAR = 2000
"""The reference year for reading where a text gives dates and how precisely, when the year does not matter."""


def dated_expressions(text: str, reference_year: int) -> list[DatedExpression]:
    """Every date-like expression in `text`; a month without a year takes `reference_year`."""
    pattern, months, _ = _patterns()
    found = []
    for m in pattern.finditer(text):
        span = (m.start(), m.end())
        if m.group("day"):
            year = m.group("dyear")
            found.append(
                DatedExpression(
                    m.group(), *span, int(year or reference_year), months[m.group("dmonth")], int(m.group("day")), "", bool(year)
                )
            )
        elif m.group("season"):
            season = m.group("season").lower()
            month = _lexicon()["season_months"][season]
            found.append(DatedExpression(m.group(), *span, int(m.group("syear")), month, None, season, True))
        elif m.group("month"):
            if m.group("month") == "May" and not (m.group("mqual") or m.group("myear")) and _modal_may(text, m.start()):
                continue
            year = m.group("myear")
            found.append(
                DatedExpression(
                    m.group(), *span, int(year or reference_year), months[m.group("month")], None, m.group("mqual") or "", bool(year)
                )
            )
        else:
            found.append(DatedExpression(m.group(), *span, int(m.group("year")), None, None, m.group("yqual") or "", True))
    return found


def _modal_may(text: str, start: int) -> bool:
    """"May" opening a sentence and followed by a verb-like lower-case word is the modal, not the month."""
    return bool(re.match(r"May\s+[a-z]", text[start:])) and not text[:start].rstrip().endswith(("in", "of", "on", "since", "until", "by"))


def reference_year(document_date: str, texts: list[str]) -> int:
    """The year undated months belong to: the document's date when it has one, else the latest year its text names."""
    if re.match(r"(?:19|20)\d\d", document_date or ""):
        return int(document_date[:4])
    years = [int(y) for text in texts for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    return max(years, default=date.today().year)
