"""Sentences read with what they lean on (the names before a pronoun, the frame a paragraph opened) and
matched on what their words mean alike."""

from __future__ import annotations

from assistant.answering.extractive import selection_terms
from assistant.corpus.document import parse_markdown
from assistant.discourse import Lead, chunk_as_read, chunk_as_searched, leans_back, read_on
from assistant.index.chunking import chunk_document
from assistant.index.lexical import LexicalIndex


def test_a_sentence_opening_with_a_pronoun_reads_with_the_names_it_leans_on() -> None:
    read, _ = read_on(["Lind Berg chaired the commission.", "However, he was sidelined.", "He resigned in May.", "The dam opened."])
    assert read[1].endswith("Lind Berg") and read[2].endswith("Lind Berg")
    assert read[3] == "The dam opened."  # names only where a sentence leans back


def test_a_consequence_said_after_the_subject_leans_on_the_sentence_before() -> None:
    read, _ = read_on(["Lind Berg blamed the bank for the delay.", "The council therefore assumed that a new loan would help."])
    assert read[1].endswith("Lind Berg")
    assert leans_back().match("The council thus waited.") and not leans_back().match("The council waited for the bank.")


def test_a_frame_holds_for_the_sentences_after_it_until_another_opens() -> None:
    read, lead = read_on(
        [
            "In the dry-year case, the reservoir fills slowly.",
            "Farmers lose a harvest.",
            "In this case, the bank waits.",  # points back: opens no new frame
            "In the wet-year case, the dam runs at full power.",
            "Exports rise.",
        ]
    )
    assert read[0] == "In the dry-year case, the reservoir fills slowly."
    assert read[1].endswith("In the dry-year case") and read[2].endswith("In the dry-year case")
    assert read[4].endswith("In the wet-year case") and "dry-year" not in read[4]
    assert lead == Lead("Exports", "In the wet-year case")


def test_a_paragraph_cut_into_windows_passes_its_frame_and_names_on() -> None:
    text = (
        "# Outlook\n\n## Cases\n\n"
        "In the dry-year case, the reservoir fills slowly and the turbines stand idle for months. "
        "Lind Berg, the minister, blames the bank for the delay and for the loss of revenue. "
        "She asks the bank to release the second tranche early. "
        "Farmers downstream lose a harvest.\n"
    )
    chunks = chunk_document(parse_markdown("outlook", text), target_words=20)
    assert len(chunks) >= 3
    later = chunks[-1]
    assert later.lead_frame == "In the dry-year case"
    assert all(sentence.endswith("In the dry-year case") for sentence in chunk_as_read(later))
    she = next(chunk for chunk in chunks if chunk.text.startswith("She asks"))
    assert "Lind Berg" in chunk_as_read(she)[0]


def test_the_tail_of_a_paragraph_is_searched_under_the_frame_its_paragraph_opened() -> None:
    """A window that goes on from "In the dry-year case, …" is found by a search for that case; the window opening
    the frame, or one opening its own, is searched as it stands."""
    text = (
        "# Outlook\n\n## Cases\n\n"
        "In the dry-year case, the reservoir fills slowly and the turbines stand idle for months. "
        "Lind Berg, the minister, blames the bank for the delay and for the loss of revenue. "
        "She asks the bank to release the second tranche early. "
        "Farmers downstream lose a harvest.\n\n"
        "In the wet-year case, the turbines run all year.\n"
    )
    chunks = chunk_document(parse_markdown("outlook", text), target_words=20)
    tail = next(chunk for chunk in chunks if chunk.text.startswith("She asks"))
    assert chunk_as_searched(tail) == f"In the dry-year case: {tail.text}"
    assert chunk_as_searched(chunks[0]) == chunks[0].text
    wet = chunks[-1]
    assert chunk_as_searched(wet) == wet.text
    scores = LexicalIndex.build(chunks).scores("What happens to the tranche in the dry-year case?")
    assert scores[chunks.index(tail)] > scores[chunks.index(wet)]


def test_words_of_one_antonym_pole_match_in_answer_selection() -> None:
    texts = ("What win did the mayor claim?", "The mayor hailed the vote as a success.", "The vote was a failure.")
    question, answer, opposite = (set(selection_terms(text)) for text in texts)
    assert question & answer - {"mayor"} and not question & opposite
