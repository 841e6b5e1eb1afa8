"""Concurrency: 8 threads asking one Assistant at once; throughput, p95, errors."""

from __future__ import annotations

import json
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import brief_index, load, questions, summary


def measure(threads: int = 8, per_thread: int = 25) -> dict:
    from assistant.facade import Assistant

    with tempfile.TemporaryDirectory() as tmp:
        settings = brief_index(Path(tmp))
        assistant = Assistant(settings)
        assistant.ask("warm-up question about sanctions")
        asked = questions(threads * per_thread, seed=5)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def worker(n: int) -> None:
            conversation = assistant.new_conversation()
            for question in asked[n::threads]:
                started = time.perf_counter()
                try:
                    answer = assistant.ask(question, conversation if n % 2 else None)
                    assert answer.text
                except Exception as error:  # noqa: BLE001 - counted and reported: the benchmark checks there are none
                    with lock:
                        errors.append(f"{type(error).__name__}: {error}")
                    continue
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)

        before = load()
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(worker, range(threads)))
        seconds = time.perf_counter() - started
    return {
        "threads": threads,
        "questions": len(asked),
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(seconds, 2),
        "throughput_qps": round(len(latencies) / seconds, 1),
        "latency_ms": summary(latencies),
        "load_avg_before": before,
        "load_avg_after": load(),
        "note": "odd-numbered threads keep one conversation (follow-up rewriting), even ones ask standalone questions",
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
