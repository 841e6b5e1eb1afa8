"""Names: every person, organisation and place the claim names must be named by the passage.

A claim name that the evidence sentence or its passage uses, under any alias (or a role the
catalogue gives that entity alone: "the president"), is fine. A name in another slot than the
evidence's ("in Norway's favour" where the evidence says "in Sweden's favour") is CONTRADICTED,
and so is a name the passage does not use where the evidence names another of the same kind; any
other name the passage does not use is NOT_FOUND.
Names come from the corpus: the entity catalogue built at ingest (assistant/index/catalogue.py),
and the capitalised words the corpus never writes in lower case ("Swedish", "Hezbollah").
Country, people and capital stand for one another (assistant/data/metonyms.yaml). A role the claim gives to the
wrong person is checked first (roles.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.answering.verification.alignment import substitutions
from assistant.answering.verification.roles import misattributed_role
from assistant.answering.verification.tokens import stem
from assistant.answering.verification.verdicts import Label, Objection
from assistant.data import load
from assistant.index.catalogue import Entity, EntityCatalogue, role_after_determiner
from assistant.text import STOPWORDS, alternatives, metonym_groups

_COMPOUND = re.compile(r"(?<=[A-Za-zà-ÿ])-(?=[A-Z])")
"""The hyphen of a compound of names ("Berg-Lind")."""
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9'’]*(?:-(?![a-z]+\b)[A-Za-zÀ-ÿ0-9'’]+)*")
"""A word; a hyphen and a lower-case word after it ("American-made", "Lind-backed") are not part of it."""
_CONTEXT = 1
"""Content words either side of a name that must match for another name to count as swapped in."""
_ASIDE_AFTER = re.compile(r"\s*,[^,;:()]{3,80},")
_ASIDE_BEFORE = re.compile(r",[^,;:()]{3,80},\s*$")
"""An aside between commas right after or right before a name."""


@dataclass(frozen=True)
class Mention:
    surface: str
    start: int
    end: int
    aliases: tuple[str, ...]
    kind: str
    """person, organisation or place (catalogue), place (metonyms) or name (unknown kind)."""
    roles: tuple[str, ...] = ()
    """Role phrases that name this entity and no other ("secretary of state")."""
    entity: str = ""
    """The catalogue id, for catalogue entities."""
    called: tuple[str, ...] = ()
    """Roles the catalogue reads as this entity after a determiner, though others hold them too ("the US president")."""

    def named_in(self, text: str) -> bool:
        """Whether `text` uses this name, an alias, or its role (a surname stands for the full name)."""
        spaced = _COMPOUND.sub(" ", text) if "-" in text else text  # "Berg-Lind" names Berg
        return bool(self._forms.search(spaced))

    @cached_property
    def _forms(self) -> re.Pattern[str]:
        return _pattern((self.surface, *self.aliases), self.roles, self.called)


@lru_cache(maxsize=4096)
def _pattern(names: tuple[str, ...], roles: tuple[str, ...], called: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One pattern for a name's forms: aliases, surnames, metonyms (as written), roles (any case) and the roles
    it is `called` by after a determiner ("the US president", "his envoy")."""
    surnames = {name.split()[-1] for name in names if len(name.split()) > 1}
    forms = set(names) | {word for word in surnames if word[:1].isupper()}  # "the minister's envoy" has no surname "envoy"
    forms |= {other for form in forms for other in metonym_groups().get(form, ())}
    exact = alternatives((form for form in forms if form), longest_first=True)
    anycase = alternatives(roles)
    body = f"(?:{exact})(?:['’]s)?" + (f"|(?i:{anycase})" if anycase else "")
    if called:
        body += f"|{role_after_determiner(called).pattern}"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


