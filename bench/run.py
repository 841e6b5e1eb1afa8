"""Run the benchmarks: `python -m bench.run --quick` (under five minutes; `make bench`) or `--full`.

Writes bench/out/<mode>-<time>.json and prints a summary. Figures go into bench/RESULTS.md by
hand, with the load average recorded beside each (the host is shared).
"""

from __future__ import annotations

import argparse
import json
import time
import traceback
from collections.abc import Callable
from datetime import datetime

from bench import cold_start, concurrency, ingest, latency, scale, slack_load, ui_cold_start
from bench.common import OUT, load, machine

QUICK: dict[str, Callable[[], dict]] = {
    "cold_start": lambda: cold_start.measure(runs=3),
    "ui_cold_start": lambda: ui_cold_start.measure(runs=3),
    "latency": lambda: latency.measure(200),
    "ingest": lambda: ingest.measure(novel_paragraphs=300),
    "scale": lambda: scale.measure([1000, 10000], server=True, e2e=[1000]),
    "concurrency": lambda: concurrency.measure(8, 25),
    "slack_concurrency": lambda: slack_load.measure(8, 25),
}
FULL: dict[str, Callable[[], dict]] = {
    "cold_start": lambda: cold_start.measure(runs=5),
    "ui_cold_start": lambda: ui_cold_start.measure(runs=5),
    "latency": lambda: latency.measure(500),
    "ingest": lambda: ingest.measure(large_paragraphs=2000, novel_paragraphs=2000),
    "scale": lambda: scale.measure([1000, 10000, 100000], server=True, e2e=[10000, 100000]),
    "concurrency": lambda: concurrency.measure(8, 50),
    "slack_concurrency": lambda: slack_load.measure(8, 50),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="the quick set (default)")
    mode.add_argument("--full", action="store_true", help="everything, including 100k chunks and the generated corpus (tens of minutes)")
    parser.add_argument("--only", nargs="+", help="run only these benchmarks")
    args = parser.parse_args()
    plan = FULL if args.full else QUICK
    chosen = {k: v for k, v in plan.items() if not args.only or k in args.only}
    report: dict = {
        "mode": "full" if args.full else "quick",
        "started": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "results": {},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{report['mode']}-{datetime.now().strftime('%Y%m%dT%H%M%S')}.json"
    for name, bench in chosen.items():
        started = time.perf_counter()
        print(f"== {name} (load {load()})", flush=True)
        try:
            result = bench()
        except Exception as error:  # noqa: BLE001 - one failing benchmark is reported, the others still run
            result = {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()[-3000:]}
        result["bench_seconds"] = round(time.perf_counter() - started, 1)
        report["results"][name] = result
        path.write_text(json.dumps(report, indent=2))
        print(json.dumps(_short(name, result)), flush=True)
    print(f"wrote {path}")


def _short(name: str, result: dict) -> dict:
    """The headline figures of one benchmark."""
    if "error" in result:
        return {name: result["error"]}
    if name == "cold_start":
        return {"cli_wall_s": result["cli_wall_s"], "phases_median_s": result["phases_median_s"]}
    if name == "ui_cold_start":
        return {phase: (v["p50"], v["max"]) for phase, v in result["seconds"].items()}
    if name == "latency":
        return {k: (v["p50"], v["p95"]) for k, v in result["stages_ms"].items()}
    if name == "ingest":
        return {c["case"]: {"s": c["seconds"], "chunks/s": c["chunks_per_s"], "rss": c["peak_rss_mb"]} for c in result["cases"]}
    if name == "scale":
        rows = result["embedded"] + result.get("server", [])
        short = {f"{r['mode'][:8]} {r['chunks']}": (r["query_ms"]["p50"], r["query_ms"]["p95"]) for r in rows}
        short.update({f"e2e {r['chunks']}": (r["stages_ms"]["total"]["p50"], r["stages_ms"]["total"]["p95"]) for r in result["end_to_end"]})
        return short
    if name == "concurrency":
        return {"qps": result["throughput_qps"], "p95_ms": result["latency_ms"]["p95"], "errors": result["errors"]}
    if name == "slack_concurrency":
        return {
            "answers/s": result["throughput_aps"],
            "ack_p95_ms": result["ack_ms"]["p95"],
            "answer_p95_ms": result["answer_ms"]["p95"],
            "errors": result["errors"],
        }
    return result


if __name__ == "__main__":
    main()
