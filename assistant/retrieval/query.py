"""What a question asks for, and the text to search with, which can say more than the question as asked.

A question is read against the corpus' entity catalogue: names and roles in it resolve to entities
("the president's son-in-law", "the vice president"), its wording gives the type of the answer (who → a person,
when → a date, how many → a number …), and everyday words gain the terms documents use for them
(assistant/data/synonyms.yaml). The search text is the question plus the names and terms found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from assistant.data import load, word_set
from assistant.index.catalogue import Entity, EntityCatalogue, names_lexicon, phrase_key
from assistant.index.owned_roles import owner_of
from assistant.index.store import DocumentSummary
from assistant.text import WORD, alternatives, content_terms, metonym_groups

_WHO_WROTE_IT = re.compile(
    r"(who\s+(wrote|writes|authored|penned)|(is|are)\s+the\s+authors?\s+of|written\s+by|writers?\s+of)\s+"
    r"(the|this)\s+(brief|text|document|paper|analysis|report|publication)\b"
    r"|^\W*who\s+(is|are)\s+(the|its)\s+authors?\W*$|^\W*who\s+wrote\s+(it|this)\W*$",
    re.IGNORECASE,
)
"""Questions about who wrote the brief itself ("Who wrote the brief?", "Who is the author?"),
not about who wrote something the brief mentions ("Who authored the sanctions bill?")."""
_OPENER = re.compile(r"^\s*(?:and|so|but|ok|okay|then)\b[,\s]*", re.IGNORECASE)
_LEFT_OUT = re.compile(
    r"^(?:apart\s+from|aside\s+from|besides|other\s+than|except(?:\s+for)?)\s+[^,?]{2,60},\s*(?=(?:who|whom|whose|what|which)\b)",
    re.IGNORECASE,
)
"""Who or what a question leaves out, set before its question word ("Apart from Berg, who …"): the question is typed
from that word on (and the one it names is not the answer)."""
_CONTRACTED_IS = re.compile(r"\b(what|where|how)['’]?s\b|\b(who|when|which)['’]s\b", re.IGNORECASE)
"""A question word with "is" contracted ("What's the figure?", typed without the apostrophe "whats"), read out
in full for typing."""
_POSSESSOR = re.compile(r"[\w\-]+['’]s\s")
_SECOND_QUESTION = re.compile(
    r"(?:,\s*|\s+)(?:and|or)\s+(?=(?:(?:in|on|at|by|from|for|to|with|since|until)\s+)?(?:when|where|who|whom|which|what|why|how)\b)",
    re.IGNORECASE,
)
"""Where a question asks a second one ("How many trips did she make, and when?")."""
MAX_ROLE_WORDS = 8
_COMPLEMENT = re.compile(
    r"\s+(?P<preposition>to|for|of|on|in)\s+(?:the\s+)?(?!(?:all|this|that|these|those|it|there|here)\b)(?P<word>[\w'’\-]+)", re.IGNORECASE
)
"""What a role is of or for, right after it ("… to Lindau", "… for trade missions"); "in all this" is no complement."""
_INFLECTIONS = "(?:s|es|d|ed|er|est|ing)?"
_Y_INFLECTIONS = "(?:y|ies|ied|ier|iest|ying)"
"""Those of a word ending in a consonant and "y" ("gloomy", "gloomier", "gloomiest")."""
_INFLECTED_LENGTH = 4


@cache
def _determined() -> re.Pattern[str]:
    """Matches the end of the text before a role phrase that is read as one person: a determiner ("the vice
    president") or what a who-question asks for ("Who was energy minister?"), with up to two role modifiers
    between ("the retired general", "the ex-army general"; names.yaml `role_modifiers`), or a possessor, with up
    to two words of any kind between ("the president's envoy", "Berg's longtime friend")."""
    modifiers = alternatives(names_lexicon()["role_modifiers"])
    determiner = r"\b(?:the|his|her|its|their|(?:who|what)\s+(?:is|was|were|are))\s+"
    return re.compile(
        rf"(?:{determiner}(?:(?:{modifiers}|ex-[\w\-]+)\s+){{0,2}}|\b[\w\-]+['’]s\s+(?:(?-i:[a-z][\w\-]*)\s+){{0,2}})$",
        re.IGNORECASE,
    )


AnswerType = str
"""person, date, place, organisation, number or statement ("" when the question asks for none)."""


@dataclass(frozen=True)
class QueryIntent:
    """A question read against the catalogue."""

    question: str
    answer_type: AnswerType = ""
    wants_list: bool = False
    entities: tuple[Entity, ...] = ()
    """Entities the question names, by alias or by role, in order."""
    roles: tuple[tuple[str, Entity], ...] = ()
    """Role phrases of the question and the entity each resolved to ("the vice president", …)."""
    terms: tuple[str, ...] = ()
    """Document terms for the question's everyday words ("sanctions" for "penalties"), and the corpus' words for
    its misspelt ones ("resources" for "resouces"; spelling.py)."""
    catalogue: EntityCatalogue | None = field(default=None, compare=False, repr=False)
    """The catalogue the question was read against (answer typing looks names up in it)."""
    also_asks: AnswerType = ""
    """The kind of thing a second question joined to this one asks for ("…, and when?"), when another."""
    asks_what_followed: bool = False
    """The question asks what came after something ("What happened after the sanctions?"): the answer is
    what the document says next."""
    asks_source: bool = False
    """The question asks which source a passage cites ("Which newspaper is cited for …?"): the answer is the
    sentence and the footnote it cites."""
    lists_sources: bool = False
    """The question asks for every source the document cites ("What sources does the brief cite?"): the answer
    is its notes, in order."""
    asks_case: bool = False
    """The question asks in which of the document's cases something happens ("Under which scenario …?"): the
    answer keeps the sentence that opens the case."""
    asks_alternative: bool = False
    """The question asks what was done instead of something ("What has Berg done instead of giving ground?"): a
    sentence saying what was done instead answers it."""

    @property
    def named_terms(self) -> set[str]:
        """The content terms of every name and alias of the entities the question names: words of what it names,
        not of what it asks about."""
        return {term for entity in self.entities for alias in (entity.name, *entity.aliases) for term in content_terms(alias)}

    @property
    def search_text(self) -> str:
        """The question plus the names its roles resolved to and the document terms of its words."""
        return self._with_resolved(self.question)

    def added_by_search(self, query: str, terms: Callable[[str], list[str]]) -> set[str]:
        """The `terms` of the text searched with (`query`) that the search text lacks: the words the search
        adds to the question (a brief's authors for "Who wrote it?")."""
        return set(terms(query)) - set(terms(self.search_text))

    @property
    def selection_text(self) -> str:
        """The search text without the reader's phrases of several words that gained a document term: "failed to
        notice" stands for "overlooked", not for a sentence that says "failed"."""
        return self._with_resolved(_without_readers_phrases(self.question))

    def _with_resolved(self, question: str) -> str:
        extra = [entity.name for _, entity in self.roles if entity.name.lower() not in self.question.lower()]
        return " ".join([question, *dict.fromkeys(extra), *self.terms])


_REQUEST = re.compile(r"^\W*(?:please\s+)?(?:give|tell|show)\s+me\s+(?=(?:the|a|an)\s)", re.IGNORECASE)
"""A request for a thing ("Give me the deadline …"): it asks what "What is the deadline …?" asks."""


def understand(question: str, catalogue: EntityCatalogue | None = None) -> QueryIntent:
    """The answer type, the entities named or described, and the document terms of `question` (a request, "Give me the
    figure for …", read as the question it stands for)."""
    question = _REQUEST.sub("What is ", question)
    types, lists = _questions()
    bare = _CONTRACTED_IS.sub(lambda m: f"{m.group(1) or m.group(2)} is", _LEFT_OUT.sub("", _OPENER.sub("", question).strip()))
    answer_type, also_asks = _answer_types(bare, types)
    wants_list = any(p.search(bare) for p in lists)
    entities: list[Entity] = []
    roles: list[tuple[str, Entity]] = []
    if catalogue is not None:
        found: list[tuple[int, Entity, str]] = []
        taken: list[tuple[int, int]] = []
        for phrase, start, end in _role_phrases(question, catalogue, taken):
            entity = _resolve_role(phrase, catalogue)
            if entity is not None:
                found.append((start, entity, phrase))
                taken.append((start, end))
        for entity, start, end in catalogue.entities_in(question):
            if not any(s < end and start < e for s, e in taken):
                found.append((start, entity, "" if _names_it(question[start:end], entity) else question[start:end]))
                taken.append((start, end))
        found += [(start, entity, "") for entity, start in _standing_for(question, catalogue, taken)]
        for _, entity, phrase in sorted(found, key=lambda item: item[0]):
            entities.append(entity)
            if phrase:
                roles.append((phrase, entity))
    follows = matches_patterns("sequels", bare)
    if follows:
        answer_type = also_asks = ""  # "what happened after the bank …" asks for an event, not for a bank
    sourced, listing = matches_patterns("sources", bare), matches_patterns("source_listing", bare)
    terms = document_terms(question)
    return QueryIntent(
        question, answer_type, wants_list, tuple(dict.fromkeys(entities)), tuple(roles), terms, catalogue, also_asks, follows,
        sourced and not listing, listing, matches_patterns("cases", bare), matches_patterns("alternatives", bare),
    )


def search_query(
    question: str, documents: Sequence[DocumentSummary], document: str | None = None, intent: QueryIntent | None = None
) -> str:
    """The text to search with: the intent's search text (or the question), plus the author names of the
    brief (or of the `document` filtered to) when it asks who wrote it: a byline names its authors without
    the words "author" or "wrote"."""
    text = intent.search_text if intent is not None else question
    if not _WHO_WROTE_IT.search(question):
        return text
    chosen = [d for d in documents if d.id == document] if document else [d for d in documents if d.kind == "brief"]
    names = list(dict.fromkeys(name for d in chosen for name in d.authors))
    return f"{text} {', '.join(names)}" if names else text


def describes(alias: str) -> bool:
    """Whether an alias describes rather than names ("the president's son-in-law", "the energy minister")."""
    return any(word[:1].islower() and word not in ("of", "for", "the", "and") for word in alias.split())


def _standing_for(question: str, catalogue: EntityCatalogue, taken: list[tuple[int, int]]) -> list[tuple[Entity, int]]:
    """Entities the question names by a name that stands for them (metonyms.yaml: "Beijing" for China), where it
    names nothing of the corpus itself."""
    groups = metonym_groups()
    found = []
    for match in _metonym_pattern().finditer(question):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        entity = next((e for other in groups[match.group()] if (e := catalogue.resolve(other)) is not None), None)
        if entity is not None:
            found.append((entity, match.start()))
    return found


@cache
def _metonym_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w\-])(?:{alternatives(metonym_groups(), longest_first=True)})(?![\w\-])")


