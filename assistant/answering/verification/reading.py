"""A sentence read for the polarity checks: its tokens and stems, what each negation cue covers, and the
lexicons the checks share (assistant/data/{negation,stance,antonyms,quantifiers}.yaml)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from assistant.answering.verification.tokens import PhraseTable, Token, inflected_stems, phrase_stems, stem, tokenize
from assistant.data import load as lexicon
from assistant.index.dates import month_names
from assistant.text import fold_name

_HEAD_WINDOW = 4
PARTICLE = "~"
"""Marks a predicate negated by a particle (not, never) rather than by a verb (refused, failed to)."""
_SLOT_WORDS = 6
"""Content words either side of an antonym that place it: the two sides of a flip must share one."""


@dataclass(frozen=True)
class Lexicons:
    """The polarity lexicons, read once: phrase tables over light stems."""

    negation: PhraseTable[str]
    scope: int
    breaks: frozenset[str]
    auxiliaries: frozenset[str]
    regarding: frozenset[str]
    """Stems of verbs after which "as" opens their complement ("treated Lind as his partner"), no clause break."""
    links: frozenset[str]
    """Words between a postposed cue and what it negates ("would be off the table")."""
    light: frozenset[str]
    two_object: frozenset[str]
    """Stems of negating verbs that take two objects: in the passive they negate what follows ("was denied access")."""
    same_action: dict[str, frozenset[str]]
    """stem → the stems of every word naming the same action (itself included)."""
    stance: PhraseTable[str]
    antonyms: PhraseTable[frozenset[str]]
    """phrase → its "pair index:side" places (a word can sit in several pairs)."""
    quantifiers: PhraseTable[str]
    negating_prefixes: dict[str, int]
    """prefix → the shortest base it negates ("un": 4; "in": 6, so "increase" is no "crease")."""
    partitives: frozenset[str]
    conflicts: frozenset[frozenset[str]]
    overstatements: frozenset[tuple[str, str]]


DEGREE_PAIR = "0"
"""The place of the degree words (antonyms.yaml `degree`: more/less, rise/fall) among the antonym pairs."""


@cache
def lexicons() -> Lexicons:
    """The lexicons of assistant/data/{negation,stance,antonyms,quantifiers}.yaml, with inflected forms."""
    negation, stance, antonyms, quantifiers = (lexicon(n) for n in ("negation", "stance", "antonyms", "quantifiers"))
    cues = {phrase_stems(c): "negate" for c in negation["cues"]}
    cues.update({stems: "verb" for c in negation["verb_cues"] for stems in inflected_stems(c)})
    cues.update({phrase_stems(c): "after" for c in negation["postposed_cues"]})
    cues.update({phrase_stems(c): "keep" for c in negation["not_negating"]})
    sides: dict[tuple[str, ...], set[str]] = {}
    for i, pair in enumerate([antonyms["degree"], *antonyms["pairs"]]):  # the degree pair first: DEGREE_PAIR
        for side, words in enumerate(pair):
            for word in words:
                for stems in inflected_stems(word):
                    sides.setdefault(stems, set()).add(f"{i}:{side}")
    return Lexicons(
        negation=PhraseTable(cues),
        scope=int(negation["scope_words"]),
        breaks=frozenset(negation["clause_breaks"]),
        auxiliaries=frozenset(negation["auxiliaries"]),
        regarding=frozenset(stem(word) for word in negation["regarding_verbs"]),
        links=frozenset(negation["postposed_links"]),
        light=frozenset(stem(word) for word in negation["light_words"]),
        two_object=frozenset(stem(word) for word in negation["two_object_cues"]),
        same_action=_groups(negation["same_action"]),
        stance=PhraseTable({stems: cls for cls in ("support", "oppose") for w in stance[cls] for stems in inflected_stems(w)}),
        antonyms=PhraseTable({phrase: frozenset(found) for phrase, found in sides.items()}),
        quantifiers=PhraseTable({phrase_stems(w): cls for cls, words in quantifiers["classes"].items() for w in words}),
        negating_prefixes={str(prefix): int(shortest) for prefix, shortest in antonyms["negating_prefixes"].items()},
        partitives=frozenset(stem(word) for word in quantifiers["partitives"]),
        conflicts=frozenset(frozenset(pair) for pair in quantifiers["conflicts"]),
        overstatements=frozenset((claimed, given) for claimed, given in quantifiers["overstatements"]),
    )


def _groups(groups: list[list[str]]) -> dict[str, frozenset[str]]:
    """Each word's stem → the stems of all the groups it is in."""
    found: dict[str, set[str]] = {}
    for group in groups:
        stems = {stem(word) for word in group}
        for one in stems:
            found.setdefault(one, set()).update(stems)
    return {one: frozenset(alike) for one, alike in found.items()}


