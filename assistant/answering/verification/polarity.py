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

from collections.abc import Sequence

from assistant.answering.verification.alignment import substitutions
from assistant.answering.verification.numbers import quantities
from assistant.answering.verification.reading import DEGREE_PAIR, PARTICLE, Reading, lexicons
from assistant.answering.verification.tokens import stem
from assistant.answering.verification.verdicts import Label, Objection

_GOVERNED = 3
"""When both sides negate, a flip counts only within this many content words of the cue."""


def check_polarity(claim: str, evidence: str) -> list[Objection]:
    """Objections for a polarity flip between claim and evidence."""
    c, e = Reading.of(claim), Reading.of(evidence)
    for check in (_negation, _stance, _antonyms, _prefixed_opposites, _quantifiers):
        objection = check(c, e, claim, evidence)
        if objection is not None:
            return [objection]
    return []


def _negation(c: Reading, e: Reading, claim: str, evidence: str) -> Objection | None:
    """A word negated on one side only. When both sides negate something, only a word the cue governs
    directly counts: two negative sentences often say one thing with cues of different scope
    ("had no say in the plan" and "drawn up without input from farmers")."""
    if not any(c.negated) and not any(e.negated):
        return None
    alike = _negate_alike(c, e)
    theirs = _negated_proposition(e) if alike else set()
    light = lexicons().light
    for k in c.content():
        both_negate = alike and (not c.negated[k] or _cue_negates_alike(c, k, theirs))
        if both_negate and c.stems[k] in light:
            continue
        places = _places(e, c.stems[k])
        if places and all(e.negated[j] != c.negated[k] for j in places) and _same_slot(c, k, e, places):
            depth = c.depth[k] if c.negated[k] else min(e.depth[j] for j in places)
            if both_negate and (c.tokens[k].text[0].isupper() or depth > _GOVERNED):
                continue
            other = e if c.negated[k] else c
            governed = c.predicate[k] if c.negated[k] else e.predicate[places[0]]
            particle = governed.startswith(PARTICLE)
            governed = governed.removeprefix(PARTICLE)
            if (both_negate or not particle) and governed and not _affirms(other, governed):
                continue  # the other side does not say what the cue negates ("missed the deadline")
            if both_negate and not particle:
                continue  # two negating verbs ("rejected", "turned down") mostly say the same thing
            if _says_opposite(other, governed) and not _affirms(other, governed):
                continue  # "not reopen" is "stay closed": the negation is said by an antonym, not against the word itself
            if not both_negate and _cue_said_alike(c if c.negated[k] else e, k if c.negated[k] else places[0], other):
                continue  # "stop the war" is "end the war": the other side says the negating verb with a word of its action
            word = c.tokens[k].text
            where = "the claim" if c.negated[k] else "the passage"
            return Objection(Label.CONTRADICTED, "negation", f"'{word}' is negated in {where} only")
    return None


def _negate_alike(c: Reading, e: Reading) -> bool:
    """Whether both texts negate, and what one negates shares a word (or one naming the same action) with what the
    other does, their subjects counted ("The talks have not included Lindish officials" and "Lindish officials
    have not been involved in the talks" negate alike; "declined to take on the narrative" and "failed to
    persuade Berg" apart)."""
    if not any(c.negated) or not any(e.negated):
        return False
    theirs = _negated_proposition(e)
    alike = lexicons().same_action
    return any(alike.get(stem, frozenset({stem})) & theirs for stem in _negated_proposition(c))


def _cue_negates_alike(c: Reading, k: int, theirs: set[str]) -> bool:
    """Whether the claim's cue that negates the word at `k` (its words: those negated with the same predicate) negates
    something the evidence negates too (`theirs`, its negated proposition): of two negations in one claim ("the
    refusal fails to push him"), one may say what the evidence does and the other say the opposite of it."""
    scope = {c.stems[j] for j in range(len(c.tokens)) if c.negated[j] and c.predicate[j] == c.predicate[k] and not c.cue[j]}
    same = lexicons().same_action
    return any(same.get(stem, frozenset({stem})) & theirs for stem in scope)


