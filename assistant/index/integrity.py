"""Check a build folder against its manifest: every file's size and checksum, the counts, the Chroma store.

The manifest records every file of the build folder (whatever a build writes there, now or later)
except itself and the embedded Chroma store, which Chroma rewrites when a reader opens it; the store
is checked by its SQLite header and, in a deep check, the collection (embedded or on a server) by its count.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from assistant.index.store import CHROMA_DIR, MANIFEST, BuildManifest, FileRecord, IndexPaths, chroma_client
from assistant.settings import Settings

SQLITE_MAGIC = b"SQLite format 3\x00"
_READ_SIZE = 1 << 20
SHOWN_PROBLEMS = 2


@dataclass
class BuildCheck:
    """What is wrong with one build (nothing when `ok`); `manifest` is None when it cannot be read."""

    build_id: str
    manifest: BuildManifest | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The problems on one line (the first few)."""
        more = len(self.problems) - SHOWN_PROBLEMS
        return "; ".join(self.problems[:SHOWN_PROBLEMS]) + (f"; {more} more" if more > 0 else "")


def file_records(build_dir: Path) -> dict[str, FileRecord]:
    """Size and SHA-256 of every file of a build folder but the manifest and the Chroma store."""
    return {
        path.relative_to(build_dir).as_posix(): FileRecord(size=path.stat().st_size, sha256=_sha256(path))
        for path in sorted(build_dir.rglob("*"))
        if path.is_file() and path.relative_to(build_dir).parts[0] not in (MANIFEST, CHROMA_DIR)
    }


def check_build(settings: Settings, paths: IndexPaths, build_id: str, *, deep: bool) -> BuildCheck:
    """Check one build: file sizes and counts always; checksums and the Chroma collection when `deep`."""
    check = BuildCheck(build_id)
    build_dir = paths.build(build_id)
    if not build_dir.is_dir():
        check.problems.append(f"build folder {build_dir} is missing")
        return check
    try:
        check.manifest = BuildManifest.read(build_dir)
    except FileNotFoundError:
        check.problems.append(f"{MANIFEST} is missing")
        return check
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError) as error:
        check.problems.append(f"{MANIFEST} is unreadable ({type(error).__name__})")
        return check
    manifest = check.manifest
    if not manifest.files:
        check.problems.append(f"{MANIFEST} records no checksums (a build of an older version)")
        return check
    for name, record in manifest.files.items():
        check.problems.extend(_file_problems(build_dir / name, name, record, deep=deep))
    if check.ok:
        check.problems.extend(_count_problems(build_dir, manifest))
    if manifest.mode == "embedded":
        check.problems.extend(_store_problems(build_dir))
    if deep and check.ok and manifest.mode == settings.chroma_mode:
        check.problems.extend(_collection_problems(settings, build_dir, manifest))
    return check


def _file_problems(path: Path, name: str, record: FileRecord, *, deep: bool) -> list[str]:
    if not path.is_file():
        return [f"{name} is missing"]
    size = path.stat().st_size
    if size != record.size:
        return [f"{name} has {size:,} bytes, the manifest says {record.size:,}"]
    if deep and _sha256(path) != record.sha256:
        return [f"{name} does not match its checksum"]
    return []


def _count_problems(build_dir: Path, manifest: BuildManifest) -> list[str]:
    problems = []
    chunks_path = build_dir / "chunks.jsonl"
    if chunks_path.exists():
        lines = chunks_path.read_bytes().count(b"\n")
        if lines != manifest.chunks:
            problems.append(f"chunks.jsonl has {lines} chunks, the manifest says {manifest.chunks}")
    sentences_path = build_dir / "sentences.npy"
    if sentences_path.exists():
        try:
            shape = np.load(sentences_path, mmap_mode="r").shape
        except (OSError, ValueError) as error:
            return [*problems, f"sentences.npy is unreadable ({type(error).__name__})"]
        if shape != (manifest.sentences, manifest.dimension):
            problems.append(f"sentences.npy holds {shape}, the manifest says {(manifest.sentences, manifest.dimension)}")
    return problems


def _store_problems(build_dir: Path) -> list[str]:
    """The embedded Chroma store's database must exist and be SQLite."""
    store = build_dir / CHROMA_DIR / "chroma.sqlite3"
    try:
        with store.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return [f"{CHROMA_DIR}/chroma.sqlite3 is missing"]
    return [] if header == SQLITE_MAGIC else [f"{CHROMA_DIR}/chroma.sqlite3 is not a SQLite database"]


def _collection_problems(settings: Settings, build_dir: Path, manifest: BuildManifest) -> list[str]:
    """The build's collection (embedded, or on the Chroma server) must hold every chunk."""
    from chromadb.errors import ChromaError

    try:
        count = chroma_client(settings, build_dir).get_collection(manifest.collection).count()
    except (ChromaError, ValueError) as error:
        return [f"the Chroma collection cannot be read ({type(error).__name__})"]
    return [] if count == manifest.chunks else [f"the Chroma collection holds {count} chunks, the manifest says {manifest.chunks}"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_READ_SIZE):
            digest.update(block)
    return digest.hexdigest()
