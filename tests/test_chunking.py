"""Chunks: exact offsets into the cleaned text, metadata, deterministic ids; property-tested."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.corpus.document import SourceDocument, parse_markdown
from assistant.index.chunking import chunk_document
from assistant.settings import CHECKOUT
from assistant.text import SUPERSCRIPT_DIGITS, split_sentences
from assistant.types import Chunk

BRIEF_ID = "osw-trump-russia-ukraine-brief"


@pytest.fixture(scope="module")
def document() -> SourceDocument:
    return parse_markdown(BRIEF_ID, (CHECKOUT / "corpus" / f"{BRIEF_ID}.md").read_text(encoding="utf-8"), url="https://www.osw.waw.pl/en")


@pytest.fixture(scope="module")
def chunks(document: SourceDocument) -> list[Chunk]:
    return chunk_document(document, 120)


def test_chunk_text_is_the_document_text_at_its_offsets(document: SourceDocument, chunks: list[Chunk]) -> None:
    assert len(chunks) > 20
    for chunk in chunks:
        assert chunk.text == document.text[chunk.start : chunk.end]
        for s, e in chunk.sentences:
            assert chunk.text[s:e].strip() == chunk.text[s:e] and chunk.text[s:e]


def test_chunk_metadata(document: SourceDocument, chunks: list[Chunk]) -> None:
    by_text = {c.text: c for c in chunks}
    witkoff = next(c for c in chunks if "One particularly notable figure is Steve Witkoff" in c.text)
    assert witkoff.section == "Domestic and external actors"
    assert witkoff.document == BRIEF_ID and witkoff.url == "https://www.osw.waw.pl/en"
    assert witkoff.title.startswith("The Trump administration and the Russia-Ukraine war")
    nss = next(c for c in chunks if "As underscored by the US National Security Strategy,²" in c.text)
    assert nss.footnotes == (2,)
    assert any(c.footnotes == (3,) and "mineral resources,³" in c.text for c in chunks)
    assert {c.section for c in chunks} >= {"Lead", "Possible scenarios", "Notes"}
    assert all(c.page is None for c in chunks)
    assert all(len(c.text.split()) <= 120 or len(c.sentences) == 1 for c in chunks)
    paragraphs = [c.paragraph for c in chunks]
    assert paragraphs == sorted(paragraphs)
    assert len(by_text) == len(chunks)
    record = nss.to_record()
    assert Chunk.from_record(record) == nss
    assert nss.chroma_metadata()["footnotes"] == "2"


def test_chunk_ids_are_deterministic_and_unique(document: SourceDocument, chunks: list[Chunk]) -> None:
    again = chunk_document(parse_markdown(BRIEF_ID, document.text, url=document.url), 120)
    assert [c.id for c in again] == [c.id for c in chunks]
    assert len({c.id for c in chunks}) == len(chunks)
    assert all(c.id.startswith(f"{BRIEF_ID}:p{c.paragraph}:") for c in chunks)
    edited = parse_markdown(BRIEF_ID, document.text.replace("Steve Witkoff, Trump's", "Steve Witkoff, Trump’s"))
    changed = {c.id for c in chunk_document(edited, 120)} ^ {c.id for c in chunks}
    assert 0 < len(changed) <= 4, "an edit changes only the ids of the chunks it touches (and later offsets)"


def test_smaller_target_makes_sentence_windows_never_splitting_a_sentence(document: SourceDocument) -> None:
    small = chunk_document(document, 30)
    assert len(small) > len(chunk_document(document, 120))
    paragraphs = [document.text[p.start : p.end] for p in document.paragraphs]
    sentences = {text[s:e] for text in paragraphs for s, e in split_sentences(text)}
    for chunk in small:
        for s, e in chunk.sentences:
            assert chunk.text[s:e] in sentences


def test_pdf_page_markers_set_the_page() -> None:
    doc = parse_markdown("pdf", "<!-- page 1 -->\n\nFirst page text here.\n\n<!-- page 2 -->\n\nSecond page text here.\n")
    assert [(c.page, c.text) for c in chunk_document(doc, 50)] == [(1, "First page text here."), (2, "Second page text here.")]


# -- properties --------------------------------------------------------------------------------------

_WORD = st.sampled_from(
    ["Kremlin", "talks", "J.D.", "Vance", "e.g.", "peace", "plan", "U.S.", "envoy", "28-point", "Kyiv’s", "(tactical)", "–"]
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORD, min_size=1, max_size=25))
    mark = draw(st.sampled_from(["", "", SUPERSCRIPT_DIGITS[draw(st.integers(1, 9))]]))
    return " ".join(words) + draw(st.sampled_from([".", "?", "!", "”."])) + mark


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    parts = [f"# {draw(st.sampled_from(['A title', 'Brief']))}"]
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["paragraph", "paragraph", "paragraph", "heading", "page"]))
        if kind == "heading":
            parts.append(f"## Section {draw(st.integers(1, 5))}")
        elif kind == "page":
            parts.append(f"<!-- page {draw(st.integers(1, 9))} -->")
        else:
            lines = [" ".join(draw(st.lists(sentences(), min_size=1, max_size=4))) for _ in range(draw(st.integers(1, 3)))]
            parts.append(draw(st.sampled_from(["\n", "\n  ", " \n"])).join(lines))
    separator = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
    return separator.join(parts) + draw(st.sampled_from(["", "\n", "\n\n"]))


def _words(text: str) -> list[str]:
    return text.split()


@settings(max_examples=200, deadline=None)
@given(markdown_documents(), st.integers(min_value=1, max_value=60))
def test_property_chunks_cover_paragraphs_exactly(text: str, target: int) -> None:
    document = parse_markdown("doc", text)
    chunks = chunk_document(document, target)
    # offsets exact
    for chunk in chunks:
        assert document.text[chunk.start : chunk.end] == chunk.text
        assert chunk.sentences[0][0] == 0 and chunk.sentences[-1][1] == len(chunk.text)
    # each paragraph is covered by its chunks in order, with only whitespace between them: nothing lost or duplicated
    for index, paragraph in enumerate(document.paragraphs):
        own = [c for c in chunks if c.paragraph == index]
        assert own and own[0].start == paragraph.start and own[-1].end == paragraph.end
        for before, after in zip(own, own[1:]):
            assert before.end <= after.start and not document.text[before.end : after.start].strip()
        for chunk in own:
            assert chunk.section == paragraph.section and chunk.page == paragraph.page
            for (_, e1), (s2, _) in zip(chunk.sentences, chunk.sentences[1:]):
                assert not chunk.text[e1:s2].strip()
    # the body (every line that is not a heading or page marker) is exactly the chunks' text
    body = [line for line in text.splitlines() if line.strip() and not re.match(r"^(#{1,6}\s|<!-- page \d+ -->$)", line.strip())]
    assert _words(" ".join(body)) == _words(" ".join(c.text for c in chunks))
    assert len({c.id for c in chunks}) == len(chunks)