def _negated_proposition(reading: Reading) -> set[str]:
    """The stems of what a text's negations cover, with the words before each cue in its clause (its subject)."""
    lex = lexicons()
    breaks = lex.breaks - lex.auxiliaries
    found = {reading.stems[k] for k, t in enumerate(reading.tokens) if t.is_content and reading.negated[k] and not reading.cue[k]}
    for k in (k for k, is_cue in enumerate(reading.cue) if is_cue):
        j = k - 1
        while j >= 0 and not reading.cue[j] and reading.tokens[j].lower not in breaks:
            if reading.tokens[j].is_content:
                found.add(reading.stems[j])
            j -= 1
    return found


def _places(reading: Reading, word: str) -> list[int]:
    """Where the text uses the stem `word` or a word naming the same action ("achieve" for "manage")."""
    alike = lexicons().same_action.get(word, frozenset({word}))
    return sorted(j for found in alike for j in reading.places.get(found, []))


def _same_slot(c: Reading, k: int, e: Reading, places: list[int]) -> bool:
    """Whether the claim word at k and one of its evidence `places` share a neighbouring word that is no name."""
    near = c.unnamed_neighbours(k, k + 1).keys()
    return any(near & e.neighbours(j, j + 1).keys() for j in places)


def _says_opposite(reading: Reading, word: str) -> bool:
    """Whether the text uses, un-negated, an antonym of the stem `word` ("closed" for "reopen")."""
    lex = lexicons()
    sides = next((found for _, _, found in lex.antonyms.find([word])), frozenset())
    opposite = {_opposite(side) for side in sides}
    return any(found & opposite and not reading.negated[first] for first, _, found in reading.antonym_words)


def _cue_said_alike(negating: Reading, k: int, other: Reading) -> bool:
    """Whether the negating verb that covers the word at `k` is a word of an action the other text names, outside any
    negation ("stop" for "end")."""
    cues = [j for j in range(len(negating.tokens)) if negating.cue[j] and not negating.idiom[j]]
    if not negating.verbal(k) or not cues:
        return False
    nearest = min(cues, key=lambda j: (abs(j - k), j > k))
    alike = lexicons().same_action.get(negating.stems[nearest])
    return alike is not None and _affirms(other, negating.stems[nearest])


def _stem_of(words: str) -> str:
    return stem(words.split()[0])


def _affirms(reading: Reading, word: str) -> bool:
    """Whether the text uses the stem `word`, or a word naming the same action, outside any negation."""
    alike = lexicons().same_action.get(word, frozenset({word}))
    return any(s in alike and not reading.negated[j] and not reading.cue[j] for j, s in enumerate(reading.stems))


def _stance(c: Reading, e: Reading, claim: str, evidence: str) -> Objection | None:
    """Opposite stances towards the same thing (the first content word after the stance word)."""
    theirs = _stances(e, e.stance_words)
    for (cls, head), said in _stances(c, c.stance_words).items():
        other = "oppose" if cls == "support" else "support"
        if head and (other, head) in theirs and (cls, head) not in theirs and not _affirms(c, _stem_of(theirs[(other, head)])):
            return Objection(Label.CONTRADICTED, "stance", f"'{said}' where the passage says '{theirs[(other, head)]}'")
    return None


def _stances(reading: Reading, matches: list[tuple[int, int, str]]) -> dict[tuple[str, str], str]:
    """(stance class, what it is about) → the words that carry it; a negated stance word counts as the other class."""
    flip = {"support": "oppose", "oppose": "support"}
    found: dict[tuple[str, str], str] = {}
    for first, last, cls in matches:
        effective = flip[cls] if reading.negated[first] else cls
        found.setdefault((effective, reading.head(last)), " ".join(t.text for t in reading.tokens[first:last]))
    return found


