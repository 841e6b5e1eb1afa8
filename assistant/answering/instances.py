"""Whether the retrieved text names the very things a "which … exactly" question asks for.

"Which weapons exactly could Berg stop selling?" asks for the weapons themselves. A sentence that speaks of
them only vaguely ("certain types of weapons", "could lift some partially", "fractures among European
countries") tells that there are some, not which: the question is declined unless a sentence names them
("weapons such as Hawk missiles", "Dravenia and Marisca"). The asking patterns, the vague words and the
words before a bare plural are questions.yaml `instance_asks`, `vague_words` and `bare_plural_openers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.data import word_set
from assistant.retrieval.query import QueryIntent, document_terms, question_patterns
from assistant.text import WORD, content_terms, normalise_term, word_root

REACH = 3
"""Words before an asked word that may say it vaguely ("certain types of weapons")."""
_LIST_OPENER = re.compile(
    r"\W{0,3}(?:\(|:|(?:such\s+as|including|namely|e\.g\.|like)\b(?!\s+(?:via|through|by|in|on|at|from|with|for)\b))", re.IGNORECASE
)
"""What opens a list of the things a word stands for, right after it."""
_PLACEHOLDERS = {"one", "ones", "type", "types", "kind", "kinds", "sort", "sorts"}
"""Words that stand for the thing asked about without saying what it is ("which ones exactly")."""


def asked_instances(intent: QueryIntent) -> set[str]:
    """The word roots of what a "which … exactly" question asks to have named (its noun, or what is done to the
    "ones" it asks about: "which ones exactly would get lifted" → lift); empty for other questions."""
    for pattern in question_patterns("instance_asks"):
        match = pattern.search(intent.question)
        if match is None:
            continue
        asked = _roots(match.group("asked"))
        if not asked:
            asked = _roots(match.group("rest") or "")
        return _with_document_terms(asked)
    return set()


def asked_by_what_is_done(intent: QueryIntent) -> tuple[set[str], set[str]]:
    """For a plain "Which Ns … V?" question ("Which sanctions might be lifted?"), the word roots of the Ns and of what is
    done to them (questions.yaml `done_instance_asks`); two empty sets for other questions."""
    for pattern in question_patterns("done_instance_asks"):
        match = pattern.search(intent.question)
        if match is not None:
            done = _roots(match.group("rest"))
            if not done:
                break
            return _roots(match.group("asked")), _with_document_terms(done)
    return set(), set()


def done_only_vaguely(asked: set[str], done: set[str], sentences: Iterable[str]) -> bool:
    """Whether some sentence says the thing is done only to some ("could lift some partially") and none names or lists
    the `asked` things: the text tells that some are, not which."""

    def done_to_some(words: list[str], k: int) -> bool:
        return _root(words[k]) in done and k + 1 < len(words) and words[k + 1] in word_set("questions", "vague_words")

    return _only_vaguely(asked, sentences, done_to_some)


def named_only_vaguely(asked: set[str], sentences: Iterable[str]) -> bool:
    """Whether some sentence speaks of an `asked` thing vaguely and none names or lists its instances."""
    return _only_vaguely(asked, sentences, lambda words, k: _root(words[k]) in asked and _said_vaguely(words, k, asked))


def _only_vaguely(asked: set[str], sentences: Iterable[str], vague_at: Callable[[list[str], int], bool]) -> bool:
    """Whether `vague_at` holds of some word of the sentences and no sentence names or lists the `asked` things
    right after one of their words."""
    vague = False
    for sentence in sentences:
        found = list(WORD.finditer(sentence))
        words = [match.group().lower() for match in found]
        for k, word in enumerate(words):
            if _root(word) in asked and _listed_after(sentence[found[k].end() :], found[k + 1].group() if k + 1 < len(found) else ""):
                return False
            vague = vague or vague_at(words, k)
    return vague


def _said_vaguely(words: list[str], k: int, asked: set[str]) -> bool:
    """Whether the asked word at `k` is said vaguely: a vague word just before it or right after it ("lift
    some"), or a bare plural of words the question also uses ("among European countries")."""
    if any(w in word_set("questions", "vague_words") for w in words[max(0, k - REACH) : k + 2]):
        return True
    start = k
    while start > 0 and _root(words[start - 1]) in asked:
        start -= 1
    return words[k].endswith("s") and start > 0 and words[start - 1] in word_set("questions", "bare_plural_openers")


def _listed_after(rest: str, next_word: str) -> bool:
    """Whether what follows the asked word names or lists its instances: a name right after it ("companies,
    Saltby Ferries and …"; not "lifts sanctions on Dravenia"), or a list opener ("weapons such as …", "countries (…",
    "demands, including …")."""
    return next_word[:1].isupper() or _LIST_OPENER.match(rest) is not None


def _root(word: str) -> str:
    return word_root(normalise_term(word))


def _with_document_terms(roots: set[str]) -> set[str]:
    """`roots` with the roots of the document terms they are a reader's words for."""
    return roots | _roots(" ".join(document_terms(" ".join(sorted(roots)))))


def _roots(text: str) -> set[str]:
    return {word_root(term) for term in content_terms(text) if term not in _PLACEHOLDERS}

