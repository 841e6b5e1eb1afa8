"""Scale: Chroma query latency at 1k/10k/100k chunks, embedded and server, and index memory;
and the whole Assistant over a generated corpus of N chunks.

Chroma figures use synthetic unit vectors (384 dimensions, like MiniLM). The end-to-end figure
seeds the embedding cache with synthetic vectors for every chunk and sentence, so `build_index`
builds a real index of N chunks without embedding; questions are embedded by the real model.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.testing.local_servers import running_chroma
from bench.common import BRIEF, load, recombined_markdown, summary

DIM = 384
QUERIES = 200


def _rss_mb(pid: str | int = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _du_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _fill_and_query(client, n: int, rng: np.random.Generator) -> dict:  # noqa: ANN001 (chromadb ClientAPI)
    collection = client.create_collection(f"bench-{n}", embedding_function=None, metadata={"hnsw:space": "cosine"})
    vectors = _unit(rng, n)
    started = time.perf_counter()
    for offset in range(0, n, 2000):
        part = range(offset, min(n, offset + 2000))
        collection.add(
            ids=[f"c{i}" for i in part],
            embeddings=vectors[offset : offset + len(part)],
            documents=[f"chunk {i} text" for i in part],
            metadatas=[{"document": "d", "section": f"s{i % 50}"} for i in part],
        )
    add_s = time.perf_counter() - started
    queries = _unit(rng, QUERIES)
    collection.query(query_embeddings=queries[:1], n_results=20)
    plain, filtered = [], []
    for q in queries:
        started = time.perf_counter()
        collection.query(query_embeddings=[q], n_results=20, include=["documents", "metadatas", "distances"])
        plain.append((time.perf_counter() - started) * 1000)
    for q in queries[:50]:
        started = time.perf_counter()
        collection.query(query_embeddings=[q], n_results=20, where={"section": "s7"}, include=["documents", "metadatas", "distances"])
        filtered.append((time.perf_counter() - started) * 1000)
    return {"chunks": n, "add_s": round(add_s, 2), "query_ms": summary(plain), "query_filtered_ms": summary(filtered)}


def chroma_embedded(sizes: list[int]) -> list[dict]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            before_load, rss_before = load(), _rss_mb()
            client = chromadb.PersistentClient(path=tmp, settings=ChromaSettings(anonymized_telemetry=False))
            row = _fill_and_query(client, n, np.random.default_rng(n))
            row.update(
                mode="embedded PersistentClient",
                rss_growth_mb=round(_rss_mb() - rss_before, 1),
                disk_mb=_du_mb(Path(tmp)),
                load_avg=before_load,
            )
            rows.append(row)
            del client
    return rows


def chroma_server(sizes: list[int]) -> list[dict]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp, running_chroma(Path(tmp)) as (port, server):
            client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))
            before_load, rss_before = load(), _rss_mb(server.pid)
            row = _fill_and_query(client, n, np.random.default_rng(n))
            row.update(
                mode="chroma run (HTTP, 127.0.0.1)",
                server_rss_mb=_rss_mb(server.pid),
                server_rss_growth_mb=round(_rss_mb(server.pid) - rss_before, 1),
                disk_mb=_du_mb(Path(tmp)),
                load_avg=before_load,
            )
            rows.append(row)
    return rows


def end_to_end(chunks: int, count: int = 200) -> dict:
    """The Assistant over a generated corpus of about `chunks` chunks (one sentence per chunk)."""
    from assistant.corpus.library import load_corpus
    from assistant.facade import Assistant
    from assistant.index.build import build_index
    from assistant.index.cache import EmbeddingCache
    from assistant.index.chunking import chunk_document
    from assistant.index.embeddings import resolve_model
    from assistant.index.store import IndexPaths
    from assistant.settings import isolated_settings
    from bench.latency import measure_assistant

    with tempfile.TemporaryDirectory() as tmp:
        settings = isolated_settings(Path(tmp))
        # one sentence per paragraph, so chunk text == sentence text and the cache holds one vector per chunk
        text = re.sub(r"(?<=\w)[.!?](?=\s)", ";", recombined_markdown(chunks, sentences_per_paragraph=4))
        (settings.corpus_dir / BRIEF.name).write_text(text, encoding="utf-8")
        started = time.perf_counter()
        pieces = [c for d in load_corpus(settings) for c in chunk_document(d, settings.chunk_words)]
        texts = list(dict.fromkeys([c.text for c in pieces] + [c.text[s:e] for c in pieces for s, e in c.sentences]))
        cache = EmbeddingCache(IndexPaths(settings.index_dir).cache, resolve_model(settings))
        rng = np.random.default_rng(0)
        for offset in range(0, len(texts), 5000):
            part = texts[offset : offset + 5000]
            cache.put_many(dict(zip(part, _unit(rng, len(part)))))
        cache.close()
        build_index(settings)
        build_s = time.perf_counter() - started
        rss_before = _rss_mb()
        started = time.perf_counter()
        assistant = Assistant(settings)
        open_s = time.perf_counter() - started
        result = measure_assistant(assistant, count)
        result.update(
            chunks=assistant.index.manifest.chunks,
            build_s=round(build_s, 1),
            open_s=round(open_s, 2),
            open_rss_growth_mb=round(_rss_mb() - rss_before, 1),
        )
    return result


def measure(sizes: list[int], server: bool = True, e2e: list[int] | None = None) -> dict:
    result: dict = {"embedded": chroma_embedded(sizes)}
    if server:
        result["server"] = chroma_server(sizes)
    result["end_to_end"] = [end_to_end(n) for n in e2e or []]
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--e2e", type=int, nargs="*", default=[])
    args = parser.parse_args()
    print(json.dumps(measure(args.sizes, not args.no_server, args.e2e), indent=2))