def _antonyms(c: Reading, e: Reading, claim: str, evidence: str) -> Objection | None:
    lex = lexicons()
    for (c_start, c_end), (e_start, e_end) in substitutions(claim, evidence):
        said = [k for k, t in enumerate(c.tokens) if c_start <= t.start < c_end]
        given = [k for k, t in enumerate(e.tokens) if e_start <= t.start < e_end]
        mine_here = {(side, c.negated[said[first]]) for first, _, sides in lex.antonyms.find([c.stems[k] for k in said]) for side in sides}
        for first, _, sides in lex.antonyms.find([e.stems[k] for k in given]):
            if _reordered(c, e, [c.stems[k] for k in said], [e.stems[k] for k in given], sides):
                continue
            if any((_opposite(side), e.negated[given[first]]) in mine_here for side in sides):
                reason = f"'{claim[c_start:c_end]}' where the passage says '{evidence[e_start:e_end]}'"
                return Objection(Label.CONTRADICTED, "antonym", reason)
    theirs = [match for match in e.antonym_words if not e.idiom[match[0]]]
    compounds = [(k, k + 1, sides) for k, sides in _compound_poles(e)]
    mine = c.antonym_words
    for first, last, sides in mine:
        if c.idiom[first]:
            continue
        near, unnamed = c.neighbours(first, last), c.unnamed_neighbours(first, last)  # unnamed: what a degree word is of
        for side in sides:
            slot = unnamed if side.partition(":")[0] == DEGREE_PAIR else near
            pair = side.partition(":")[0]  # only words of the same pair can be rivals: the others need no explaining
            rivals = [m for m in theirs if any(their.partition(":")[0] == pair for their in m[2])]
            unexplained = [m for m in rivals if not _said_too(c, mine, side, slot, e.neighbours(m[0], m[1]))]
            to_negation = c.verbal(first) or any(e.negated)
            rival = _aligned_opposite(c.stems[first], c.negated[first], to_negation, side, slot, e, unexplained, compounds)
            if rival is not None and not _reordered(c, e, c.stems[first:last], e.stems[rival[0] : rival[1]], sides):
                words = " ".join(t.text for t in c.tokens[first:last])
                theirs_said = " ".join(t.text for t in e.tokens[rival[0] : rival[1]])
                says = "negates" if e.negated[rival[0]] != c.negated[first] and side in _sides_at(rival[0], theirs) else "says"
                return Objection(Label.CONTRADICTED, "antonym", f"'{words}' where the passage {says} '{theirs_said}'")
    return None


def _said_too(c: Reading, mine: list[tuple[int, int, frozenset[str]]], side: str, slot: dict[str, int], rival: dict[str, int]) -> bool:
    """Whether the claim also says, un-negated, the pole opposite to `side` in a slot at least as like that of an
    evidence word (its neighbours `rival`) as the claim word's (`slot`): the claim agrees with that word ("since the
    invasion began, … ended" with "since the launch of the invasion"), which opposes none of its words."""
    if side.partition(":")[0] == DEGREE_PAIR:
        return False
    score = _slot_match(slot, rival)
    return any(
        _opposite(side) in sides and not c.negated[first] and _slot_match(c.neighbours(first, last), rival) >= score > 0
        for first, last, sides in mine
    )


def _sides_at(first: int, found: list[tuple[int, int, frozenset[str]]]) -> frozenset[str]:
    """The antonym sides of the word `found` at `first`."""
    return next((sides for start, _, sides in found if start == first), frozenset())


def _reordered(c: Reading, e: Reading, mine: Sequence[str], given: Sequence[str], sides: frozenset[str]) -> bool:
    """Whether both texts say both poles of a pair of things ("the carrot took the place of the stick" against "the
    stick was replaced by the carrot"), neither negated: their order is a matter of roles, not of opposite words.
    Degree words ("more pressure, less inclined") describe what follows them, so their order always counts."""
    if any(side.partition(":")[0] == DEGREE_PAIR for side in sides):
        return False
    poles = {*mine, *given}
    if any(negated for r in (c, e) for word, negated in zip(r.stems, r.negated) if word in poles):
        return False
    return set(mine) <= set(e.stems) and set(given) <= set(c.stems)


def _same_next_word(mine: dict[str, int], theirs: dict[str, int]) -> bool:
    """Whether two words' slots have the same content word right after them (what both describe)."""
    return any(at == 1 and theirs.get(word) == 1 for word, at in mine.items())


