"""Local servers the tests and benchmarks start on free 127.0.0.1 ports — the chat UI as `make run`
serves it and a `chroma run` server — and the headless Debian Chromium that drives the UI."""

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

from assistant.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]  # fmt: skip
START_TIMEOUT_S = 120
ANSWER_TIMEOUT_MS = 120_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(command: list[str], health_url: str, log: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` (output to `log`) until the block ends; enters once `health_url` answers 200."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=log.parent, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(health_url):
            if process.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {process.returncode}" if process.poll() is not None else f"did not answer within {START_TIMEOUT_S} s"
                raise RuntimeError(f"{Path(command[0]).name} {command[1]} {state}:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextmanager
def running_app(app_script: Path, settings: Settings, log: Path) -> Iterator[str]:
    """Serve the Streamlit script `app_script` over `settings`' corpus and index; yields its URL once it is healthy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "CHROMA_"))}
    env.update({"BRIEF_INDEX_DIR": str(settings.index_dir), "BRIEF_CORPUS_DIR": str(settings.corpus_dir),
                "BRIEF_FEEDBACK_DB": str(settings.feedback_db), "BRIEF_LLM": "extractive", "HF_HUB_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False"})  # fmt: skip
    url = f"http://127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "streamlit", "run", str(app_script), "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", url.rsplit(":", 1)[1], "--browser.gatherUsageStats", "false"]  # fmt: skip
    with serving(command, f"{url}/_stcore/health", log, env):
        yield url


@contextmanager
def running_chroma(data: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """A real `chroma run` storing under `data`; yields its port and process once its heartbeat answers."""
    port = free_port()
    chroma = str(Path(sys.executable).parent / "chroma")
    command = [chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data / "db")]
    data.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with serving(command, f"http://127.0.0.1:{port}/api/v2/heartbeat", data / "server.log", env) as process:
        yield port, process


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
