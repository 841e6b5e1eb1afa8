"""Verification cases: a claim, the corpus text it is checked against, and the expected label."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
HANDWRITTEN = HERE / "handwritten.jsonl"
FAITHFUL = "paraphrase"


@dataclass(frozen=True)
class Case:
    id: str
    split: str
    """dev (tune on it) or test (frozen, report only); generated cases are all `generated`."""
    kind: str
    """paraphrase (label SUPPORTED) or the kind of corruption (label CONTRADICTED)."""
    evidence: str
    claim: str
    label: str

    @property
    def faithful(self) -> bool:
        return self.label == "SUPPORTED"


def load_cases(path: Path = HANDWRITTEN) -> list[Case]:
    """The cases of a JSONL file (one object per line with the Case fields)."""
    with path.open(encoding="utf-8") as lines:
        return [Case(**{field: row[field] for field in Case.__dataclass_fields__}) for row in map(json.loads, lines) if row]
