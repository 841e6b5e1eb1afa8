"""Rule-based rewriting of follow-ups into standalone questions, against a memory of the whole conversation.

The memory (memory.py) holds the people, organisations, places, groups and topics of every earlier question
and answer, with salience. References are resolved against it: "he"/"she" → the most salient person,
"they" → a group, plural topic or organisation, "it" → a topic or organisation, "that" → the previous topic,
"there" → a place named as a location (or an event), "in that case" → the case discussed, "the second one" /
"the other one" / "the neutral one" → a topic with the head noun the conversation used (or a person an answer
listed), "around then" / "at that time" → the date asked about or answered with. After a question about an action
("What did the bank do on 11 May?", "When did Breuer cut the releases?", "What did the plan turn into?") "it" keeps
its place and the question ends ", regarding <the action>", never "Did 11 May work?". Elliptic follow-ups
("Why?", "And then?", "And Tom Lind?") are completed from the previous question (ellipsis.py); others that
still do not say what they are about gain the previous question's subject (context.py). Without a catalogue only topics
are known.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.conversation import antecedents, ordinals
from assistant.conversation.context import with_context
from assistant.conversation.dislocation import asked_then_told, capitalised, undislocated
from assistant.conversation.echoes import echoed_owners
from assistant.conversation.ellipsis import bare_question_word, going_on, substituted
from assistant.conversation.memory import remember
from assistant.conversation.phrases import topic_phrases
from assistant.conversation.referents import CONTEXT, SOURCE, SOURCES, Memory, Referent
from assistant.conversation.referring import event_heads, referring_patterns
from assistant.conversation.sources import source_of_previous
from assistant.data import load
from assistant.index.catalogue import EntityCatalogue
from assistant.index.dates import ANY_YEAR, dated_expressions, month_after
from assistant.retrieval.query import QueryIntent, understand
from assistant.text import without_note_markers
from assistant.types import Turn

Replacement = tuple[int, int, str]
_OBJECT_AFTER_SUBJECT = {
    "masculine": re.compile(r"\bhe\b[^,;?]*?\b(?P<object>him)\b", re.IGNORECASE),
    "feminine": re.compile(
        r"\bshe\b[^,;?]*?\b(?P<object>her)\b(?=\s*(?:[?.!,;]|$|\s+(?:in|at|on|for|to|with|about|after|before|again|first)\b))",
        re.IGNORECASE,
    ),
}
"""A "him" ("her") in the clause whose subject is "he" ("she"): someone else than the subject."""
_OWNED = re.compile(r"^\S.*['’]s\s")
"""A role phrase with its owner ("Lind's mentor")."""


def rewrite_follow_up(question: str, history: tuple[Turn, ...], catalogue: EntityCatalogue | None = None) -> str:
    """Resolve pronouns, "that case", "there", "the second one" and elliptic questions against the whole
    conversation (rules, no LLM)."""
    if not history:
        return question
    own = understand(question, catalogue)
    sourced = source_of_previous(question, history) if own.asks_source else None
    if sourced is not None:
        return capitalised(sourced)
    memory = remember(history, catalogue)
    for complete in (bare_question_word, going_on):
        done = complete(question, memory)
        if done is not None:
            return done
    opened = undislocated(asked_then_told(referring_patterns()["connective"].sub("", question).strip()))
    body = _with_names(opened, own, memory, catalogue)
    named = _named(body, own, memory, catalogue)
    bound, own_thing, own_group = _own_named_at(body, own, catalogue)
    action = _action(body, memory, named, own_thing)
    replacements = _references(body, memory, named, action[0] if action else None, bound, own_thing, own_group, own.answer_type == "date")
    if catalogue is not None:  # "his disastrous visit" after "Lind's disastrous visit": Lind's
        said = [text for turn in reversed(history) for text in (without_note_markers(turn.answer), turn.standalone_question)]
        echoes = echoed_owners(body, said, catalogue)
        replacements = sorted(echoes + [r for r in replacements if not any(s < r[1] and r[0] < e for s, e, _ in echoes)])
    rewritten = _holders_named(_apply(body, replacements), question, catalogue)
    rewritten = _with_predicate(rewritten, memory)
    if action is not None:
        return capitalised(f"{rewritten.rstrip(' ?.!')}{CONTEXT}{action[1]}?")
    span = antecedents.period(memory, named) if referring_patterns()["summing_up"].search(question) else None
    if span is not None:  # "Did all that get them what they wanted?": they, of that time
        summed = _apply(body, [r for r in replacements if not referring_patterns()["group_pronoun"].fullmatch(body[r[0] : r[1]])])
        if span.text.lower() not in summed.lower():
            return capitalised(f"{summed.rstrip(' ?.!')}{CONTEXT}{span.text}?")
    swapped = substituted(rewritten, memory, catalogue)
    if swapped is not None:
        return capitalised(swapped)
    case = antecedents.discussed_case(memory, named)  # in a conversation about a scenario, what follows is in it
    conditional = referring_patterns()["conditional"].match(question.strip())  # "And if the bank walks away?"
    if conditional and case is not None and case.text.lower() not in rewritten.lower():
        return capitalised(f"{rewritten.rstrip(' ?.!')}{CONTEXT}{case.text}?")
    if not replacements:
        rewritten = with_context(question, rewritten, own, memory, named, case, catalogue)
    return capitalised(rewritten)


def _action(text: str, memory: Memory, named: set[str], own_thing: int | None = None) -> tuple[Replacement, str] | None:
    """ "it" or "that" before an event verb ("Did it work?"), or "it" as an object ("Who criticised it?"), kept as it
    is, and the action it stands for when the previous question asked what was done or when (antecedents.action):
    the follow-up then ends ", regarding <the action>". The subject of another verb ("Why did it say so?") is who
    acted, and an event or situation the previous question named apart ("the second scenario") is what "it" is."""
    lexicon = referring_patterns()
    event = antecedents.previous_event(memory, named)
    done = [(m.start(), m.end()) for m in lexicon["do_that"].finditer(text)]  # "did it do that?": the predicate's
    said = [m for m in lexicon["demonstrative"].finditer(text) if not any(s <= m.start() < e for s, e in done)]
    clause = antecedents.action(memory) or antecedents.result(memory) or antecedents.doing(memory)
    clause = clause or (antecedents.reported(memory) if said else None)  # "Why did he think that?": what he assumed
    if clause is None or (event is not None and event.kind == "topic" and event.head and event.text.lower() not in clause.lower()):
        return None
    match = lexicon["event_it"].search(text) or next(iter(said), None)
    if match is None and not lexicon["subject_it"].search(text):
        match = lexicon["it"].search(text)
    if match is None:
        return None
    pronoun = match.group().split()[0]
    if own_thing is not None and match.start() > own_thing and pronoun.lower() in _POSSESSIVES:
        return None  # "Did the bank get its money back?": the bank's, not an action's
    return (match.start(), match.start() + len(pronoun), pronoun), clause


def _references(
    text: str,
    memory: Memory,
    named: set[str],
    kept: Replacement | None = None,
    bound: int | None = None,
    own_thing: int | None = None,
    own_group: int | None = None,
    asks_date: bool = False,
) -> list[Replacement]:
    """What each referring expression of `text` stands for, as non-overlapping replacements; `kept` stays as it is.
    A possessive from `bound` on is that of the person the question itself names there ("What about Berg, what
    is his view?"); "its" after a thing the question names is that thing's ("Did the bank get its loan back?"), and "they"
    or "their" after a plural it names (not one it asks for), that plural's ("Why are farmers changing their minds?"). A question
    that `asks_date` keeps "that vote" rather than gain the date that names it ("the May 2026 vote"): the answer."""
    lexicon = referring_patterns()
    found: list[Replacement] = [kept] if kept is not None else []

    def take(pattern: re.Pattern[str], referent: Referent | None, form: str = "{}", count: int = 0, owned_from: int | None = None) -> None:
        """Replace the matches of `pattern` with `referent`, except possessives from `owned_from` on."""
        if referent is None:
            return
        for n, match in enumerate(pattern.finditer(text)):
            if count and n >= count:
                break
            if owned_from is not None and match.start() >= owned_from and match.group().lower() in _POSSESSIVES:
                continue
            if not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), form.format(_pronoun(match.group(), referent, text, match.end()))))

    found += [(m.start(), m.end(), m.group()) for m in lexicon["do_that"].finditer(text)]  # gains a predicate later
    for kind in load("conversation")["kind_nouns"]:  # "those two companies", "the first company"
        take(lexicon[f"pair:{kind}"], ordinals.pair(memory, named, kind))
        for match in lexicon[f"ordinal:{kind}"].finditer(text):
            chosen = ordinals.of_kind_in_order(match.group("which").lower(), memory, kind)
            if chosen is not None and _free(match, found):
                found.append((match.start(), match.end(), chosen.text))
    take(lexicon["pair"], ordinals.pair(memory, named))
    asked_plural = memory.referents.get(memory.previous_asked)  # "Which officials …?" then "Which one …?"
    choices = memory.best(("group",), named) or (asked_plural if asked_plural is not None and asked_plural.plural else None)
    choices = choices or (SOURCES if sum(key.startswith(SOURCE) for key in memory.answered) > 1 else None)  # a list of sources
    take(lexicon["which_one"], choices, "Which of {}")  # "Which one …?" of the people discussed, or of those asked for
    take(lexicon["that_one"], antecedents.answered_one(memory, named))  # "has that one gone back?": the firm the answer named
    take(lexicon["group_phrase"], antecedents.group(memory, named, members=True))  # "that group": people, as "them" in "many of them"
    if len(memory.cited) == 1:  # "the date on that newspaper piece": the one publication an answer about sources cited
        title = memory.cited[0]
        found += [(m.start(), m.end(), f"'{title}'") for m in lexicon["that_publication"].finditer(text) if _free(m, found)]
    for match in lexicon["that_noun"].finditer(text):  # "after that success" → "after the success in the delta talks"
        specific = memory.specific.get(match.group("head").lower())
        dated = asks_date and specific is not None and dated_expressions(specific, ANY_YEAR)
        if specific and _free(match, found) and specific.lower() not in text.lower() and not dated:
            found.append((match.start(), match.end(), specific))
    person = antecedents.person(memory, named)
    ordered = None
    for match in lexicon["first_mentioned"].finditer(text):
        opened = _as_specific(ordinals.first_asked(memory), memory)
        if opened is not None and _free(match, found):
            found.append((match.start(), match.end(), opened.text))
    for match in lexicon["person_ordinal"].finditer(text):
        which = "first" if match.group("opening") else match.group("which") or match.group("alone")
        chosen = ordinals.person_in_order(which.lower(), memory)
        if chosen is not None:  # "the first guy", and the pronouns that follow it
            found.append((match.start(), match.end(), chosen.text))
            ordered = person = chosen if chosen.kind == "person" else person
    take(lexicon["person_phrase"], person)
    for gender in ("masculine", "feminine"):  # "she" is never a man the conversation called "he"
        matching = [r for r in memory.referents.values() if r.kind == "person" and r.key not in named and r.gender in ("", gender)]
        fits = person if person is not None and person.gender in ("", gender) else max(matching, key=lambda r: r.salience, default=None)
        continued = memory.referents.get(memory.continued.get(gender, ""))
        if ordered is None and continued is not None and continued.key not in named:
            fits = continued  # "Whose protégé is he?" → "… sat across from him": still the same man
        own_object = _OBJECT_AFTER_SUBJECT[gender].search(text)  # "How did he build a rapport with him?": two people
        if own_object is not None and fits is not None and _free(own_object, found, "object"):
            other = max((r for r in matching if r.key != fits.key), key=lambda r: r.salience, default=None)
            if other is not None:
                found.append((own_object.start("object"), own_object.end("object"), other.text))
        take(lexicon[gender], fits, owned_from=bound)
    take(lexicon["case_phrase"], antecedents.case(memory, named))
    take(lexicon["case_one"], antecedents.case(memory, named), "in {}")
    take(lexicon["closing_case"], antecedents.discussed_case(memory, named), "in {}")  # "What about sanctions then?"
    event = antecedents.previous_event(memory, named)
    timed = antecedents.previous_event(memory, named, timed=True)
    take(lexicon["afterwards"], timed, "after {}")
    take(lexicon["beforehand"], timed, "before {}")
    date = antecedents.when(memory, named)
    if date is not None:  # "around then" → "around late February"; "at that time" → "on 22 October"
        at = "on" if any(d.day for d in dated_expressions(date.text, ANY_YEAR)) else "in"
        found += [(m.start(), m.end(), f"{m.group('prep') or at} {date.text}") for m in lexicon["then"].finditer(text) if _free(m, found)]
        found += [(m.start(), m.end(), f"in {month}") for m in lexicon["next_month"].finditer(text) if (month := _month_on(date, m))]
    aim = antecedents.goal(memory, named)
    reaching = lexicon["get_there"].search(text)
    if reaching and aim is not None and _free(reaching, found):  # "How did they try to get there?": achieve the aim
        found.append((reaching.start(), reaching.end(), f"achieve {aim.text}"))
    setting = antecedents.location(memory, named)
    there = lexicon["there"].search(text)
    said = {new.lower() for _, _, new in found}  # "there in that case" is said once
    if there and setting is not None and setting.text.lower() not in said and _free(there, found, "there"):
        found.append((there.start("there"), there.end("there"), f"{'at' if setting.head in event_heads() else 'in'} {setting.text}"))
    for match in lexicon["asked_about"].finditer(text):  # "the scenario I asked about first"
        last = (match.group("before") or match.group("after") or "").lower() == "last"
        earlier = ordinals.asked_about(match.group("head").lower(), not last, memory)
        if earlier is not None and _free(match, found):
            found.append((match.start(), match.end(), earlier))
    for match in lexicon["one"].finditer(text):
        which = (match.group("which") or match.group("which_of")).lower()
        if which == "other":  # "the other one" of two people an answer named, before the other of a kind of thing
            one = ordinals.member(which, memory) or ordinals.one(which, memory, named)
        else:
            one = ordinals.one(which, memory, named) or ordinals.member(which, memory)
        one = one or ordinals.named_in_order(which, memory)
        if one is not None and _free(match, found):
            found.append((match.start(), match.end(), one))
    members = lexicon["partitive_them"].search(text) is not None  # "how many of them": people, not one body
    if lexicon["asked_group"].search(text):  # "Which countries said they'd …": "they" is theirs
        found += [(m.start(), m.end(), m.group()) for m in re.finditer(r"\bthey\b", text, re.IGNORECASE)]
    if own_group is not None:  # "Going back to those sanctions, when were they imposed?": the plural the question names
        theirs = [m for m in lexicon["group_pronoun"].finditer(text) if m.start() > own_group and _free(m, found)]
        found += [(m.start(), m.end(), m.group()) for m in theirs]
    mutual = lexicon["mutual_they"].search(text) is not None  # "where did they meet?": perhaps two people
    take(lexicon["group_pronoun"], antecedents.group(memory, named, members, mutual), count=1)
    for match in lexicon["closing_those"].finditer(text):  # "offered money for those" → "for guarantees"
        plural = memory.best(("topic",), named, plural=True)
        if plural is not None and _free(match, found):
            found.append((match.start(), match.end(), f"{match.group().split()[0]} {plural.text}"))
    take(lexicon["demonstrative"], event, count=1)
    subject = bool(lexicon["subject_it"].search(text)) and not lexicon["text_it"].search(text)  # "what did it say": a text
    eventive = bool(lexicon["event_it"].search(text))
    thing = _as_specific(antecedents.thing(memory, named, subject, eventive), memory)
    if thing is not None and thing.kind == "place" and lexicon["passive_that"].search(text):
        thing = None  # "What poll is that based on?": what was said, never a country
    asked_then = _ASKED_THEN.match(text)  # "Which paper is cited, and when was it published?": the paper
    if asked_then:
        found += [(m.start(), m.end(), m.group()) for m in lexicon["it"].finditer(text, asked_then.end()) if _free(m, found)]
    take(lexicon["it"], thing, count=1, owned_from=own_thing)
    return sorted(found)


def _as_specific(referent: Referent | None, memory: Memory) -> Referent | None:
    """A topic named by its head alone ("the legislation") as the conversation said it in full ("the legislation
    sponsored by Senator Berg"), as "that legislation" is."""
    if referent is None or referent.kind != "topic" or referent.text.lower() != f"the {referent.head}":
        return referent
    specific = memory.specific.get(referent.head)
    return replace(referent, text=specific) if specific else referent


def _with_names(text: str, own: QueryIntent, memory: Memory, catalogue: EntityCatalogue | None) -> str:
    """`text` with each role phrase that names one person only, one the conversation already named, replaced by
    the name ("When did the chief negotiator open the talks?" → "When did Henrik Aalto open the talks?"); a role
    several people hold names the one of them a question asked about."""
    if own.answer_type == "person":
        return text  # "Who is the protégé?" asks who holds the role
    for phrase, entity in own.roles:
        holders = catalogue.role_holders(phrase) if catalogue is not None else []
        asked = [holder for holder in holders if (r := memory.referents.get(f"entity:{holder.id}")) is not None and r.asked_about]
        chosen = entity if len(holders) == 1 else asked[0] if len(asked) == 1 else None  # "the envoy" a question named
        if chosen is not None and chosen.kind == "person" and f"entity:{chosen.id}" in memory.referents:
            text = re.sub(rf"\bthe\s+{re.escape(phrase)}\b", chosen.name, text, count=1, flags=re.IGNORECASE)  # not "his protégé"
    return text


def _own_named_at(text: str, own: QueryIntent, catalogue: EntityCatalogue | None) -> tuple[int | None, int | None, int | None]:
    """Where `text` itself first names a person (by name or role: "the chief negotiator"), a place or organisation,
    and a plural it does not ask for ("farmers", "the Republicans")."""
    plurals = min((p.start for p in topic_phrases(text, catalogue) if p.plural and not _ASKED_FOR.search(text, 0, p.start)), default=None)
    if catalogue is None:
        return None, None, plurals
    found = catalogue.entities_in(text)
    people = [start for entity, start, _ in found if entity.kind == "person"]
    people += [at for phrase, entity in own.roles if entity.kind == "person" and (at := text.find(phrase)) >= 0]
    things = [start for entity, start, _ in found if entity.kind != "person"]
    return min(people, default=None), min(things, default=None), plurals


_POSSESSIVES = frozenset({"his", "her", "its"})
_ASKED_THEN = re.compile(r"^(?:which|what)\s+[^?,]+,\s*and\s+(?:when|where|who|how|why|what|which|is|was|did|does|has)\b", re.IGNORECASE)
"""A question for a thing and, after ", and", something more about it: "it" there is the thing asked for."""
_ASKED_FOR = re.compile(r"\b(?:which|what|how\s+many)\s+$", re.IGNORECASE)
"""Right before a plural a question asks for ("Which companies were hit by them?"): not what its pronouns stand for."""


def _free(match: re.Match[str], found: list[Replacement], group: int | str = 0) -> bool:
    """Whether `match` (its `group`) overlaps none of the replacements `found`."""
    return not any(s < match.end(group) and match.start(group) < e for s, e, _ in found)


def _named(text: str, own: QueryIntent, memory: Memory, catalogue: EntityCatalogue | None) -> set[str]:
    """Keys of the referents the follow-up names itself (never the antecedent of its own pronouns)."""
    keys = {f"entity:{entity.id}" for entity in own.entities}
    keys |= {phrase.key for phrase in topic_phrases(text, catalogue)}
    return keys


def _with_predicate(rewritten: str, memory: Memory) -> str:
    """ "Had she done that before?" with what "that" was: the previous question's predicate, after the subject
    the two questions share ("Could Anna Berg cut the tranche?" → "cut the tranche")."""
    done = referring_patterns()["do_that"].search(rewritten)
    if done is None:
        return rewritten
    previous = memory.previous.split(CONTEXT)[0].rstrip(" ?")
    shared = [memory.referents[k].text.lower() for k in memory.previous_keys if memory.referents[k].text.lower() in rewritten.lower()]
    ends = [previous.lower().find(text) + len(text) for text in shared if text in previous.lower()]
    predicate = previous[min(ends) :].strip() if ends else referring_patterns()["opening"].sub("", previous)
    predicate = re.sub(r"^(?:do|done)\b\s*", "", predicate, flags=re.IGNORECASE)  # "What did she do in May?": "in May"
    return rewritten[: done.end()] + f" ({predicate})" + rewritten[done.end() :] if predicate else rewritten


def _month_on(date: Referent, said: re.Match[str]) -> str | None:
    """The month "the month after" (or before) the date discussed is ("March" after "February"); "that month" is
    the date's own month."""
    expressions = dated_expressions(date.text, ANY_YEAR)
    backwards = (said.group("dir") or "").lower() == "before" or (said.group("order") or "").lower() in ("previous", "preceding")
    step = 0 if said.group("same") else -1 if backwards else 1
    return month_after(expressions[0], step) if expressions else None


def _apply(text: str, replacements: list[Replacement]) -> str:
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _pronoun(word: str, referent: Referent, text: str, end: int) -> str:
    """The referent in the grammatical place of `word` (possessives gain 's, or ' after a plural in s; "her"
    before a noun is one)."""
    lowered, name = word.lower(), referent.text
    noun_follows = referring_patterns()["noun_follows"].match(text[end:])
    possessive = lowered in ("his", "its", "their", "theirs", "hers") or (lowered == "her" and noun_follows)
    if not possessive:
        return name
    return f"{name}'" if referent.plural and name.endswith("s") else f"{name}'s"


def _holders_named(rewritten: str, question: str, catalogue: EntityCatalogue | None) -> str:
    """A role the rewrite gave an owner ("his mentor" → "Lind's mentor") followed by the name of the one the
    catalogue says holds it ("Lind's mentor, Anna Berg,"), unless the question asks who holds it."""
    if catalogue is None or not re.search(r"['’]s\s", rewritten):  # no owner in it: no role phrase to name
        return rewritten
    intent = understand(rewritten, catalogue)
    if intent.answer_type == "person":  # "Who is his protégé?" asks who holds it
        return rewritten
    for phrase, entity in intent.roles:
        at = rewritten.find(phrase)
        if at < 0 or not _OWNED.match(phrase) or phrase in question or entity.name in rewritten:
            continue
        end = at + len(phrase)
        rest = rewritten[end:]
        rewritten = f"{rewritten[:end]}, {entity.name}{'' if rest[:1] in (',', '?', '.', '!') else ','}{rest}"
    return rewritten
