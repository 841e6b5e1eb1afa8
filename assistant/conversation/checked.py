"""An LLM's rewrite of a follow-up, kept only when it names nothing the corpus and the conversation do not."""

from __future__ import annotations

import re

from assistant.conversation.followups import rewrite_follow_up
from assistant.index.catalogue import EntityCatalogue
from assistant.types import Turn

_NAME_RUN = re.compile(r"(?<![\w'’])[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.\-]*)*")


def checked_rewrite(rewritten: str, question: str, history: tuple[Turn, ...], catalogue: EntityCatalogue) -> str:
    """An LLM's rewrite when every name in it is one the corpus or the conversation uses; else the rules'."""
    said = " ".join([question, *(f"{t.standalone_question} {t.answer}" for t in history)])
    for match in _NAME_RUN.finditer(rewritten):
        name = re.sub(r"['’]s$", "", match.group())
        if match.start() == 0 or catalogue.is_known_name(name) or name in said:
            continue
        if not all(catalogue.is_known_name(word) or word in said for word in name.split() if word[:1].isupper()):
            return rewrite_follow_up(question, history, catalogue)
    return rewritten
