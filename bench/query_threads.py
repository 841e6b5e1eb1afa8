"""Question embedding with the default model: one or two torch threads, one or two processes at once.

    python -m bench.query_threads        (prints p50 / p95 ms per process for each combination)

Each child process loads the model, embeds one warm-up question, then 60 different questions, and reports
its p50 and p95; children of one combination run at the same time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.common import percentile, questions


def child(threads: int, count: int = 60) -> list[float]:
    """p50 and p95 of `count` different question embeddings (none from the embedder's cache of recent texts)
    with `threads` torch threads."""
    import torch

    from assistant.index.embeddings import get_embeddings
    from assistant.settings import Settings

    embeddings = get_embeddings(Settings())
    torch.set_num_threads(threads)  # after loading: the query embedder sets one thread
    embeddings.embed_query("warm-up")
    times = []
    for question in questions(count):
        started = time.perf_counter()
        embeddings.embed_query(question)
        times.append((time.perf_counter() - started) * 1000)
    return [percentile(times, 50), percentile(times, 95)]


def main() -> None:
    for threads in (1, 2):
        for processes in (1, 2):
            command = [sys.executable, "-m", "bench.query_threads", "--child", str(threads)]
            running = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(processes)]
            results = [json.loads(p.communicate()[0]) for p in running]
            shown = ", ".join(f"{p50:.1f} / {p95:.1f}" for p50, p95 in results)
            print(f"{threads} thread(s), {processes} process(es) at once: p50 / p95 ms {shown}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]))))
    else:
        main()
