"""The "At a glance" view: the corpus' actors, timeline and scenarios from `Assistant.overview()`, every
item with its cited passages, "Ask about this" (a chat turn about it) and "Show in the brief"."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from assistant.index.overview import Actor, Overview, Scenario, TimelineEvent
from assistant.types import Citation
from ui.web import markup, messages
from ui.web.components import show_in_reader

QUOTE_CHARS = 240
"""Longest quote shown in a table cell or a tooltip (the cards show it whole)."""


def view(overview: Overview) -> None:
    actors, timeline, scenarios = st.tabs([messages.GLANCE_ACTORS, messages.GLANCE_TIMELINE, messages.GLANCE_SCENARIOS])
    with actors:
        _actors(overview)
    with timeline:
        _timeline(overview)
    with scenarios:
        _scenarios(overview)


# -- actors ---------------------------------------------------------------------------------------
def _actors(overview: Overview) -> None:
    if not overview.actors:
        st.info(messages.GLANCE_EMPTY)
        return
    groups = overview.groups()
    chosen = st.pills(messages.GLANCE_GROUP_FILTER, groups, selection_mode="multi", format_func=_group_label, key="glance-groups")
    shown = [a for a in overview.actors if not chosen or a.group in chosen]
    table = pd.DataFrame(
        {
            messages.COL_NAME: [a.name for a in shown],
            messages.COL_GROUP: [_group_label(a.group) for a in shown],
            messages.COL_ROLE: [a.role for a in shown],
            messages.COL_MENTIONS: [a.mentions for a in shown],
            messages.COL_ALIASES: [", ".join(a.aliases) for a in shown],
            messages.COL_QUOTE: [_short(a.citations[0].quote) if a.citations else "" for a in shown],
        }
    )
    wide = {messages.COL_ROLE: st.column_config.TextColumn(width="medium"), messages.COL_QUOTE: st.column_config.TextColumn(width="large")}
    st.dataframe(table, hide_index=True, width="stretch", column_config=wide, key="glance-actors-table")
    actor = st.selectbox(messages.GLANCE_PICK_ACTOR, shown, format_func=lambda a: a.name, key="glance-actor")
    if actor is not None:
        _actor_detail(actor)


def _actor_detail(actor: Actor) -> None:
    facts = [actor.role, messages.GLANCE_MENTIONED.format(count=actor.mentions, sections=", ".join(actor.sections))]
    st.markdown(f"**{markup.esc(actor.name)}** · " + " · ".join(markup.esc(f) for f in facts if f))
    _ask_button(messages.ASK_ACTOR.format(name=actor.name), f"actor-{actor.id}")
    _citations(actor.citations, f"actor-{actor.id}")


# -- timeline -------------------------------------------------------------------------------------
def _timeline(overview: Overview) -> None:
    if not overview.timeline:
        st.info(messages.GLANCE_EMPTY)
        return
    events = overview.timeline
    frame = pd.DataFrame(
        {
            "when": [e.sort_date for e in events],
            messages.COL_DATE: [e.label for e in events],
            messages.COL_PHASE: [e.phase for e in events],
            messages.COL_STATUS: [messages.GLANCE_FUTURE if e.future else messages.GLANCE_PAST for e in events],
            messages.COL_QUOTE: [_short(e.event) for e in events],
            "slot": _slots(events),
        }
    )
    phases = overview.phases()
    chart = (
        alt.Chart(frame)
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=alt.X("when:T", title=None),
            y=alt.Y(f"{messages.COL_PHASE}:N", sort=phases, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("slot:N"),
            color=alt.Color(f"{messages.COL_STATUS}:N", legend=alt.Legend(title=None, orient="top")),
            tooltip=[messages.COL_DATE, messages.COL_PHASE, messages.COL_STATUS, messages.COL_QUOTE],
        )
        .properties(height=60 + 36 * len(phases), usermeta={"embedOptions": {"renderer": "svg"}})
    )
    st.altair_chart(chart, width="stretch")
    event = st.selectbox(messages.GLANCE_PICK_EVENT, events, format_func=_event_label, key="glance-event")
    if event is not None:
        st.markdown(f"**{markup.esc(_event_label(event))}** · {markup.esc(event.phase)}")
        _ask_button(messages.ASK_EVENT.format(label=event.label, date=event.date), f"event-{events.index(event)}")
        _citations(event.citations, f"event-{events.index(event)}")


def _slots(events: Sequence[TimelineEvent]) -> list[int]:
    """0, 1, … for events of one phase on one day, so that they sit side by side, not on top of each other."""
    seen: dict[tuple[str, str], int] = {}
    slots = []
    for event in events:
        key = (event.phase, event.sort_date)
        slots.append(seen.get(key, 0))
        seen[key] = slots[-1] + 1
    return slots


def _event_label(event: TimelineEvent) -> str:
    suffix = f" ({messages.GLANCE_FUTURE})" if event.future else ""
    return f"{event.date} · {event.label}{suffix}"


# -- scenarios ------------------------------------------------------------------------------------
def _scenarios(overview: Overview) -> None:
    if not overview.scenarios:
        st.info(messages.GLANCE_EMPTY)
        return
    st.html(_comparison(overview.scenarios))
    scenario = st.selectbox(messages.GLANCE_PICK_SCENARIO, overview.scenarios, format_func=lambda s: s.name, key="glance-scenario")
    if scenario is None:
        return
    key = f"scenario-{overview.scenarios.index(scenario)}"
    _ask_button(messages.ASK_SCENARIO.format(name=scenario.name.lower()), key)
    for number, point in enumerate(scenario.points):
        st.markdown(f"**{messages.POINT_KINDS[point.kind]}** · {markup.esc(', '.join(point.actors))}")
        _citations(point.citations, f"{key}-{number}")


COMPARISON_CSS = """<style>
.ba-compare { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.ba-compare th, .ba-compare td { border: 1px solid rgba(128,128,128,0.35); padding: 0.4rem 0.55rem; vertical-align: top; text-align: left; }
.ba-compare td p { margin: 0 0 0.4rem 0; line-height: 1.45; }
</style>"""


def _comparison(scenarios: Sequence[Scenario]) -> str:
    """An HTML table, scenarios side by side: the conditions, then each actor the consequences speak of."""
    rows: dict[str, dict[str, list[str]]] = {messages.GLANCE_CONDITIONS: {}}
    for scenario in scenarios:
        for point in scenario.points:
            targets = [messages.GLANCE_CONDITIONS] if point.kind == "condition" else list(point.actors) or [messages.GLANCE_GENERAL]
            for target in targets:
                rows.setdefault(target, {}).setdefault(scenario.name, []).append(point.text)
    head = "".join(f"<th>{markup.esc(s.name)}</th>" for s in scenarios)
    body = "".join(
        f"<tr><th>{markup.esc(row)}</th>"
        + "".join("<td>" + "".join(f"<p>{markup.esc(text)}</p>" for text in cells.get(s.name, [])) + "</td>" for s in scenarios)
        + "</tr>"
        for row, cells in rows.items()
    )
    return f'{COMPARISON_CSS}<table class="ba-compare"><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>'


# -- cited passages and actions ---------------------------------------------------------------------
def _citations(citations: Sequence[Citation], key: str) -> None:
    for citation in citations:
        chunk = citation.chunk
        passage = markup.marked(chunk.text, [(citation.start, citation.end)])
        st.html(markup.card(citation.n, chunk.title, chunk.section, passage, []))
        st.button(
            messages.OPEN_IN_BRIEF,
            key=f"glance-open-{key}-{citation.n}",
            on_click=show_in_reader,
            args=(citation,),
            type="tertiary",
            icon=":material/menu_book:",
        )


def _ask_button(question: str, key: str) -> None:
    st.button(messages.ASK_ABOUT_THIS, key=f"glance-ask-{key}", on_click=_ask, args=(question,), icon=":material/chat:")


def _ask(question: str) -> None:
    """Start a chat turn about the item: the chat answers the pending question on its next run."""
    st.session_state.pending = question
    st.session_state.view = messages.CHAT_VIEW


def _group_label(group: str) -> str:
    return group or messages.GLANCE_NO_GROUP


def _short(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
