"""Turn 👎 feedback into draft gold cases for a person to review (evidence and facts left to fill in)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.feedback import FeedbackStore


def draft_cases(store: FeedbackStore) -> list[dict[str, Any]]:
    """One draft per thumbs-down entry; the cited quotes are offered as candidate evidence."""
    drafts: list[dict[str, Any]] = []
    for entry in store.entries("down"):
        drafts.append(
            {
                "id": f"feedback-{entry.id}",
                "category": "feedback",
                "question": entry.standalone_question or entry.question,
                "answerable": None,
                "evidence": [],
                "facts": [],
                "review": {
                    "todo": "set answerable; copy exact spans of the cleaned brief into evidence; add fact groups; drop this block",
                    "asked": entry.question,
                    "comment": entry.comment,
                    "answer": entry.answer,
                    "declined": entry.declined,
                    "backend": entry.backend,
                    "source": entry.source,
                    "created_at": entry.created_at,
                    "candidate_evidence": [c.get("quote", "") for c in entry.citations if c.get("quote")],
                },
            }
        )
    return drafts


def write_drafts(drafts: list[dict[str, Any]], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for draft in drafts:
            handle.write(json.dumps(draft, ensure_ascii=False) + "\n")
    return out
