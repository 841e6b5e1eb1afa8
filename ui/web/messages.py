"""Every user-facing string of the chat UI, kept together so the wording stays consistent."""

from __future__ import annotations

PAGE_TITLE = "Brief Assistant"
TAGLINE = "Ask about the documents of the corpus; every sentence of an answer cites its passage."
"""Shown when the corpus profile (corpus/profile.yaml) gives no tagline of its own."""

CHAT_VIEW = "Chat"
GLANCE_VIEW = "At a glance"
READER_VIEW = "Read the brief"

CHAT_PLACEHOLDER = "Ask a question about the brief"
STARTERS_HEADING = "Try one of these"

BUILDING_INDEX = "First start: building the search index of the brief (this happens once)…"
BUILD_STAGES = {"model": "Loading the embedding model", "embed": "Embedding passages", "store": "Writing the index"}
INDEX_BUSY = "Another process is building the index; this page continues when it is done."
INDEX_BUSY_TIMEOUT = "The index is still being built by another process. Reload the page in a minute."
INDEX_READY = "Index ready: {chunks} passages in {seconds:.0f} s."

SOURCES_HEADING = "Sources"
NOT_SUPPORTED = "Not supported by the brief"
VERDICTS = {"CONTRADICTED": "contradicted by the brief", "NOT_FOUND": "not found in the passages"}
"""How a dropped sentence's verdict reads in the chat."""
CLOSEST_PASSAGES = "Closest passages in the brief"
OPEN_IN_BRIEF = "Show in the brief"
LINKED_PUBLICATION = "Footnote {footnote}: {title}"
SOURCE_LINK = "Source"

FEEDBACK_PROMPT = "Was this answer useful?"
FEEDBACK_COMMENT = "Comment (optional)"
FEEDBACK_SEND = "Send feedback"
FEEDBACK_PICK = "Pick thumbs up or down first."
FEEDBACK_THANKS = "Thanks, your feedback is saved ({rating})."

SIDEBAR_SETTINGS = "Answering"
BACKEND_LABEL = "Answer backend"
TOP_K_LABEL = "Passages to retrieve"
DOCUMENT_LABEL = "Search in"
ALL_DOCUMENTS = "All documents"
NEW_CONVERSATION = "New conversation"
EXPORT_HEADING = "Export conversation"
EXPORT_MARKDOWN = "Markdown"
EXPORT_JSON = "JSON"
INDEX_HEADING = "Index"
INDEX_STATUS = "{documents} document(s) · {chunks} passages\n\nModel: {model} on {device}\n\nBuilt {built_at}"

READER_FOCUS = "Citation [{n}] in context: {section}"
READER_LEAD = "Author and summary"
READER_CLEAR_FOCUS = "Clear highlight"
READER_EMPTY = "The document {document!r} is not in the corpus folder any more; rebuild the index with `make index`."

UNEXPECTED_ERROR = "Something went wrong while answering ({kind}); try again, or rephrase the question."

# -- "At a glance" (ui/web/glance.py) --------------------------------------------------------------
GLANCE_ACTORS = "Actors"
GLANCE_TIMELINE = "Timeline"
GLANCE_SCENARIOS = "Scenarios"
GLANCE_EMPTY = "The index holds no overview of this part; rebuild it with `make index`."
GLANCE_GROUP_FILTER = "Groups"
GLANCE_NO_GROUP = "Other"
GLANCE_PICK_ACTOR = "Actor"
GLANCE_PICK_EVENT = "Event"
GLANCE_PICK_SCENARIO = "Scenario"
GLANCE_MENTIONED = "mentioned {count}× in {sections}"
GLANCE_FUTURE = "scheduled"
GLANCE_PAST = "happened"
GLANCE_CONDITIONS = "Conditions"
GLANCE_GENERAL = "Overall"
COL_NAME = "Name"
COL_GROUP = "Group"
COL_ROLE = "Role"
COL_MENTIONS = "Mentions"
COL_ALIASES = "Also called"
COL_QUOTE = "What the brief says"
COL_DATE = "Date"
COL_PHASE = "Phase"
COL_STATUS = "Status"
POINT_KINDS = {"condition": "Condition", "consequence": "Consequence"}
ASK_ABOUT_THIS = "Ask about this"
ASK_ACTOR = "What role does {name} play?"
ASK_EVENT = "What happened in {label} ({date})?"
ASK_SCENARIO = "What happens in the {name}?"
