"""Bibliographic metadata from the document itself: names, dates, titles, and the manifest entry a title fills."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from assistant.corpus.manifest import SourceEntry, SourcesManifest
from assistant.data import load

_MONTHS = {
    month: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"), ("july", "jul"),
         ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for month in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: (m[1], m[2], m[3])),
    (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), lambda m: (m[3], m[2], m[1])),
    (re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.I), lambda m: (m[3], _MONTHS[m[2].lower()], m[1])),
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), lambda m: (m[3], _MONTHS[m[1].lower()], m[2])),
    (re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I), lambda m: (m[2], _MONTHS[m[1].lower()], None)),
]
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.-?)+$")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:-[^\W\d_]+)*$")
TITLE_MATCH_RATIO = 0.9
"""Similarity (difflib ratio of normalised titles) above which a document fills a manifest entry."""


def _words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = load("metadata_words")
    return words


def find_date(text: str) -> str:
    """The first date written in `text` as YYYY-MM-DD (or YYYY-MM when no day is given); "" if none."""
    found: list[tuple[int, str]] = []
    for pattern, parts in _DATES:
        for match in pattern.finditer(text):
            year, month, day = parts(match)
            if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
                continue
            found.append((match.start(), f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")))
            break
    return min(found)[1] if found else ""


def pdf_date(value: str) -> str:
    """A PDF info date (`D:20251208120000+01'00'`) as YYYY-MM-DD."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return ""
    return "-".join(part for part in match.groups() if part)


def split_authors(text: str) -> list[str]:
    """Names from a byline ("By J. Nowak, A. Berg and M. Lind"); [] when it is not a list of names."""
    text = re.sub(r"^(?:by|authors?:?)\s+", "", text.strip(), flags=re.I)
    parts = [part.strip(" .") for part in re.split(r",|;|\s+and\s+|\s+&\s+", text) if part.strip(" .")]
    return parts if parts and all(is_name(part) for part in parts) else []


def is_name(text: str) -> bool:
    """Two to five words, each an initial or a capitalised word (lower-case particles allowed)."""
    words = text.replace(". ", ".  ").split()
    particles = set(_words()["name_particles"])
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        if word.lower() in particles:
            continue
        if not (_INITIALS.match(word) or (_NAME_WORD.match(word) and word[0].isupper())):
            return False
    return words[-1].lower() not in particles


def names_organisation(text: str) -> bool:
    """Whether a line names an organisation (it holds a word like "Centre" or "Institute")."""
    words = {word.lower() for word in re.findall(r"[^\W\d_]+", text)}
    return bool(words & set(_words()["organisation"]))


def usable_title(title: str) -> str:
    """A metadata title, or "" where it is a placeholder or a file name ("Microsoft Word - x.docx")."""
    title = " ".join(title.split())
    if title.lower() in _words()["placeholder_titles"] or re.search(r"\.(docx?|pdf|indd|odt|rtf)$", title, re.I):
        return ""
    return title


def normalise_title(title: str) -> str:
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    return " ".join(re.sub(r"[^\w\s:'-]", " ", title.translate(table).casefold()).split())


def titles_match(a: str, b: str) -> bool:
    """Same title, up to punctuation and case, or the same main title before a subtitle."""
    a, b = normalise_title(a), normalise_title(b)
    if not a or not b:
        return False
    main_a, main_b = a.split(":")[0].strip(), b.split(":")[0].strip()
    same_main = main_a == main_b and len(main_a) >= 15
    return same_main or SequenceMatcher(None, a, b).ratio() >= TITLE_MATCH_RATIO


def matching_entry(manifest: SourcesManifest, title: str) -> SourceEntry | None:
    """The cited (linked or external) manifest entry a document with `title` fills, if any."""
    return next((entry for entry in manifest.documents if entry.kind != "brief" and titles_match(entry.title, title)), None)
