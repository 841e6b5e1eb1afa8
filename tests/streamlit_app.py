"""The chat UI as `make run` serves it: `streamlit run ui/app.py` on a free 127.0.0.1 port, and the
headless Debian Chromium that drives it. Shared by the browser tests and the UI cold-start benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.settings import PROJECT_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]  # fmt: skip
START_TIMEOUT_S = 120
ANSWER_TIMEOUT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(settings: Settings, log: Path) -> Iterator[str]:
    """Serve the chat UI over `settings`' corpus and index; yields its URL once /_stcore/health answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "CHROMA_"))}
    env.update({"BRIEF_INDEX_DIR": str(settings.index_dir), "BRIEF_CORPUS_DIR": str(settings.corpus_dir),
                "BRIEF_FEEDBACK_DB": str(settings.feedback_db), "BRIEF_LLM": "extractive", "HF_HUB_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False"})  # fmt: skip
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--browser.gatherUsageStats", "false"]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def browser_page(url: str) -> Iterator[Any]:
    """A Playwright page in headless /usr/bin/chromium, opened on `url` and ready for a question."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(url)
            page.get_by_test_id("stChatInputTextArea").wait_for(timeout=ANSWER_TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def ask(page: Any, question: str) -> float:
    """Type `question` into the chat box and send it; the perf_counter time it was sent."""
    started = time.perf_counter()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    return started
