"""Possessives that echo what the conversation said: "when was his disastrous visit?" after an answer that spoke of
"Lind's disastrous visit" is Lind's visit, whoever the most salient man is. The words after the pronoun name the
thing; the earlier text names its owner."""

from __future__ import annotations

import re

from assistant.index.catalogue import EntityCatalogue
from assistant.text import content_terms

_POSSESSIVE = re.compile(r"\b(?P<pronoun>his|her|their|its)\s+(?P<words>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2})", re.IGNORECASE)
"""A possessive pronoun and up to three words after it ("his disastrous visit to")."""
_OWNED = r"(?P<owner>(?-i:[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){{0,3}}))['’]s?\s+{words}\b"
"""An owner's name and its possessive before the echoed words ("Anna Berg's disastrous visit")."""


def echoed_owners(question: str, earlier: list[str], catalogue: EntityCatalogue) -> list[tuple[int, int, str]]:
    """Replacements for the possessive pronouns of `question` whose next words (two content words at least, as they
    were said) follow a known name's possessive in one of the `earlier` texts, newest first."""
    found: list[tuple[int, int, str]] = []
    for match in _POSSESSIVE.finditer(question):
        words = _echo_words(match.group("words"))
        if words is None:
            continue
        pattern = re.compile(_OWNED.format(words=r"\s+".join(map(re.escape, words.split()))), re.IGNORECASE)
        for text in earlier:
            owner = next((m for m in pattern.finditer(text) if _known(m.group("owner"), catalogue)), None)
            if owner is not None:
                name = re.sub(r"^The\s+", "the ", owner.group("owner"))
                found.append((match.start(), match.end("pronoun"), f"{name}'s"))
                break
    return found


def _echo_words(words: str) -> str | None:
    """The leading words of `words` up to its second content word, when it has two (one noun alone, "his view",
    echoes too much)."""
    kept: list[str] = []
    content = 0
    for word in words.split():
        kept.append(word)
        content += bool(content_terms(word))
        if content == 2:
            return " ".join(kept)
    return None


def _known(name: str, catalogue: EntityCatalogue) -> bool:
    """Whether `name` (or its last words: "President Anna Berg") is a person or body the catalogue knows."""
    return any(entity.kind != "place" for entity, _, _ in catalogue.entities_in(name))
