"""The sources manifest (corpus/sources.yaml): every document with its bibliographic data."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from assistant.errors import InputError

MANIFEST_NAME = "sources.yaml"


class SourceEntry(BaseModel):
    id: str
    kind: Literal["brief", "linked", "external"]
    title: str
    authors: list[str] = Field(default_factory=list)
    publisher: str = ""
    date: str = ""
    url: str = ""
    url_exact: bool = True
    footnote: int | None = None
    raw: str | None = None
    path: str | None = None


class SourcesManifest(BaseModel):
    documents: list[SourceEntry]

    @classmethod
    def load(cls, corpus_dir: Path) -> SourcesManifest:
        return cls.parse((corpus_dir / MANIFEST_NAME).read_text(encoding="utf-8"))

    @classmethod
    def parse(cls, text: str) -> SourcesManifest:
        """The manifest from the text of a sources.yaml."""
        data = yaml.safe_load(text)
        for entry in data.get("documents", []):
            entry["date"] = str(entry.get("date", ""))
        return cls.model_validate(data)

    @property
    def brief(self) -> SourceEntry | None:
        """The entry of kind `brief`, if the corpus has one (a corpus of added documents may not)."""
        return next((entry for entry in self.documents if entry.kind == "brief"), None)

    def require_brief(self) -> SourceEntry:
        """The brief's entry, for commands that work on it; InputError naming the fix when there is none."""
        if self.brief is None:
            raise InputError(f"{MANIFEST_NAME} has no entry of kind `brief`: add one (see corpus/{MANIFEST_NAME}).")
        return self.brief

    def by_footnote(self, number: int) -> SourceEntry | None:
        return next((entry for entry in self.documents if entry.footnote == number), None)

    def get(self, doc_id: str) -> SourceEntry | None:
        return next((entry for entry in self.documents if entry.id == doc_id), None)
