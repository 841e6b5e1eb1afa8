"""Elliptic follow-ups completed from the previous question: "Why?", "And then?", "And in the negative one?".

- A bare question word ("Why?", "When?") asks the previous question again with it: "What did Anna Berg sign in
  May?" → "Why did Anna Berg sign in May?"; when that does not read, the previous question's subjects are named.
- A request to go on ("And then?", "What happened next?") asks what happened after the previous topic.
- A bare phrase ("And Tom Lind?", "And in the dry season?") takes the place of its counterpart in the
  previous question: a person for a person, a place or organisation for one, a topic for one with the same head.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.conversation.antecedents import action, previous_event, result
from assistant.conversation.phrases import plural_noun, topic_phrases
from assistant.conversation.referents import CONTEXT, Memory
from assistant.data import load
from assistant.index.catalogue import EntityCatalogue
from assistant.text import STOPWORDS, alternatives

_NAME = re.compile(r"[A-Z][\w.\-/']*(?:\s+[A-Z][\w.\-/']*)*")
_NAMED = ("person", "actor", "group", "name")
_KINDS = {"person": "person", "organisation": "actor", "place": "actor", "group": "group"}
"""Which referents stand in for one another in a bare-phrase follow-up."""


def bare_question_word(question: str, memory: Memory) -> str | None:
    """ "Why?" → the previous question asked with "why" (None when `question` is more than a question word)."""
    match = _lexicon()["bare_wh"].match(question.strip())
    if match is None or not memory.previous:
        return None
    word = match.group("wh")
    previous = memory.previous.split(CONTEXT)[0].rstrip(" ?") + "?"
    asked = word[:1].upper() + word[1:].lower()
    phrase = word.lower() in load("conversation")["question_phrases"]
    if (" " not in word or phrase) and _lexicon()["yes_no"].match(previous):  # not "How come did she sign?"
        return f"{asked} {previous[:1].lower()}{previous[1:]}"  # "Did she sign?" → "When did she sign?", "In which month …?"
    if phrase:
        return None  # after another question, a phrase is read as any fragment is
    done = action(memory)  # not "Why did the bank do on 11 May?"
    if done is not None:
        return f"{asked}{CONTEXT}{done}?"
    swapped = _lexicon()["swappable"].sub(asked + " ", previous, count=1)
    ended = result(memory) if _lexicon()["particle_end"].search(previous) else None
    if ended is not None:  # not "Why did the plan turn into?"
        return f"{asked}{CONTEXT}{ended}?"
    if swapped != previous:
        return swapped
    which = _lexicon()["which_noun"].match(previous)  # "Which firms were hit?" → "When were the firms hit?"
    if which is not None and " " not in word:
        return f"{asked} {which.group('aux')} the {which.group('noun')} {previous[which.end() :]}"
    subjects = [memory.referents[k].text for k in memory.previous_keys][:2]
    return f"{word[:1].upper()}{word[1:].lower()}{CONTEXT}{' and '.join(subjects)}?" if subjects else None


def going_on(question: str, memory: Memory) -> str | None:
    """ "And then?" → what happened after the previous question's topic (None for other questions)."""
    if not _lexicon()["go_on"].match(question.strip()) or not memory.previous_keys:
        return None
    topics = [memory.referents[k] for k in memory.previous_keys]
    main = previous_event(memory, set(), timed=True) or topics[0]
    return f"What happened after {main.text}?"


def substituted(fragment: str, memory: Memory, catalogue: EntityCatalogue | None) -> str | None:
    """The previous question with the bare phrase `fragment` ("in the negative scenario", "Tom Lind") in the
    place of its counterpart; None when `fragment` is not a bare phrase or has no counterpart there."""
    bare = _lexicon()["bare_phrase"].fullmatch(fragment.strip().rstrip("?.! "))
    if bare is None or not memory.previous:
        return None
    phrase = re.sub(r"^the\s+(?=[A-Z])", "", bare.group("phrase"))
    preposition = (bare.group("preposition") or "").lower()
    kinds = [
        kind
        for start, end, kind in _slots(phrase, catalogue)
        if end == len(phrase) and (start == 0 or _is_topic(kind) and _leading(phrase[:start]))
    ]  # "continued water deliveries": a topic after words the lexicon does not read as its modifiers
    unknown_name = _NAME.fullmatch(phrase) and phrase.lower() not in load("conversation")["replies"]
    kind = kinds[0] if kinds else "name" if unknown_name else None
    if kind is None:
        return None
    dated = kind == _DATE and memory.previous.find(CONTEXT) < 0 and not any(k == _DATE for *_, k in _slots(memory.previous, catalogue))
    if dated:  # "What about March?" after a question with no date: that question, then
        return f"{memory.previous.rstrip(' ?.!')} {preposition or 'in'} {phrase}?"
    # The latest question where the counterpart is asked about, not only added as context (", regarding …").
    for native in (True, False):
        for question in memory.questions:
            context = question.find(CONTEXT) if native else -1
            slots = [
                (not question[:start].lower().rstrip().endswith(f" {preposition}"), other != kind, start, end)
                for start, end, other in _slots(question, catalogue)
                if (context < 0 or start < context) and _stands_for(kind, other) and question[start:end].lower() != phrase.lower()
            ]
            if slots:
                *_, start, end = min(slots)  # after the same preposition, of the same kind, first
                return question[:start] + phrase + question[end:]
    # Else a name takes the place of the previous question's one name of another kind ("… about Acme? And Tom Lind?"),
    # a plural topic that of its one plural topic ("What share backed the fees? And new permits?").
    previous = memory.previous
    asked_end = previous.find(CONTEXT) if previous.find(CONTEXT) >= 0 else len(previous)
    spans = _slots(previous, catalogue)
    names = [(start, end) for start, end, other in spans if other in _NAMED and kind in _NAMED]
    if len(names) == 1 and asked_end == len(previous):
        (start, end) = names[0]
        return previous[:start] + phrase + previous[end:]
    topics = [(start, end, other) for start, end, other in spans if end <= asked_end and _is_topic(other)]
    if len(topics) == 1 and _is_topic(kind) and _plural_topic(kind) and _plural_topic(topics[0][2]) and "about" not in fragment.lower():
        start, end, _ = topics[0]  # "What share backed new tariffs?" → "And continued water deliveries?"
        return previous[:start] + phrase + previous[:asked_end][end:].rstrip(" ?.!") + "?"
    return None


