"""Names a question gives that the corpus never uses, where they decide that it cannot answer: the
organisation or person the question is about ("the World Bank"), the party whose words or views it asks
for ("What did Democrats say …?"), a relation no one holds ("Who is X's wife?"), an unknown name in a
question for a figure. One unknown capitalised word elsewhere ("Scandinavian") is left to the evidence.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.data import load
from assistant.index.catalogue import EntityCatalogue
from assistant.index.dates import month_names
from assistant.retrieval.query import QueryIntent
from assistant.text import STOPWORDS, metonym_groups, normalise_term

ATTRIBUTED_TYPES = ("statement", "opinion", "reaction")
"""Answer types that report a party's words, views or reactions: the party must be one the corpus names."""
_HOLDER = re.compile(
    r"^(?i:(?:(?:and|so|but)\s+)?(?:what|how|why|where)\s+(?:do|does|did|has|have|had|would|will|might|could)\s+(?:the\s+)?)"
    r"(?P<holder>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*)\s"
)
_OWNER = re.compile(
    r"(?<![\w'’.\-])(?!(?i:what|who|where|when|why|how)['’]s\b)(?P<holder>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*?)['’]s\s+(?:own\s+|official\s+|public\s+)?"
    r"(?i:opinion|opinions|view|views|position|stance|take|thoughts|attitude|reaction|response|reply|words|statement|comments?|remarks)\b"
)
"""A party named as the owner of a view or reaction ("What is Berg's view of …?"; not the "What's" opening it)."""
_GROUP = re.compile(
    r"^(?i:(?:(?:and|so|but)\s+)?how\s+(?:do|does|did|have|had|would|will)\s+(?:the\s+)?)"
    r"(?P<group>(?-i:[a-z])[\w\-]*(?:\s+(?-i:[a-z])[\w\-]*)?)\s+(?i:feel|felt|answer|answered|respond|vote|voted|react|see|view)\b"
)
"""A question for how a group written in lower case felt or answered ("how did independent voters feel …")."""
_ELLIPTIC_GROUP = re.compile(
    r"^\W*(?i:(?:(?:and|so|but)\s+)?(?:(?:what|how)\s+about\s+)?(?:among|for|with)?\s*(?:the\s+)?)"
    r"(?P<group>[a-zA-Z][\w\-]*(?:\s+(?-i:[a-z])[\w\-]*)?(?:(?<=s)|(?<=people)))(?:\s*,\s*regarding\b.*|\s*\?*)$"
)
"""A follow-up naming only a group ("and the independents?", "what about among young people?", rewritten as
"The independents, regarding the poll?"; "and democrats?" as "Democrats, regarding …")."""
WHO_IS = re.compile(r"^\W*(?:and\s+)?who\s+(?:is|was|are|were)\s+(?=[A-Z])", re.IGNORECASE)
"""A question asking who a named person is ("Who is Anna Berg?")."""
_LOCATIVE = re.compile(r"\b(?:in|at|from|across|near|around|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
"""What comes before a place ("in the Middle East"), not a person or body."""
_SET_IN_YEAR = re.compile(
    r"\b(?:in|during|back\s+in)\s+(?:(?:early|mid|late)[\s\-]+)?(?:[A-Z][a-z]+\s+)?(?P<year>(?:1[0-9]|20)\d\d)\b(?!\s*[\-–])"
)
"""A year the question sets what it asks about in ("when Berg resigned in 2014", "in March 2014"), not a span
("since 2014", "in 2014–2016")."""
_NAME_RUN = re.compile(r"(?<![\w'’.])[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.\-]*)*")


def unknown_words(intent: QueryIntent) -> list[str]:
    """Capitalised words inside the question that the corpus never uses ("Democrats"), in the singular either
    ("Dravenians" for "Dravenian"); month names are dates, not names, alone or before one ("December Tidings")."""
    catalogue = intent.catalogue
    if catalogue is None:
        return []
    understood = _understood(intent)
    runs = [m.group().rstrip(".").removesuffix("'s").removesuffix("’s") for m in _NAME_RUN.finditer(intent.question) if m.start() > 0]
    words = [" ".join(w for w in run.split() if w.lower() not in _months()) for run in runs]  # "the December Tidings poll"
    words = [w for w in words if w]
    return [
        w
        for w in words
        if w.lower() not in STOPWORDS
        and w.lower() not in understood
        and not catalogue.is_known_name(w)
        and not (w.endswith("s") and catalogue.is_known_name(w[:-1]))
    ]


def unknown_holder(intent: QueryIntent) -> str:
    """For a question about what someone said, thinks or did in reaction ("What did Democrats say …?",
    "How did Beijing react …?", "What did Norrvik's foreign minister say …?"), the name of that someone when
    the corpus never uses it ("" otherwise): it cannot report a view of a party it never mentions."""
    catalogue = intent.catalogue
    match = _HOLDER.match(intent.question.strip()) or _OWNER.search(intent.question)
    if catalogue is None or intent.answer_type not in ATTRIBUTED_TYPES or match is None:
        return ""
    holder = re.sub(r"['’]s$", "", match.group("holder"))
    while " " in holder and holder.split()[0].lower() in STOPWORDS:  # "Did Berg's view …": the question's own first word
        holder = holder.split(maxsplit=1)[1]
    understood = holder.lower() in _understood(intent) | _months() or catalogue.knows_kin_of(holder)  # "What did the May survey show …?"
    if understood or any(catalogue.is_known_name(form) for form in {holder, *_metonyms_of(holder)}):
        return _unknown_office(intent.question[match.start("holder") :], catalogue)
    return holder


def unmentioned_group(intent: QueryIntent, texts: list[str]) -> str:
    """For a question about how a group written in lower case felt, answered or voted ("How did independent voters
    feel …?", "and how did independents answer?"), or a follow-up naming only a group ("and the independents?"),
    the group when none of `texts` (the retrieved passages) uses its first word in any form ("" otherwise): a poll
    the passages report says nothing of a group they never name."""
    match = _GROUP.match(intent.question.strip()) or _ELLIPTIC_GROUP.match(intent.question.strip())
    if match is None:
        return ""
    first = normalise_term(match.group("group").split()[0])
    understood = {normalise_term(word) for word in _understood(intent)}
    if first in STOPWORDS or first in understood:
        return ""
    named = any(first in {normalise_term(word) for word in re.findall(r"[\w\-]+", text)} for text in texts)
    return "" if named else match.group("group")


def unknown_relative(intent: QueryIntent) -> str:
    """For "Who is X's wife / X's deputy?", "X's wife" when the corpus gives no one that relation to X ("" otherwise)."""
    asked = WHO_IS.match(intent.question)
    if intent.catalogue is None or intent.answer_type != "person" or asked is None:
        return ""
    return _unknown_office(intent.question[asked.end() :], intent.catalogue)


def _unknown_office(text: str, catalogue: EntityCatalogue) -> str:
    """"Norrvik's foreign minister" at the start of `text` when the catalogue knows no one holding that office
    ("" otherwise): the question asks about a person the corpus never names."""
    lexicon = load("names")
    titles = {word.lower() for key in ("title_words", "role_nouns", "kinship_nouns") for word in lexicon[key]}
    found = re.match(r"(?P<owner>[\w.\-]+(?:\s+[A-Z][\w.\-]*)*)['’]s\s+(?P<rest>.*)", text)
    if found is None:
        return ""
    words = re.findall(r"[A-Za-z\-]+", found.group("rest"))
    size = next((i for i, w in enumerate(words) if w.lower() not in titles), len(words))
    if 0 < size and words[size : size + 1] == ["of"] and size + 1 < len(words):
        size += 2  # "chief of staff", "minister of agriculture"
    office = " ".join(words[:size])
    if not office or catalogue.resolve_role(office) or catalogue.resolve_role(f"{found.group('owner')}'s {office}"):
        return ""
    return f"{found.group('owner')}'s {office}"


def _unknown_event(word: str, rest: str, catalogue: EntityCatalogue, understood: set[str]) -> str:
    """The event a capitalised word the corpus never uses names with the head noun after it ("Istanbul talks",
    "Kursk offensive"), an event the corpus never mentions; "" otherwise. A region word ("the Gulf meeting") may
    stand for a place the corpus names; a compound with a known name ("the Lind-Berg summit") is known."""
    head = re.match(r"\s+([a-z]+)\b", rest)
    lower = word.lower()
    if head is None or head.group(1) not in _event_heads() or lower in understood or lower in STOPWORDS or lower in _months():
        return ""
    parts = [part for part in word.split("-") if part[:1].isupper()]  # "Berg-Lind summit", "US-led talks"
    return "" if any(catalogue.is_known_name(part) for part in [word, *parts]) else f"{word} {head.group(1)}"


@cache
def _event_heads() -> frozenset[str]:
    return frozenset(load("conversation")["event_heads"]) | frozenset(load("questions")["named_event_heads"])


def unmentioned_year(intent: QueryIntent) -> str:
    """A year the question sets what it asks about in ("How did Lind react when Berg resigned in 2014?") that no
    dated expression of the corpus has; "" otherwise, and without dates read from the corpus."""
    catalogue = intent.catalogue
    if catalogue is None or not catalogue.dates:
        return ""
    years = {mention.date[:4] for mention in catalogue.dates}
    return next((m.group("year") for m in _SET_IN_YEAR.finditer(intent.question) if m.group("year") not in years), "")


def _understood(intent: QueryIntent) -> set[str]:
    """Words of the question the corpus answers under other names: everyday words with document terms
    (synonyms.yaml) and the terms found for them, lower-cased."""
    return {w.lower() for words in load("synonyms").values() for w in words} | {t.lower() for t in intent.terms}


@cache
def _months() -> frozenset[str]:
    """Month names, lower-cased: dates, never unknown names."""
    return frozenset(month.lower() for month in month_names())


def _spelled_out(words: list[str]) -> str:
    """A name with its short forms written out ("Wall St Journal" → "Wall Street Journal"; names.yaml `abbreviations`)."""
    short = load("names")["abbreviations"]
    return " ".join(short.get(word.rstrip("."), word) for word in words)


def _metonyms_of(name: str) -> list[str]:
    """The names that stand for `name` (assistant/data/metonyms.yaml), itself excluded."""
    return [other for other in metonym_groups().get(name, ()) if other != name]


def unknown_subjects(intent: QueryIntent) -> list[str]:
    """Names in the question that look like an organisation or a person and that the corpus never uses
    ("the World Bank", "Prime Minister Smith"), and events named by one such word ("the Istanbul talks"); an
    unknown adjective or place ("Scandinavian", "Gulf", "in the Middle East", "What Middle East win …?") is left to
    the evidence test."""
    catalogue = intent.catalogue
    if catalogue is None:
        return []
    lexicon = load("names")
    titles = set(lexicon["title_words"])
    cues = set(lexicon["organisation_cues"]) | titles
    places = set(lexicon["place_cues"])
    unknown = []
    understood = _understood(intent)
    ordinary = understood | {place.lower() for place in places}  # words that name no unknown event ("the Gulf meeting")
    for match in _NAME_RUN.finditer(intent.question):
        run = match.group().rstrip(".")
        if len(run.split()) < 2:
            event = _unknown_event(run, intent.question[match.end() :], catalogue, ordinary)
            unknown += [event] if event else []  # "the Istanbul talks"
            continue  # one unknown word ("Scandinavian", "Congress") is left to the evidence test
        found = catalogue.entities_in(run)
        people = any(entity.kind == "person" for entity, _, _ in found)
        for _, start, end in reversed(found):
            run = run[:start] + " " + run[end:]
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in run.split()]
        words = [w for w in words if w.strip("'’") and w.lower() not in STOPWORDS]
        name = " ".join(words).removeprefix("of ")
        if not words or catalogue.is_known_name(name) or catalogue.is_known_name(_spelled_out(words)) or name.lower() in understood:
            continue
        if people and all(w in titles for w in words):
            continue  # "Senator Berg": a title the text does not give, on a person it knows
        unknown_words = [w for w in words if w != "of" and not catalogue.is_known_name(w) and w.lower() not in understood]
        located = _LOCATIVE.search(intent.question[: match.start()]) is not None or words[-1] in places  # "the Middle East"
        if any(w in cues for w in words) or (len(unknown_words) >= 2 and not found and not located):
            unknown.append(name)  # "the World Bank", "Prime Minister", "Keir Starmer"
    return unknown
