"""The event a question names by its verb ("Why did the council reject the plan?", "Did Lind resign in
May?") and the clauses of a text that report it.

The party may be a pronoun, a name (capitalised or not: "did lind resign"), or a one-word noun phrase
("the council", also after a name: "the Lindish side"); its verb follows, before its object or the end. A
longer subject ("the new council") is not read. A reader's phrasal verb ("turn down") is the event only in
the document's word for it ("rejected", synonyms.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.data import word_set
from assistant.retrieval.query import document_term
from assistant.text import content_terms, matching_terms

_PARTICLES = r"(?:down|up|out|off|aside|away|back|over)"
"""Particles of phrasal verbs ("turn down"): the word before one is a verb, not a party's noun ("the Dravenians turn down")."""
_PARTY_AND_VERB = (
    r"(?P<party>he|she|it|they|we|you"
    r"|(?:the|a|an|its|their|his|her)\s+(?:(?-i:[A-Z])[\w\-]*\s+)?(?-i:[a-z])[\w\-]*(?!\s+" + _PARTICLES + r"\b)"
    r"|(?-i:[a-z])[\w\-]*(?=\s+(?:(?:actually|really|ever|already|finally|eventually)\s+)?(?-i:[a-z]))"
    r"|(?:the\s+)?(?-i:[A-Z])[\w\-]*(?:['’]s)?(?:\s+(?-i:[A-Z])[\w\-]*(?:['’]s)?)*)(?<!['’]s)\s+"
    r"(?:(?:actually|really|ever|already|finally|eventually|ultimately|formally|officially|publicly|end\s+up)\s+)?"
    r"(?:(?:manage|try|get|go\s+on|bother|dare)\s+to\s+)?"  # "Did Berg manage to buy it?" asks whether Berg bought it
    r"(?P<verb>(?-i:[a-z])[\w\-]+\s+" + _PARTICLES + r"\b"  # a phrasal verb may take any object ("turn down lind")
    r"|(?-i:[a-z])[\w\-]+\b"
    r"(?=\s*[?.!,]|\s*$|\s+(?:(?-i:[A-Z])|(?:the|a|an|his|her|its|their|him|them|it|us|me|this|that|these|those|any|so|such"
    r"|further|more|all|some|no|every|each|both|new|to|from|with|on|in|at|for|over|about|against|into|after|before|by|as)\b)))"
)
WHY_DID = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?why\s+(?:did|does|do|has|have|had|would|will|could|might)\s+" + _PARTY_AND_VERB, re.IGNORECASE
)
"""A why-question about what a party did."""
WHY_WAS = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?why\s+(?:was|were|is|are|(?:has|have|had)\s+been)\s+[^?,;]{1,60}?\s"
    r"(?!(?:" + "|".join(sorted(word_set("questions", "judging_participles"))) + r")\b)"
    r"(?P<verb>(?-i:[a-z])+(?:ed|en|wn)(?:\s+" + _PARTICLES + r")?)(?=\s*[?.!,;]|\s*$|\s+(?:by|in|at|on|for|from|as|after|before|over)\b)",
    re.IGNORECASE,
)
"""A why-question about what was done to a party ("Why was Berg turned down?", "Why was Tesk chosen as the venue?"):
the participle ends the question or comes before a preposition, and is no judging one ("seen as a hawk")."""
WHY_MADE = re.compile(WHY_WAS.pattern + r"(?=\s+as\b)", re.IGNORECASE)
"""A why-question about what a party was made ("Why was Tesk chosen as the venue?"): only a text reporting that choice
can give its reason."""
DID = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:did|has|have|had)\s+" + _PARTY_AND_VERB, re.IGNORECASE)
"""A yes-or-no question whether a party did something."""


def _did_then(adverbs: str) -> re.Pattern[str]:
    """A yes-or-no question whose verb follows one of `adverbs`, past a subject of any length."""
    return re.compile(
        r"^\W*(?:(?:and|so|but)\s+)?(?:did|has|have|had)\s+[^?]{1,80}?\s(?:" + adverbs + r")\s+"
        r"(?:(?:manage|try|get|go\s+on|bother|dare)\s+to\s+)?(?P<verb>(?-i:[a-z])[\w\-]+(?:\s+" + _PARTICLES + r"\b)?)",
        re.IGNORECASE,
    )


