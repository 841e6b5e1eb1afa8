"""SQLite cache of embeddings keyed by model and text, so re-ingest embeds only new text."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import numpy as np

from assistant.index.store import IndexPaths


class EmbeddingCache:
    """Vectors stored as float32 blobs; used by the single index writer."""

    def __init__(self, path: Path, model: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vector BLOB, PRIMARY KEY (model, key))")
        self._db.execute("SELECT vector FROM vectors LIMIT 1").fetchall()
        self._model = model

    def get_many(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        keys = {_key(text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        items = list(keys)
        for offset in range(0, len(items), 500):
            batch = items[offset : offset + 500]
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})", [self._model, *batch])
            for key, blob in rows:
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, vectors: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(self._model, _key(text), np.asarray(vector, dtype=np.float32).tobytes()) for text, vector in vectors.items()],
            )

    def close(self) -> None:
        self._db.close()


def open_cache(path: Path, model: str, warn: Callable[[str], None]) -> EmbeddingCache:
    """The cache at `path`; one that SQLite cannot read is moved aside (it only saves time) and a
    new one started, with a warning."""
    try:
        return EmbeddingCache(path, model)
    except sqlite3.DatabaseError as error:
        aside = path.with_name(f"{path.name}.corrupt-{datetime.now().strftime('%Y%m%dT%H%M%S')}")
        path.replace(aside)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        warn(f"the embedding cache {path} was unreadable ({error}); moved it to {aside.name} and started a new one")
        return EmbeddingCache(path, model)


def seed_cache(index_dir: Path, source_index_dir: Path) -> None:
    """Start the index at `index_dir` with a copy of another index's embedding cache, so texts the
    other index embedded are not embedded again; nothing happens when that cache does not exist."""
    source = IndexPaths(source_index_dir).cache
    if source.exists():
        index_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, IndexPaths(index_dir).cache)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
