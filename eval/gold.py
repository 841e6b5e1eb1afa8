"""The gold set: hand-written cases with exact evidence spans of the cleaned brief."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

GOLD_PATH = Path(__file__).resolve().parent / "gold.jsonl"
"""The dev split: tune on it."""
TEST_PATH = Path(__file__).resolve().parent / "test.jsonl"
"""The frozen test split, written blind: report on it, never tune on it or edit it."""
OUT_OF_SCOPE = "out-of-scope"


class GoldError(ValueError):
    """A gold case is malformed or names evidence the brief does not contain."""


@dataclass(frozen=True)
class GoldCase:
    """One question (or conversation whose last turn is scored) and what a good answer needs.

    `evidence` are exact substrings of the cleaned brief; `spans` are their [start, end) offsets.
    `facts` are groups of accepted alternatives: the answer must contain one of each group.
    """

    id: str
    category: str
    turns: tuple[str, ...]
    answerable: bool = True
    evidence: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    facts: tuple[tuple[str, ...], ...] = ()
    expected_standalone: tuple[tuple[str, ...], ...] = ()
    note: str = ""

    @property
    def question(self) -> str:
        """The scored question: the last turn."""
        return self.turns[-1]

    @property
    def is_follow_up(self) -> bool:
        return len(self.turns) > 1


@dataclass
class GoldSet:
    cases: list[GoldCase]
    path: Path
    problems: list[str] = field(default_factory=list)

    def categories(self) -> list[str]:
        return list(dict.fromkeys(case.category for case in self.cases))


def load_gold(path: Path, brief_text: str) -> GoldSet:
    """Read and validate the JSONL gold file; raises GoldError naming the line and the fix."""
    if not path.exists():
        raise GoldError(f"No gold file at {path}: pass --gold PATH or restore eval/gold.jsonl.")
    cases: list[GoldCase] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}:{number}: invalid JSON ({error.msg}).") from error
        case = parse_case(record, brief_text, where=f"{path}:{number}")
        if case.id in seen:
            raise GoldError(f"{path}:{number}: duplicate id {case.id!r}.")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise GoldError(f"{path} holds no cases.")
    return GoldSet(cases, path)


def parse_case(record: dict, brief_text: str, *, where: str = "case") -> GoldCase:
    """Validate one record: evidence must occur verbatim in the brief, facts must be non-empty groups."""
    for key in ("id", "category"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise GoldError(f"{where}: missing {key!r}.")
    turns = record.get("turns") or ([record["question"]] if record.get("question") else [])
    if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise GoldError(f"{where}: give a non-empty 'question' or 'turns'.")
    answerable = bool(record.get("answerable", record["category"] != OUT_OF_SCOPE))
    evidence = tuple(record.get("evidence", ()))
    facts = tuple(tuple(group) for group in record.get("facts", ()))
    if answerable:
        if not evidence:
            raise GoldError(f"{where}: an answerable case needs 'evidence' (exact spans of the brief).")
        if not facts or not all(group and all(isinstance(alt, str) and alt for alt in group) for group in facts):
            raise GoldError(f"{where}: 'facts' must be a list of non-empty lists of accepted alternatives.")
    spans = []
    for text in evidence:
        at = brief_text.find(text)
        if at < 0:
            raise GoldError(f"{where}: evidence not found verbatim in the brief: {text[:60]!r}…")
        spans.append((at, at + len(text)))
    expected = tuple(tuple(group) for group in record.get("expected_standalone", ()))
    if len(turns) > 1 and not expected:
        raise GoldError(f"{where}: a follow-up needs 'expected_standalone' keyword groups.")
    return GoldCase(
        id=record["id"],
        category=record["category"],
        turns=tuple(turns),
        answerable=answerable,
        evidence=evidence,
        spans=tuple(spans),
        facts=facts,
        expected_standalone=expected,
        note=record.get("note", ""),
    )
