"""Follow-ups reshaped before their references are resolved: a topic set before a dash or a comma ("The Europeans —
how do they fare?", "and the other guy, what was he meant to be?", "What about independents, how did they answer?")
stands for the pronoun after it, and "he" after a clause asking who someone is stands for that someone."""

from __future__ import annotations

import re

from assistant.conversation.referring import referring_patterns

_DISLOCATED = re.compile(
    r"^(?P<topic>(?:the\s+)?[\w'’\-]+(?:,?\s+[\w'’\-]+){0,3}?)\s*[—–-]\s+(?P<rest>\S.*)$"
    r"|^(?P<noun_topic>(?:the|that|this|these|those)\s+[\w'’\-]+(?:\s+[\w'’\-]+){0,2}?),\s+"
    r"(?P<question>(?:what|who|whom|whose|when|where|why|how|which|did|does|do|is|was|were|are|has|have|had)\b.*)$",
    re.IGNORECASE,
)
"""A topic set before a dash ("The Europeans — how do they fare?"), or a noun phrase before a comma and a question
("the other guy, what was he meant to be?")."""
_WHAT_ABOUT = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:what|how)\s+about\s+(?P<topic>(?:the\s+)?[\w'’\-]+(?:\s+[\w'’\-]+){0,2}?),\s+"
    r"(?P<question>(?:what|who|whom|whose|when|where|why|how|which|did|does|do|is|was|were|are|has|have|had)\b.*)$",
    re.IGNORECASE,
)
"""A topic turned to before a comma and a question ("What about independents, how did they answer?")."""
_THING_PRONOUN = re.compile(r"\b(?:they|them|their|it|its)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:they|them|their|he|him|his|she|it|its)\b", re.IGNORECASE)
_WHO_THEN = re.compile(r"^(?P<who>who\s+(?:is|was)\s+(?P<person>[^,?]+?)),?\s+and\s+(?P<rest>\S.*)$", re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:he|him|she)\b", re.IGNORECASE)
_PERSONAL_OR_OWNER = re.compile(r"he|him|his|she|her", re.IGNORECASE)
_RETURNED_TO = {
    "him": {"he": "that man", "him": "that man", "his": "that man's"},
    "her": {"she": "that woman", "hers": "that woman's"},
}
"""The person a pronoun returned to stands for, as a phrase the conversation memory resolves (not bound to a name the
question gives)."""


def asked_then_told(text: str) -> str:
    """ "Who was the minister's deputy, and what did he do?" as "…, and what did the minister's deputy do?": "he"
    after a clause asking who someone is stands for that someone, not for a person of earlier turns."""
    found = _WHO_THEN.match(text)
    if found is None:
        return text
    rest = _PERSONAL.sub(found.group("person"), found.group("rest"), count=1)
    return f"{found.group('who')}, and {rest}"


def undislocated(text: str) -> str:
    """ "The Europeans — how do they fare?" as "How do the Europeans fare?": a topic set before a dash is what the
    first pronoun after it stands for (its last part, when it is in apposition: "the retired general, Lind"). A
    topic returned to ("Back to the dry-year one – …", "Going back to him – …") is read without the opener, and a
    pronoun there leaves the question to the pronouns after the dash."""
    turned_to = _WHAT_ABOUT.match(text)
    pronoun = _THING_PRONOUN.search(turned_to.group("question")) if turned_to else None
    if turned_to is not None and pronoun is not None:  # "What about independents, how did they answer?"
        return capitalised(_with_owner(turned_to.group("question"), pronoun, turned_to.group("topic")))
    returned = referring_patterns()["returning"].sub("", text, count=1)
    found = _DISLOCATED.match(returned)
    if found is None:
        return text
    rest = found.group("rest") or found.group("question")
    topic = re.sub(r"^The\b", "the", (found.group("topic") or found.group("noun_topic")).split(",")[-1].strip())
    if _PRONOUN.fullmatch(topic) or topic.lower() == "her":  # "back to him – who else shares his view?": him, not
        phrases = _RETURNED_TO.get(topic.lower(), {})  # a person the question names ("in Trump's circle")
        first = re.search(rf"\b(?:{'|'.join(phrases)})\b", rest, re.IGNORECASE) if phrases else None
        if first is None:
            return capitalised(rest)
        return capitalised(rest[: first.start()] + phrases[first.group().lower()] + rest[first.end() :])
    pronoun = _PRONOUN.search(rest)
    personal = pronoun is not None and _PERSONAL_OR_OWNER.fullmatch(pronoun.group()) is not None
    if personal and found.group("noun_topic"):
        topic = re.sub(r"^(the\s+\w+)\s+one$", r"\1 person", topic)  # "the other one, what was he …": a person
    fits = _names_a_person(topic) if personal else returned == text  # "the other guy, what was he …?"; "the fear, what is it?"
    if pronoun is None or (personal and returned != text) or (found.group("noun_topic") and not fits):
        return text  # "back to that promise – whose policy did he blame?": he is not the promise
    return capitalised(_with_owner(rest, pronoun, topic))


def _with_owner(text: str, pronoun: re.Match[str], topic: str) -> str:
    """`text` with `pronoun` replaced by `topic`, as a possessive where the pronoun is one ("their" → "the Greens'")."""
    possessive = pronoun.group().lower() in ("their", "his", "its")
    said = f"{topic}'" if possessive and topic.endswith("s") else f"{topic}'s" if possessive else topic
    return text[: pronoun.start()] + said + text[pronoun.end() :]


def _names_a_person(phrase: str) -> bool:
    """Whether a noun phrase refers to a person by a person noun ("the other guy", "that official")."""
    lexicon = referring_patterns()
    return any(lexicon[key].fullmatch(phrase) for key in ("person_ordinal", "person_phrase"))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
