"""Cold start of the chat UI: `streamlit run ui/web/app.py` to the first answer in headless Chromium.

Each run starts a fresh Streamlit process over an index built beforehand (as after the first
`make run`) and a fresh browser; phases: process start to /_stcore/health, to a usable page (the
Assistant loaded and the chat box shown), and the first question to its first citation card.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from assistant.testing.local_servers import ANSWER_TIMEOUT_MS, CHROMIUM, ask, browser_page, running_app
from bench.common import brief_index, load, summary
from ui.web import APP_SCRIPT

QUESTION = "Who drafted the 28-point peace plan?"


def measure(runs: int = 3) -> dict:

    if not CHROMIUM.exists():
        raise RuntimeError("no /usr/bin/chromium: run `make browser-deps`")
    phases: dict[str, list[float]] = {"start_to_health_s": [], "start_to_usable_page_s": [], "question_to_answer_s": [],
                                      "start_to_first_answer_s": []}  # fmt: skip
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        settings = brief_index(Path(tmp))
        for run in range(runs):
            started = time.perf_counter()
            with running_app(APP_SCRIPT, settings, Path(tmp) / f"streamlit-{run}.log") as url:
                phases["start_to_health_s"].append(time.perf_counter() - started)
                with browser_page(url) as page:
                    phases["start_to_usable_page_s"].append(time.perf_counter() - started)
                    asked = ask(page, QUESTION)
                    page.locator(".ba-card").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
                    answered = time.perf_counter()
                    phases["question_to_answer_s"].append(answered - asked)
                    phases["start_to_first_answer_s"].append(answered - started)
    return {
        "runs": runs,
        "seconds": {name: summary(values) for name, values in phases.items()},
        "load_avg_before": before,
        "load_avg_after": load(),
        "note": "browser launch is inside start_to_usable_page_s; the index exists (first `make run` builds it once)",
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
