"""Patterns of the words a follow-up refers back with ("he", "they", "there", "in that case", "the second one",
"around then") and of the question shapes the rewriter reads, built once from assistant/data/conversation.yaml."""

from __future__ import annotations

import re
from functools import cache

from assistant.data import load
from assistant.index.catalogue import names_lexicon
from assistant.text import alternatives

_ELSE = "else|other|others|too|also|as well|instead"
"""Words by which a question that names its parties still leans on the conversation ("What else …?")."""
_THAT_AS_IT = r"(?:(?<=\bwas\s)|(?<=\bis\s)|(?<=\bwere\s)|(?<=\bare\s)|(?<=\bbeen\s))that(?=\s+[a-z]+(?:ed|en)\b)"
"""A "that" that is the subject of a passive ("When was that published?"): read as "it"."""


@cache
def event_heads() -> frozenset[str]:
    """Nouns of events ("summit", "talks"; conversation.yaml): where "there" can be, never "they" who act."""
    return frozenset(load("conversation")["event_heads"])


@cache
def referring_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of referring expressions and question shapes a follow-up is read with (conversation.yaml)."""
    data = load("conversation")

    def words(key: str) -> str:
        return alternatives(data[key], longest_first=True)

    function = alternatives(load("stopwords")["function_words"])
    # "the former chair" is a role, "the former" alone a person
    nouns = alternatives(names_lexicon()["role_nouns"] | set(data["topic_heads"]), longest_first=True)
    return {
        "masculine": re.compile(rf"\b(?:{words('masculine_pronouns')})\b", re.IGNORECASE),
        "feminine": re.compile(rf"\b(?:{words('feminine_pronouns')})\b", re.IGNORECASE),
        "person_phrase": re.compile(rf"\b(?:{words('person_phrases')})\b", re.IGNORECASE),
        "group_pronoun": re.compile(rf"\b(?:{words('group_pronouns')})\b", re.IGNORECASE),
        "group_phrase": re.compile(rf"\b(?:{words('group_phrases')})\b", re.IGNORECASE),
        "mutual_they": re.compile(rf"\bthey\s+(?:\w+\s+){{0,2}}?(?:{words('mutual_verbs')})\b", re.IGNORECASE),
        "partitive_them": re.compile(
            r"(?:\b(?:many|much|share|percentage|proportion|majority|minority|most|some|all|none|few|each|one|two|three|half)|%|\bper\s*cent)"
            r"\s+of\s+them\b",
            re.IGNORECASE,
        ),
        "that_noun": re.compile(r"\b(?:that|this|those|these)\s+(?P<head>[a-z][\w\-]+)\b"),
        "that_publication": re.compile(
            rf"\b(?:that|this|the\s+same)\s+(?:[\w\-]+\s+)?(?:{words('publication_nouns')})\b", re.IGNORECASE
        ),
        "asked_group": re.compile(
            r"^\W*(?:(?:and|so|but)\s+)?(?:which|what)\s+(?:[\w\-]+\s+)?[\w\-]+s\s+"
            r"(?!(?:did|do|does|have|has|had|will|would|can|could|should|might|may|are|were|is|was)\b)[a-z]+\b",
            re.IGNORECASE,
        ),  # "Which countries said they'd …": the group asked for is the subject, so the "they" after it is theirs
        "which_one": re.compile(r"^which\s+one(?:\s+of\s+(?:them|those|these))?\b", re.IGNORECASE),
        "that_one": re.compile(r"(?<!\bin\s)(?<!\bunder\s)\b(?:that|this)\s+one\b(?!\s+of\b)", re.IGNORECASE),  # not "in that one"
        "pair": re.compile(  # "Which of the two is …?", not "the two largest firms"
            rf"\b(?:{words('pair_phrases')})\b|(?<=\bof\s)the\s+two\b(?=\s*(?:[?,.]|$|(?:is|are|was|were|has|have|had|did|does|would|will)\b))",
            re.IGNORECASE,
        ),
        **{
            f"pair:{kind}": re.compile(rf"\b(?:these|those|the|both)\s+two\s+(?:{alternatives(nouns)})\b", re.IGNORECASE)
            for kind, nouns in data["kind_nouns"].items()
        },
        **{
            f"ordinal:{kind}": re.compile(rf"\bthe\s+(?P<which>{words('ordinals')}|last)\s+(?:{alternatives(nouns)})\b", re.IGNORECASE)
            for kind, nouns in data["kind_nouns"].items()
        },
        "person_ordinal": re.compile(
            rf"\bthe\s+(?:(?P<which>{words('ordinals')}|last|latter|former|other)\s+(?:(?:{words('person_nouns')})\b|one(?=['’]s\s))"
            rf"|(?P<alone>latter|former)\b(?!\s+(?:{nouns})\b)"
            rf"|(?:{words('person_nouns')})\s+(?:(?:I|we|you)\s+)?(?P<opening>started|began|opened)\s+with\b)",  # "the guy we started with"
            re.IGNORECASE,
        ),
        "first_mentioned": re.compile(  # "the first thing we talked about": what the conversation opened with
            r"\bthe\s+first\s+(?:thing|topic|point|subject|item)\s+(?:(?:that\s+)?(?:I|we|you)\s+)?"
            r"(?:talked|spoke|asked|mentioned|listed|brought\s+up|discussed|covered)(?:\s+about)?\b",
            re.IGNORECASE,
        ),
        # "after that" only where no noun follows ("after that meeting" is a noun phrase), "shortly after" only where
        # nothing it is after follows ("shortly after the summit"); "afterwards" anywhere
        "afterwards": re.compile(
            rf"\b(?:{words('after_words')})\b(?!(?<=\bthat)\s+\w)"
            r"(?!(?<=after)\s+(?:the|a|an|his|her|its|their|this|that|these|those|he|she|they|it|we|you|(?-i:[A-Z0-9][\w\-]*)|\w+ing)\b)",
            re.IGNORECASE,
        ),
        "beforehand": re.compile(rf"\b(?:{words('before_words')})\b(?!(?<=\bthat)\s+\w)", re.IGNORECASE),
        "do_that": re.compile(
            r"\b(?:done|doing)\s+(?:that|this|so|it)\b|\b(?:do|does|did)\s+(?:that|this|so)(?=\s*(?:[?.!,]|$)|\s+(?:again|before|too|also|already|ever)\b)"
            r"|\bdo\s+(?:it|that|this|so)(?=\s*(?:[?.!,]|$)|\s+(?:again|before|too|also|already|ever|now|then)\b)",
            re.IGNORECASE,
        ),
        "it": re.compile(  # not "is it true that", nor "what was it about Berg that …"; "was that published" is "it"
            rf"\b(?:its|it(?!\s+(?:{words('expletive_it')})\b)(?!\s+about\s[^?.!]*\bthat\b)|{_THAT_AS_IT})\b", re.IGNORECASE
        ),
        "passive_that": re.compile(_THAT_AS_IT, re.IGNORECASE),
        "event_it": re.compile(rf"\bit\s+(?:{words('event_verbs')})\b", re.IGNORECASE),
        "text_it": re.compile(rf"\bit\s+(?:{words('text_verbs')})\b", re.IGNORECASE),
        "subject_it": re.compile(
            rf"^it\b|{_THAT_AS_IT}\b|\b(?:did|does|do|is|was|has|have|had|will|would|could|can|should|might|must)\s+it\b"
            rf"(?!\s*[?.!,]|\s+(?:over|up|out|back|off|{words('event_verbs')})\b)",  # "what would it mean": a situation
            re.IGNORECASE,
        ),
        "closing_those": re.compile(r"\b(?:for|of|about|on|with|to|in|behind)\s+(?:those|these)(?=\s*[?.!]*\s*$)", re.IGNORECASE),
        "demonstrative": re.compile(rf"\b(?:this|that)(?=\s*(?:[?.!,]|$|\s+(?:{words('event_verbs')})\b))", re.IGNORECASE),
        "summing_up": re.compile(rf"\b(?:{words('summing_up')})\b", re.IGNORECASE),
        "pointing": re.compile(r"\b(?:that|this|it|those|these)\b|\bthere\s*[?.!]*\s*$", re.IGNORECASE),  # "cited there?"
        "case_phrase": re.compile(rf"\b(?:{words('case_phrases')})\b", re.IGNORECASE),
        "case_one": re.compile(r"\b(?:in|under)\s+(?:that|this)\s+one\b", re.IGNORECASE),  # "in that one": within a case
        # a closing "then", "in it" or "under it" is the case discussed ("What about sanctions then?", "Do they stay in it?")
        "closing_case": re.compile(r"(?:(?<!\band\s)(?<!^)\bthen|\b(?:in|under)\s+it)(?=\s*[?.!]*\s*$)", re.IGNORECASE),
        "get_there": re.compile(r"\b(?:get|gets|getting|got|reach|reaches|reaching|reached)\s+there\b", re.IGNORECASE),
        "there": re.compile(
            rf"^(?!how\s+(?:many|much)\b).*?\b(?P<there>{words('place_words')})\b"
            rf"(?=\s*(?:[?.!,;]|$)|\s+(?:then|too|also|before|after|now|today|yet|again|to|by|over|{words('prepositions')})\b)",
            re.IGNORECASE,
        ),  # a place, not the "there" of "is there a deadline?" or "how many were there?"
        "then": re.compile(
            r"\b(?:(?P<prep>around|about|by|until|till|since|before|after|from)\s+then|at\s+(?:that|the)\s+time|back\s+then)\b",
            re.IGNORECASE,
        ),
        # "the month after", "the following month": a month on from the date discussed; "that month": its month
        "next_month": re.compile(
            r"\b(?:the\s+month\s+(?P<dir>after|before)|the\s+(?P<order>following|next|previous|preceding)\s+month"
            r"|(?P<same>(?:in\s+)?(?:that|the\s+same)\s+month))\b",
            re.IGNORECASE,
        ),
        "one": re.compile(  # "the most optimistic one", "the worst of them" too
            r"\bthe\s+(?:most\s+)?(?:(?P<which>[\w\-]+)\s+ones?|(?!(?:most|rest|both|all|two|three|four|many|few)\b)(?P<which_of>[\w\-]+)\s+of\s+(?:them|those|these))\b",
            re.IGNORECASE,
        ),
        "asked_about": re.compile(
            r"\bthe\s+(?P<head>[a-z]+)\s+(?:I|we)\s+(?:(?P<before>first|last)\s+)?(?:asked|talked|spoke|enquired|inquired)\s+about"
            r"(?:\s+(?P<after>first|last|earlier|before))?\b",
            re.IGNORECASE,
        ),
        "demonstrative_noun": re.compile(r"\b(?:that|this|those|these)\s+[a-z]{4,}\b"),
        "demonstrative_plural": re.compile(r"\b(?:those|these)\s+[a-z]{3,}s\b"),
        "elliptic": re.compile(rf"^(?:{words('elliptic_openers')})\b", re.IGNORECASE),
        "conditional": re.compile(rf"^(?:(?:{words('connectives')})\s+)*(?:{words('conditional_openers')})\s", re.IGNORECASE),
        "leaning": re.compile(rf"\b(?:then|still|{_ELSE})\b", re.IGNORECASE),  # on the conversation
        "else": re.compile(rf"\b(?:{_ELSE})\b", re.IGNORECASE),
        "opening": re.compile(
            r"^(?:\w+\s+){0,2}?(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should)\s+", re.IGNORECASE
        ),
        "connective": re.compile(rf"^(?:{words('connectives')})\b[,\s]*", re.IGNORECASE),
        "returning": re.compile(rf"^(?:{words('returning_openers')})\s+", re.IGNORECASE),
        "noun_follows": re.compile(rf"\s+(?!(?:{function})\b)[a-z]", re.IGNORECASE),
    }
