"""Whether a retrieved sentence holds the kind of thing a question asks for, about what it asks.

A who-question is answered by a person the question does not already name, a when-question by a date, a
how-many question by a figure of what it counts. Where the question names people, a place, an event or the
other party of a deed, the sentence must name them too ("When did Berg meet Lind?" is not answered by a date of
Lind's meeting with someone else; "Who was at the Saltby summit?" only by a sentence of a meeting).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from assistant.answering.answer_type import answer_spans, asks_where, quoted_spans
from assistant.answering.figures import bounds_a_span, money_question
from assistant.answering.unknown_names import WHO_IS
from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.retrieval.query import AnswerType, QueryIntent, document_terms
from assistant.text import alternatives, content_terms, word_root

EXACT_TYPES = ("number",)
"""Answer types whose answer must be about exactly what was asked: a figure for another group or thing
is no answer, so the words around the figure share a term of the question and every name in it is known."""
COUNTERPART_TYPES = ("place", "organisation")
"""What else answers a question for the other party of what someone did ("Who did Berg negotiate with?": a country)."""
NAMED_TYPES = ("date", "place", "number")
"""Answer types whose answering sentence must name the people and bodies the question names."""
EXACT_REACH = 5
"""Words either side of a figure that say what it is of."""
_COUNTED = re.compile(
    r"(?:\bhow\s+many|(?:\b(?:share|percentage|per\s*cent|proportion|fraction)|%)\s+of(?:\s+the)?)\s+"
    r"(?P<counted>(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|could|can|of|more|in|at|from|who|that"
    r"|say|said|think|thought|believe[sd]?|want(?:s|ed)?|support(?:s|ed)?|back(?:s|ed)?|favou?r(?:s|ed)?|oppose[sd]?|approve[sd]?)\b)"
    r"[\w\-]+\s+){1,3})",
    re.IGNORECASE,
)
"""The words a question for a count or a share counts, up to its verb or place ("how many Dravenian soldiers
have …", "what share of voters in the poll …")."""
_MEASURED = re.compile(
    r"\bwhat\s+(?:(?:is|was|are|were)\s+)?(?:the\s+)?(?!(?:actual|exact|precise|real|approximate|estimated|overall|current|latest|final|new|kind|sort|type)\b)(?P<counted>[\w\-]+)\s+(?:rate|rates|figure|figures|toll|rating|ratings|level|levels|percentage|share|ceiling|price|cost)\b",
    re.IGNORECASE,
)
"""A question for a measure of something, naming it before the measure ("what tariff rate …", "what casualty
figure …"): the figure must be of that."""
_CLAUSE_BREAK = re.compile(r"[();:]|\band\s+(?=(?:a|an|the|their|his|her|its)\s)", re.IGNORECASE)
"""Where a clause ends: brackets, a semicolon or colon, "and" before a new noun phrase."""
_COUNTERPART = re.compile(r"\b(?:with|to|from|against)\s*(?:(?:on|in|at|during|after|before)\s[^?]*)?\?\s*$", re.IGNORECASE)
"""A question for the other party of something a person did ("… did Berg negotiate with (in May)?")."""
_MET = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who|whom|which(?:\s+[\w\-]+){1,2})\s+did\s+.+?\s+(?:meet|see|visit)\b", re.IGNORECASE)
"""A question for whom someone met ("Who did Berg meet on the trip?", "Which officials did Berg meet?")."""
_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
"""Words right before a place that set something in it ("at the Saltby talks")."""
_JOINED = re.compile(r"\s*(?:,|and|,\s*and|together\s+with|along\s+with|alongside)\s*", re.IGNORECASE)
"""What stands between two people named together ("Lind and Berg", "Lind, together with Berg")."""
_BESIDES_TWO = re.compile(r"\b(?:besides|apart\s+from|other\s+than|except(?:\s+for)?)\s+(?:the\s+|those\s+)?(?:two|both)\b", re.IGNORECASE)
"""A who-question leaving out two people ("who else was there besides the two leaders?"): a sentence naming two is no answer."""
_FACED = re.compile(
    r"\b(?:across\s+from|opposite|against|facing|faced|met|meet|meeting|(?:negotiat\w*|talk\w*|deal\w*)\s+(?:with|to))\s+(?:[\w'’\-]+\s+){0,3}",
    re.IGNORECASE,
)
"""Words before the other side a person faced ("across from Lindau's team"): its member nouns are not the person's group."""
_WORD = re.compile(r"\S*\w\S*")
"""A word, with the punctuation that clings to it (a lone comma or dash is no word)."""
_WHO = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who|whom)\b", re.IGNORECASE)
_FOUNDER = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?who\s+(?:\w+ly\s+|now\s+)?(?P<deed>founded|established|created|set\s+up|started|owns|owned|runs|ran|chairs|chaired|funds"
    r"|funded|financed|bankrolled)\b",
    re.IGNORECASE,
)
"""A question for who founded, owns or funds something: a person named near a word of that deed answers it, not one
named near the thing."""