def _scope_after(tokens: tuple[Token, ...], last: int, lex: Lexicons) -> list[int]:
    """What a cue ending before `last` negates: up to `scope` content words after it, within its clause ("as" after a
    verb of regarding goes on with its complement)."""
    scope: list[int] = []
    for k in range(last, len(tokens)):
        complement = tokens[k].lower == "as" and any(stem(tokens[i].lower) in lex.regarding for i in scope)
        if (tokens[k].lower in lex.breaks and not complement) or sum(tokens[i].is_content for i in scope) == lex.scope:
            break
        if scope and _sets_a_time(tokens, k):
            break  # "the suspension of support in early March": when, not what is negated
        scope.append(k)
    return scope


_TIME_PREPOSITIONS = frozenset({"in", "on", "since", "until", "during", "by"})
_BEFORE_OR_AFTER = frozenset({"before", "after", "prior"})


def _sets_a_time(tokens: tuple[Token, ...], k: int) -> bool:
    """Whether the word at `k` opens a phrase of time: "before", "after", "prior (to)", or a preposition with a month or a
    year within its next two words."""
    if tokens[k].lower in _BEFORE_OR_AFTER:
        return True
    if tokens[k].lower not in _TIME_PREPOSITIONS:
        return False
    return any(_time_word(t) for t in tokens[k + 1 : k + 3])


def _time_word(token: Token) -> bool:
    """A month or a year."""
    return token.text in month_names() or (token.text.isdigit() and len(token.text) == 4)


def _link_before(tokens: tuple[Token, ...], first: int, links: frozenset[str]) -> bool:
    """Whether one of the `links` stands right before the token at `first`, past adverbs ("was briefly suspended")."""
    k = first - 1
    while k >= 0 and _adverb(tokens[k]) and tokens[k].lower not in links:
        k -= 1
    return k >= 0 and tokens[k].lower in links


_BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})
"""Forms of "be": a negating verb in -ed after one is passive ("was ruled out"; "has ruled out" is not)."""


def _adverb(token: Token) -> bool:
    return token.lower.endswith("ly") and len(token.lower) > 4


def _scope_before(tokens: tuple[Token, ...], first: int, lex: Lexicons) -> list[int]:
    """What a postposed cue starting at `first` negates ("any escalation would be off the table"): past the linking
    words right before it, up to `scope` content words before it, within its clause, in reading order."""
    k = first - 1
    while k >= 0 and (tokens[k].lower in lex.links or _adverb(tokens[k])):
        k -= 1
    scope: list[int] = []
    while k >= 0 and tokens[k].lower not in lex.breaks and sum(tokens[i].is_content for i in scope) < lex.scope:
        if _time_word(tokens[k]):
            break  # "in early March support was suspended": when, not what is negated
        scope.append(k)
        k -= 1
    return scope[::-1]


