"""Polarity around what claim and evidence share: negation, stance, antonyms and quantifiers.

Each check compares the same content words in the claim and in the evidence sentence:
- negation: a word negated on one side only ("refrained from taking new initiatives" vs
  "launched new initiatives"); a cue negates the words after it up to a clause break. A negating
  verb (refused, failed to) objects only where the other side says what it negates, and a negation
  the other side says with an antonym ("not reopen", "stay closed") is none;
- stance: support-words against oppose-words ("sceptical of" vs "an advocate of");
- antonyms: one side of an antonym pair against the other ("rejected" vs "welcomed"), in the slot
  of the evidence word (the two share neighbouring words), unless a negation on one side turns it
  back;
- quantifiers: classes that exclude each other, about the same noun ("every ultimatum" vs
  "a series of ultimatums", "a minority of voters" vs "86% of voters").
Lexicons: assistant/data/{negation,stance,antonyms,quantifiers}.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from assistant.answering.verification.alignment import substitutions
from assistant.answering.verification.numbers import quantities
from assistant.answering.verification.tokens import PhraseTable, Token, inflected_stems, phrase_stems, stem, tokenize
from assistant.answering.verification.verdicts import Label, Objection
from assistant.data import load as lexicon

_HEAD_WINDOW = 4
_GOVERNED = 3
_PARTICLE = "~"
"""When both sides negate, a flip counts only within this many content words of the cue."""
_SLOT_WORDS = 6
"""Content words either side of an antonym that place it: the two sides of a flip must share one."""


@dataclass(frozen=True)
class _Lexicons:
    negation: PhraseTable[str]
    scope: int
    breaks: frozenset[str]
    light: frozenset[str]
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


@cache
def _lexicons() -> _Lexicons:
    negation, stance, antonyms, quantifiers = (lexicon(n) for n in ("negation", "stance", "antonyms", "quantifiers"))
    cues = {phrase_stems(c): "negate" for c in negation["cues"]}
    cues.update({stems: "verb" for c in negation["verb_cues"] for stems in inflected_stems(c)})
    cues.update({phrase_stems(c): "keep" for c in negation["not_negating"]})
    sides: dict[tuple[str, ...], set[str]] = {}
    for i, pair in enumerate(antonyms["pairs"]):
        for side, words in enumerate(pair):
            for word in words:
                for stems in inflected_stems(word):
                    sides.setdefault(stems, set()).add(f"{i}:{side}")
    return _Lexicons(
        negation=PhraseTable(cues),
        scope=int(negation["scope_words"]),
        breaks=frozenset(negation["clause_breaks"]),
        light=frozenset(stem(word) for word in negation["light_words"]),
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


@dataclass(frozen=True)
class _Reading:
    """A sentence's tokens, their stems, and which tokens a negation cue covers."""

    tokens: tuple[Token, ...]
    stems: list[str]
    negated: list[bool]
    depth: list[int]
    """For a negated token, how many content words into the cue's scope it is (1: the first)."""
    predicate: list[str]
    """For a negated token, the stem of what its cue negates: the first content word of the scope that is
    not a light verb ("new" in "refrained from taking any new initiatives"); `_PARTICLE` first when the
    cue is a particle (not, never), not a verb (refused, failed to)."""
    cue: list[bool]
    idiom: list[bool]
    """Part of a phrase that only looks negative ("made no secret of"): neither negation nor antonym."""

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, text: str) -> _Reading:
        lex = _lexicons()
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
            words, scope = 0, []
            for k in range(last, len(tokens)):
                if tokens[k].lower in lex.breaks or words == lex.scope:
                    break
                negated[k] = not negated[k]
                words += tokens[k].is_content
                depth[k] = words
                scope.append(k)
            governed = next((stems[k] for k in scope if tokens[k].is_content and stems[k] not in lex.light), "")
            governed = governed if kind == "verb" else f"{_PARTICLE}{governed}"
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
        return self.negated[k] and not self.predicate[k].startswith(_PARTICLE)

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

    def neighbours(self, first: int, last: int) -> dict[str, int]:
        """The stems of the `_SLOT_WORDS` content words either side of tokens[first:last], each with its
        distance in content words (negative before, positive after; the nearest occurrence)."""
        content = self.slot_words
        before = [self.stems[k] for k in content if k < first][-_SLOT_WORDS:]
        after = [self.stems[k] for k in content if k >= last][:_SLOT_WORDS]
        found = {word: k - len(before) for k, word in enumerate(before)}
        for k, word in enumerate(after, 1):
            if word not in found or k < -found[word]:
                found[word] = k
        return found

    def head(self, after: int) -> str:
        """The first content stem within a few tokens after position `after` (what a quantifier counts);
        past a partitive, the noun after its "of" ("a round of talks" counts talks)."""
        partitives = _lexicons().partitives
        for k in range(after, min(len(self.tokens), after + _HEAD_WINDOW)):
            if self.tokens[k].is_content and self.stems[k] not in ("of", "the"):
                if self.stems[k] in partitives and k + 1 < len(self.tokens) and self.tokens[k + 1].lower == "of":
                    return self.head(k + 2)
                return self.stems[k]
        return ""