def _names_it(said: str, entity: Entity) -> bool:
    """Whether `said` (as typed: "european" for "European") is one of the entity's names, not a description of it."""
    key = phrase_key(said)
    return any(phrase_key(alias) == key and not describes(alias) for alias in entity.aliases)


def _role_phrases(question: str, catalogue: EntityCatalogue, taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Spans of up to MAX_ROLE_WORDS words that name a role the catalogue knows, longest first, not overlapping."""
    words = list(WORD.finditer(question))
    found: list[tuple[str, int, int]] = []
    for size in range(min(MAX_ROLE_WORDS, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i].start(), words[i + size - 1].end()
            if any(s < end and start < e for s, e in taken + [(s, e) for _, s, e in found]):
                continue
            phrase = question[start:end]
            following = words[i + size] if i + size < len(words) else None
            if phrase.split()[-1][:1].isupper() and following is not None and _goes_on_as_name(following, taken):
                continue  # "the National Security Strategy": part of a longer name, not the role "National Security (Advisor)"
            owned = _POSSESSOR.match(phrase) is not None  # "by Berg's envoy": a possessor determines the role itself
            if not (owned or _determined().search(question[:start])):
                continue
            entity = _resolve_role(phrase, catalogue)
            if entity is None or _names_it(phrase, entity):  # not a name typed in lower case ("the dravenia dispute")
                continue
            if not _complemented_otherwise(phrase, question[end:], entity):
                found.append((phrase, start, end))
    return sorted(found, key=lambda item: item[1])


def _goes_on_as_name(word: re.Match[str], names: list[tuple[int, int]]) -> bool:
    """Whether a capitalised word right after a capitalised phrase carries it on as one longer name (not a name of its
    own that the phrase is the title of: "Secretary of State Lind")."""
    return word.group()[:1].isupper() and not any(start == word.start() for start, _ in names)


def _complemented_otherwise(phrase: str, rest: str, entity: Entity) -> bool:
    """Whether the question goes on to say what the role is of or for ("the special envoy to Lindau") where every
    role of the entity's with the phrase's words says another thing ("special envoy for trade missions")."""
    said = _COMPLEMENT.match(rest)
    words = set(phrase_key(phrase).split())
    roles = [key for role in entity.roles if words <= set((key := phrase_key(role)).split())]
    if said is None or not roles:
        return False
    complement = f"{said.group('preposition')} {said.group('word')}".lower()
    return all(_COMPLEMENT.search(role) and complement not in role for role in roles)


def _resolve_role(phrase: str, catalogue: EntityCatalogue) -> Entity | None:
    """The entity a role phrase names: the one the corpus calls so ("Anna's envoy") before any holder of the
    role; read as the document's term when it is a reader's word for one ("the VP" for the vice president),
    or with its words read so ("defence minister" for a "Minister of Defense"; synonyms.yaml), or as the other side
    of a tie ("Lind's mentor"; owned_roles.py)."""
    resolve = catalogue.resolve if describes(phrase) else catalogue.resolve_role
    bare = re.sub(r"['’]s$", "", phrase)  # "the VP's view"
    term = document_term(bare)
    worded = " ".join(document_term(word) or word for word in bare.split())
    readings = [term] if term else []
    readings += [worded] if worded != bare else []
    found = resolve(phrase) or next((found for reading in readings if (found := catalogue.resolve_role(reading))), None)
    return found or owner_of(bare, catalogue)  # "Lind's mentor('s view)": the one whose protégé Lind is


def document_term(words: str) -> str | None:
    """The one document term a reader's word or phrase stands for (synonyms.yaml), if any."""
    return _document_terms().get(words.lower())


@cache
def _document_terms() -> dict[str, str]:
    """A reader's word (lower-cased) → the one document term it stands for (synonyms.yaml); a word standing
    for several ("White House": the president, the Oval Office) names no role."""
    terms: dict[str, set[str]] = {}
    for term, words in load("synonyms").items():
        for word in words:
            terms.setdefault(word.lower(), set()).add(term)
    return {word: next(iter(found)) for word, found in terms.items() if len(found) == 1}


def _answer_types(question: str, types: dict[str, list[re.Pattern[str]]]) -> tuple[AnswerType, AnswerType]:
    """The kind of thing `question` asks for, and the other kind a second question joined to it asks for
    ("How many trips did she make, and when?": a number, and a date)."""
    def kind_of(text: str) -> AnswerType:
        return next((kind for kind, patterns in types.items() if any(p.search(text) for p in patterns)), "")

    whole = kind_of(question)
    parts = _SECOND_QUESTION.split(question, maxsplit=1)
    if len(parts) == 1:
        return whole, ""
    other = next((kind for kind in map(kind_of, parts) if kind and kind != whole), "")
    return whole, other


def document_terms(question: str) -> tuple[str, ...]:
    """Document terms for the everyday words of `question` (synonyms.yaml: "Republican" for "GOP"); only the
    entries one of whose words opens like a word of the question are matched (most of a long claim's are not)."""
    lowered = f" {question.lower()} "
    openings = {word[:_OPENING] for word in _WORDS.findall(lowered)}
    entries = _synonyms()
    candidates = sorted({k for opening in openings for k in _synonym_openings().get(opening, ())})
    return tuple(term for term, pattern in (entries[k] for k in candidates) if pattern.search(lowered) and term.lower() not in lowered)


_OPENING = 3
"""Letters of a word's opening by which synonym entries are looked up (a word of fewer is looked up whole)."""
_WORDS = re.compile(r"[\w\-]+")


@cache
def _synonym_openings() -> dict[str, tuple[int, ...]]:
    """The opening of the first word of each reader's word or phrase → the synonyms.yaml entries (by position) it
    may begin: every match of an entry's pattern starts with a word opening like this."""
    table: dict[str, list[str]] = load("synonyms")
    found: dict[str, set[int]] = {}
    for k, words in enumerate(table.values()):
        for word in words:
            first = _WORDS.findall(word.lower())[0]
            found.setdefault(first[:_OPENING], set()).add(k)
    return {opening: tuple(sorted(ks)) for opening, ks in found.items()}


def _without_readers_phrases(question: str) -> str:
    """`question` with every reader's phrase of several words that has a document term (not itself in the question)
    blanked out."""
    lowered = question.lower()
    if len(lowered) != len(question):  # a letter whose lower case is longer: no offsets to share
        return question
    spans = [
        m.span() for term, pattern in _synonyms() if term.lower() not in lowered for m in pattern.finditer(lowered) if " " in m.group()
    ]
    return "".join(" " if any(s <= i < e for s, e in spans) else char for i, char in enumerate(question))


@cache
def _questions() -> tuple[dict[str, list[re.Pattern[str]]], list[re.Pattern[str]]]:
    """(patterns per answer type, patterns of list questions) from questions.yaml."""
    data = load("questions")
    types = {kind: [re.compile(p, re.IGNORECASE) for p in patterns] for kind, patterns in data["answer_types"].items()}
    return types, [re.compile(p, re.IGNORECASE) for p in data["lists"]]


def matches_patterns(key: str, question: str) -> bool:
    """Whether `question` matches one of the questions.yaml patterns under `key` ("sequels": what came next;
    "sources": which source a passage cites; "source_listing": every source a document cites; "cases": in which
    case something happens; "alternatives": what was done instead; and the others read in assistant/answering/)."""
    return any(pattern.search(question) for pattern in question_patterns(key))


@cache
def question_patterns(key: str) -> tuple[re.Pattern[str], ...]:
    """The questions.yaml patterns under `key`, compiled case-insensitively."""
    return tuple(re.compile(p, re.IGNORECASE) for p in load("questions")[key])


@cache
def _synonyms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table: dict[str, list[str]] = load("synonyms")
    return tuple(
        (term, re.compile(r"(?<![\w\-])(?:" + "|".join(_inflected(w.lower()) for w in words) + r")(?![\w\-])"))
        for term, words in table.items()
    )


def _inflected(word: str) -> str:
    """A pattern for a reader's word and, for a single word of four letters or more, its regular inflections
    ("bleakest" is "bleak", "blueprints" is "blueprint", "gloomiest" is "gloomy")."""
    if not (word.isalpha() and len(word) >= _INFLECTED_LENGTH):
        return re.escape(word)
    if re.search(r"[^aeiou]y$", word):
        return re.escape(word[:-1]) + _Y_INFLECTIONS
    return re.escape(word) + _INFLECTIONS


@cache
def opinion_cues() -> frozenset[str]:
    """Words that report what someone thinks ("believes", "sceptical", "in his view")."""
    return frozenset(load("questions")["opinion_cues"])


@cache
def speech_cues() -> frozenset[str]:
    """Words that mark reported speech ("said", "declared", "statement")."""
    return word_set("questions", "speech_cues")
