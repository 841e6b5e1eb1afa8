"""Every user-facing string of the Slack bot, kept together so the wording stays consistent."""

from __future__ import annotations

DECLINED_MARK = ":no_entry_sign:"
"""Put before a declined answer, whose text (from the Assistant) says what the brief does not cover."""
UNDERSTOOD_AS = "_Understood as:_ {question}"
CLOSEST_PASSAGES = "Closest passages: {sections}"
SOURCE_NOTE = "note {footnote}: {link}"
MORE_CITATIONS = "{count} more citation(s) did not fit in this message."
FOOTER = "{backend} · {ms:.0f} ms · follow-ups in this thread keep the context"
DROPPED = ":no_entry_sign: Not supported by the brief, left out: {sentences}"
DROPPED_SENTENCE = "“{sentence}” ({reason})"
FEEDBACK_UP = "👍 Helpful"
FEEDBACK_DOWN = "👎 Not helpful"

EMPTY_MENTION = "Ask me a question about the brief."
EMPTY_MENTION_EXAMPLE = "Ask me a question about the brief, e.g. “{example}”"
RATE_LIMITED = "You're asking faster than I can keep up — please wait {seconds:.0f} s and ask again. Thanks for your patience!"
APOLOGY = ":warning: Sorry, something went wrong while answering. Error id `{error_id}` — the team can find it in the logs."
FEEDBACK_THANKS = "Thanks — your {emoji} is recorded."
FEEDBACK_ALREADY = "You already rated this answer {emoji}."
FEEDBACK_CHANGED = "Your rating of this answer is now {emoji}."
FEEDBACK_EXPIRED = "This answer is too old to rate. Ask again to rate a fresh answer."

# -- `@bot overview …` (ui/slack/overview_blocks.py) ------------------------------------------------
OVERVIEW_USAGE = "Say `overview actors`, `overview timeline` or `overview scenarios` for the brief at a glance, every item quoted."
OVERVIEW_TITLES = {"actors": "Actors of the brief", "timeline": "Timeline of the brief", "scenarios": "Scenarios of the brief"}
OVERVIEW_EMPTY = "The index holds no overview of this part; it is rebuilt with `make index`."
OVERVIEW_MORE = "{count} more item(s) did not fit in this message; `brief-assistant overview` lists them all."
OVERVIEW_FOOTER = "Every item quotes the brief; ask me about any of them in this thread."
OVERVIEW_NO_GROUP = "other"
OVERVIEW_MENTIONS = "{count} mention(s)"
OVERVIEW_FUTURE = ":calendar: scheduled"
OVERVIEW_POINT_KINDS = {"condition": "Conditions", "consequence": "Consequences"}