def pole_terms(text: str) -> list[str]:
    """One term per antonym pole the text uses a word of ("win" and "success" give the same term): words of
    one pole say much the same thing."""
    return [f"~{side}" for _, _, sides in _lexicons().antonyms.find(_Reading.of(text).stems) for side in sides]


def check_polarity(claim: str, evidence: str) -> list[Objection]:
    """Objections for a polarity flip between claim and evidence."""
    c, e = _Reading.of(claim), _Reading.of(evidence)
    for check in (_negation, _stance, _antonyms, _prefixed_opposites, _quantifiers):
        objection = check(c, e, claim, evidence)
        if objection is not None:
            return [objection]
    return []


def _negation(c: _Reading, e: _Reading, claim: str, evidence: str) -> Objection | None:
    """A word negated on one side only. When both sides negate something, only a word the cue governs
    directly counts: two negative sentences often say one thing with cues of different scope
    ("had no say in the plan" and "drawn up without input from farmers")."""
    if not any(c.negated) and not any(e.negated):
        return None
    both_negate = any(c.negated) and any(e.negated)
    light = _lexicons().light
    for k in c.content():
        if both_negate and c.stems[k] in light:
            continue
        places = e.places.get(c.stems[k], [])
        if places and all(e.negated[j] != c.negated[k] for j in places):
            depth = c.depth[k] if c.negated[k] else min(e.depth[j] for j in places)
            if both_negate and (c.tokens[k].text[0].isupper() or depth > _GOVERNED):
                continue
            other = e if c.negated[k] else c
            governed = c.predicate[k] if c.negated[k] else e.predicate[places[0]]
            particle = governed.startswith(_PARTICLE)
            governed = governed.removeprefix(_PARTICLE)
            if (both_negate or not particle) and governed and not _affirms(other, governed):
                continue  # the other side does not say what the cue negates ("missed the deadline")
            if both_negate and not particle:
                continue  # two negating verbs ("rejected", "turned down") mostly say the same thing
            if _says_opposite(other, governed):
                continue  # "not reopen" is "stay closed": the negation is said by an antonym
            word = c.tokens[k].text
            where = "the claim" if c.negated[k] else "the passage"
            return Objection(Label.CONTRADICTED, "negation", f"'{word}' is negated in {where} only")
    return None


def _says_opposite(reading: _Reading, word: str) -> bool:
    """Whether the text uses, un-negated, an antonym of the stem `word` ("closed" for "reopen")."""
    lex = _lexicons()
    sides = next((found for _, _, found in lex.antonyms.find([word])), frozenset())
    opposite = {_opposite(side) for side in sides}
    return any(found & opposite and not reading.negated[first] for first, _, found in lex.antonyms.find(reading.stems))


def _stem_of(words: str) -> str:
    return stem(words.split()[0])


def _affirms(reading: _Reading, word: str) -> bool:
    """Whether the text uses the stem `word`, or a word naming the same action, outside any negation."""
    alike = _lexicons().same_action.get(word, frozenset({word}))
    return any(s in alike and not reading.negated[j] and not reading.cue[j] for j, s in enumerate(reading.stems))