@dataclass(frozen=True)
class Reading:
    """A sentence's tokens, their stems, and which tokens a negation cue covers."""

    tokens: tuple[Token, ...]
    stems: list[str]
    negated: list[bool]
    depth: list[int]
    """For a negated token, how many content words into the cue's scope it is (1: the first)."""
    predicate: list[str]
    """For a negated token, the stem of what its cue negates: the first content word of the scope that is
    not a light verb ("new" in "refrained from taking any new initiatives"); `PARTICLE` first when the
    cue is a particle (not, never), not a verb (refused, failed to)."""
    cue: list[bool]
    idiom: list[bool]
    """Part of a phrase that only looks negative ("made no secret of"): neither negation nor antonym."""

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, text: str) -> Reading:
        lex = lexicons()
        tokens = tokenize(text)
        stems = [t.stem for t in tokens]
        negated, cue, idiom = [False] * len(tokens), [False] * len(tokens), [False] * len(tokens)
        depth = [0] * len(tokens)
        predicate = [""] * len(tokens)
        for first, last, kind in lex.negation.find(stems):
            for k in range(first, last):
                cue[k] = True
                idiom[k] = kind == "keep"
            if kind == "keep":
                continue
            linked = _link_before(tokens, first, lex.links)
            withheld = stems[first] in lex.two_object and last < len(tokens) and tokens[last].is_content  # "was denied approval"
            passive = kind == "verb" and _link_before(tokens, first, _BE) and tokens[first].lower.endswith("ed")  # "was ruled out"
            passive = passive and not withheld
            if kind == "after" and not linked:
                continue
            scope = _scope_before(tokens, first, lex) if kind == "after" or passive else _scope_after(tokens, last, lex)
            words = 0
            for k in scope:
                negated[k] = not negated[k]
                words += tokens[k].is_content
                depth[k] = words
            governed = next((stems[k] for k in scope if tokens[k].is_content and stems[k] not in lex.light), "")
            governed = governed if kind in ("verb", "after") else f"{PARTICLE}{governed}"
            for k in scope:
                predicate[k] = governed
        return cls(tokens, stems, negated, depth, predicate, cue, idiom)

    def content(self) -> list[int]:
        """Positions of the words whose polarity is compared: not cues or numbers, and names only right
        after a cue ("is not Berg", "not with Swedish ones")."""
        return [
            k
            for k, t in enumerate(self.tokens)
            if t.is_content and not self.cue[k] and (t.text[0].islower() or (k > 0 and t.text[0].isupper() and self.depth[k] == 1))
        ]

    def verbal(self, k: int) -> bool:
        """Whether the token at k is negated by a verb (refused, failed to), not by a particle."""
        return self.negated[k] and not self.predicate[k].startswith(PARTICLE)

    @cached_property
    def places(self) -> dict[str, list[int]]:
        """Stem → the positions of the tokens with that stem that are not negation cues."""
        found: dict[str, list[int]] = {}
        for k, one in enumerate(self.stems):
            if not self.cue[k]:
                found.setdefault(one, []).append(k)
        return found

    @cached_property
    def slot_words(self) -> list[int]:
        """Positions of the content words that are not negation cues."""
        return [k for k, t in enumerate(self.tokens) if t.is_content and not self.cue[k]]

    @cached_property
    def name_stems(self) -> frozenset[str]:
        """The stems of the capitalised words, but for a stopword opening the sentence ("The", "However")."""
        return frozenset(self.stems[k] for k, t in enumerate(self.tokens) if t.text[0].isupper() and (k or t.is_content))

    @cached_property
    def antonym_words(self) -> list[tuple[int, int, frozenset[str]]]:
        """The antonym lexicon's phrases in the sentence (first, last+1, their "pair:side" places), idioms included."""
        return lexicons().antonyms.find(self.stems)

    @cached_property
    def stance_words(self) -> list[tuple[int, int, str]]:
        """The stance lexicon's phrases in the sentence (first, last+1, "support" or "oppose")."""
        return lexicons().stance.find(self.stems)

    @cached_property
    def quantifier_words(self) -> list[tuple[int, int, str]]:
        """The quantifier lexicon's phrases in the sentence (first, last+1, class)."""
        return lexicons().quantifiers.find(self.stems)

    @cached_property
    def _slot_stems(self) -> tuple[list[int], list[str]]:
        """The positions of `slot_words` and their stems, names that stand for one another folded into one."""
        return self.slot_words, [fold_name(self.stems[k]) for k in self.slot_words]

    @cached_property
    def _neighbours_of(self) -> dict[tuple[int, int], dict[str, int]]:
        """`neighbours` already worked out, by span: the checks ask for the same spans many times."""
        return {}

    def neighbours(self, first: int, last: int) -> dict[str, int]:
        """The stems of the `_SLOT_WORDS` content words either side of tokens[first:last], each with its
        distance in content words (negative before, positive after; the nearest occurrence); names that
        stand for one another are one ("Vardholm", "Dravenia": dravenia). Callers must not change the result."""
        known = self._neighbours_of.get((first, last))
        if known is not None:
            return known
        positions, words = self._slot_stems
        start, end = bisect_left(positions, first), bisect_left(positions, last)
        before, after = words[max(0, start - _SLOT_WORDS) : start], words[end : end + _SLOT_WORDS]
        found = {word: k - len(before) for k, word in enumerate(before)}
        for k, word in enumerate(after, 1):
            if word not in found or k < -found[word]:
                found[word] = k
        self._neighbours_of[(first, last)] = found
        return found

    def unnamed_neighbours(self, first: int, last: int) -> dict[str, int]:
        """`neighbours` without the names: what a word is said of, beyond who is involved."""
        names = {fold_name(name) for name in self.name_stems}
        return {word: at for word, at in self.neighbours(first, last).items() if word not in names}

    def head(self, after: int) -> str:
        """The first content stem within a few tokens after position `after` (what a quantifier counts);
        past a partitive, the noun after its "of" ("a round of talks" counts talks)."""
        at = self._head_position(after)
        return "" if at is None else self.stems[at]

    def counted(self, after: int) -> frozenset[str]:
        """What a quantifier at `after` counts: its head and the content word right after it ("the current
        sanctions" and "the existing sanctions" meet on "sanction")."""
        at = self._head_position(after)
        if at is None:
            return frozenset()
        following = at + 1 < len(self.tokens) and self.tokens[at + 1].is_content
        return frozenset(self.stems[at : at + 1 + following])

    def _head_position(self, after: int) -> int | None:
        partitives = lexicons().partitives
        for k in range(after, min(len(self.tokens), after + _HEAD_WINDOW)):
            if self.tokens[k].is_content and self.stems[k] not in ("of", "the"):
                if self.stems[k] in partitives and k + 1 < len(self.tokens) and self.tokens[k + 1].lower == "of":
                    return self._head_position(k + 2)
                return k
        return None


def pole_terms(text: str) -> list[str]:
    """One term per antonym pole the text uses a word of ("win" and "success" give the same term): words of
    one pole say much the same thing."""
    return [f"~{side}" for _, _, sides in lexicons().antonyms.find(Reading.of(text).stems) for side in sides]