def typed_support(intent: QueryIntent, kind: AnswerType, scored: list[tuple[float, str]], focus: set[str], reads: list[str]) -> float:
    """The best support of a sentence holding the `kind` of thing asked for (for an exact type, one whose words
    around the answer share a focus term of the question and, for a figure, a word of what it counts); for
    "Who is X?", of a sentence naming X. For NAMED_TYPES the sentence, read with what it leans on (`reads`),
    names every person and body the question names ("When did Berg meet Lind?" is not answered by a date
    of Lind's meeting with someone else); for a person, every place the question sets it in ("at the Saltby
    talks") and, for whom a named person met or dealt with, that person."""
    asked = [replace(intent, answer_type=kind, also_asks="")]
    needs_focus = kind in EXACT_TYPES and bool(focus)
    members = lexicon_terms("questions", "member_nouns")
    said = set(content_terms(_FACED.sub(" ", intent.question)))  # "sat across from Lindau's team": the other side's team
    if kind == "person" and said & members:  # "Who headed the delegation?"
        focus, needs_focus = set(members), True
    sides = lexicon_terms("questions", "party_nouns")
    if kind == "person" and said & sides:  # "Who is Berg's main partner?": Lindau too
        asked += [replace(intent, answer_type=other, also_asks="") for other in COUNTERPART_TYPES]
        focus, needs_focus = set(sides), True
    founded = _FOUNDER.match(intent.question) if kind == "person" else None
    if founded:  # near the deed itself, not only the thing ("the port authority, whose president is Berg")
        focus, needs_focus = set(content_terms(founded.group("deed"))), True
    occasion = _at_an_event(occasions=True).search(intent.question) if kind == "statement" else None
    if occasion:  # "What did Berg say to Lind in their phone call?": said on that occasion, not anywhere
        focus, needs_focus = set(content_terms(occasion.group())), True
    attended = _attended().search(intent.question) if kind == "person" else None
    if attended:  # "Who else was at Lind's visit?": a sentence of a meeting or visit
        focus, needs_focus = set(lexicon_terms("conversation", "event_heads")), True
    counterpart = kind == "person" and (_COUNTERPART.search(intent.question) or _MET.search(intent.question))
    if counterpart:
        if _WHO.match(intent.question):  # "Who did Berg negotiate with?": a country or body answers too
            asked += [replace(intent, answer_type=other, also_asks="") for other in COUNTERPART_TYPES]
        if any(e.kind == "person" for e in intent.entities):
            needs_focus = bool(focus)  # "Which officials did Berg negotiate with?": the other side of what Berg did
    least = 3 if kind == "person" and _BESIDES_TWO.search(intent.question) else 1  # "who else, besides the two leaders"
    counted = _counted(intent.question) if kind == "number" else set()
    described = _described(intent) if kind == "person" else set()
    parties = _named_parties(intent) if kind in NAMED_TYPES else set()
    if kind == "organisation" or kind == "place" and asks_where(intent.question):
        parties |= {e.id for e in intent.entities if e.kind == "person"}  # "Where did Berg meet them?", "Which fund does Berg run?"
    if kind in ("person", "date", "number"):  # "How long did they talk at the Saltby summit?": where Saltby is named
        parties |= _located_in(intent)
    if kind == "person":
        if _at_an_event().search(intent.question):  # "Who represented Lind at the Saltby talks?": near what they did there
            needs_focus = bool(focus)
        if counterpart:  # "Who did Berg meet in May?" is answered where Berg is named
            parties |= {e.id for e in intent.entities if e.kind == "person"}
    return max(
        (
            support
            for (support, text), read in zip(scored, reads)
            if _names_all(intent, read, parties)
            and (
                len(spans := sorted(span for typed in asked for span in answer_spans(typed, text))) >= least
                and (
                    _about_what_is_asked(text, spans, focus if needs_focus else set(), counted)
                    or (counterpart and _alongside(intent, text, spans) and _about_what_is_asked(text, [(0, len(text))], focus, set()))
                )
            )
            or (described and _names_any(intent, text, described))
        ),
        default=0.0,
    )


