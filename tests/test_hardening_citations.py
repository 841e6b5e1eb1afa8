"""Property: every citation of every answer is an exact slice of its passage, whatever the question or draft."""

from __future__ import annotations

import re

from corpus_checks import assert_quotes_in_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.facade import Assistant
from assistant.settings import Settings

_VOCAB = (
    "Trump Putin Witkoff Kushner Kellogg Rubio Vance Ukraine Russia Europe sanctions ceasefire peace plan scenario "
    "negotiations Alaska Anchorage intelligence weapons Nobel NATO oil Rosneft poll Republican voters why how what who "
    "when did does the of in and was is role envoy guarantees Kremlin Moscow Kyiv Gaza 28-point Stubb E3 banana quantum"
).split()
questions = st.one_of(
    st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=12).map(lambda words: " ".join(words) + "?"),
    st.text(min_size=1, max_size=80),
)


def _check(answer, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == {c.n for c in answer.citations}
    assert_quotes_in_corpus(answer.citations, settings)
    assert answer.declined == (not answer.citations)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(question=questions)
def test_property_quotes_are_exact_slices(assistant: Assistant, question: str) -> None:
    try:
        answer = assistant.ask(question)
    except InputError:
        return
    _check(answer, assistant.settings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_any_draft_verifies_to_exact_quotes(assistant: Assistant, data: st.DataObject) -> None:
    """Drafts mixing passage sentences, mangled ones, inventions and random markers still cite exactly."""
    asked = ["Who is Steve Witkoff?", "What happens in the negative scenario?", "Why did talks fail?"]
    answer = assistant.ask(data.draw(st.sampled_from(asked)))
    passages = answer.passages
    pool = [p.chunk.text[s:e] for p in passages for s, e in p.chunk.sentences]
    piece = st.one_of(
        st.sampled_from(pool),
        st.sampled_from(pool).map(lambda s: s.lower().rstrip(".")),
        st.sampled_from(pool).map(lambda s: " ".join(s.split()[: max(3, len(s.split()) // 2)])),
        st.lists(st.sampled_from(_VOCAB), min_size=3, max_size=10).map(" ".join),
    )
    parts = data.draw(st.lists(st.tuples(piece, st.lists(st.integers(0, 9), max_size=2)), min_size=1, max_size=5))
    draft = " ".join(f"{text} {''.join(f'[{n}]' for n in markers)}" for text, markers in parts)
    verified = assistant.verify(draft, passages)
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", verified.text)]
    assert set(markers) == {c.n for c in verified.citations}
    assert [c.n for c in verified.citations] == list(range(1, len(verified.citations) + 1))
    ids = {p.chunk.id for p in passages}
    assert {citation.chunk.id for citation in verified.citations} <= ids
    assert_quotes_in_corpus(verified.citations, assistant.settings)
    kept = re.split(r"(?<=\])\s+", verified.text) if verified.text else []
    assert all(re.search(r"\[\d+\]$", sentence) for sentence in kept), f"a kept sentence without its marker: {verified.text!r}"
    unmarked_draft = " ".join(re.sub(r"\s*\[\d+\]", "", draft).lower().split())
    assert all(re.sub(r"(\s*\[\d+\])+$", "", s).rstrip(".").lower() in unmarked_draft for s in kept), "kept text was drafted"
