"""The Assistant facade on corpora other than the brief (model-free hashing embedder)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import RIVERBASIN

from assistant.facade import Assistant
from assistant.index.build import build_index
from assistant.settings import isolated_settings


def test_a_corpus_without_a_brief_entry_is_answered(tmp_path: Path) -> None:
    shutil.copytree(RIVERBASIN, tmp_path / "corpus")
    manifest = tmp_path / "corpus" / "sources.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("kind: brief", "kind: linked"), encoding="utf-8")
    settings = isolated_settings(tmp_path, embedding_model="hashing")
    build_index(settings)
    answer = Assistant(settings).ask("When did the bank approve the loan for the Koral Dam?")
    assert not answer.declined and answer.citations
    assert all(not citation.linked_sources for citation in answer.citations)
