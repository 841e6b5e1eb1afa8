"""Ingest: chunks per second and peak memory, each case in a fresh process.

Cases: the brief with an empty embedding cache, the same corpus again (the up-to-date check), a
forced rebuild from the cache, and generated corpora: the brief's sentences recombined
(`--large`, sentences repeat, so many come from the cache) and sentences with a third of their
words swapped (`--novel`, every text is new: the steady-state embedding rate).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import BRIEF, ENV, ROOT, load, peak_rss_mb, recombined_markdown, run_child


def _child(tmp: str, paragraphs: int, force: bool, novel: bool) -> None:
    """Child: build the index under `tmp` (generating the corpus first when `paragraphs` > 0)."""
    from assistant.index.build import build_index
    from assistant.settings import isolated_settings

    settings = isolated_settings(Path(tmp))
    if paragraphs:
        (settings.corpus_dir / BRIEF.name).write_text(recombined_markdown(paragraphs, novel=novel), encoding="utf-8")
    started = time.perf_counter()
    result = build_index(settings, force=force)
    seconds = time.perf_counter() - started
    manifest = result.manifest
    print(
        json.dumps(
            {
                "chunks": manifest.chunks,
                "sentences": manifest.sentences,
                "embedded_texts": result.embedded,
                "up_to_date": result.up_to_date,
                "seconds": round(seconds, 2),
                "chunks_per_s": round(manifest.chunks / seconds, 1),
                "texts_embedded_per_s": round(result.embedded / seconds, 1) if result.embedded else None,
                "peak_rss_mb": peak_rss_mb(),
                "device": getattr(manifest, "embedded_on", manifest.device),
            }
        )
    )


def _case(name: str, tmp: str, paragraphs: int = 0, force: bool = False, novel: bool = False) -> dict:
    before = load()
    started = time.perf_counter()
    args = [tmp, str(paragraphs), "1" if force else "0", "1" if novel else "0"]
    row = json.loads(run_child("bench.ingest", "--child", *args, timeout=3600).strip().splitlines()[-1])
    row["process_wall_s"] = round(time.perf_counter() - started, 2)
    row["load_avg"] = before
    row["case"] = name
    return row


def _cli_unchanged(tmp: str) -> dict:
    """`python -m assistant ingest` on the unchanged corpus: the whole command, process start to exit."""
    env = {**ENV, "BRIEF_CORPUS_DIR": str(Path(tmp) / "corpus"), "BRIEF_INDEX_DIR": str(Path(tmp) / "index")}
    before = load()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "assistant", "ingest"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    wall = round(time.perf_counter() - started, 2)
    if done.returncode != 0:
        raise RuntimeError(f"assistant ingest failed: {done.stderr[-2000:]}")
    return {
        "case": "`python -m assistant ingest`, unchanged",
        "process_wall_s": wall,
        "seconds": wall,
        "chunks_per_s": None,
        "peak_rss_mb": None,
        "output": done.stderr.strip()[-300:],
        "load_avg": before,
    }


def measure(large_paragraphs: int = 0, novel_paragraphs: int = 0) -> dict:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(_case("brief, empty cache", tmp))
        rows.append(_case("brief, unchanged (re-ingest)", tmp))
        rows.append(_case("brief, forced rebuild, cache warm", tmp, force=True))
        rows.append(_cli_unchanged(tmp))
    if large_paragraphs:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(_case(f"generated corpus ({large_paragraphs} paragraphs), empty cache", tmp, large_paragraphs))
            rows.append(_case("generated corpus, unchanged (re-ingest)", tmp, large_paragraphs))
    if novel_paragraphs:
        with tempfile.TemporaryDirectory() as tmp:
            name = f"novel corpus ({novel_paragraphs} paragraphs, every text new), empty cache"
            rows.append(_case(name, tmp, novel_paragraphs, novel=True))
    return {"cases": rows}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--large", type=int, default=0, help="paragraphs of recombined brief sentences")
    parser.add_argument("--novel", type=int, default=0, help="paragraphs of novel sentences (every text embedded)")
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]), args.child[2] == "1", args.child[3] == "1")
    else:
        print(json.dumps(measure(args.large, args.novel), indent=2))