def _stance(c: _Reading, e: _Reading, claim: str, evidence: str) -> Objection | None:
    """Opposite stances towards the same thing (the first content word after the stance word)."""
    lex = _lexicons()
    theirs = _stances(e, lex.stance.find(e.stems))
    for (cls, head), said in _stances(c, lex.stance.find(c.stems)).items():
        other = "oppose" if cls == "support" else "support"
        if head and (other, head) in theirs and (cls, head) not in theirs and not _affirms(c, _stem_of(theirs[(other, head)])):
            return Objection(Label.CONTRADICTED, "stance", f"'{said}' where the passage says '{theirs[(other, head)]}'")
    return None


def _stances(reading: _Reading, matches: list[tuple[int, int, str]]) -> dict[tuple[str, str], str]:
    """(stance class, what it is about) → the words that carry it; a negated stance word counts as the other class."""
    flip = {"support": "oppose", "oppose": "support"}
    found: dict[tuple[str, str], str] = {}
    for first, last, cls in matches:
        effective = flip[cls] if reading.negated[first] else cls
        found.setdefault((effective, reading.head(last)), " ".join(t.text for t in reading.tokens[first:last]))
    return found


def _antonyms(c: _Reading, e: _Reading, claim: str, evidence: str) -> Objection | None:
    lex = _lexicons()
    for (c_start, c_end), (e_start, e_end) in substitutions(claim, evidence):
        said = [k for k, t in enumerate(c.tokens) if c_start <= t.start < c_end]
        given = [k for k, t in enumerate(e.tokens) if e_start <= t.start < e_end]
        mine_here = {(side, c.negated[said[first]]) for first, _, sides in lex.antonyms.find([c.stems[k] for k in said]) for side in sides}
        for first, _, sides in lex.antonyms.find([e.stems[k] for k in given]):
            if any((_opposite(side), e.negated[given[first]]) in mine_here for side in sides):
                reason = f"'{claim[c_start:c_end]}' where the passage says '{evidence[e_start:e_end]}'"
                return Objection(Label.CONTRADICTED, "antonym", reason)
    theirs = [match for match in lex.antonyms.find(e.stems) if not e.idiom[match[0]]]
    for first, last, sides in lex.antonyms.find(c.stems):
        if c.idiom[first]:
            continue
        near = c.neighbours(first, last)
        for side in sides:
            rival = _aligned_opposite(c.stems[first], c.negated[first], c.verbal(first) or any(e.negated), side, near, e, theirs)
            if rival is not None:
                words = " ".join(t.text for t in c.tokens[first:last])
                theirs_said = " ".join(t.text for t in e.tokens[rival[0] : rival[1]])
                return Objection(Label.CONTRADICTED, "antonym", f"'{words}' where the passage says '{theirs_said}'")
    return None


def _slot_match(mine: dict[str, int], theirs: dict[str, int]) -> float:
    """How well two words share a slot: each shared neighbour counts the more the nearer it is to both,
    half as much when it sits on the other side (a passive or a reordered clause moves it)."""
    score = 0.0
    for word, at in mine.items():
        if word in theirs:
            score += (1 if (at > 0) == (theirs[word] > 0) else 0.5) / (abs(at) + abs(theirs[word]))
    return score


def _prefixed_opposites(c: _Reading, e: _Reading, claim: str, evidence: str) -> Objection | None:
    """A word against the same word with a negating prefix ("likely" and "unlikely", "formal" and "informal",
    "agree" and "disagree"), in one slot, neither side negated differently, and the claim's own word not
    also in an equally good slot of the evidence."""
    prefixes = _lexicons().negating_prefixes
    theirs: dict[str, list[int]] = {}
    for j in e.content():
        theirs.setdefault(e.tokens[j].lower, []).append(j)
    for k in c.content():
        word = c.tokens[k].lower
        kin = [f"{prefix}{word}" for prefix in prefixes] + [word[len(prefix) :] for prefix in prefixes if word.startswith(prefix)]
        for j in (j for other in kin for j in theirs.get(other, ())):
            other = e.tokens[j].lower
            if c.negated[k] != e.negated[j] or not _prefixed(word, other, prefixes):
                continue
            near = c.neighbours(k, k + 1)
            score = _slot_match(near, e.neighbours(j, j + 1))
            agreeing = [m for m in e.content() if e.tokens[m].lower == word and _slot_match(near, e.neighbours(m, m + 1)) >= score]
            if score > 0 and not agreeing:
                return Objection(Label.CONTRADICTED, "antonym", f"'{c.tokens[k].text}' where the passage says '{e.tokens[j].text}'")
    return None


