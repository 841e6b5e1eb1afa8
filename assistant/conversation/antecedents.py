"""What a referring expression of a follow-up stands for, chosen from the conversation's memory (memory.py):
"it", "they", "there", "that", "in that case", "around then", what was done; those that pick by order or by a
describing word ("the two of them", "the first guy", "the second one") are in ordinals.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from assistant.conversation.referents import CONTEXT, GROUP, Memory, Referent
from assistant.conversation.referring import event_heads
from assistant.data import load
from assistant.retrieval.query import opinion_cues, speech_cues
from assistant.text import alternatives

MIN_SALIENCE = 0.5
"""Below this a referent was only mentioned in passing by an answer: too faint for "they"."""


def case(memory: Memory, named: set[str]) -> Referent | None:
    """What "in that case" is: the case discussed ("the second scenario"), else the most salient topic."""
    return discussed_case(memory, named) or memory.best(("topic",), named)


def discussed_case(memory: Memory, named: set[str]) -> Referent | None:
    """The case the conversation discusses ("the second scenario"), if it discusses one: what a closing "then" is."""
    cases = set(load("conversation")["case_heads"])  # one case before the cases together ("that case": not "the three scenarios")
    return best_topic(memory, named, lambda r: r.head in cases and not r.plural) or best_topic(memory, named, lambda r: r.head in cases)


def period(memory: Memory, named: set[str]) -> Referent | None:
    """The time span the conversation is about ("the first weeks of the presidency"): what "all that" sums up."""
    spans = set(load("conversation")["period_heads"])
    return best_topic(memory, named, lambda r: r.head in spans)


def when(memory: Memory, named: set[str]) -> Referent | None:
    """What "around then" is: the most salient date, asked about (the only topics without a head noun, phrases.py)
    or answered with."""
    dates = [r for r in memory.referents.values() if (r.kind == "date" or (r.kind == "topic" and not r.head)) and r.key not in named]
    return max(dates, key=lambda r: r.salience) if dates else None


def location(memory: Memory, named: set[str]) -> Referent | None:
    """What "there" is: a place the conversation named as a location, or an event or case more salient than it
    ("at the summit", "in the second scenario"), else any place."""
    places = [r for r in memory.referents.values() if r.kind == "place" and r.located > 0 and r.key not in named]
    place = max(places, key=lambda r: r.located) if places else None
    settings = event_heads() | set(load("conversation")["case_heads"])
    setting = best_topic(memory, named, lambda r: r.head in settings)
    if setting is not None and (place is None or setting.salience > place.located):
        return setting
    return place or memory.best(("place",), named)


def goal(memory: Memory, named: set[str]) -> Referent | None:
    """What "get there" reaches: the aim the conversation discussed ("Dravenia's real goals"), if any."""
    return best_topic(memory, named, lambda r: r.head in load("conversation")["goal_heads"])


def group(memory: Memory, named: set[str], members: bool = False, mutual: bool = False) -> Referent | None:
    """What "they" are: a group of people, a plural topic, an organisation or an institution spoken of by its kind
    ("the administration"); a place only when nothing else fits.
    Something an answer only mentioned in passing is too faint to be "they". `members` ("how many of them"):
    a group or plural topic only, not one body (nor one country); `mutual` ("where did they meet?"): the two people
    asked about, before a place. Last of all, the group the latest answer gave a share of ("86% of Republican voters")."""
    candidates = [r for r in memory.referents.values() if r.key not in named and r.salience >= MIN_SALIENCE / 2]
    bodies = () if members else ("organisation",)
    institutions = set() if members else set(load("conversation")["institution_heads"])  # "the administration": they
    cases = set(load("conversation")["case_heads"])  # "the three scenarios" never act
    ranked = [
        r
        for r in candidates
        if r.kind in ("group", *bodies) or (r.kind == "topic" and (r.plural or r.head in institutions) and r.head not in cases)
    ]
    strong = [r for r in ranked if r.salience >= MIN_SALIENCE]
    asked = [r for r in ranked if r.asked_about]
    places = [r for r in candidates if r.kind == "place" and r.salience >= MIN_SALIENCE and not members]  # "most of them": not one country
    # people a question asked about, however long ago, before a country; a country a question made salient before
    # a body an answer only mentioned in passing
    chosen = strong or asked or (_two_people(candidates) if mutual else []) or places or ranked or memory.named_groups[:1]
    # "they" who act are people or bodies before talks or meetings; the people a who-question was answered with, then
    # a group the previous question named, before one an earlier answer listed
    if not chosen:
        return None
    return max(chosen, key=lambda r: (r.head not in event_heads(), r.key in memory.answered, r.key in memory.previous_keys, r.salience))


def _two_people(candidates: list[Referent]) -> list[Referent]:
    """The two people questions asked about, as one group, when exactly two are salient ("Who is Lind's protégé? Where
    did they meet?")."""
    people = [r for r in candidates if r.kind == "person" and r.asked_about and r.salience >= MIN_SALIENCE]
    if len(people) != 2:
        return []
    names = sorted(r.text for r in people)
    return [Referent(GROUP + "+".join(names), " and ".join(r.text for r in people), "group", True)]


def person(memory: Memory, named: set[str]) -> Referent | None:
    """Whom "he", "she" or "that person" is: the person the previous who-question was answered with ("Who gets on
    with Berg?" → Tom Lind; "What is his job?"), else the most salient person."""
    answered = [r for k, r in memory.referents.items() if k in memory.answered and k not in named and r.kind == "person"]
    if answered:
        return max(answered, key=lambda r: r.salience)
    subject = memory.referents.get(memory.previous_subject)
    if subject is not None and subject.kind == "person" and subject.key not in named:
        return subject  # "Where did Berg and Lind meet? Did he …": the one the question put first
    people = [r for key in memory.previous_own if (r := memory.referents[key]).kind == "person" and key not in named]
    if len(people) == 1:
        return people[0]  # "What happened to Lind? When did he …": the one person the previous question named
    asked = [r for r in memory.referents.values() if r.kind == "person" and r.asked_about and r.key not in named]
    if asked:  # "Who is Lind? … (turns about other things) … Which country is he president of?": not a name an answer gave
        return max(asked, key=lambda r: r.salience)
    return memory.best(("person",), named)


def thing(memory: Memory, named: set[str], subject: bool = False, event: bool = False) -> Referent | None:
    """What "it" is: the organisation or source the previous question asked for; as a subject ("Why did it …?") the previous
    question's own subject when that is a thing, a place or an organisation; else the most salient singular topic,
    else an organisation (place) the previous question named; as a subject, else the conversation's most salient one."""
    answered = [
        r
        for k, r in memory.referents.items()
        if k in memory.answered and k not in named and r.kind in ("organisation", "topic") and not r.plural
    ]
    topic = best_topic(memory, named, lambda r: not r.plural)  # with a head noun: not a date asked about ("in January")
    happening = previous_event(memory, named) if event else None  # "did it work?": what was done, not who did it
    if happening is not None and not happening.plural:
        return happening
    if answered and (topic is None or max(r.salience for r in answered) >= topic.salience):
        return max(answered, key=lambda r: r.salience)
    first = memory.referents.get(memory.previous_subject)
    if subject and first is not None and first.key not in named and first.kind in ("topic", "organisation", "place") and not first.plural:
        return first
    fresh = [memory.referents[k] for k in memory.previous_own if k not in named and memory.referents[k].kind == "topic"]
    if len(memory.previous_own) == len(fresh) == 1 and not fresh[0].plural and fresh[0].head:
        return fresh[0]  # "The prize thing?" then "Who won it?": the one thing the previous question named
    if topic is not None:
        return topic
    actors = [memory.referents[k] for k in memory.previous_keys if k not in named and memory.referents[k].kind in ("organisation", "place")]
    if actors:
        return actors[0]
    return memory.best(("organisation", "place"), named, plural=False) if subject else None


def previous_event(memory: Memory, named: set[str], timed: bool = False) -> Referent | None:
    """What "that" (alone or before an event verb) and "afterwards" point at: the previous question's topic, else
    what it was answered with ("Which firms were hit?" → "Anna Corp and Lind Ltd"), else what it asked for; None
    when it named none of these (the follow-up then gains the previous question's subject). `timed` ("after that",
    "And then?") wants an event or date: never what a which-question was answered with ("after Anna Corp"), the
    date an answer gave before a topic the previous question only took from the conversation, and the conversation's
    event ("the summit") before a topic that is none ("the deal")."""
    topics = [memory.referents[k] for k in memory.previous_own if k not in named and memory.referents[k].kind == "topic"]
    topics += [memory.referents[k] for k in memory.previous_keys if k not in named and memory.referents[k].kind == "topic"]
    answered = [memory.referents[k] for k in memory.answered if k not in named and memory.referents[k].kind not in ("person", "group")]
    answered.sort(key=lambda r: (not r.plural, -r.salience))  # "Anna Corp and Lind Ltd" before either
    if timed:
        answered = _passive(memory, answered[0]) if answered else []
    institutions = set(load("conversation")["institution_heads"])
    topics = [r for r in topics if r.head not in institutions]  # "after that" is after an event, not "the bank"
    determined = [r for r in topics if r.determined]
    own = [r for r in determined if r.key in memory.previous_own]
    if timed:  # "beforehand" after "Which of Lind's demands ended up in the plan?": before the plan, not the demands
        own.sort(key=lambda r: r.plural)
    asked = [memory.referents[memory.previous_asked]] if memory.previous_asked and memory.previous_asked not in named else []
    dated = [date] if timed and (date := memory.best(("date",), named)) is not None else []
    chosen = own or answered or dated or determined or asked
    if timed and chosen and chosen[0].head and chosen[0].head not in event_heads():  # "after it": after an event
        chosen = [event] if (event := best_topic(memory, named, lambda r: r.head in event_heads())) is not None else chosen
    return chosen[0] if chosen else None


def action(memory: Memory) -> str | None:
    """What was done, when the previous question asked for an action rather than naming it: "What did the bank do
    on 11 November 2024?" → "what the bank did on 11 November 2024"; "What happened in Tesk?" → "what happened in
    Tesk". "Did it work?" is then about that action, not about the date or the bank."""
    previous, _, context = memory.previous.partition(CONTEXT)
    if context.startswith("what "):  # "Why, regarding what the bank did …?": the same action still
        return context.rstrip(" ?.!")
    previous = previous.strip().rstrip(" ?.!")
    done = _action_patterns()[0].match(previous)
    if done is not None:
        auxiliary = done.group("aux").lower()
        verb = auxiliary if auxiliary in ("did", "does", "do") else f"{auxiliary} {done.group('verb').lower()}"
        return f"what {done.group('subject')} {verb}{done.group('rest')}"
    happened = _action_patterns()[1].match(previous)
    return f"what {happened.group('rest')}" if happened is not None else None


_WHAT_DID = re.compile(r"^\W*(?:and\s+)?what\s+did\s+(?P<tail>.+?)\s*$", re.IGNORECASE)
"""A question for what a party did, thought or said ("What did Berg assume …?"), and what follows "did"."""


def _previous_question(memory: Memory) -> str:
    """The previous standalone question without the context the rewriter added and its closing punctuation."""
    return memory.previous.split(CONTEXT)[0].strip().rstrip(" ?.!")


def _subjects(memory: Memory) -> Iterator[tuple[Referent, str]]:
    """What the previous question named, in order, each with a pattern for its name or its last word ("Breuer" for
    Lukas Breuer): the subjects whose verb follows them."""
    for key in memory.previous_keys:
        referent = memory.referents[key]
        yield referent, alternatives((referent.text, referent.text.split()[-1]))


def result(memory: Memory) -> str | None:
    """What the previous question asked for when it ended at its verb: "What did Anna Berg's plan turn into?" →
    "what Anna Berg's plan turned into" (what "it" in "Which demands ended up in it?" is). After "What did the plan
    include?" "it" is still the plan: a thing's verb needs a particle ("into") to make something new."""
    asked = _WHAT_DID.match(_previous_question(memory))
    if asked is None:
        return None
    particles = alternatives(load("conversation")["particles"])
    for referent, said in _subjects(memory):
        subject = referent.text
        verb = re.fullmatch(rf"(?:{said})\s+(?P<verb>[a-z]+)(?P<rest>(?:\s+(?:{particles}))*)", asked.group("tail"), re.IGNORECASE)
        if verb is None or verb.group("verb") in ("do", "have", "be"):
            continue
        thing = referent.kind == "topic" and referent.head not in load("conversation")["institution_heads"]  # not "the bank"
        if verb.group("rest") or not thing:
            return f"what {subject} {_past(verb.group('verb'))}{verb.group('rest')}"
    return None


def reported(memory: Memory) -> str | None:
    """What someone thought or said, when the previous question asked for it: "What did Berg assume Lind would
    accept?" → "what Berg assumed Lind would accept" (what "that" in "Why did he think that?" is)."""
    asked = _WHAT_DID.match(_previous_question(memory))
    if asked is None:
        return None
    for referent, said in _subjects(memory):
        verb = re.fullmatch(rf"(?:{said})\s+(?P<verb>[a-z]+)(?P<rest>\s+\S.*)", asked.group("tail"), re.IGNORECASE)
        if verb and (past := _past(verb.group("verb").lower())) in opinion_cues() | speech_cues():
            return f"what {referent.text} {past}{verb.group('rest')}"
    return None


def _past(verb: str) -> str:
    """The past tense of an English verb: irregular ones from inflections.yaml ("become" → "became"), else -ed."""
    prefix = re.match(r"(?:be|over|under|with|for|up|out|mis|re)(?=\w{2})", verb)  # "become" → "be" + "came"
    for start in (0, prefix.end()) if prefix else (0,):
        irregular = [form for form in load("inflections").get(verb[start:], []) if not form.endswith("ing")]
        if irregular:
            return f"{verb[:start]}{irregular[0]}"
    if verb.endswith("e"):
        return f"{verb}d"
    if re.search(r"[^aeiou]y$", verb):
        return f"{verb[:-1]}ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):  # one syllable ending consonant-vowel-consonant
        return f"{verb}{verb[-1]}ed"
    return f"{verb}ed"


def doing(memory: Memory) -> str | None:
    """What the previous when/why/how/where question was about: "When did the bank suspend the tranche?" → "the
    bank suspending the tranche". The subject is one the question named, so that the verb after it is known."""
    asked = _action_patterns()[2].match(_previous_question(memory))
    if asked is None:
        return None
    tail = asked.group("tail")
    for referent, said in _subjects(memory):
        verb = re.match(rf"(?:{said})(?P<others>{_CONJOINED_NAMES})?\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$", tail, re.IGNORECASE)
        if verb is not None and verb.group("verb").islower() and verb.group("verb") not in ("do", "done", "have", "be"):
            return f"{referent.text}{verb.group('others') or ''} {_gerund(verb.group('verb'))}{verb.group('rest')}"
    return None


_CONJOINED_NAMES = r"(?:\s+and\s+(?-i:[A-Z])[\w'’.\-]*(?:\s+(?-i:[A-Z])[\w'’.\-]*)*)"
"""Names joined to a subject ("Berg and Lind meet"): theirs is the verb after them."""


def _gerund(verb: str) -> str:
    """The -ing form of an English verb: "suspend" → "suspending", "make" → "making", "cut" → "cutting"."""
    if verb.endswith("ie"):
        return f"{verb[:-2]}ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return f"{verb[:-1]}ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):  # one syllable ending consonant-vowel-consonant
        return f"{verb}{verb[-1]}ing"
    return f"{verb}ing"


