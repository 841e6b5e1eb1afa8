"""What a conversation's memory holds (memory.py builds it): the referents a follow-up can point back at, each with
its salience, and what the previous question named and asked for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.conversation.phrases import Phrase
from assistant.index.catalogue import Entity

CONTEXT = ", regarding "
"""How a rewritten question adds what it is about ("Why, regarding the draft framework?")."""
NEVER_ASKED = 1 << 30
"""The turn of the first question mention of a referent no question named."""
GROUP = "group:"
"""Key prefix of several entities named together."""
SOURCE = "source:"
"""Key prefix of the sources an answer cited (their titles): what "it" is after "Which source …?"."""


@dataclass
class Referent:
    """Something a follow-up can point back at, and how a rewritten question names it."""

    key: str
    text: str
    kind: str
    """person, organisation, place, group (several people, a plural name), topic (a noun phrase, or a date a
    question named) or date (one an answer named)."""
    plural: bool = False
    head: str = ""
    determined: bool = True
    salience: float = 0.0
    located: float = 0.0
    """Salience gained where the text names it as a location."""
    gender: str = ""
    """ "masculine" or "feminine" once the conversation called the person "he" or "she" (gender.py)."""
    first: tuple[int, int] = (NEVER_ASKED, 0)
    """(turn, position) of its first mention in a question: "the first guy" is the earliest person asked about,
    "the first one" the earliest of the scenarios asked about."""

    @property
    def asked_about(self) -> bool:
        """Whether a question of the conversation named it (not only an answer)."""
        return self.first[0] < NEVER_ASKED


SOURCES = Referent("sources", "the sources", "topic", plural=True, head="sources")
"""What "Which one …?" chooses among after an answer listing several sources."""


@dataclass
class Memory:
    referents: dict[str, Referent] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)
    """Referents the previous question asked for ("Which bank is financing it?" → the bank)."""
    lists: list[dict[str, list[str]]] = field(default_factory=list)
    """Per answer, newest first: the modifiers each head noun takes, in order ("scenario": ["optimistic", …])."""
    previous: str = ""
    """The previous turn's standalone question."""
    previous_keys: list[str] = field(default_factory=list)
    """What the previous question named, in order."""
    previous_own: list[str] = field(default_factory=list)
    """What the previous question named before any context the rewriter added (", regarding …")."""
    previous_subject: str = ""
    """What the previous question named first outside a prepositional phrase ("Who on the US side drafted the
    plan?" → the plan): what a subject "it" may be."""
    previous_asked: str = ""
    """What the previous question asked for, when it named it ("What personal ambitions …?" → the ambitions)."""
    questions: list[str] = field(default_factory=list)
    """Every earlier standalone question, newest first."""
    continued: dict[str, str] = field(default_factory=dict)
    """Gender → the person the previous question called "he" or "she": whom the next "he"/"she" goes on with."""
    cited: tuple[str, ...] = ()
    """The titles of the publications the newest answer to a question about sources cited."""
    specific: dict[str, str] = field(default_factory=dict)
    """The latest specific phrase each head noun had ("success": "the success in the delta talks"): what "that success" is."""
    named_groups: list[Referent] = field(default_factory=list)
    """Plurals the answers named by what they are ("86% of Republican voters"), newest first: what "them" is when nothing
    the conversation made salient is."""

    def add(self, referent: Referent, weight: float, located: bool = False, at: tuple[int, int] | None = None) -> None:
        kept = self.referents.setdefault(referent.key, referent)
        kept.salience += weight
        kept.located += weight if located else 0.0
        kept.first = min(kept.first, at) if at is not None else kept.first

    def best(self, kinds: Iterable[str], exclude: Iterable[str] = (), plural: bool | None = None) -> Referent | None:
        """The most salient referent of one of `kinds` (and number), not one of `exclude`."""
        wanted, skipped = set(kinds), set(exclude)
        ranked = [
            r for r in self.referents.values() if r.kind in wanted and r.key not in skipped and (plural is None or r.plural == plural)
        ]
        return max(ranked, key=lambda r: r.salience) if ranked else None

    def asked_modifiers(self, head: str) -> list[str]:
        """The modifiers `head` has taken in the questions ("the optimistic scenario", "the neutral one"): topics contrasted."""
        return list(dict.fromkeys(r.key.removesuffix(f" {head}") for r in self.referents.values() if r.head == head and r.key != head))

    def modifiers(self, head: str) -> list[str]:
        """Every modifier `head` has taken in the conversation, oldest first ("optimistic", "neutral" …)."""
        seen = [m for listing in reversed(self.lists) for m in listing.get(head, [])]
        seen += [r.key.removesuffix(f" {head}") for r in self.referents.values() if r.head == head and r.key != head]
        return list(dict.fromkeys(m for m in seen if m))


def entity_referent(entity: Entity, article: bool = False) -> Referent:
    """`entity` as a referent, named "the Selva Commission" when `article` (the question said "the")."""
    name = f"the {entity.name}" if article and entity.kind != "person" and not entity.name.lower().startswith("the ") else entity.name
    return Referent(f"entity:{entity.id}", name, entity.kind)


def phrase_referent(phrase: Phrase) -> Referent:
    return Referent(phrase.key, phrase.text, "topic", phrase.plural, phrase.head, phrase.determined)
