"""The "At a glance" view in AppTest over the session's index of the brief: actors table with a group
filter, the timeline chart, the scenarios comparison; "Ask about this" starts a chat turn and "Show in the
brief" opens the reader on the passage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import Settings
from tests.test_ui_app import APP, TIMEOUT, _point_env
from ui.web import messages


@pytest.fixture
def glance(built_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    _point_env(monkeypatch, built_settings, tmp_path / "feedback.sqlite")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.segmented_control(key="view").set_value(messages.GLANCE_VIEW).run()
    assert not at.exception, at.exception
    return at


def test_actors_table_filters_by_group(glance: AppTest) -> None:
    actors = glance.dataframe[0].value
    names = set(actors[messages.COL_NAME])
    assert {"Steve Witkoff", "Vladimir Putin", "Volodymyr Zelensky", "Lindsey Graham", "Rosneft"} <= names
    witkoff = actors[actors[messages.COL_NAME] == "Steve Witkoff"].iloc[0]
    assert "special envoy for peace missions" in witkoff[messages.COL_ROLE]
    group = witkoff[messages.COL_GROUP]

    glance.pills(key="glance-groups").set_value([group]).run()
    filtered = glance.dataframe[0].value
    assert set(filtered[messages.COL_GROUP]) == {group}
    assert {"Steve Witkoff", "Jared Kushner"} <= set(filtered[messages.COL_NAME])
    assert "Vladimir Putin" not in set(filtered[messages.COL_NAME])


def _cards(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.html if 'class="ba-card"' in element.proto.body]


def _pick(at: AppTest, key: str, label: str) -> AppTest:
    picker = at.selectbox(key=key)
    picker.select_index(picker.options.index(label)).run()
    assert not at.exception, at.exception
    return at


def test_actor_card_quotes_and_ask_about_this_starts_a_chat_turn(glance: AppTest) -> None:
    _pick(glance, "glance-actor", "Steve Witkoff")
    assert any("<mark>One particularly notable figure is Steve Witkoff" in body for body in _cards(glance))

    glance.button(key="glance-ask-actor-steve-witkoff").click().run()
    assert not glance.exception, glance.exception
    assert glance.session_state.view == messages.CHAT_VIEW
    turn = glance.session_state.turns[-1]
    assert turn.question == messages.ASK_ACTOR.format(name="Steve Witkoff")
    assert turn.answer is not None and not turn.answer.declined
    assert any("Witkoff" in citation.quote for citation in turn.answer.citations)


def test_timeline_chart_has_every_event_with_hover_quotes(glance: AppTest) -> None:
    charts = glance.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    tooltip = [field["field"] for field in spec["encoding"]["tooltip"]]
    assert messages.COL_QUOTE in tooltip and messages.COL_DATE in tooltip
    events = glance.selectbox(key="glance-event").options
    dates = [label.split(" · ")[0] for label in events]
    assert len(events) >= 10 and dates == sorted(dates)
    assert any("late February" in label for label in events) and any("scheduled" in label for label in events)


def test_show_in_the_brief_opens_the_reader_on_the_event(glance: AppTest) -> None:
    label = next(option for option in glance.selectbox(key="glance-event").options if option.endswith("22 October"))
    _pick(glance, "glance-event", label)
    glance.button(key=next(b.key for b in glance.button if b.key and b.key.startswith("glance-open-event-"))).click().run()
    assert not glance.exception, glance.exception
    assert glance.session_state.view == messages.READER_VIEW
    focused = [element.proto.body for element in glance.html if "ba-focus" in element.proto.body]
    assert focused and "<mark>A new phase of activity began on 22 October" in focused[0]


def test_scenarios_side_by_side(glance: AppTest) -> None:
    table = next(element.proto.body for element in glance.html if 'class="ba-compare"' in element.proto.body)
    header = re.findall(r"<th>([^<]*)</th>", table.split("</thead>")[0])
    assert header == ["", "Most optimistic scenario", "Relatively neutral scenario", "Negative scenario"]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"<tr><th>([^<]*)</th>(.*?)</tr>", table.split("<tbody>")[1])}
    assert {messages.GLANCE_CONDITIONS, "Ukraine", "Lindsey Graham"} <= set(rows)
    conditions = re.findall(r"<td>(.*?)</td>", rows[messages.GLANCE_CONDITIONS])
    assert "includes security guarantees for Ukraine" in conditions[0] and "Should Russia decide" in conditions[2]
    assert "&#x27;hawkish&#x27;" in rows["Lindsey Graham"], "corpus text is escaped"
    _pick(glance, "glance-scenario", "Negative scenario")
    glance.button(key="glance-ask-scenario-2").click().run()
    assert glance.session_state.turns[-1].question == messages.ASK_SCENARIO.format(name="negative scenario")
