"""Where builds live, the build manifest, and Chroma clients (embedded or server)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from assistant.settings import Settings

COLLECTION_PREFIX = "brief-"
LEXICAL_DIR = "bm25"
"""The BM25 index inside a build folder."""
CHROMA_DIR = "chroma"
"""The embedded Chroma store inside a build folder (Chroma itself rewrites files in it on open)."""
MANIFEST = "manifest.json"
ADDED_DIR = "added"
"""Corpus files an ingest adds or changes, kept in the build that indexes them until it is switched on."""
_BUILD_ID = re.compile(r"^[0-9T]{21}-[0-9a-f]{8}$")


class IndexPaths:
    """index/CURRENT names the active build under index/builds/; index/HISTORY lists the builds that
    have been active, newest first; see index/README.md."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.current = root / "CURRENT"
        self.history = root / "HISTORY"
        self.builds = root / "builds"
        self.lock = root / "write.lock"
        self.cache = root / "embeddings.sqlite"

    def build(self, build_id: str) -> Path:
        return self.builds / build_id

    def current_name(self) -> str | None:
        """What index/CURRENT says, when it looks like a build id (None when missing or garbage)."""
        try:
            name = self.current.read_text(encoding="utf-8").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return name if _BUILD_ID.match(name) else None

    def current_build_id(self) -> str | None:
        """The active build, when CURRENT names a build folder with a manifest."""
        build_id = self.current_name()
        return build_id if build_id and (self.build(build_id) / MANIFEST).exists() else None

    def committed(self) -> list[str]:
        """Builds that have been switched on, newest first (the candidates for a fallback)."""
        try:
            lines = self.history.read_text(encoding="utf-8").split()
        except (FileNotFoundError, UnicodeDecodeError):
            return []
        return [line for line in lines if _BUILD_ID.match(line)]


class FileRecord(BaseModel):
    """Size and SHA-256 of one file of a build, as written."""

    size: int
    sha256: str


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
    corpus_digest: str = ""
    """`corpus_digest` of the corpus this build indexes, as it is once the build is switched on."""
    added: list[str] = []
    """Corpus files (paths under corpus/) this build writes there when it is switched on; kept under added/ until then."""
    files: dict[str, FileRecord] = {}
    """Every file of the build folder but the manifest and the Chroma store (builds of older versions have none)."""

    @property
    def embedded_on(self) -> str:
        """Device, and precision when this build embedded anything: "cpu bf16", "cuda fp16", "cpu"."""
        return f"{self.device} {self.precision}".strip()

    def write(self, build_dir: Path) -> None:
        (build_dir / MANIFEST).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def read(cls, build_dir: Path) -> BuildManifest:
        return cls.model_validate(json.loads((build_dir / MANIFEST).read_text(encoding="utf-8")))


def new_build_id(corpus_hash: str) -> str:
    return f"{datetime.now().strftime('%Y%m%dT%H%M%S%f')}-{corpus_hash[:8]}"


def chroma_client(settings: Settings, build_dir: Path):  # noqa: ANN201 (chromadb's ClientAPI)
    """An HttpClient when CHROMA_HOST is set, else a PersistentClient inside the build folder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.server_mode:
        return chromadb.HttpClient(host=settings.chroma_host or "localhost", port=settings.chroma_port, settings=chroma_settings)
    return chromadb.PersistentClient(path=str(build_dir / CHROMA_DIR), settings=chroma_settings)


def chromadb_version() -> str:
    from importlib.metadata import version

    return version("chromadb")