class CorpusNames:
    """Finds names in claims and passages with the corpus' own vocabulary and catalogue."""

    def __init__(self, texts: Iterable[str], catalogue: EntityCatalogue | None = None) -> None:
        self.catalogue = catalogue or EntityCatalogue(())
        self._seen: dict[str, list[Mention]] = {}
        self._roles: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.common: set[str] = set()
        self.proper: set[str] = set()
        """Capitalised words the corpus uses inside sentences (a sentence's first word may be one)."""
        for text in texts:
            self.common.update(w for w in _WORD.findall(text) if w.islower())
            self.proper.update(m.group(1) for m in re.finditer(r"[a-z,;:]\s+([A-Z][\w-]*)", text))

    def mentions(self, text: str) -> list[Mention]:
        """Catalogue entities, then runs of capitalised words the corpus never writes in lower case."""
        if text not in self._seen:
            if len(self._seen) > 4096:
                self.forget()
            self._seen[text] = self._find(text)
        return self._seen[text]

    def _entities(self, text: str) -> list[Mention]:
        """Catalogue entities named in `text`, and the people it calls by a role the catalogue reads as them
        ("the US president")."""
        named = self.catalogue.entities_in(text)
        named += self.catalogue.people_called_in(text, named)
        return [self._mention(entity, text, start, end) for entity, start, end in named]

    def _mention(self, entity: Entity, text: str, start: int, end: int) -> Mention:
        roles, called = self._role_forms(entity)
        return Mention(text[start:end], start, end, (entity.name, *entity.aliases), entity.kind, roles, entity.id, called)

    def _role_forms(self, entity: Entity) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The entity's roles that name it alone, and those the catalogue reads as it after a determiner (kept per entity)."""
        if entity.id not in self._roles:
            self._roles[entity.id] = (self._roles_of(entity), self.catalogue.roles_read_as(entity))
        return self._roles[entity.id]

    def forget(self) -> None:
        """Drop the mentions found so far (they are kept per text to save parsing evidence again)."""
        self._seen.clear()

    def _find(self, text: str) -> list[Mention]:
        found = self._entities(text)
        if _COMPOUND.search(text):  # "the Berg-Lind talks" names Berg and Lind (offsets are kept)
            text = _COMPOUND.sub(" ", text)
            found += [m for m in self._entities(text) if not _inside(found, m.start)]
        run: list[re.Match[str]] = []
        for match in [*_WORD.finditer(text), None]:
            before = _char_before(text, match.start()) if match is not None else ""
            name_like = match is not None and self._name_like(match.group(0), before) and not _inside(found, match.start())
            if match is not None and name_like and (not run or text[run[-1].end() : match.start()] == " "):
                run.append(match)
                continue
            if run:
                start, end = run[0].start(), run[-1].end()
                surface = re.sub(r"['’]s$", "", text[start:end])
                found.append(Mention(surface, start, start + len(surface), (surface,), "place" if surface in metonym_groups() else "name"))
            run = [match] if match is not None and name_like else []
        return found

    def known(self, name: str) -> bool:
        """Whether the corpus uses this name, or a name that stands for it ("Dravenians" for Dravenia), anywhere."""
        return any(self.catalogue.is_known_name(form) or form in self.proper for form in metonym_groups().get(name, (name,)))

    @cached_property
    def unique_roles(self) -> dict[str, Entity]:
        """Role phrases (lower case) the catalogue gives to one entity only ("protégé", "secretary of state",
        and possessive aliases such as "X's son-in-law")."""
        holders: dict[str, list[Entity]] = {}
        for entity in self.catalogue.entities:
            possessive = {a.lower() for a in entity.aliases if re.search(r"\w['’]s \w", a)}
            for role in {r.lower() for r in entity.roles if len(r) > 3} | possessive:
                holders.setdefault(role, []).append(entity)
        return {role: found[0] for role, found in holders.items() if len(found) == 1}

    def _roles_of(self, entity: Entity) -> tuple[str, ...]:
        return tuple(role for role in entity.roles if (holder := self.catalogue.resolve(role)) is not None and holder.id == entity.id)

    def _name_like(self, word: str, before: str) -> bool:
        """A capitalised word the corpus never writes in lower case; a sentence's first word only if used as a name."""
        if not word[:1].isupper():
            return False
        bare = word[:-2] if word.endswith(("'s", "’s")) else word
        if bare.lower() in self.common or bare.lower() in STOPWORDS:
            return False
        inside_sentence = bool(before) and (before.isalnum() or before in ",;:)–—-")
        return inside_sentence or bare in self.proper or bare in metonym_groups()