def _alongside(intent: QueryIntent, text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether an answer span names someone together with a person the question names ("Lind and Anna Berg drafted
    it" answers "Who did Berg draft it with?" however far the verb stands)."""
    if intent.catalogue is None:
        return False
    asked = {e.id for e in intent.entities if e.kind == "person"}
    mentions = [(start, end) for entity, start, end in intent.catalogue.entities_in(text) if entity.id in asked]
    return any(
        _JOINED.fullmatch(text[end:start] if end <= start else text[m_end:s_start])
        for s_start, end in spans
        for start, m_end in mentions
        if end <= start or m_end <= s_start
    )


def _located_in(intent: QueryIntent) -> set[str]:
    """The places the question sets what it asks about in ("at the Saltby talks", "in Norrvik"): who took part
    there is answered only where the place is named."""
    if intent.catalogue is None:
        return set()
    titles = quoted_spans(intent.question)  # not "the piece 'Peace in Lindau'"
    return {
        entity.id
        for entity, start, _ in intent.catalogue.entities_in(intent.question)
        if entity.kind == "place" and _LOCATIVE.search(intent.question[:start]) and not any(s <= start < e for s, e in titles)
    }


def _named_parties(intent: QueryIntent) -> set[str]:
    """The people and organisations the question names by name (not by a role it was read as), when it names
    more than one: what they did together is asked ("When did Berg meet Lind?"); of one, the time may be told
    without the name ("Following the summit, he joined the talks")."""
    if intent.catalogue is None:
        return set()
    named = {e.id for e in parties_by_name(intent)}
    return named if len(named) > 1 else set()


def parties_by_name(intent: QueryIntent) -> list[Entity]:
    """The people and organisations the question names by name, in order (not one a role of it was read as)."""
    return [e for e in intent.entities if e.kind != "place" and all(e is not r for _, r in intent.roles)]


def _names_all(intent: QueryIntent, text: str, ids: set[str]) -> bool:
    """Whether `text` names every one of the entities `ids` (so, when there are none)."""
    return not ids or (intent.catalogue is not None and ids <= named_ids(text, intent.catalogue))


def _about_what_is_asked(text: str, spans: list[tuple[int, int]], focus: set[str], counted: set[str]) -> bool:
    """Whether the words around the answer spans share a focus term of the question (when given) and a word
    of what it counts (when given), a verb meeting its noun ("negotiate", "negotiations")."""
    if not focus and not counted:
        return True
    around = {word_root(term) for term in _terms_around(text, spans)}

    def met(asked: set[str]) -> bool:
        return not asked or bool({word_root(term) for term in asked} & around)

    return met(focus) and met(counted)


def _counted(question: str) -> set[str]:
    """What "how many N", "what share of N" or "what N rate" counts ("how many Dravenian soldiers": dravenian, soldier), with the
    document terms of its words, when the question names it and it is not a word for the kind of answer ("how
    many times"). "How much" is left to units and sums."""
    match = _COUNTED.search(question) or _MEASURED.search(question)
    if match is None or money_question(question):
        return set()
    counted = match.group("counted")  # in the document's terms too ("GOP supporters": Republican)
    return set(content_terms(" ".join((counted, *document_terms(counted))))) - lexicon_terms("questions", "generic_terms")


def _described(intent: QueryIntent) -> set[str]:
    """The people "Who is X?" asks about (their description is the answer, not another person)."""
    if intent.catalogue is None or not WHO_IS.match(intent.question):
        return set()
    return {entity.id for entity in intent.entities if entity.kind == "person"}


def _names_any(intent: QueryIntent, text: str, ids: set[str]) -> bool:
    """Whether `text` names one of the entities `ids`."""
    assert intent.catalogue is not None
    return any(entity.id in ids for entity, _, _ in intent.catalogue.entities_in(text))


def _terms_around(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """Content terms within EXACT_REACH words of an answer span, in its clause: what a figure counts ("86% of
    voters"), not what the next clause is about ("a call with Berg and a delegation met …"); before a date that
    ends or starts a span of time, the whole clause (what lasted)."""
    terms: set[str] = set()
    for start, end in spans:
        opened = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
        closed = _CLAUSE_BREAK.search(text, end)
        before = _WORD.findall(text[opened[-1] if opened else 0 : start])
        before = before if bounds_a_span(text[:start]) else before[-EXACT_REACH:]  # "X lasted until <date>": about X
        after = [] if bounds_a_span(text[:start]) else _WORD.findall(text[end : closed.start() if closed else len(text)])[:EXACT_REACH]
        terms |= set(content_terms(" ".join([*before, text[start:end], *after])))
    return terms


@cache
def _attended() -> re.Pattern[str]:
    """A question for who was at an event ("Who was at Lind's Saltby visit?"; conversation.yaml `event_heads`), or who
    else was somewhere ("Who else from the council was in the hall?")."""
    return re.compile(
        r"^\W*(?:(?:and|so|but)\s+)?who\s+(?:else\s+(?:\w+\s+){0,4}?(?:was|were)\s+(?:at|in|during)\b|"
        r"(?:else\s+)?(?:was|were|is|are|took\s+part|attended|sat)\b.*?\b(?:at|in|during)\s+"
        rf"(?:(?:the|that|this)\s+)?(?:[\w.'’\-]+\s+){{0,3}}?(?:{alternatives(load('conversation')['event_heads'])})\b)",
        re.IGNORECASE,
    )


@cache
def _at_an_event(occasions: bool = False) -> re.Pattern[str]:
    """Words setting what a question asks at an event ("at the Saltby talks", "in those meetings"); with `occasions`, also
    at an occasion for speaking (questions.yaml `speech_occasions`: "in their phone call")."""
    heads = alternatives([*load("conversation")["event_heads"], *(load("questions")["speech_occasions"] if occasions else ())])
    return re.compile(
        rf"\b(?:at\s+(?:(?:the|that|this|those|these|their|his|her|its)\s+)?|(?:in|during)\s+(?:the|that|this|those|these|their|his|her|its)\s+)"
        rf"(?:[\w.'’\-]+\s+){{0,2}}?(?:{heads})\b",
        re.IGNORECASE,
    )


def named_ids(text: str, catalogue: EntityCatalogue) -> set[str]:
    """The entities `text` names, with the possessor inside an alias ("Berg's special envoy" names Berg too)
    and the people it calls by a role the catalogue reads as them ("the US president")."""
    found = catalogue.entities_in(text)
    surfaces = [text[start:end].replace("’", "'") for _, start, end in found]
    owners = [surface.split("'s ")[0] for surface in surfaces if "'s " in surface]
    called = catalogue.people_called_in(text, found)
    return {e.id for e, _, _ in found + called} | {e.id for owner in owners for e, _, _ in catalogue.entities_in(owner)}


@cache
def lexicon_terms(file: str, key: str) -> frozenset[str]:
    """The content terms of the words a data file lists under `key` (questions.yaml `generic_terms`: the words that
    say what kind of answer is wanted; `member_nouns`; conversation.yaml `event_heads`)."""
    return frozenset(content_terms(" ".join(load(file)[key])))