DID_IN_THE_END = _did_then(r"actually|really|ever|finally|eventually|ultimately|end\s+up")
"""A yes-or-no question whether something happened after all, its party too long to read ("Did the council member
who sought the land end up buying it?"): the adverb marks the verb."""
DID_END_UP = _did_then(r"end\s+up")
"""A question whether something came about in the end ("Did the council end up passing it?")."""
DID_YET = re.compile(r"^(?=[^?]*\byet\b)\W*(?:(?:and|so|but)\s+)?(?:did|has|have|had)\s+" + _PARTY_AND_VERB, re.IGNORECASE)
"""A question whether a party has done something yet ("Has Lind formally accepted the plan yet?"): only a text that
reports that party doing it answers it."""
WHEN_DID = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:when|where|when\s+and\s+where|where\s+and\s+when)(?:\s+exactly)?\s+"
    r"(?:did|does|do|has|have|had|will|would)\s+" + _PARTY_AND_VERB,
    re.IGNORECASE,
)
"""A question for when or where (or both) a party did something."""
AFTER_DID = re.compile(r"^.*?\b(?:after|since|once)\s+" + _PARTY_AND_VERB + r"(?<=ed)", re.IGNORECASE)
"""A question that takes for done what a party did ("What job did Lind take after she resigned?")."""
_LATE_PARTICLE = re.compile(
    r"^\s+(?:[\w'’\-]+\s+){1,3}(down|up|out|off|aside|away|back|over)(?:\s+(?:though|then|anyway|exactly|again))?"
    r"\s*(?:[?.!]|$|(?:in|at|on|for|after|before)\s)",
    re.IGNORECASE,
)
"""A particle after the object, ending the question (but for a word of tone: "though") or before what sets it in time
or place: "Why did they turn him down (in the first place)?"."""
_HELD = re.compile(
    r"^\s+((?:[\w'’\-]+\s+){0,3}?[\w'’\-]+)(?=\s+(?:towards?|for|of|about|on|with|against|to)\b|\s*[?.!]|\s*$)", re.IGNORECASE
)
"""What a holding verb holds ("such a dim view" of "have such a dim view of Lind"), up to what it is about."""
_TO_VERB = re.compile(r"^\s+to\s+([a-z]+)\b", re.IGNORECASE)
"""The verb a question's verb goes on with ("refuse to accept"): the two may be a reader's phrase for one word."""
_OWN_OBJECT = re.compile(r"^\s+((?:his|her|their|its|the)\s+[a-z]+)\b", re.IGNORECASE)
"""A verb's object ("leave his post"): the two may be a reader's phrase for one word."""
CLAUSE_BREAK = re.compile(r"[;:–—()]|,\s*(?:which|who|while|but|and)\b|\s(?:and|but|while|whereas|however)\s", re.IGNORECASE)


@dataclass(frozen=True)
class AskedEvent:
    """What a question asks about an event it names by its verb."""

    verb: frozenset[str]
    """The verb's terms: the verb, and the document's word for a reader's phrasal verb ("turn down": "rejected")."""
    about: frozenset[str]
    """The question's other terms, names that stand for one another folded: a clause reports the event only with one."""
    party: frozenset[str] = frozenset()
    """The terms of the party, a name, that must be in a clause that reports it (DID_YET: "Has Lind accepted it yet?")."""


def asked_event(question: str, shape: re.Pattern[str] = WHY_DID) -> AskedEvent | None:
    """The event a question of `shape` (WHY_DID or DID) names, if it has that shape."""
    match = shape.match(question)
    if match is None:
        return None
    verb = match.group("verb").lower()
    held = _HELD.match(question[match.end() :]) if shape is WHY_DID and verb in word_set("questions", "holding_verbs") else None
    if held:  # "Why does Berg have such a dim view of Lind?": why that view, whatever verb gives it
        terms = set(content_terms(held.group(1)))
        return AskedEvent(frozenset(terms), frozenset(set(matching_terms(question)) - terms - {verb})) if terms else None
    late = _LATE_PARTICLE.search(question[match.end() :])
    verb = f"{verb} {late.group(1).lower()}" if late and " " not in verb else verb  # "turn him down"
    then = _TO_VERB.match(question[match.end() :])
    if then and document_term(f"{verb} to {then.group(1).lower()}"):  # "refuse to accept": the document's "rejected"
        verb = f"{verb} to {then.group(1).lower()}"
    held_object = _OWN_OBJECT.match(question[match.end() :])
    if " " not in verb and held_object and document_term(f"{verb} {held_object.group(1).lower()}"):
        verb = f"{verb} {held_object.group(1).lower()}"  # "leave his post": the document's "resign"
    if " " in verb:
        terms = set(content_terms(document_term(verb) or ""))
    else:
        terms = set(content_terms(f"{verb} {document_term(verb) or ''}"))
    about = set(matching_terms(question)) - terms - set(content_terms(verb))
    named = shape is DID_YET and match.group("party")[:1].isupper()  # a name; "the bank" may be called otherwise
    party = frozenset(matching_terms(match.group("party"))) if named else frozenset()
    return AskedEvent(frozenset(terms), frozenset(about), party) if terms else None


VERB_ROOT = 6
"""Letters of a verb's term that a clause's word must share to report it: "suspend" and "suspension" meet."""


ABOUT_ROOT = 4
"""Letters a question's other term must have for a clause's word that begins with it to count ("Exxon" and
"ExxonMobil")."""


def reports(event: AskedEvent, clause: str) -> bool:
    """Whether `clause` reports the event: its verb (or a noun made from it), and one of the question's other
    terms (or a longer word it begins) if it has any."""
    terms = set(matching_terms(clause))
    verbs = {term[:VERB_ROOT] for term in event.verb}
    held = not event.about or any(
        term == word or (len(word) >= ABOUT_ROOT and term.startswith(word)) for term in terms for word in event.about
    )
    return any(term[:VERB_ROOT] in verbs for term in terms) and held and event.party <= terms
