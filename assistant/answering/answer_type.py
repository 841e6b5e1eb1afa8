"""Where a text holds what a question asks for: the person for "who", the date for "when", the figure
for "how many" (figures.py), the organisation or place for "which company/country", reported speech for "what did
X say". Used to pick answer sentences, to decline when none holds the answer, and to mark the
answering words (`Answer.highlights`)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answering.figures import Span, figure_spans
from assistant.corpus.notes import cited_publication, note_number
from assistant.data import word_set
from assistant.index.catalogue import Entity, EntityCatalogue, role_after_determiner
from assistant.index.dates import ANY_YEAR, dated_expressions
from assistant.retrieval.query import QueryIntent, describes, matches_patterns, opinion_cues, speech_cues
from assistant.text import WORD, content_terms, matching_terms

_AUTHORSHIP = re.compile(
    r"\b(?:wr[io]te|written|writes|writers?|authors?|authored|co-authored|publish(?:ed|es|ing)?|publications?|released?|came\s+out|come\s+out|put\s+out|puts\s+out)\b",
    re.IGNORECASE,
)
"""Words asking who wrote a source or when it appeared: the people and dates of a note answer only these."""
_DAY_QUESTION = re.compile(r"\b(?:exact|precise)\s+(?:day|date)\b|\b(?:what|which)\s+(?:day|dates?)\b|\bto\s+the\s+day\b", re.IGNORECASE)
"""A question that asks for a day ("on what date"): a month ("in early August") does not answer it."""
_YEAR_QUESTION = re.compile(r"\b(?:what|which)\s+year\b", re.IGNORECASE)
"""A question that asks for a year: a date that does not write one ("in early August") does not answer it."""
SPEAKER_DISTANCE = 6
"""Most words between a speaker's name and the verb of speech that reports them."""
_ABOUT = re.compile(r"\b(?:about|towards?|regarding|on|of)\b", re.IGNORECASE)
"""Where an opinion question turns to what the view is about ("… feel about Marisca")."""
_KINDS = {"person": "person", "place": "place", "organisation": "organisation"}
_WHERE = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:(?:when|how)\s+and\s+)?(?:where|(?:(?:in|at)\s+)?(?:what|which)\s+(?:city|town|venue|location))\b",
    re.IGNORECASE,
)
_SET_IN = re.compile(
    r"\b(?:in|at|near|outside|inside|within|hosted\s+by|(?:visit|visits|trip|trips|travell?ed|went|flew|came)\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words right before a place that set something in it: what "where" asks for ("met in Saltby", "a visit to
Norrvik"), not a place something is done to ("recognition of Saltby", "support to Norrvik")."""


def answer_spans(intent: QueryIntent, text: str) -> list[Span]:
    """Spans of `text` that hold what `intent` asks for and the question does not already name (for a
    question joined to a second one, what either asks for)."""
    if intent.also_asks:
        kinds = (intent.answer_type, intent.also_asks)
        return sorted({span for kind in kinds for span in answer_spans(replace(intent, answer_type=kind, also_asks=""), text)})
    kind = intent.answer_type
    if kind in _KINDS:
        return _entity_spans(intent, text, _KINDS[kind])
    if kind == "date":
        if cited_publication(text) and not _AUTHORSHIP.search(intent.question):
            return []  # the date of a note citing a publication is when that appeared
        asked = {d.text.lower() for d in dated_expressions(intent.question, ANY_YEAR)}
        to_the_day = _DAY_QUESTION.search(intent.question) is not None
        of_the_year = _YEAR_QUESTION.search(intent.question) is not None
        return [
            (d.start, d.end)
            for d in dated_expressions(text, ANY_YEAR)
            if d.text.lower() not in asked and (d.day or not to_the_day) and (d.explicit_year or not of_the_year)
        ]
    if kind == "number":
        return figure_spans(intent, text)
    if kind == "statement":
        return _speech_spans(intent, text)
    if kind == "opinion":
        return _opinion_spans(intent, text)
    if kind == "reaction":
        return _reaction_spans(intent, text)
    return []


def holds_answer(intent: QueryIntent, text: str) -> bool:
    return bool(answer_spans(intent, text))


def _entity_spans(intent: QueryIntent, text: str, kind: str) -> list[Span]:
    """Names of entities of `kind` in `text` other than those the question names (by alias, metonym, or a role
    it does not ask about); for "where", a place something is set in. The people a note names outside the
    titles it quotes are the authors it cites: they answer only a question about who wrote something."""
    catalogue = intent.catalogue
    if catalogue is None or kind == "person" and note_number(text) is not None and not _AUTHORSHIP.search(intent.question):
        return []
    held = {entity.id for phrase, entity in intent.roles if _asks_who_holds(intent.question, phrase)}
    asked = {party for entity in intent.entities if entity.id not in held for party in _parties(entity)}
    where = kind == "place" and asks_where(intent.question)
    titles = quoted_spans(text) if note_number(text) is not None else []
    return [
        (start, end)
        for entity, start, end in catalogue.entities_in(text)
        if entity.kind == kind
        and not any(s <= start < e for s, e in titles)
        and not asked & _parties(entity)
        and not describes(text[start:end])
        and (not where or _SET_IN.search(text[:start]) is not None)
    ]


_QUOTED_TITLE = re.compile(r"(?<!\w)['‘\"“][^\"“”]*?['’\"”](?!\w)")
"""A title quoted ('Berg's Plan for Peace', with an apostrophe inside)."""


def quoted_spans(text: str) -> list[Span]:
    """Spans of the titles `text` quotes: a person named in a note's title wrote nothing, a place in a title sets
    nothing in it."""
    return [m.span() for m in _QUOTED_TITLE.finditer(text)]


def asks_where(question: str) -> bool:
    """Whether the question asks where something was ("Where did Berg meet Lind?", "When and where …?", "In what city
    …?")."""
    return _WHERE.match(question) is not None


def _asks_who_holds(question: str, role: str) -> bool:
    """Whether the question asks who holds a role it describes ("Who was the vice president?", "Who serves as
    envoy?"), rather than describing a party by it ("Whom did the vice president meet?")."""
    holds = rf"\b(?:is|was|are|were|as|became|become|becomes)\s+(?:the\s+|an?\s+)?{re.escape(role)}"
    return re.search(holds, question, re.IGNORECASE) is not None


def _parties(entity: Entity) -> set[str]:
    """The entity's names as matching terms: names that stand for one another ("America", "US") meet."""
    return {" ".join(matching_terms(name)) for name in (entity.name, *entity.aliases)}


def _speech_spans(intent: QueryIntent, text: str) -> list[Span]:
    """Words of reported speech attributed to the speaker the question asks about: the speaker's name
    shortly before the word ("Breuer has argued", "Berg declaring") or after it ("a statement by …"). A question
    for someone's exact words (questions.yaml `quote_asks`) is answered only by speech that quotes them."""
    cues = speech_cues()
    words = list(re.finditer(r"[\w'’\-]+", text))
    spoken = [w for w in words if w.group().lower() in cues]
    quoted = asks_for_quote(intent.question)
    if quoted:
        spoken = [w for w in spoken if _QUOTE_OPENS.search(text, w.end())]
    speakers = [e for e in intent.entities if e.kind == "person"]
    catalogue = intent.catalogue
    if not speakers or catalogue is None:  # a text's or a body's words: any quotation gives them
        return [w.span() for w in spoken] + ([m.span() for m in _QUOTE_OPENS.finditer(text)] if quoted else [])
    speakers = _before_speech_word(intent.question, speakers, catalogue) or speakers  # "What did Berg tell Lind?": Berg speaks
    ids = {e.id for e in speakers}
    named = [(start, end) for entity, start, end in catalogue.entities_in(text) if entity.id in ids]
    named += [span for speaker in speakers for span in _called_by_role(text, speaker, catalogue)]
    lone = len(ids) == 1 and _subject(text, catalogue) in ids  # the one person asked about opens the sentence
    return [
        w.span()
        for w in spoken
        if any(_reports(text, w, start, end) for start, end in named) or (lone and _PARTICIPLE_CLAUSE.search(text[: w.start()]))
    ]


def asks_for_quote(question: str) -> bool:
    """Whether the question asks for someone's very words ("What were Berg's exact words …?")."""
    return matches_patterns("quote_asks", question)


_QUOTE_OPENS = re.compile(r"(?:^|\s|\()['‘\"“](?=\w)")
"""A quotation opening (not an apostrophe: "Lind's")."""


def _before_speech_word(question: str, people: list[Entity], catalogue: EntityCatalogue) -> list[Entity]:
    """Those of `people` the question names before its first word of speech: the speakers, not whom they spoke to."""
    cues = speech_cues()
    words = re.finditer(r"[\w'’\-]+", question)
    said = next((w.start() for w in words if {w.group().lower(), f"{w.group().lower()}s"} & cues), None)  # "tell": "tells"
    if said is None:
        return []
    before = {entity.id for entity, start, _ in catalogue.entities_in(question) if start < said}
    return [person for person in people if person.id in before]


_PARTICIPLE_CLAUSE = re.compile(r",\s*$")
"""Before a speech word opening a participle clause ("…, arguing that …"): the clause is the subject's."""


def _subject(text: str, catalogue: EntityCatalogue) -> str:
    """The id of the entity a sentence opens with, its subject ("Berg not only failed …, but …"), or ""."""
    found = catalogue.entities_in(text)
    if not found:
        return ""
    entity, start, _ = found[0]
    return entity.id if len(WORD.findall(text[:start])) <= 1 else ""


def _called_by_role(text: str, entity: Entity, catalogue: EntityCatalogue) -> list[Span]:
    """Where `text` calls the entity by a role the catalogue reads as it, after a determiner ("the current
    president" for the person the corpus calls "the president")."""
    roles = catalogue.roles_read_as(entity)
    return [match.span("role") for match in role_after_determiner(roles).finditer(text)] if roles else []


def _opinion_spans(intent: QueryIntent, text: str) -> list[Span]:
    """Words reporting what someone thinks, after a name of the person (or body) asked about: "Berg believes",
    not "the rivalry with Berg" after "from a global perspective". The text may begin with the sentence
    before, so that "In his view, …" after a sentence naming them counts."""
    spans = [w.span() for w in WORD.finditer(text) if w.group().lower() in opinion_cues()]
    if not spans or intent.catalogue is None:
        return spans
    holders = _holders(intent)
    if not holders:
        return spans
    standing_for = {term for entity in holders for term in matching_terms(entity.name)}  # a capital standing for its country
    named = [
        start
        for entity, start, _ in intent.catalogue.entities_in(text)
        if entity in holders or (entity.kind == "place" and set(matching_terms(entity.name)) & standing_for)
    ]
    return [span for span in spans if any(start < span[0] for start in named)]


def _holders(intent: QueryIntent) -> set[Entity]:
    """The entities whose view an opinion question asks for: those it names before what the view is about
    ("How do Lind's voters feel about Marisca?" asks Lind's voters', not Marisca's), a role by the entity it
    was read as ("How does Lind's mentor feel …?" asks the mentor's view, not Lind's), a country by a name that
    stands for it ("Beijing's take on …" asks China's)."""
    assert intent.catalogue is not None
    about = _ABOUT.search(intent.question)
    end = about.start() if about else len(intent.question)
    roles = [(at, at + len(phrase), entity) for phrase, entity in intent.roles if 0 <= (at := intent.question.find(phrase)) < end]
    named = {  # not the possessor inside a role ("Lind's mentor" asks the mentor's view)
        entity
        for entity, start, stop in intent.catalogue.entities_in(intent.question)
        if start < end and not any(s < stop and start < e for s, e, _ in roles)
    }
    standing_for = set(matching_terms(intent.question[:end]))  # "Beijing's take" asks China's view
    metonyms = {entity for entity in intent.entities if entity.kind == "place" and set(matching_terms(entity.name)) & standing_for}
    return named | metonyms | {entity for _, _, entity in roles}


def _reaction_spans(intent: QueryIntent, text: str) -> list[Span]:
    """Words reporting a reaction by whoever the question asks about: after their name, when the name is not
    the object of a preposition ("sanctions against X in response" is not X's response), or before "from
    X" / "by X". With no named reactor ("the West"), any reaction word."""
    reacted_to = _REACTED_TO.search(intent.question)
    head = content_terms(reacted_to.group("what"))[-1:] if reacted_to else []
    if head and head[0] not in content_terms(text):
        return []  # a reaction to something else ("the response … to a limited war" for "react to the strategy")
    catalogue = intent.catalogue
    reacted = {e.id for e, _, _ in catalogue.entities_in(reacted_to.group("what"))} if reacted_to and catalogue else set()
    askers = [e for e in intent.entities if e.id not in reacted]  # "How did Kyiv respond to Lind?": Kyiv's reaction, not Lind's
    people = [e for e in askers if e.kind == "person"]
    spoken = speech_cues() if people else frozenset()  # what a person called it is how they reacted
    cues = word_set("questions", "reaction_cues") | spoken
    reacting = [w for w in WORD.finditer(text) if w.group().lower() in cues]
    reactors = {e.id for e in askers}
    if not reacting or not reactors or catalogue is None:
        return [w.span() for w in reacting]
    named = [(start, end) for entity, start, end in catalogue.entities_in(text) if entity.id in reactors]
    named += [span for entity in people for span in _called_by_role(text, entity, catalogue)]
    return [w.span() for w in reacting if any(_reacts(text, w, start, end) for start, end in named)]


_REACTED_TO = re.compile(
    r"\b(?:react|reacted|respond|responded|reaction|response)\s+to\s+(?P<what>(?:(?!(?:of|in|on|at|by|for|from|with)\b)[^?.!,\s]+\s*)+)",
    re.IGNORECASE,
)
"""What a reaction question asks the reaction to, up to a preposition ("How did Berg react to the plan of May?":
the plan; its last word is what the reaction must be to)."""


def _reacts(text: str, cue: re.Match[str], start: int, end: int) -> bool:
    """Whether the reaction word `cue` is that of the name at [start, end): the name comes shortly before it
    and is no preposition's object, or the word names it with "from", "by" or "of"."""
    if end <= cue.start() and _after_preposition(text, start):
        return False
    return _reports(text, cue, start, end, naming="by|from|of")


def _after_preposition(text: str, start: int) -> bool:
    before = WORD.findall(text[max(0, start - 20) : start])
    return bool(before) and before[-1].lower() in _PREPOSITIONS


_PREPOSITIONS = frozenset({"against", "on", "to", "with", "towards", "toward", "at", "for", "over", "into", "upon", "about", "from"})


_POSSESSIVE = re.compile(r"['’]s\b")
"""A possessive ending right after a name."""


def _reports(text: str, cue: re.Match[str], start: int, end: int, naming: str = "by") -> bool:
    """Whether the word `cue` reports the name at [start, end): it follows the name closely, or names it with
    one of the `naming` prepositions ("a statement by …"). A name owning another word does not speak: in
    "moderate Berg's stance by urging him" the urging is not Berg's, in "Berg's claim that" the claim is."""
    if end <= cue.start():
        between = WORD.findall(text[end : cue.start()])
        return len(between) <= SPEAKER_DISTANCE and not (_POSSESSIVE.match(text, end) and len(between) > 1)
    return re.fullmatch(rf"\s+(?:{naming})\s+(?:[\w.\-]+\s+){{0,4}}", text[cue.end() : start]) is not None


HIGHLIGHTED = ("person", "place", "organisation", "date", "number")
_MARKER = re.compile(r"\[\d+\]")


def highlights(intent: QueryIntent, text: str) -> list[Span]:
    """The answering words of an answer to a who/when/where/which/how-many question, as [start, end)
    offsets into `text`: the names, dates and figures asked for; for "Who is X?", the roles of X."""
    if intent.answer_type not in HIGHLIGHTED:
        return []
    spans = answer_spans(intent, text)
    if intent.answer_type == "person":
        spans += [span for entity in intent.entities if entity.kind == "person" for span in _role_spans(entity.roles, text)]
    markers = [m.span() for m in _MARKER.finditer(text)]
    kept = sorted({span for span in spans if not any(s <= span[0] < e for s, e in markers)})
    return [span for i, span in enumerate(kept) if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in kept)]


def _role_spans(roles: tuple[str, ...], text: str) -> list[Span]:
    return [m.span() for role in roles for m in re.finditer(re.escape(role), text, re.IGNORECASE)]
