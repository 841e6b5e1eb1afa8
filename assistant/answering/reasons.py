"""Whether a text gives the reason a why-question asks for.

"Why did the council reject the plan?" is about an event the question names by its verb. A text that
reports the event ("the plan was rejected by the council") answers the question only when the clause
reporting it, or the sentence after it, gives a reason ("because", "stemmed from", "in order to";
questions.yaml `reason_cues`). When no sentence reports the event in the question's own verb the
question is left to the other coverage checks: the reason may be worded in ways no cue list covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.events import CLAUSE_BREAK, VERB_ROOT, AskedEvent, reports
from assistant.text import word_beginnings


def unexplained(event: AskedEvent, passages: Sequence[Sequence[str]]) -> bool:
    """Whether some sentence of the passages (each a list of sentences) reports the event and none that does
    gives a reason for it: in the clause that reports it, or at the opening of the next sentence."""
    reported = False
    for sentences in passages:
        for i, sentence in enumerate(sentences):
            reporting = [clause for clause in CLAUSE_BREAK.split(sentence) if reports(event, clause)]
            if not reporting:
                continue
            reported = True
            following = sentences[i + 1] if i + 1 < len(sentences) else ""
            if any(_gives_reason(clause, event) for clause in reporting) or _gives_reason(" ".join(following.split()[:8]), event):
                return False
    return reported


def _gives_reason(text: str, event: AskedEvent) -> bool:
    """Whether `text` has a reason cue that is not a word of the event itself ("a dim view" is no "in view of")."""
    own = {term[:VERB_ROOT] for term in event.verb}
    cued = any(match.group().lower()[:VERB_ROOT] not in own for match in word_beginnings("questions", "reason_cues").finditer(text))
    return cued or _AS_CLAUSE.search(text) is not None


_AS_CLAUSE = re.compile(r"(?<!such )(?<!well )(?<!so )\bas\s+(?:[a-z]+\s+){0,2}?(?:[a-z]+ed|was|were|had|did)\b")
"""'as' opening a clause ("marginalised as others gained access"): a reason, unlike "such as" or "as part of"."""