@cache
def _action_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    auxiliaries = alternatives(load("conversation")["swap_auxiliaries"])
    verbs = alternatives(load("conversation")["event_verbs"])
    return (
        re.compile(rf"^\W*(?:and\s+)?what\s+(?P<aux>{auxiliaries})\s+(?P<subject>.+?)\s+(?P<verb>do|done)\b(?P<rest>.*)$", re.IGNORECASE),
        re.compile(rf"^\W*(?:and\s+)?what\s+(?P<rest>(?:{verbs})\b.*)$", re.IGNORECASE),
        re.compile(r"^\W*(?:and\s+)?(?:when|why|how|where)\s+(?:did|does|do)\s+(?P<tail>.+)$", re.IGNORECASE),
    )


def answered_one(memory: Memory, named: set[str]) -> Referent | None:
    """What "that one" points at: the one thing the previous question was answered with ("Which firms stand to
    gain?" → "Anna Corp"); None when it was answered with several or with none."""
    answered = [memory.referents[k] for k in memory.answered if k not in named]
    return answered[0] if len(answered) == 1 and not answered[0].plural else None


def opening(memory: Memory, named: set[str]) -> Referent | None:
    """What the conversation opened with: the first referent a question before the previous one named ("What does
    the report say about the delta?"), whether or not it was answered."""
    earlier = [r for r in memory.referents.values() if r.first[0] < len(memory.questions) and r.key not in named]
    return min(earlier, key=lambda r: r.first) if earlier else None


def _passive(memory: Memory, answer: Referent) -> list[Referent]:
    """The previous passive which-question told with its answer ("Which firms were hit by the ban?" → "Anna Corp
    and Lind Ltd were hit by the ban"): what happened, where the answer alone is only who it happened to."""
    own = _previous_question(memory)
    asked = re.match(r"^\W*(?:and\s+)?which\s+(?:[\w\-]+\s+){1,3}?(?P<be>was|were)\s+(?P<rest>\S.*)$", own, re.IGNORECASE)
    if asked is None:
        return []
    return [Referent("", f"{answer.text} {'were' if answer.plural else 'was'} {asked.group('rest')}", "topic", answer.plural)]


def best_topic(memory: Memory, named: set[str], keep: Callable[[Referent], bool]) -> Referent | None:
    """The most salient topic with a head noun that `keep` accepts, not one of `named`."""
    ranked = [r for r in memory.referents.values() if r.kind == "topic" and r.head and r.key not in named and keep(r)]
    return max(ranked, key=lambda r: r.salience) if ranked else None
