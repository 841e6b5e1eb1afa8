"""The entity catalogue and dated expressions, derived from corpus text (the brief, the river-basin corpus,
and small hand-made passages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.document import parse_markdown
from assistant.index.catalogue import Entity, EntityCatalogue
from assistant.index.catalogue_build import build_catalogue
from assistant.index.chunking import chunk_document
from assistant.index.dates import dated_expressions, reference_year
from assistant.retrieval.query import understand
from assistant.types import Chunk

ROOT = Path(__file__).resolve().parents[1]
BRIEF = ROOT / "corpus" / "osw-trump-russia-ukraine-brief.md"
RIVER = ROOT / "tests" / "corpora" / "riverbasin" / "river-basin-dispute.md"


def _chunks(path: Path, doc_id: str = "doc") -> list[Chunk]:
    return chunk_document(parse_markdown(doc_id, path.read_text(encoding="utf-8")), 120)


@pytest.fixture(scope="module")
def brief() -> EntityCatalogue:
    return build_catalogue(_chunks(BRIEF), {"doc": "2025-12"})


@pytest.fixture(scope="module")
def river() -> tuple[EntityCatalogue, list[Chunk]]:
    chunks = _chunks(RIVER)
    return build_catalogue(chunks, {"doc": "2025-06"}), chunks


def _resolved(catalogue: EntityCatalogue, phrase: str) -> str | None:
    entity = catalogue.resolve(phrase)
    return entity.name if entity else None


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Trump's son-in-law", "Jared Kushner"),
        ("Kushner", "Jared Kushner"),
        ("witkoff", "Steve Witkoff"),
        ("the special envoy for peace missions", "Steve Witkoff"),
        ("the Secretary of Defense", "Pete Hegseth"),
        ("the defense secretary", "Pete Hegseth"),
        ("the vice president", "J.D. Vance"),
        ("Vance's", "J.D. Vance"),
        ("Putin's envoy", "Kirill Dmitriev"),
        ("the Secretary of the Army", "Dan Driscoll"),
        ("the national security advisor", "Marco Rubio"),
        ("Russian", "Russia"),
        ("OSW", "Centre for Eastern Studies"),
        ("A. Kohut", "Andrzej Kohut"),
    ],
)
def test_brief_aliases_and_roles_resolve(brief: EntityCatalogue, phrase: str, name: str) -> None:
    assert _resolved(brief, phrase) == name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Jared Kushner", "person"),
        ("Trump", "person"),
        ("Vladimir Putin", "person"),
        ("Stephen Lynch", "person"),
        ("Rosneft", "organisation"),
        ("ExxonMobil", "organisation"),
        ("NATO", "organisation"),
        ("US", "place"),  # an acronym, but a country's
        ("Anchorage", "place"),
        ("Riyadh", "place"),
        ("Ukraine", "place"),
        ("Gaza Strip", "place"),
    ],
)
def test_brief_kinds(brief: EntityCatalogue, name: str, kind: str) -> None:
    entity = brief.resolve(name)
    assert entity is not None and entity.kind == kind


def test_roles_come_from_the_text(brief: EntityCatalogue) -> None:
    text = BRIEF.read_text(encoding="utf-8")
    people = {e.name: e for e in brief.people()}
    assert "special envoy for peace missions" in people["Steve Witkoff"].roles
    assert "Secretary of Defense" in people["Pete Hegseth"].roles
    assert "Trump's son-in-law" in people["Jared Kushner"].aliases
    for entity in brief.entities:
        for role in entity.roles:
            assert role in text, role  # every role is worded as the brief words it


def test_month_names_and_quoted_titles_are_not_entities(brief: EntityCatalogue) -> None:
    names = {e.name for e in brief.entities}
    assert not names & {"February", "March", "October", "Real Plan for Peace", "Make Money Not War"}


def test_mentions_point_at_aliases_in_the_chunks(river: tuple[EntityCatalogue, list[Chunk]]) -> None:
    catalogue, chunks = river
    by_id = {c.id: c for c in chunks}
    for entity in catalogue.entities:
        forms = {a.lower() for a in (entity.name, *entity.aliases)}
        for mention in entity.mentions:
            assert by_id[mention.chunk_id].text[mention.start : mention.end].lower() in forms
    aalto = catalogue.resolve("Aalto")
    assert aalto is not None and len(aalto.mentions) >= 3


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the bank's chief negotiator", "Henrik Aalto"),
        ("the energy minister", "Lukas Breuer"),
        ("Marisca's Minister of Agriculture", "Elena Castell"),
        ("SBDB", "Southern Basin Development Bank"),
        ("R. Salgado", "Rui Salgado"),
        ("Dravenian", "Dravenia"),
        ("the Farmers' Union", "Marisca Farmers' Union"),
        ("the agriculture minister", "Elena Castell"),  # the words of one role only, shortened
        ("the basin commission chair", "Rui Salgado"),
    ],
)
def test_river_basin_aliases_and_roles_resolve(river: tuple[EntityCatalogue, list[Chunk]], phrase: str, name: str) -> None:
    assert _resolved(river[0], phrase) == name


def test_river_basin_kinds_and_unknown_names(river: tuple[EntityCatalogue, list[Chunk]]) -> None:
    catalogue = river[0]
    kinds = {e.name: e.kind for e in catalogue.entities}
    assert {kinds[p] for p in ("Tesk", "Vienna", "Orvasa", "Port Alvar", "Santa Irene", "Varon Delta")} == {"place"}
    assert {kinds[p] for p in ("Amara Okafor", "Viktor Halden", "Henrik Aalto")} == {"person"}
    assert kinds["Selva Basin Commission"] == "organisation"
    assert catalogue.is_known_name("Vienna") and catalogue.is_known_name("Okafor")
    assert not catalogue.is_known_name("World Bank") and not catalogue.is_known_name("Prime Minister")
    assert "president" in catalogue.resolve("Okafor").roles  # type: ignore[union-attr]
    assert catalogue.resolve_role("the minister a") is None and catalogue.resolve_role("the chief minister") is None


def test_entities_in_a_question(river: tuple[EntityCatalogue, list[Chunk]]) -> None:
    catalogue = river[0]
    question = "Why did Marisca recall its ambassador from Tesk after the SBDB loan?"
    found = [(e.name, question[s:t]) for e, s, t in catalogue.entities_in(question)]
    assert found == [("Marisca", "Marisca"), ("Tesk", "Tesk"), ("Southern Basin Development Bank", "SBDB")]


def test_a_hand_made_passage() -> None:
    text = (
        "# Harbour report\n\nThe council met in Lisvik on 3 May 2021. Mara Oduya, the port's chief engineer, warned "
        "that the quay was failing. Oduya asked the Harbour Board for funds. Deputy Mayor Tomas Reyn refused in "
        "early June, and the Lisvik Harbour Board (LHB) later sided with him.\n"
    )
    chunks = chunk_document(parse_markdown("h", text), 120)
    catalogue = build_catalogue(chunks, {"h": "2021-09"})
    assert _resolved(catalogue, "the port's chief engineer") == "Mara Oduya"
    assert _resolved(catalogue, "deputy mayor") == "Tomas Reyn"
    assert _resolved(catalogue, "LHB") == "Lisvik Harbour Board"
    assert catalogue.resolve("Lisvik").kind == "place"  # type: ignore[union-attr]
    assert [d.date for d in catalogue.dates] == ["2021-05-03", "2021-06"]


def test_a_role_in_a_relative_clause_after_the_name() -> None:
    text = (
        "# Harbour report\n\nThe council met in Lisvik on 3 May 2021. Mara Oduya, the port's chief engineer, who has "
        "been the mayor's close adviser for a decade, warned that the quay was failing.\n"
    )
    catalogue = build_catalogue(chunk_document(parse_markdown("h", text), 120), {"h": "2021-09"})
    assert _resolved(catalogue, "adviser") == "Mara Oduya"
    assert understand("Why is the mayor's longtime adviser worried?", catalogue).roles[0][1].name == "Mara Oduya"


def test_a_role_said_with_his_or_her_is_the_owners_and_read_from_either_side() -> None:
    """"… Deputy Mayor Tomas Reyn, who is sceptical of the quay, and his protégé, Councillor Mara Oduya": she is
    Reyn's protégé, and "Oduya's mentor" is Reyn, whose view a question about her mentor asks for."""
    from assistant.answering.answer_type import answer_spans

    text = (
        "# Harbour report\n\nThe council met in Lisvik on 3 May 2021. The plan was shaped by Deputy Mayor Tomas Reyn, "
        "who is sceptical of the quay, and his protégé, Councillor Mara Oduya, who drew up the budget.\n"
    )
    catalogue = build_catalogue(chunk_document(parse_markdown("h", text), 120), {"h": "2021-09"})
    assert "Tomas Reyn's protégé" in catalogue.resolve("Mara Oduya").aliases  # type: ignore[union-attr]
    intent = understand("How does Mara Oduya's mentor feel about the quay?", catalogue)
    assert [entity.name for _, entity in intent.roles] == ["Tomas Reyn"]
    sentence = "The plan was shaped by Deputy Mayor Tomas Reyn, who is sceptical of the quay."
    assert [sentence[s:e] for s, e in answer_spans(intent, sentence)] == ["sceptical"]
    assert understand("Who is Tomas Reyn's mentor?", catalogue).roles == ()  # no one is
    owned = understand("What's Mara Oduya's mentor's view on the quay?", catalogue)  # the tie, itself owned
    assert [entity.name for _, entity in owned.roles] == ["Tomas Reyn"]


