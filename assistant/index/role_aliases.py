"""The aliases an entity of the catalogue takes from its roles: "the energy minister" where the text calls the one
holder of that role so (catalogue_build.py)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from assistant.index.catalogue import role_variants
from assistant.text import prefix_tree


def role_aliases(roles: list[list[str]], texts: Iterable[str]) -> list[list[str]]:
    """Per holder (its roles in `roles`), "the <role>" for each variant of its roles that no other holder has and
    the texts use after "the"."""
    variants = [{v for role in held for v in role_variants(role)} for held in roles]
    holders: Counter[str] = Counter(v for held in variants for v in held)
    said = _said_with_the({v for v, n in holders.items() if n == 1 and " " in v}, "\n".join(text.lower() for text in texts))
    return [[f"the {variant}" for variant in sorted(held & said)] for held in variants]


def _said_with_the(phrases: set[str], corpus: str) -> set[str]:
    """The phrases the lower-cased `corpus` uses after "the" ("the energy minister"), found in one pass."""
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        by_first_word[phrase.split(" ", 1)[0]].append(phrase)
    if not by_first_word:
        return set()
    whole = {phrase: re.compile(rf"{re.escape(phrase)}\b") for phrase in phrases}
    found: set[str] = set()
    for match in re.finditer(rf"\bthe ({prefix_tree(by_first_word)})(?= )", corpus):
        found.update(p for p in by_first_word[match.group(1)] if whole[p].match(corpus, match.start(1)))
    return found