def same_party(a: Mention, b: Mention) -> bool:
    """Whether two mentions name one party: two catalogue entities only by an alias or metonym (not a
    role: another's "envoy" is not this envoy), other names also by a surname or role."""
    if a.entity and b.entity:
        forms_a, forms_b = _pattern((a.surface, *a.aliases), ()), _pattern((b.surface, *b.aliases), ())
        return a.entity == b.entity or bool(forms_a.search(b.surface) or forms_b.search(a.surface))
    return a.named_in(b.surface) or b.named_in(a.surface)


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether `text` (one sentence: in a long passage two initials meet by chance) writes out an acronym
    of the claim: "PR" as "public relations", "EU" as "European Union"."""
    if not re.fullmatch(r"[A-Z]{2,5}", acronym):
        return False
    words = [w for w in _WORD.findall(text) if w.lower() not in ("of", "and", "the", "for")]
    initials = "".join(w[0].upper() for w in words)
    return any(initials.startswith(acronym, k) for k in range(len(initials)))


def party_key(mention: Mention) -> str:
    """One key per party: a metonym group ("Paris" and "France" are one), else the catalogue entity or the name."""
    for form in (mention.surface, *mention.aliases):
        group = metonym_groups().get(form)
        if group:
            return group[0]
    return mention.entity or mention.surface


def _char_before(text: str, at: int) -> str:
    """The last character before `at` that is not white space ("" at the start)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at else ""


def _inside(mentions: list[Mention], at: int) -> bool:
    return any(m.start <= at < m.end for m in mentions)


def check_names(claim: str, evidence: str, passage: str, names: CorpusNames) -> list[Objection]:
    """Objections for claim names the evidence does not name in the same place."""
    claimed = names.mentions(claim)
    misattributed = misattributed_role(claim, claimed, names)
    if misattributed is not None:
        return [misattributed]
    given = names.mentions(evidence)
    swapped_in = _aligned_swap(claim, evidence, claimed, given) or _list_swap(claim, evidence, claimed, given)
    if swapped_in is not None:
        return [swapped_in]
    rivals = [m for m in given if not m.named_in(claim)]
    for mention in claimed:
        named_here = mention.named_in(evidence) or mention.named_in(passage) or _spelled_out(mention.surface, evidence)
        if not named_here and not names.known(mention.surface):
            return [Objection(Label.NOT_FOUND, "name", f"the brief does not name {mention.surface}")]
        context = _context(claim, mention)
        own = [m for m in given if mention.named_in(m.surface) or m.named_in(mention.surface)]
        if not own and mention.named_in(evidence):
            continue  # named by a role ("the bank's president"): the words around it say nothing of a swap
        if not any(_shared(context, _context(evidence, m)) for m in own):
            # a name the evidence also uses elsewhere is swapped only when both neighbours match
            sides = 2 if own else 1
            swapped = next((r for r in rivals if _same_kind(r, mention) and _shared(context, _context(evidence, r)) >= sides), None)
            if swapped is not None:
                return [Objection(Label.CONTRADICTED, "name", f"names {mention.surface} where the passage names {swapped.surface}")]
        if named_here:
            continue
        same_kind = next((r for r in rivals if _same_kind(r, mention) and "name" not in (r.kind, mention.kind)), None)
        if same_kind is not None:
            return [Objection(Label.CONTRADICTED, "name", f"names {mention.surface} where the passage names {same_kind.surface}")]
        return [Objection(Label.NOT_FOUND, "name", f"the passage does not name {mention.surface}")]
    return []


def _aligned_swap(claim: str, evidence: str, claimed: list[Mention], given: list[Mention]) -> Objection | None:
    """In a near-verbatim claim, a name put where the evidence has another (unless the two are listed together)."""
    for (c_start, c_end), (e_start, e_end) in substitutions(claim, evidence):
        for mine in (m for m in claimed if c_start <= m.start < c_end):
            for theirs in (g for g in given if e_start <= g.start < e_end):
                called = _called_within(mine, evidence, e_start, e_end)  # a name put for "the US president"
                if called or same_party(mine, theirs) or _listed_with(theirs, mine, given, evidence):
                    continue
                return Objection(Label.CONTRADICTED, "name", f"names {mine.surface} where the passage names {theirs.surface}")
    return None


