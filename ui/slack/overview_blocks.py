"""`@bot overview actors|timeline|scenarios`: the corpus at a glance as Block Kit sections with cited quotes,
within Slack's limits (3,000 characters a text, 50 blocks)."""

from __future__ import annotations

import re

from assistant.index.overview import Overview
from assistant.types import Citation
from ui.slack import messages as msg
from ui.slack.blocks import MAX_BLOCKS, MAX_TEXT, Block, escape

PARTS = ("actors", "timeline", "scenarios")
_COMMAND = re.compile(r"overview\b\s*(\w*)\s*[.!?]?", re.IGNORECASE)


def overview_request(text: str) -> str | None:
    """The part asked for by a mention's text ("overview timeline" -> "timeline", "overview" -> ""), or None
    when the text is a question rather than the overview command."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    return match.group(1).lower()


def render_overview(overview: Overview, part: str) -> tuple[str, list[Block]]:
    """The plain-text fallback and the blocks of one part of the overview (the usage line for any other)."""
    if part not in PARTS:
        return msg.OVERVIEW_USAGE, [_section(msg.OVERVIEW_USAGE)]
    render = {"actors": _actors, "timeline": _timeline, "scenarios": _scenarios}[part]
    title = msg.OVERVIEW_TITLES[part]
    body = render(overview) or [_section(msg.OVERVIEW_EMPTY)]
    room = MAX_BLOCKS - 2
    if len(body) > room:
        body = [*body[: room - 1], _context(msg.OVERVIEW_MORE.format(count=len(body) - room + 1))]
    return title, [{"type": "header", "text": {"type": "plain_text", "text": title}}, *body, _context(msg.OVERVIEW_FOOTER)]


def _actors(overview: Overview) -> list[Block]:
    blocks = []
    for group in overview.groups():
        for actor in (a for a in overview.actors if a.group == group):
            facts = [escape(actor.role), escape(group or msg.OVERVIEW_NO_GROUP), msg.OVERVIEW_MENTIONS.format(count=actor.mentions)]
            head = f"*{escape(actor.name)}* · " + " · ".join(f for f in facts if f)
            blocks.append(_section(head + "\n" + _quotes(actor.citations[:2])))
    return blocks


def _timeline(overview: Overview) -> list[Block]:
    blocks = []
    for event in overview.timeline:
        mark = f" {msg.OVERVIEW_FUTURE}" if event.future else ""
        head = f"*{event.date}* ({escape(event.label)}){mark} · _{escape(event.phase)}_"
        blocks.append(_section(head + "\n" + _quotes(event.citations)))
    return blocks


def _scenarios(overview: Overview) -> list[Block]:
    blocks: list[Block] = []
    for scenario in overview.scenarios:
        blocks.append(_section(f"*{escape(scenario.name)}*"))
        for kind in ("condition", "consequence"):
            points = [p for p in scenario.points if p.kind == kind]
            if points:
                lines = "\n".join(_quotes(p.citations) for p in points)
                blocks.append(_section(f"_{msg.OVERVIEW_POINT_KINDS[kind]}_\n{lines}"))
    return blocks


def _quotes(citations: tuple[Citation, ...]) -> str:
    return "\n".join(f"> “{escape(c.quote)}” — _{escape(c.chunk.section)}_" for c in citations)


def _section(text: str) -> Block:
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
