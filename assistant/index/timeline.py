"""The overview's timeline: every dated event of the narrative in chronological order, shown as written,
grouped into the phases the text marks, future (scheduled, expected) events marked.

A phase is the section an event is told in, or within it the last sentence before the event that opens
a phase: "The first weeks of …", "A new phase of activity …", "Until mid-October, …", "The … activity
lasted until …". A month written without a year takes the year of the dates told before it in its
section; in a sentence about the future, the first such month after the document's date."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from assistant.data import load
from assistant.index.catalogue import DatedMention, EntityCatalogue
from assistant.index.sentences import Ref, Sentence, SentenceIndex


@cache
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load("overview")
    return data


@dataclass(frozen=True)
class _Dated:
    mention: DatedMention
    sentence: Sentence
    date: str
    sort_date: str


def derive_timeline(
    catalogue: EntityCatalogue, sentences: SentenceIndex, document_dates: dict[str, str], hypothetical: frozenset[Ref] = frozenset()
) -> list[dict[str, Any]]:
    """The events as stored in overview.json (citations as references), in chronological order;
    `hypothetical` sentences (a scenario's) speak of the future."""
    placed = []
    for mention in catalogue.dates:
        sentence = sentences.at(mention.chunk_id, mention.start)
        if sentence is not None:
            placed.append((sentence, mention))
    placed.sort(key=lambda pair: (pair[0].order, pair[1].start))
    dated = _redated(_events_only(placed), document_dates, hypothetical)
    openers = _phase_openers(sentences.sentences, catalogue)
    events = []
    for item in dated:
        sentence = item.sentence
        events.append(
            {
                "date": item.date,
                "sort_date": item.sort_date,
                "label": item.mention.text,
                "event": sentence.text,
                "phase": _phase(sentence, openers),
                "future": _future(item, document_dates.get(sentence.chunk.document, "")),
                "refs": [sentence.ref],
            }
        )
    return sorted(events, key=lambda e: (e["sort_date"], e["date"]))


def _events_only(placed: list[tuple[Sentence, DatedMention]]) -> list[tuple[Sentence, DatedMention]]:
    """Drop a bare year that names a thing ("the 1998 treaty") after its first appearance."""
    determiners = "|".join(_lexicon()["attributive_determiners"])
    seen: set[tuple[str, str]] = set()
    kept = []
    for sentence, mention in placed:
        text = sentence.chunk.text
        attributive = len(mention.date) == 4 and re.search(rf"\b(?i:{determiners})\s+$", text[: mention.start])
        key = (sentence.chunk.document, mention.text)
        if attributive and key in seen:
            continue
        seen.add(key)
        kept.append((sentence, mention))
    return kept


def _redated(placed: list[tuple[Sentence, DatedMention]], document_dates: dict[str, str], hypothetical: frozenset[Ref]) -> list[_Dated]:
    """Give months written without a year the year of the last month-dated event told before them in
    their section, or in a sentence about the future the first such month after the document's date."""
    future_words = frozenset(_lexicon()["future_words"])
    result: list[_Dated] = []
    last_year: dict[tuple[str, str], int] = {}
    for sentence, mention in placed:
        section = (sentence.chunk.document, sentence.chunk.section)
        if mention.explicit_year or len(mention.date) == 4:
            if len(mention.date) > 4:
                last_year[section] = int(mention.date[:4])
            result.append(_Dated(mention, sentence, mention.date, mention.sort_date))
            continue
        month = int(mention.date[5:7])
        written = _year_month(document_dates.get(sentence.chunk.document, ""))
        year = last_year.get(section, int(mention.date[:4]))
        if written is not None:
            words = set(re.findall(r"[a-z]+", sentence.text.lower()))
            if words & future_words or sentence.ref in hypothetical:
                year = written[0] + (1 if month < written[1] else 0)
            elif section not in last_year and (year, month) > written:
                year -= 1
        result.append(_Dated(mention, sentence, f"{year:04d}{mention.date[4:]}", f"{year:04d}{mention.sort_date[4:]}"))
    return result


def _year_month(document_date: str) -> tuple[int, int] | None:
    match = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", document_date)
    return (int(match.group(1)), int(match.group(2) or 12)) if match else None


def _future(item: _Dated, document_date: str) -> bool:
    """After the end of the document's month (or year); without a document date, said of the future."""
    written = _year_month(document_date)
    if written is None:
        words = set(re.findall(r"[a-z]+", item.sentence.text.lower()))
        return bool(words & frozenset(_lexicon()["future_words"]))
    year, month = written
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromisoformat(item.sort_date) >= end


# -- phases ---------------------------------------------------------------------------------------
def _phase_openers(sentences: list[Sentence], catalogue: EntityCatalogue) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """(document, section) -> (sentence order, phase name) of the sentences that open a phase there, in order."""
    lexicon = _lexicon()
    nouns = "|".join(lexicon["phase_nouns"])
    verbs = "|".join(lexicon["phase_verbs"])
    prepositions = "|".join(lexicon["phase_prepositions"])
    dates_at = {(d.chunk_id, d.start): d for d in catalogue.dates}
    names: dict[int, str] = {}
    for sentence in sentences:
        text = sentence.text
        noun = re.match(rf"(?:The|A|An)\s+(?:[\w’'\-]+\s+){{0,4}}?(?:{nouns})\b", text)
        if noun:
            names[sentence.order] = noun.group() + _of_tail(text[noun.end() :], verbs)
            continue
        preposition = re.match(rf"(?:{prepositions})\s+", text)
        if preposition:
            dated = dates_at.get((sentence.chunk.id, sentence.start + preposition.end()))
            if dated is not None:
                names[sentence.order] = text[: preposition.end() + len(dated.text)]
            continue
        subject = re.match(rf"((?:The|A|An)\s+[^,;:]{{3,80}}?)\s+(?:[a-z]+ly\s+)?(?:{verbs})\b", text)
        if subject:
            names[sentence.order] = subject.group(1)
    where = {s.order: (s.chunk.document, s.chunk.section) for s in sentences}
    openers: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for order in sorted(names):
        openers[where[order]].append((order, names[order]))
    return openers


def _of_tail(rest: str, verbs: str) -> str:
    """The "of …" words after a phase noun ("The first weeks of …"), up to the verb or adverb that follows."""
    match = re.match(r"\s+of\s+((?:[\w’'\-]+\s+){0,3}?)(?=(?:[a-z]+ly|[a-z]+ed|" + verbs + r"|was|were|is|has|had)\b)", rest)
    return f" of {match.group(1).strip()}" if match and match.group(1).strip() else ""


def _phase(sentence: Sentence, openers: dict[tuple[str, str], list[tuple[int, str]]]) -> str:
    """The last phase opened in the sentence's section at or before it; else the section's name."""
    opened = openers.get((sentence.chunk.document, sentence.chunk.section), [])
    at = bisect_right(opened, (sentence.order, "\uffff"))
    return opened[at - 1][1] if at else sentence.chunk.section