def _called_within(mention: Mention, text: str, start: int, end: int) -> bool:
    """Whether `text` calls the mention's entity by a role inside [start, end) (a name put for "the US president")."""
    return bool(mention.called) and any(m.start() < end and start < m.end() for m in role_after_determiner(mention.called).finditer(text))


def _list_swap(claim: str, evidence: str, claimed: list[Mention], given: list[Mention]) -> Objection | None:
    """A name in a list the claim gives ("A, B and D") where the evidence's list sharing a member with it has
    another of the same kind ("A, B and C")."""
    for mine in _lists(claim, claimed):
        for theirs in _lists(evidence, given):
            if not any(same_party(m, t) for m in mine for t in theirs):
                continue
            extra = [m for m in mine if not any(same_party(m, t) for t in theirs)]
            missing = [t for t in theirs if not any(same_party(m, t) for m in mine)]
            for added in extra:
                rival = next((t for t in missing if _same_kind(added, t)), None)
                if rival is not None:
                    listed = ", ".join(t.surface for t in theirs)
                    return Objection(Label.CONTRADICTED, "name", f"lists {added.surface} where the passage lists {listed}")
    return None


def _lists(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of two or more names joined by "and", "or" or commas ("Germany, the United Kingdom, and France")."""
    runs: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if runs and _LIST_JOIN.fullmatch(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return [run for run in runs if len(run) > 1]


_LIST_JOIN = re.compile(r"\s*(?:,|and|or|&|, and|, or)\s*(?:the\s+)?")
"""What joins two names of a list."""


def _listed_with(theirs: Mention, mine: Mention, given: list[Mention], evidence: str) -> bool:
    """Whether the evidence joins `theirs` and a mention of `mine` by "and", "or" or a comma (order then says nothing)."""
    ordered = sorted(given, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if {a.start, b.start} & {theirs.start} and (mine.named_in(a.surface) or mine.named_in(b.surface)):
            if _LIST_JOIN.fullmatch(evidence[a.end : b.start]):
                return True
    return False


def _same_kind(a: Mention, b: Mention) -> bool:
    """Whether two names could fill one slot ("name": of unknown kind, but not a known place)."""
    kinds = {a.kind, b.kind}
    return len(kinds) == 1 or ("name" in kinds and "place" not in kinds)


@lru_cache(maxsize=4096)
def _context(text: str, mention: Mention) -> tuple[set[str], set[str]]:
    """The stems of the plain words just before and just after a mention, past an aside between commas next to it
    ("that, faced with the costs, Russia would": assumed, would) and a noun for the party's people ("side")."""
    starts, ends, words = _words(text)
    aside_before, aside_after = _ASIDE_BEFORE.search(text, 0, mention.start), _ASIDE_AFTER.match(text, mention.end)
    after_at = aside_after.end() if aside_after else mention.end
    before_at = aside_before.start() if aside_before else mention.start
    first_after, last_before = bisect_left(starts, after_at), bisect_right(ends, before_at)
    before = [w for w in words[max(0, last_before - 3) : last_before] if _plain(w)][-_CONTEXT:]
    after = [w for w in words[first_after : first_after + 3] if _plain(w)][:_CONTEXT]
    if after and after[0].lower() in _party_heads():  # "the Lindish side refuses": side, and what the side does
        after += [w for w in words[first_after + 1 : first_after + 4] if _plain(w)][:_CONTEXT]
    return {stem(w) for w in before}, {stem(w) for w in after}


@lru_cache(maxsize=1)
def _party_heads() -> frozenset[str]:
    """Nouns for a party's own people ("the Lindish side refuses"): the word after them is the name's neighbour."""
    return frozenset(load("relations")["party_heads"])


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[list[int], list[int], list[str]]:
    """The starts, ends and texts of a text's words (for finding a mention's neighbours by bisection)."""
    found = list(_WORD.finditer(text))
    return [m.start() for m in found], [m.end() for m in found], [m.group(0) for m in found]


def _shared(mine: tuple[set[str], set[str]], theirs: tuple[set[str], set[str]]) -> int:
    """On how many sides (before, after) two mentions share a neighbouring word."""
    return sum(bool(a & b) for a, b in zip(mine, theirs))


def _plain(word: str) -> bool:
    return word.lower() not in STOPWORDS and not word[:1].isupper()
