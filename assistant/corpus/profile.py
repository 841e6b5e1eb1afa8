"""The corpus profile (corpus/profile.yaml): what the front ends say about this corpus — the line under
the chat's title and the starter questions. Optional: a corpus without one gets generic wording."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import InputError

PROFILE_NAME = "profile.yaml"


@dataclass(frozen=True)
class CorpusProfile:
    tagline: str = ""
    starter_questions: tuple[str, ...] = ()

    @classmethod
    def load(cls, corpus_dir: Path) -> CorpusProfile:
        path = corpus_dir / PROFILE_NAME
        if not path.is_file():
            return cls()
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise InputError(f"{path} is not valid YAML ({str(error).splitlines()[0]}): fix or remove it.") from None
        if not isinstance(data, dict):
            data = {"tagline": None}
        tagline, questions = data.get("tagline", ""), data.get("starter_questions", [])
        if not isinstance(tagline, str) or not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise InputError(f"{path}: `tagline` must be text and `starter_questions` a list of questions.")
        return cls(tagline.strip(), tuple(q.strip() for q in questions if q.strip()))
