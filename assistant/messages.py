"""The words the Assistant itself puts into answers (declines, notices); front ends show them as they are."""

from __future__ import annotations

NOT_COVERED = "The brief does not cover this"
DECLINE = NOT_COVERED + ": {reason}."
NO_SUPPORTED_ANSWER = "no passage supports an answer"
BACKEND_UNSUPPORTED = "{backend} gave no answer the passages support; this answer is {fallback}."
BACKEND_FAILED = "{error} This answer is {fallback}."
REWRITE_FAILED = "{error} The question was rewritten by rules."
DROPPED = "{count} of the drafted sentences left out: not supported by the brief."


def decline(reason: str) -> str:
    """The text of a declined answer."""
    return DECLINE.format(reason=reason)


def dropped(count: int) -> str:
    """The one-line notice of an answer whose draft lost `count` sentences in verification."""
    return DROPPED.format(count=count)


def fallback(backend: str, fallback_backend: str, error: Exception | None) -> str:
    """The notice of an answer the fallback backend gave because `backend` failed or was not supported."""
    if error is not None:
        return BACKEND_FAILED.format(error=error, fallback=fallback_backend)
    return BACKEND_UNSUPPORTED.format(backend=backend, fallback=fallback_backend)


# Reasons a question is declined (assistant/answering/refusal.py), completing DECLINE.
NEVER_MENTIONS = "it never mentions {names}"
NOTHING_CLOSE = "nothing in it is close to this question"
NOTHING_ABOUT = "it mentions {names}, but nothing in it is about what this question asks"
NOT_REPORTED = "it does not report {what}"
NO_REASON = "it reports what happened but not why"
NOT_WHICH = "it speaks of these only in general, without saying which"
NO_SOURCES = "it cites no sources in notes"
ONLY_EXPECTED = "it reports this only as expected, not whether it happened"
NOT_SAID = {
    "person": "it does not name who that is",
    "date": "it does not say when that was",
    "place": "it does not say where that was",
    "organisation": "it does not name that organisation",
    "number": "it gives no figure for that",
    "statement": "it does not report what was said",
    "opinion": "it does not report that view",
    "reaction": "it does not report that reaction",
}
NEVER_TOGETHER = "it never mentions {names} together"
NO_COMPARISON = "it makes no such comparison with {name}"
AFTER_THE_DOCUMENT = "it was written before that"

# -- the index, as readers find it --------------------------------------------------------------
INDEX_BROKEN = "The index is broken ({problem}): run `python -m assistant index repair`."
CURRENT_GARBAGE = "{path} does not name a build"
INDEX_FALLBACK = (
    "the active index build is broken ({problem}); answering from the last good build {build}: run `python -m assistant index repair`"
)
CORPUS_CHANGED = "corpus changed since the last build: run `make index`"
