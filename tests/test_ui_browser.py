"""The real page in headless Debian Chromium: `streamlit run ui/app.py` on a free localhost port."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
README_SCREENSHOT = PROJECT_ROOT / "docs" / "screenshot.png"
START_TIMEOUT_S = 120
ANSWER_TIMEOUT_MS = 120_000
TIMINGS: dict[str, float] = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"streamlit did not answer /_stcore/health within {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def server(built_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run ui/app.py` over the session index, as `make run` starts it."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run `make browser-deps` (installs Debian's chromium)")
    work = tmp_path_factory.mktemp("ui-browser")
    env = {
        **os.environ,
        "BRIEF_INDEX_DIR": str(built_settings.index_dir),
        "BRIEF_CORPUS_DIR": str(built_settings.corpus_dir),
        "BRIEF_FEEDBACK_DB": str(work / "feedback.sqlite"),
        "BRIEF_LLM": "extractive",
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    env.pop("CHROMA_HOST", None)
    env.pop("BRIEF_CHROMA_HOST", None)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = work / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--browser.gatherUsageStats", "false"]  # fmt: skip
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, log)
        TIMINGS["start_to_health_s"] = round(time.perf_counter() - started, 2)
        TIMINGS["_started"] = started
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, ARTIFACTS / "streamlit.log")


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
        page.goto(server)
        page.get_by_test_id("stChatInputTextArea").wait_for(timeout=ANSWER_TIMEOUT_MS)
        TIMINGS["start_to_usable_page_s"] = round(time.perf_counter() - TIMINGS["_started"], 2)
        yield page
        browser.close()


def _ask(page: object, question: str) -> float:
    started = time.perf_counter()
    box = page.get_by_test_id("stChatInputTextArea")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")
    return started


def test_answer_with_citation_cards_and_screenshot(page: object) -> None:
    started = _ask(page, "Who drafted the 28-point peace plan?")
    card = page.locator(".ba-card").first  # type: ignore[attr-defined]
    card.wait_for(timeout=ANSWER_TIMEOUT_MS)
    TIMINGS["question_to_answer_s"] = round(time.perf_counter() - started, 2)
    TIMINGS["start_to_first_answer_s"] = round(time.perf_counter() - TIMINGS["_started"], 2)

    answer = page.locator(".ba-answer").first  # type: ignore[attr-defined]
    assert "28-point peace plan" in answer.inner_text()
    assert "[1]" in answer.inner_text()
    assert "Inconsistency and volatility" in card.inner_text()
    assert card.locator("mark").count() == 1
    page.get_by_role("button", name="Send feedback").first.wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Markdown").is_enabled()  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # let the last deltas settle before the picture

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "answer.png"
    page.screenshot(path=str(shot))  # type: ignore[attr-defined]
    if os.environ.get("UPDATE_README_SCREENSHOT") == "1":
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, README_SCREENSHOT)

    page.get_by_role("button", name="Show in the brief").first.click()  # type: ignore[attr-defined]
    highlighted = page.locator(".ba-focus mark").first  # type: ignore[attr-defined]
    highlighted.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert highlighted.inner_text().startswith("However, the stick was soon replaced by the carrot")
    page.screenshot(path=str(ARTIFACTS / "reader.png"))  # type: ignore[attr-defined]
    page.locator("button").filter(has_text=re.compile(r"^\s*Chat\s*$")).first.click()  # type: ignore[attr-defined]
    page.get_by_test_id("stChatInputTextArea").wait_for()  # type: ignore[attr-defined]

    public = {k: v for k, v in TIMINGS.items() if not k.startswith("_")}
    (ARTIFACTS / "timings.json").write_text(json.dumps(public, indent=2), encoding="utf-8")
    print("ui timings:", public)


def test_markup_in_a_question_is_shown_as_text(page: object) -> None:
    question = "<img src=x onerror=alert(1)> <script>alert(2)</script> who drafted the plan?"
    _ask(page, question)
    shown = page.locator(".ba-user", has_text="onerror").first  # type: ignore[attr-defined]
    shown.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert shown.inner_text().strip() == question
    page.locator(".ba-answer").nth(1).wait_for(timeout=ANSWER_TIMEOUT_MS)  # type: ignore[attr-defined]
    assert page.locator("img[src='x']").count() == 0  # type: ignore[attr-defined]
    assert page.locator(".ba-user script").count() == 0  # type: ignore[attr-defined]
    assert page.dialogs == []  # type: ignore[attr-defined]