def test_a_name_written_with_slashes_is_the_organisation_it_shortens() -> None:
    text = (
        "# Harbour report\n\nA May Lisvik/Norden/Coast poll¹ found support for the quay. The council met on 3 May 2021.\n\n"
        "¹ Lisvik Norden Coast Poll, conducted on 2–4 May 2021.\n"
    )
    catalogue = build_catalogue(chunk_document(parse_markdown("h", text), 120), {"h": "2021-09"})
    survey = catalogue.resolve("Lisvik/Norden/Coast")
    assert survey is not None and survey.name == "Lisvik Norden Coast Poll" and survey.kind == "organisation"


def test_round_trip(tmp_path: Path, river: tuple[EntityCatalogue, list[Chunk]]) -> None:
    catalogue = river[0]
    catalogue.save(tmp_path / "catalogue.json")
    loaded = EntityCatalogue.load(tmp_path / "catalogue.json")
    assert loaded == catalogue
    assert loaded.resolve("the bank's chief negotiator") == catalogue.resolve("Aalto")
    assert EntityCatalogue.load(tmp_path / "missing.json").entities == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in late February", [("late February", "2025-02", "2025-02-25")]),
        ("until mid-October", [("mid-October", "2025-10", "2025-10-15")]),
        ("began on 22 October with", [("22 October", "2025-10-22", "2025-10-22")]),
        ("in early March 2024", [("early March 2024", "2024-03", "2024-03-05")]),
        (
            "in March, April, and early August",
            [("March", "2025-03", "2025-03-15"), ("April", "2025-04", "2025-04-15"), ("early August", "2025-08", "2025-08-05")],
        ),
        ("the summer of 2026", [("the summer of 2026", "2026-07", "2026-07-15")]),
        ("on 2–4 December 2025", [("2–4 December 2025", "2025-12-02", "2025-12-02")]),
        ("a 28-point plan for 240,000 households", []),
        ("May the talks resume?", []),
    ],
)
def test_dated_expressions(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = [(d.text, d.iso, d.sort_date.isoformat()) for d in dated_expressions(text, 2025)]
    assert found == expected
    assert all(text[d.start : d.end] == d.text for d in dated_expressions(text, 2025))


def test_reference_year_prefers_the_document_date() -> None:
    assert reference_year("2025-12", ["the November 2026 vote"]) == 2025
    assert reference_year("", ["in 1998", "by 2028"]) == 2028


def test_river_basin_dates_sort_in_the_order_of_events(river: tuple[EntityCatalogue, list[Chunk]]) -> None:
    dates = {d.text: d.sort_date for d in river[0].dates}
    assert dates["14 March 2024"] < dates["late May 2024"] < dates["2 July 2024"] < dates["mid-September 2024"]
    assert dates["11 November 2024"] < dates["20 February 2025"] < dates["late April 2025"]


def test_each_build_saves_its_catalogue_and_readers_load_it(tmp_path: Path) -> None:
    from assistant.index.build import build_index
    from assistant.index.catalogue import CATALOGUE_FILE, catalogue_summary
    from assistant.index.reader import open_index
    from assistant.index.store import IndexPaths
    from assistant.settings import isolated_settings

    settings = isolated_settings(tmp_path, embedding_model="hashing")
    build_index(settings)
    build_dir = IndexPaths(settings.index_dir).build(IndexPaths(settings.index_dir).current_build_id() or "")
    assert (build_dir / CATALOGUE_FILE).exists()
    index = open_index(settings)
    assert _resolved(index.catalogue, "Trump's son-in-law") == "Jared Kushner"
    assert {d.date for d in index.catalogue.dates} >= {"2025-10-22", "2025-02"}  # dated by the manifest's 2025-12
    people = index.catalogue.counts()["people"]
    assert catalogue_summary(build_dir).startswith(f"catalogue: {people} people, ")


def test_a_role_after_a_place_name_calls_its_holder_but_not_after_a_person() -> None:
    berg = Entity("berg", "Anna Berg", "person", ("Anna Berg", "Berg"), ("mayor",), ())
    lind = Entity("lind", "Tomas Lind", "person", ("Tomas Lind", "Lind"), (), ())
    norrvik = Entity("norrvik", "Norrvik", "place", ("Norrvik",), (), ())
    catalogue = EntityCatalogue((berg, lind, norrvik))
    assert [e.id for e, _, _ in catalogue.people_called_in("The Norrvik mayor's plan failed.")] == ["berg"]
    assert catalogue.people_called_in("The Lind campaign's mayor spoke.") == []
