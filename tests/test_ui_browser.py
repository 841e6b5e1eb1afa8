"""The real page in headless Debian Chromium: `streamlit run ui/app.py` on a free localhost port."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from assistant.settings import CHECKOUT, Settings
from assistant.testing.local_servers import ANSWER_TIMEOUT_MS, CHROMIUM, ask, browser_page, running_app
from ui.web import APP_SCRIPT

pytestmark = pytest.mark.browser

ARTIFACTS = CHECKOUT / "tests" / "artifacts"
README_SCREENSHOT = CHECKOUT / "docs" / "screenshot.png"
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def server(built_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run ui/app.py` over the session index, as `make run` starts it."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run `make browser-deps` (installs Debian's chromium)")
    work = tmp_path_factory.mktemp("ui-browser")
    settings = built_settings.model_copy(update={"feedback_db": work / "feedback.sqlite"})
    log = work / "streamlit.log"
    started = time.perf_counter()
    try:
        with running_app(APP_SCRIPT, settings, log) as url:
            TIMINGS["start_to_health_s"] = round(time.perf_counter() - started, 2)
            TIMINGS["_started"] = started
            yield url
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, ARTIFACTS / "streamlit.log")


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with browser_page(server) as page:
        TIMINGS["start_to_usable_page_s"] = round(time.perf_counter() - TIMINGS["_started"], 2)
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page


def test_answer_with_citation_cards_and_screenshot(page: object) -> None:
    started = ask(page, "Who drafted the 28-point peace plan?")
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
    expect(page.get_by_role("button", name="Markdown")).to_be_enabled(timeout=ANSWER_TIMEOUT_MS)  # type: ignore[attr-defined]
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
    ask(page, question)
    shown = page.locator(".ba-user", has_text="onerror").first  # type: ignore[attr-defined]
    shown.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert shown.inner_text().strip() == question
    page.locator(".ba-answer").nth(1).wait_for(timeout=ANSWER_TIMEOUT_MS)  # type: ignore[attr-defined]
    assert page.locator("img[src='x']").count() == 0  # type: ignore[attr-defined]
    assert page.locator(".ba-user script").count() == 0  # type: ignore[attr-defined]
    assert page.dialogs == []  # type: ignore[attr-defined]