def _prefixed(a: str, b: str, prefixes: dict[str, int]) -> bool:
    """Whether one word is the other with a negating prefix whose base is long enough to be a word of its own."""
    short, long = sorted((a, b), key=len)
    prefix = long[: len(long) - len(short)]
    return long.endswith(short) and prefix in prefixes and len(short) >= prefixes[prefix]


def _aligned_opposite(
    word: str,
    negated: bool,
    same_word_to_negation: bool,
    side: str,
    near: dict[str, int],
    e: _Reading,
    theirs: list[tuple[int, int, frozenset[str]]],
) -> tuple[int, int] | None:
    """The evidence word of the same antonym pair in the claim word's slot (most shared neighbours), when it
    says the opposite and no word in an equally good slot agrees; None otherwise. The claim's own word
    (`word`, a stem) negated on one side only is left to the negation check when `same_word_to_negation`:
    under a negating verb ("failed to attract private investors"), or when the evidence negates something
    too (the negation check weighs two negative sentences)."""
    pair = side.partition(":")[0]

    def agrees(first: int, their: str) -> bool:
        return (their == side) == (e.negated[first] == negated) or (e.stems[first] == word and (same_word_to_negation or e.verbal(first)))

    scored = [
        (_slot_match(near, e.neighbours(first, last)), first, last, agrees(first, their))
        for first, last, sides in theirs
        for their in sides
        if their.partition(":")[0] == pair
    ]
    top = max((score for score, *_ in scored), default=0)
    if top == 0 or any(agrees for score, _, _, agrees in scored if score == top):
        return None
    return next((first, last) for score, first, last, _ in scored if score == top)


def _opposite(side: str) -> str:
    """The other side of an antonym pair ("3:0" → "3:1")."""
    pair, _, which = side.partition(":")
    return f"{pair}:{1 - int(which)}"


def _quantifiers(c: _Reading, e: _Reading, claim: str, evidence: str) -> Objection | None:
    lex = _lexicons()
    mine = _quantified(c, claim)
    theirs = _quantified(e, evidence)
    their_classes = {(cls, head) for cls, head, _ in theirs}
    for cls, head, said in mine:
        if (cls, head) in their_classes:
            continue
        for e_cls, e_head, given in theirs:
            if e_head == head and (frozenset((cls, e_cls)) in lex.conflicts or (cls, e_cls) in lex.overstatements):
                return Objection(Label.CONTRADICTED, "quantifier", f"'{said}' where the passage says '{given}'")
    return None


def _quantified(reading: _Reading, text: str) -> list[tuple[str, str, str]]:
    """(class, counted head, surface) for quantifier phrases and percentages, unnegated ones only."""
    lex = _lexicons()
    found = []
    for first, last, cls in lex.quantifiers.find(reading.stems):
        if not reading.negated[first]:
            found.append((cls, reading.head(last), " ".join(t.text for t in reading.tokens[first:last])))
    for value in quantities(text):
        if value.kind == "percent":
            cls = "all" if value.value >= 100 else "none" if value.value <= 0 else "most" if value.value > 50 else "minority"
            at = next((k for k, t in enumerate(reading.tokens) if t.text.startswith(value.text.split("%")[0].split()[0])), None)
            if at is not None:
                after = at + 1 + sum(1 for t in reading.tokens[at + 1 : at + 3] if t.lower in ("%", "per", "cent", "percent"))
                found.append((cls, reading.head(after), value.text))
    return found
