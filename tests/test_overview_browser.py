"""The "At a glance" view in the real page (headless Debian Chromium): hover quotes on the timeline, "Show
in the brief" and "Ask about this"; takes the README picture of the view (docs/overview.png)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from assistant.settings import CHECKOUT, Settings
from assistant.testing.local_servers import ANSWER_TIMEOUT_MS, CHROMIUM, browser_page, running_app
from ui.web import APP_SCRIPT, messages

pytestmark = pytest.mark.browser

ARTIFACTS = CHECKOUT / "tests" / "artifacts"
README_SCREENSHOT = CHECKOUT / "docs" / "overview.png"


@pytest.fixture(scope="module")
def page(built_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run `make browser-deps` (installs Debian's chromium)")
    work = tmp_path_factory.mktemp("overview-browser")
    settings = built_settings.model_copy(update={"feedback_db": work / "feedback.sqlite"})
    with running_app(APP_SCRIPT, settings, work / "streamlit.log") as url, browser_page(url) as page:
        yield page


def _open_glance(page: Any, tab: str) -> None:
    """Switch to the view, then to its `tab` once the page has settled (a rerun re-mounts the tabs)."""
    page.get_by_test_id("stButtonGroup").get_by_text(messages.GLANCE_VIEW, exact=True).click()
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    tab_button = page.get_by_role("tab", name=tab)
    for _ in range(20):
        tab_button.click()
        page.wait_for_timeout(250)
        if tab_button.get_attribute("aria-selected") == "true":
            return
    raise AssertionError(f"the {tab} tab did not open")


def test_timeline_hover_shows_the_quote_and_show_in_the_brief_highlights_it(page: Any) -> None:
    _open_glance(page, messages.GLANCE_TIMELINE)
    points = page.locator('.mark-symbol path[role="graphics-symbol"]')  # the events, not the legend
    points.first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert points.count() >= 10
    points.last.hover()  # the latest event: the midterm vote, alone on its row
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert "November 2026" in tooltip.inner_text() and "midterm election campaign" in tooltip.inner_text()
    assert messages.GLANCE_FUTURE in tooltip.inner_text()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "overview-timeline.png"
    page.screenshot(path=str(shot))
    if os.environ.get("UPDATE_README_SCREENSHOT") == "1":
        shutil.copy(shot, README_SCREENSHOT)

    page.get_by_role("button", name=messages.OPEN_IN_BRIEF).first.click()
    highlighted = page.locator(".ba-focus mark").first
    highlighted.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert highlighted.inner_text().startswith("Washington reopened channels of communication with Moscow")


def test_ask_about_an_actor_answers_in_the_chat(page: Any) -> None:
    _open_glance(page, messages.GLANCE_ACTORS)
    page.get_by_role("button", name=messages.ASK_ABOUT_THIS).first.click()
    answer = page.locator(".ba-answer").first
    answer.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "Russia" in page.locator(".ba-user").first.inner_text()
    assert "[1]" in answer.inner_text()
    page.screenshot(path=str(ARTIFACTS / "overview-ask.png"))
