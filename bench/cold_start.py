"""Cold start: process start to first answer for `python -m assistant ask`, split by phase.

Each run is a fresh process. `cli` is the real command, timed from outside; `phases` repeats
what the command does with a clock between the steps (the child mode of this module).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ENV, ROOT, brief_index, load, summary

QUESTION = "What does the brief say about sanctions?"


def _phases(index_root: str) -> None:
    """Child: the steps of `assistant ask`, timed (prints one JSON line)."""
    started = time.perf_counter()
    import assistant.cli  # noqa: F401 - the command line module, as `python -m assistant` imports it
    from assistant.facade import Assistant
    from assistant.index.build import build_index
    from assistant.index.embeddings import get_embeddings
    from assistant.settings import isolated_settings

    imported = time.perf_counter()
    settings = isolated_settings(Path(index_root))
    build_index(settings)  # the up-to-date check `ask` does first
    checked = time.perf_counter()
    get_embeddings(settings)
    model = time.perf_counter()
    assistant = Assistant(settings)
    opened = time.perf_counter()
    answer = assistant.ask(QUESTION)
    answered = time.perf_counter()
    modules = sys.modules
    print(
        json.dumps(
            {
                "imports_s": imported - started,
                "up_to_date_check_s": checked - imported,
                "model_load_s": model - checked,
                "index_open_s": opened - model,
                "first_query_s": answered - opened,
                "total_in_process_s": answered - started,
                "answer_declined": answer.declined,
                "torch_imported": "torch" in modules,
                "sentence_transformers_imported": "sentence_transformers" in modules,
            }
        )
    )


def measure(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        settings = brief_index(Path(tmp))
        env = {**ENV, "BRIEF_CORPUS_DIR": str(settings.corpus_dir), "BRIEF_INDEX_DIR": str(settings.index_dir), "BRIEF_LLM": "extractive"}
        cli, phases, loads = [], [], []
        for _ in range(runs):
            loads.append(load())
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "assistant", "ask", QUESTION], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
            )
            cli.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise RuntimeError(f"assistant ask failed: {done.stderr[-2000:]}")
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", f"from bench.cold_start import _phases; _phases({tmp!r})"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            wall = time.perf_counter() - started
            if out.returncode != 0:
                raise RuntimeError(f"phases child failed: {out.stderr[-2000:]}")
            row = json.loads(out.stdout.strip().splitlines()[-1])
            row["interpreter_start_s"] = wall - row["total_in_process_s"]
            row["wall_s"] = wall
            phases.append(row)
    keys = ["interpreter_start_s", "imports_s", "up_to_date_check_s", "model_load_s", "index_open_s", "first_query_s", "wall_s"]
    return {
        "command": f"python -m assistant ask {QUESTION!r}",
        "cli_wall_s": summary(cli),
        "phases_median_s": {k: round(sorted(r[k] for r in phases)[len(phases) // 2], 3) for k in keys},
        "torch_imported": phases[-1]["torch_imported"],
        "sentence_transformers_imported": phases[-1]["sentence_transformers_imported"],
        "load_avg": loads,
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
