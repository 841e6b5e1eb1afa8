"""Where builds live, the build manifest, and Chroma clients (embedded or server)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from assistant.settings import Settings

COLLECTION_PREFIX = "brief-"
LEXICAL_DIR = "bm25"
"""The BM25 index inside a build folder."""


class IndexPaths:
    """index/CURRENT names the active build under index/builds/; see index/README.md."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.current = root / "CURRENT"
        self.builds = root / "builds"
        self.lock = root / "write.lock"
        self.cache = root / "embeddings.sqlite"

    def build(self, build_id: str) -> Path:
        return self.builds / build_id

    def current_build_id(self) -> str | None:
        try:
            build_id = self.current.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return build_id if (self.build(build_id) / "manifest.json").exists() else None


class DocumentSummary(BaseModel):
    id: str
    title: str
    kind: str
    url: str
    chunks: int
    authors: list[str] = []


class BuildManifest(BaseModel):
    """Recorded beside every build: what it was built from and with."""

    build_id: str
    chromadb_version: str
    model: str
    model_label: str
    dimension: int
    chunk_words: int
    corpus_hash: str
    built_at: str
    seconds: float
    device: str
    precision: str = ""
    """Precision of the vectors this build embedded ("" when all came from the cache)."""
    mode: str
    collection: str
    chunks: int
    sentences: int
    embedded: int
    documents: list[DocumentSummary]

    @property
    def embedded_on(self) -> str:
        """Device, and precision when this build embedded anything: "cpu bf16", "cuda fp16", "cpu"."""
        return f"{self.device} {self.precision}".strip()

    def write(self, build_dir: Path) -> None:
        (build_dir / "manifest.json").write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def read(cls, build_dir: Path) -> BuildManifest:
        return cls.model_validate(json.loads((build_dir / "manifest.json").read_text(encoding="utf-8")))


def new_build_id(corpus_hash: str) -> str:
    return f"{datetime.now().strftime('%Y%m%dT%H%M%S%f')}-{corpus_hash[:8]}"


def chroma_client(settings: Settings, build_dir: Path):  # noqa: ANN201 (chromadb's ClientAPI)
    """An HttpClient when CHROMA_HOST is set, else a PersistentClient inside the build folder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.server_mode:
        return chromadb.HttpClient(host=settings.chroma_host or "localhost", port=settings.chroma_port, settings=chroma_settings)
    return chromadb.PersistentClient(path=str(build_dir / "chroma"), settings=chroma_settings)


def chromadb_version() -> str:
    from importlib.metadata import version

    return version("chromadb")
