"""A follow-up asking which source is cited for what the previous answer said ("Which source is cited for that?",
"Which piece does it cite there?"): rewritten with the previous answer's first sentence that cites a footnote."""

from __future__ import annotations

from assistant.conversation.answers import answer_sentences
from assistant.conversation.referring import referring_patterns
from assistant.corpus.notes import note_number
from assistant.text import footnote_numbers, without_note_markers
from assistant.types import Turn

SOURCE_QUOTE_WORDS = 14
"""Words of the previous answer a rewritten "which source is cited for that?" quotes."""


def source_of_previous(question: str, history: tuple[Turn, ...]) -> str | None:
    """ "Which source is cited for that?" with what "that" is: the previous answer's first sentence that cites a
    footnote, quoted (None when none does: the question is then read as any other)."""
    if not referring_patterns()["pointing"].search(question):
        return None
    citing = next((s for s in answer_sentences(history[-1].answer) if footnote_numbers(s) and note_number(s.strip()) is None), "")
    words = without_note_markers(citing).split()
    if not words:
        return None
    quoted = " ".join(words[:SOURCE_QUOTE_WORDS]) + (" …" if len(words) > SOURCE_QUOTE_WORDS else "")
    return f"{referring_patterns()['connective'].sub('', question).strip().rstrip(' ?.!')} ('{quoted}')?"
