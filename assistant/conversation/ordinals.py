"""Referring expressions that pick by order of mention or by a describing word, chosen from the conversation's
memory (memory.py): "the two of them", "those two companies", "the first guy", "the former", "the first
company", "the second one", "the neutral one", "the scenario I asked about first", "the other one" of a list."""

from __future__ import annotations

import re

from assistant.conversation.antecedents import best_topic
from assistant.conversation.referents import CONTEXT, GROUP, Memory, Referent
from assistant.data import load


def pair(memory: Memory, named: set[str], kind: str = "person") -> Referent | None:
    """Who "the two of them" are: a group of two, else the two people most salient; two bodies or places named
    together when no question asked about those people; "those two companies" (of another `kind`): the two bodies
    or places most salient."""
    pairs = (r for r in memory.referents.values() if r.kind == "group" and r.text.count(" and ") == 1 and "," not in r.text)
    groups = list(pairs) if kind == "person" else []
    two = sorted((r for r in memory.referents.values() if r.kind == kind and r.key not in named), key=lambda r: -r.salience)[:2]
    if kind == "person" and not groups and not any(r.asked_about for r in two):  # "Which banks …?" answered with two
        groups = [r for r in memory.referents.values() if r.key.startswith(GROUP) and r.text.count(" and ") == 1]
    if len(two) == 2 and not (groups and max(g.salience for g in groups) >= two[1].salience):
        two.sort(key=lambda r: r.first)
        return Referent("", f"{two[0].text} and {two[1].text}", "group", True)
    return max(groups, key=lambda r: r.salience) if groups else None


def first_asked(memory: Memory) -> Referent | None:
    """What "the first thing we talked about" is: the first thing (not a date) the conversation's questions named."""
    return min((r for r in memory.referents.values() if r.asked_about and r.kind != "date"), key=lambda r: r.first, default=None)


def person_in_order(which: str, memory: Memory) -> Referent | None:
    """Who "the first guy", "the second man", "the latter", "the other one" is, by order of mention; "the former"
    and "the latter" are of the latest two people, places or organisations the questions named. "The other guy" is,
    first, the person an answer listed beside the one just asked about, then the likeliest person only answers named."""
    if which in ("former", "latter"):
        pair = _latest_pair(memory)
        if pair is not None:
            return pair[0] if which == "former" else pair[1]
    people = _in_order(memory, "person")
    if not people:
        return None
    ordinals = load("conversation")["ordinals"]
    if which in ordinals:
        return people[ordinals.index(which)] if ordinals.index(which) < len(people) else None
    if which in ("last", "latter"):
        return people[-1]
    if len(people) < 2:
        return None
    if which == "former":
        return people[-2]
    listed = member(which, memory)  # "the other guy" of two people an answer listed: the one not asked about since
    everyone = [r for r in memory.referents.values() if r.kind == "person"]
    chosen = next((r for r in everyone if listed is not None and r.text == listed), None)
    unasked = [r for r in everyone if not r.asked_about and r.text.split()[-1] not in memory.previous]  # an answer's other person
    chosen = chosen or max(unasked, key=lambda r: r.salience, default=None)
    latest = max(people, key=lambda r: r.salience)
    return chosen or next((r for r in reversed(people) if r is not latest), None)  # "the other one"


def of_kind_in_order(which: str, memory: Memory, kind: str) -> Referent | None:
    """What "the first company" or "the last country" is: of the bodies (places) the questions named, by order of mention."""
    named = _in_order(memory, kind)
    ordinals = load("conversation")["ordinals"]
    position = len(named) - 1 if which == "last" else ordinals.index(which)
    return named[position] if 0 <= position < len(named) else None


def _in_order(memory: Memory, *kinds: str) -> list[Referent]:
    """The referents of `kinds` the questions named, in order of first mention."""
    return sorted((r for r in memory.referents.values() if r.kind in kinds and r.asked_about), key=lambda r: r.first)


def _latest_pair(memory: Memory) -> tuple[Referent, Referent] | None:
    """The two last-named referents of one kind, of the kind whose pair was completed last ("How does Berg see
    Norrvik? And Saltby?" → Norrvik and Saltby, not Berg and someone named long before)."""
    pairs = [named[-2:] for kind in ("person", "place", "organisation") if len(named := _in_order(memory, kind)) >= 2]
    if not pairs:
        return None
    former, latter = max(pairs, key=lambda pair: pair[1].first)
    return former, latter