def _plural_topic(kind: str) -> bool:
    """Whether a topic kind's head noun is plural ("topic:tariffs")."""
    return plural_noun(kind.removeprefix("topic:"))


def _is_topic(kind: str) -> bool:
    """Whether a slot's kind is a topic with a head noun (not a date or a name)."""
    return kind.startswith("topic:") and kind != _DATE


def _stands_for(kind: str, other: str) -> bool:
    """Whether a phrase of `kind` can take the place of one of `other` (an unknown name, of any name)."""
    if "name" in (kind, other):
        return {kind, other} <= {"name", "person", "actor", "group"}
    return kind == other


def _slots(text: str, catalogue: EntityCatalogue | None) -> list[tuple[int, int, str]]:
    """Spans of `text` a bare phrase can stand in for: entities by kind, topics by head noun."""
    slots = [(p.start, p.end, _topic_kind(text[p.start : p.end], p.head)) for p in topic_phrases(text, catalogue)]
    if catalogue is not None:
        for entity, start, end in catalogue.entities_in(text):
            if entity.kind in _KINDS and not any(s < end and start < e for s, e, _ in slots):
                start = start - 4 if text[max(start - 4, 0) : start].lower() == "the " else start
                slots.append((start, end, _KINDS[entity.kind]))
    return slots


_DATE = "topic:date"


def _leading(words: str) -> bool:
    """Whether `words` may open a bare topic phrase ("continued" in "continued water deliveries"): one or two
    lower-case words, none a function word ("who made that statement" is a question)."""
    split = words.split()
    return 0 < len(split) <= 2 and all(w.islower() and w.isalpha() and w not in STOPWORDS for w in split)


def _topic_kind(said: str, head: str) -> str:
    """A topic's kind: a date (a phrase without a head noun: "March"), "name" for a capitalised one ("the
    Republicans"), else its head noun."""
    if not head:
        return _DATE
    return "name" if _NAME.fullmatch(re.sub(r"^the\s+", "", said)) else f"topic:{head}"


@cache
def _lexicon() -> dict[str, re.Pattern[str]]:
    data = load("conversation")

    def words(key: str) -> str:
        return alternatives(data[key], longest_first=True)

    return {
        "bare_wh": re.compile(
            rf"^(?:(?:{words('connectives')})\s+)?(?P<wh>{words('question_words')}|{words('question_phrases')})(?:\s+(?:is|was)\s+(?:that|this|it))?\s*[?.!]*$",
            re.IGNORECASE,
        ),
        "particle_end": re.compile(rf"\b(?:{words('particles')})\s*\?$", re.IGNORECASE),
        "swappable": re.compile(rf"^(?:what|which|who|where|when|why|how)\s+(?=(?:{words('swap_auxiliaries')})\b)", re.IGNORECASE),
        "which_noun": re.compile(
            rf"^(?:which|what)\s+(?P<noun>(?:[\w\-]+\s+){{0,3}}?[\w\-]+)\s+(?P<aux>{words('swap_auxiliaries')}|is|are|was|were)\s+",
            re.IGNORECASE,
        ),
        "yes_no": re.compile(rf"^(?:{words('swap_auxiliaries')}|is|are|was|were)\b", re.IGNORECASE),
        "go_on": re.compile(rf"^(?:(?:{words('connectives')})\s+)?(?:{words('go_on')})\s*[?.!]*$", re.IGNORECASE),
        "bare_phrase": re.compile(
            rf"(?:(?:{words('connectives')}|{words('elliptic_openers')})[,\s]+)*(?:(?P<preposition>{words('prepositions')})\s+)?(?P<phrase>[^?]+)",
            re.IGNORECASE,
        ),
    }