def _compound_poles(reading: Reading) -> list[tuple[int, frozenset[str]]]:
    """The antonym poles of hyphenated words' first parts ("larger-scale": larger), by token: words that may agree
    with a claim's word (never oppose it: "long-term" says little about length)."""
    lex = lexicons()
    found = []
    for k, token in enumerate(reading.tokens):
        if "-" in token.text.strip("-"):
            found += [(k, sides) for _, _, sides in lex.antonyms.find([stem(token.text.split("-")[0])])]
    return found


def _slot_match(mine: dict[str, int], theirs: dict[str, int]) -> float:
    """How well two words share a slot: each shared neighbour counts the more the nearer it is to both,
    half as much when it sits on the other side (a passive or a reordered clause moves it)."""
    score = 0.0
    for word, at in mine.items():
        if word in theirs:
            score += (1 if (at > 0) == (theirs[word] > 0) else 0.5) / (abs(at) + abs(theirs[word]))
    return score


def _prefixed_opposites(c: Reading, e: Reading, claim: str, evidence: str) -> Objection | None:
    """A word against the same word with a negating prefix ("likely" and "unlikely", "formal" and "informal",
    "agree" and "disagree"), in one slot, neither side negated differently, and the claim's own word not
    also in an equally good slot of the evidence."""
    prefixes = lexicons().negating_prefixes
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
    e: Reading,
    theirs: list[tuple[int, int, frozenset[str]]],
    compounds: list[tuple[int, int, frozenset[str]]],
) -> tuple[int, int] | None:
    """The evidence word of the same antonym pair in the claim word's slot (most shared neighbours), when it
    says the opposite and no word in an equally good slot agrees, nor one of the same next word (the first part of
    a hyphenated word, one of `compounds`, may agree); None otherwise. The claim's own word
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
    scored += [  # a hyphenated word's first part may only agree, of the same next word ("bigger conflict", "larger-scale conflict")
        (_slot_match(near, around), first, last, True)
        for first, last, sides in compounds
        for their in sides
        if their.partition(":")[0] == pair and agrees(first, their) and _same_next_word(near, around := e.neighbours(first, last))
    ]
    top = max((score for score, *_ in scored), default=0)
    if top == 0 or any(agrees for score, _, _, agrees in scored if score == top):
        return None
    if any(agrees and _same_next_word(near, e.neighbours(first, last)) for _, first, last, agrees in scored):
        return None  # the evidence says the claim's word of the same thing ("early March"), whatever else moved
    return next((first, last) for score, first, last, _ in scored if score == top)


def _opposite(side: str) -> str:
    """The other side of an antonym pair ("3:0" → "3:1")."""
    pair, _, which = side.partition(":")
    return f"{pair}:{1 - int(which)}"


def _quantifiers(c: Reading, e: Reading, claim: str, evidence: str) -> Objection | None:
    lex = lexicons()
    theirs = _quantified(e, evidence)
    for cls, heads, said in _quantified(c, claim):
        if any(e_cls == cls and heads & e_heads for e_cls, e_heads, _ in theirs):
            continue
        for e_cls, e_heads, given in theirs:
            if heads & e_heads and (frozenset((cls, e_cls)) in lex.conflicts or (cls, e_cls) in lex.overstatements):
                return Objection(Label.CONTRADICTED, "quantifier", f"'{said}' where the passage says '{given}'")
    return None


def _quantified(reading: Reading, text: str) -> list[tuple[str, frozenset[str], str]]:
    """(class, what it counts, surface) for quantifier phrases and percentages, unnegated ones only."""
    found = []
    for first, last, cls in reading.quantifier_words:
        if not reading.negated[first]:
            found.append((cls, reading.counted(last), " ".join(t.text for t in reading.tokens[first:last])))
    for value in quantities(text):
        if value.kind == "percent":
            cls = "all" if value.value >= 100 else "none" if value.value <= 0 else "most" if value.value > 50 else "minority"
            at = next((k for k, t in enumerate(reading.tokens) if t.text.startswith(value.text.split("%")[0].split()[0])), None)
            if at is not None:
                after = at + 1 + sum(1 for t in reading.tokens[at + 1 : at + 3] if t.lower in ("%", "per", "cent", "percent"))
                found.append((cls, reading.counted(after), value.text))
    return found