def one(which: str, memory: Memory, named: set[str]) -> str | None:
    """What "the second one", "the other one", "the neutral one" is: a topic whose head noun the conversation used
    with modifiers; an ordinal picks from an answer's list, "other" the one not yet asked about."""
    said = best_topic(memory, set(), lambda r: _said_with(which, memory.modifiers(r.head.removesuffix("s")) + memory.modifiers(r.head)))
    modified = best_topic(memory, set(), lambda r: _kinds(memory.asked_modifiers(r.head.removesuffix("s"))))  # "the optimistic scenario"
    cases = set(load("conversation")["case_heads"])
    case = None if _ordinal(which) else best_topic(memory, set(), lambda r: r.head in cases)
    topic = said or case or modified  # "the neutral one": the head said with "neutral", a case, or one asked with modifiers
    topic = topic or best_topic(memory, set(), lambda r: _kinds(memory.modifiers(r.head.removesuffix("s")) + memory.modifiers(r.head)))
    if topic is None and named_in_order(which, memory):
        return None  # no things of one kind: "the first one" of the people asked about ("Berg's job" is no kind of job)
    topic = topic or best_topic(memory, set(), lambda r: r.plural or r.key != r.head)
    if topic is None:
        return None
    head = topic.head.removesuffix("s") if topic.plural and topic.head.removesuffix("s") else topic.head
    ordinals = load("conversation")["ordinals"]
    in_order = _asked_in_order(memory, head)
    if which in ordinals and len(in_order) > max(ordinals.index(which), 1):  # "the first one" of the scenarios asked about
        return in_order[ordinals.index(which)].text
    if which in ordinals or which == "last":
        for listing in memory.lists:
            choices = listing.get(head, [])
            position = len(choices) - 1 if which == "last" else ordinals.index(which)
            if len(choices) > max(position, 1):
                return f"the {choices[position]} {head}"
    if which == "other":
        asked = {r.key.removesuffix(f" {head}").split()[-1] for r in memory.referents.values() if r.head == head}
        others = [m for m in memory.modifiers(head) if m.split()[-1] not in asked and m not in ordinals]
        if len(others) == 1:
            return f"the {others[0]} {head}"
    if which == ordinals[0] and in_order:  # the only one of its kind asked about: it is the first
        return in_order[0].text
    return f"the {which} {head}"


def _said_with(which: str, modifiers: list[str]) -> bool:
    """Whether `which` ("neutral", not an ordinal) is one of a head noun's modifiers ("relatively neutral")."""
    return not _ordinal(which) and any(modifier.split()[-1] == which for modifier in modifiers)


def _ordinal(which: str) -> bool:
    """Whether "the … one" picks by order ("the second one", "the last one", "the other one"), not by a description."""
    return which in load("conversation")["ordinals"] or which in ("last", "other")


def _kinds(modifiers: list[str]) -> bool:
    """Whether some of a head noun's modifiers tell kinds of it apart ("optimistic"), not only whose it is ("Berg's")."""
    return any(not modifier.endswith(("'s", "’s")) for modifier in modifiers)


def named_in_order(which: str, memory: Memory) -> str | None:
    """What "the first one" is when the conversation discussed no things of one kind: the person, organisation or
    place the questions named first (second, …), of two or more."""
    ordinals = load("conversation")["ordinals"]
    named = _in_order(memory, "person", "organisation", "place")
    if which not in ordinals or len(named) < 2 or ordinals.index(which) >= len(named):
        return None
    return named[ordinals.index(which)].text


def asked_about(head: str, first: bool, memory: Memory) -> str | None:
    """What "the scenario I asked about first" (or last) is: of the topics with that head the questions named
    with different modifiers, the first (or last) named."""
    in_order = _asked_in_order(memory, head.removesuffix("s") if memory.asked_modifiers(head.removesuffix("s")) else head)
    return (in_order[0] if first else in_order[-1]).text if len(in_order) > 1 else None


def _asked_in_order(memory: Memory, head: str) -> list[Referent]:
    """The topics with head noun `head` and a modifier, in the order the questions first named them."""
    return sorted((r for r in memory.referents.values() if r.head == head and r.key != head), key=lambda r: r.first)


def member(which: str, memory: Memory) -> str | None:
    """Who "the first one", "the last one", "the other one" is among the people an answer listed ("Anna Berg and Tom
    Lind"): by position, or the one the previous question did not ask about."""
    groups = [memory.referents[k] for k in memory.referents if k.startswith(GROUP) and memory.referents[k].kind == "group"]
    if not groups:
        return None
    listed = re.split(r",\s*|\s+and\s+", max(groups, key=lambda r: r.salience).text)
    ordinals = load("conversation")["ordinals"]
    if which in ordinals:
        return listed[ordinals.index(which)] if ordinals.index(which) < len(listed) else None
    if which in ("last", "latter"):
        return listed[-1]
    if which == "other":
        asked = memory.previous.split(CONTEXT)[0]
        others = [name for name in listed if not any(part in asked for part in name.split() if len(part) > 2)]  # "Lind's job"
        return others[0] if len(others) == 1 else None
    return None
