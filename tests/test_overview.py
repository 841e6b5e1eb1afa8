"""The overview (actors, timeline, scenarios) derived from the brief and from the river-basin corpus by the
same code, every citation checked against the cleaned document; its storage with the build, the facade and
the `overview` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.corpus.document import SourceDocument, parse_markdown
from assistant.index.catalogue_build import build_catalogue
from assistant.index.chunking import chunk_document
from assistant.index.overview import OVERVIEW_FILE, Actor, Overview, build_overview_record, overview_from_record
from assistant.settings import Settings
from assistant.types import Citation
from tests.index_helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
BRIEF = ROOT / "corpus" / "osw-trump-russia-ukraine-brief.md"
RIVER = ROOT / "tests" / "corpora" / "riverbasin" / "river-basin-dispute.md"


def _derive(path: Path, document_date: str) -> tuple[Overview, SourceDocument]:
    document = parse_markdown("doc", path.read_text(encoding="utf-8"))
    chunks = chunk_document(document, 120)
    record = build_overview_record(chunks, build_catalogue(chunks, {"doc": document_date}), {"doc": document_date})
    return overview_from_record(json.loads(json.dumps(record)), {c.id: c for c in chunks}), document


@pytest.fixture(scope="module")
def brief() -> tuple[Overview, SourceDocument]:
    return _derive(BRIEF, "2025-12")


@pytest.fixture(scope="module")
def river() -> tuple[Overview, SourceDocument]:
    return _derive(RIVER, "2025-06")


def _actor(overview: Overview, name: str) -> Actor:
    found = [a for a in overview.actors if a.name == name or name in a.aliases]
    assert found, f"{name} not among the actors: {[a.name for a in overview.actors]}"
    return found[0]


def _citations(overview: Overview) -> list[Citation]:
    items = [*overview.actors, *overview.timeline, *(p for s in overview.scenarios for p in s.points)]
    return [c for item in items for c in item.citations]


def _check_citation(citation: Citation, document: SourceDocument) -> None:
    as_json = citation.to_json()
    assert set(as_json) >= {"chunk_id", "document", "title", "section", "text", "quote", "start", "end"}
    assert as_json["quote"].strip(), as_json
    assert as_json["text"][as_json["start"] : as_json["end"]] == as_json["quote"]
    begin = citation.chunk.start + citation.start
    assert document.text[begin : begin + len(as_json["quote"])] == as_json["quote"]


# -- the brief ------------------------------------------------------------------------------------
BRIEF_ACTORS = {
    # name: a word of the role the text gives (None: the text gives none)
    "Trump": "president",
    "Steve Witkoff": "special envoy",
    "Jared Kushner": "son-in-law",
    "J.D. Vance": "Vice President",
    "Dan Driscoll": "Secretary of the Army",
    "Marco Rubio": "Secretary of State",
    "Keith Kellogg": "General",
    "Pete Hegseth": "Secretary of Defense",
    "Vladimir Putin": None,
    "Kirill Dmitriev": "envoy",
    "Volodymyr Zelensky": "President",
    "Alexander Stubb": "Finnish President",
    "E3": None,
    "Lindsey Graham": "Senator",
    "Stephen Lynch": "donor",
    "Rosneft": "oil companies",
    "Lukoil": "oil companies",
    "ExxonMobil": None,
}


def test_brief_lists_the_people_and_organisations_a_reader_would(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    people_and_organisations = {a.name for a in overview.actors if a.kind in ("person", "organisation")}
    assert len(people_and_organisations & set(BRIEF_ACTORS)) >= 14
    for name, role in BRIEF_ACTORS.items():
        actor = _actor(overview, name)
        if role:
            assert role.lower() in actor.role.lower(), (name, actor.role)
        assert actor.mentions >= 1 and actor.sections and actor.citations


def test_brief_countries_are_actors_with_their_other_names(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    countries = {a.name: a for a in overview.actors if a.kind == "country"}
    assert {"Russia", "Ukraine", "Europe"} <= set(countries)
    assert "Russian" in countries["Russia"].aliases and "Ukrainian" in countries["Ukraine"].aliases
    united_states = _actor(overview, "United States")
    assert united_states.kind == "country" and "US" in (united_states.name, *united_states.aliases)


def test_brief_actors_are_grouped_by_what_the_text_ties_them_to(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    group = {name: _actor(overview, name).group for name in BRIEF_ACTORS}
    us, russia, ukraine = group["Trump"], group["Vladimir Putin"], group["Volodymyr Zelensky"]
    assert len({us, russia, ukraine}) == 3 and "" not in (us, russia, ukraine)
    assert russia == _actor(overview, "Russia").group and ukraine == _actor(overview, "Ukraine").group
    for name in ("Steve Witkoff", "Jared Kushner", "J.D. Vance", "Dan Driscoll", "Marco Rubio", "Keith Kellogg", "Pete Hegseth"):
        assert group[name] == us, name
    assert group["Kirill Dmitriev"] == group["Rosneft"] == group["Lukoil"] == russia
    assert group["Alexander Stubb"] == group["E3"] == _actor(overview, "Europe").group
    assert set(overview.groups()[:4]) >= {us, russia}


def test_brief_sources_and_venues_are_not_actors(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    names = {a.name for a in overview.actors} | {alias for a in overview.actors for alias in a.aliases}
    for name in ("Andrzej Kohut", "J. Gotkowska", "Wall Street Journal", "Oval Office", "Anchorage", "Riyadh", "Gaza Strip"):
        assert name not in names, name


def test_brief_characterisations_cite_stance_and_influence(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    quotes = " ".join(c.quote for c in _actor(overview, "Steve Witkoff").citations)
    assert "special envoy for peace missions" in quotes and "favourable attitude towards Russia" in quotes
    assert any("sceptical of providing support to Ukraine" in c.quote for c in _actor(overview, "J.D. Vance").citations)


def test_brief_timeline_in_order_with_phases_and_future_marked(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    events = overview.timeline
    assert len(events) >= 10
    assert [e.sort_date for e in events] == sorted(e.sort_date for e in events)

    def first(label: str, words: str) -> int:
        return next(i for i, e in enumerate(events) if e.label == label and words in e.event)

    order = [
        first("February", "Hegseth"),
        first("late February", "Zelensky"),
        first("early March", "suspension of US intelligence"),
        first("mid-August", "Alaska"),
        first("mid-October", "refrained"),
        first("22 October", "Rosneft"),
        first("January", "resign"),
        first("November 2026", "midterm"),
    ]
    assert order == sorted(order)
    assert events[order[5]].date == "2025-10-22" and events[order[1]].date == "2025-02"
    assert events[order[6]].date == "2026-01" and events[order[6]].future and events[order[7]].future
    assert not any(e.future for e in events[: order[5] + 1])
    assert events[order[1]].phase.startswith("The first weeks of Trump") and events[order[5]].phase == "A new phase of activity"
    assert events[order[3]].phase.startswith("The US administration's heightened activity")
    assert not any(e.label == "20 January 2025" for e in events), "a footnote's publication date is no event"


def test_brief_scenarios_side_by_side(brief: tuple[Overview, SourceDocument]) -> None:
    overview, _ = brief
    assert [s.name for s in overview.scenarios] == ["Most optimistic scenario", "Relatively neutral scenario", "Negative scenario"]
    for scenario in overview.scenarios:
        kinds = [p.kind for p in scenario.points]
        assert kinds[0] == "condition" and "consequence" in kinds
    optimistic, neutral, negative = overview.scenarios
    assert any("Lindsey Graham" in p.actors for p in optimistic.points)
    assert any(p.kind == "condition" and "could stem from a lack of progress" in p.text for p in neutral.points)
    assert any(p.kind == "condition" and p.text.startswith("Should Russia decide") for p in negative.points)
    assert any(p.kind == "consequence" and "lifts sanctions" in p.text for p in negative.points)


def test_brief_every_citation_is_in_the_cleaned_document(brief: tuple[Overview, SourceDocument]) -> None:
    overview, document = brief
    citations = _citations(overview)
    assert len(citations) > 60
    for citation in citations:
        _check_citation(citation, document)


# -- the second corpus, same code ------------------------------------------------------------------
def test_river_basin_people_with_roles_and_groups(river: tuple[Overview, SourceDocument]) -> None:
    overview, _ = river
    expected = {
        "Lukas Breuer": ("Minister of Energy", "Dravenia"),
        "Elena Castell": ("Minister of Agriculture", "Marisca"),
        "Viktor Halden": ("President", "Dravenia"),
        "Henrik Aalto": ("chief negotiator", "Southern Basin Development Bank"),
        "Amara Okafor": ("president", "Southern Basin Development Bank"),
        "Rui Salgado": ("former chair", "Selva Basin Commission"),
    }
    for name, (role, group) in expected.items():
        actor = _actor(overview, name)
        assert actor.kind == "person" and role in actor.role and actor.group == group, (name, actor)
    countries = {a.name for a in overview.actors if a.kind == "country"}
    assert {"Dravenia", "Marisca", "Kaleva"} <= countries
    assert not countries & {"Tesk", "Santa Irene", "Orvasa", "Vienna", "Selva River", "Varon Delta"}
    assert "Nadia Korsgaard" not in {a.name for a in overview.actors}


def test_river_basin_timeline(river: tuple[Overview, SourceDocument]) -> None:
    overview, _ = river
    dated = [(e.date, e.label) for e in overview.timeline]
    expected = [
        ("2024-03-14", "14 March 2024"),
        ("2024-05", "late May 2024"),
        ("2024-07-02", "2 July 2024"),
        ("2024-08", "August"),
        ("2024-09", "mid-September 2024"),
        ("2024-11-11", "11 November 2024"),
        ("2024-12", "December"),
        ("2025-02-20", "20 February 2025"),
        ("2025-04", "late April 2025"),
        ("2025-10", "October 2025"),
        ("2026", "early 2026"),
    ]
    positions = [dated.index(item) for item in expected]
    assert positions == sorted(positions)
    future = {e.label for e in overview.timeline if e.future}
    assert {"October 2025", "early 2026", "2028"} <= future and "late April 2025" not in future
    assert sum(e.label == "1998" for e in overview.timeline) == 1, "the 1998 treaty is dated once, where it was agreed"
    escalation = [e for e in overview.timeline if e.date.startswith("2024-") and e.label != "14 March 2024"]
    assert escalation and all(e.phase == "Escalation in 2024" for e in escalation)


def test_river_basin_three_scenarios(river: tuple[Overview, SourceDocument]) -> None:
    overview, document = river
    assert [s.name for s in overview.scenarios] == ["First scenario", "Second scenario", "Third, less likely scenario"]
    first, second, _ = overview.scenarios
    assert any(p.kind == "condition" and "depends on a normal rainy season" in p.text for p in first.points)
    assert any("Viktor Halden" in p.actors for p in first.points)
    assert any(p.kind == "consequence" and "credibility as a mediator" in p.text for p in second.points)
    for citation in _citations(overview):
        _check_citation(citation, document)


# -- generic rules on hand-made text ----------------------------------------------------------------
def test_scenario_continuations_and_undated_future_months() -> None:
    text = (
        "# T\n\n## Outlook\n\nThe minister of Arcadia is expected to resign in March. Arcadia signed the pact in November.\n\n"
        "In the hopeful scenario, Arcadia and Borduria sign a treaty. In this scenario, trade would grow.\n\n"
        "In the bleak scenario, talks collapse. Borduria would then close the border.\n"
    )
    document = parse_markdown("doc", text)
    chunks = chunk_document(document, 120)
    record = build_overview_record(chunks, build_catalogue(chunks, {"doc": "2025-06"}), {"doc": "2025-06"})
    overview = overview_from_record(record, {c.id: c for c in chunks})
    assert [(s.name, len(s.points)) for s in overview.scenarios] == [("Hopeful scenario", 2), ("Bleak scenario", 2)]
    dates = {e.label: (e.date, e.future) for e in overview.timeline}
    assert dates["March"] == ("2026-03", True), "expected in March, written in June: next March"
    assert dates["November"] == ("2024-11", False), "signed in November, written in June: last November"


# -- stored with the build, read by the facade and the CLI ------------------------------------------
def test_overview_round_trips_and_is_derived_for_a_build_without_one(tmp_path: Path) -> None:
    from assistant.index.catalogue import CATALOGUE_FILE
    from assistant.index.overview import load_overview, write_overview

    document = parse_markdown("doc", RIVER.read_text(encoding="utf-8"))
    chunks = chunk_document(document, 120)
    build_catalogue(chunks, {"doc": "2025-06"}).save(tmp_path / CATALOGUE_FILE)
    write_overview(tmp_path, chunks, {"doc": "2025-06"})
    saved = load_overview(tmp_path, chunks)
    assert saved.to_json() == _derive(RIVER, "2025-06")[0].to_json()
    (tmp_path / OVERVIEW_FILE).unlink()  # a build made before overviews existed
    derived = load_overview(tmp_path, chunks)
    assert [a.name for a in derived.actors] == [a.name for a in saved.actors]
    assert [s.name for s in derived.scenarios] == [s.name for s in saved.scenarios] and len(derived.timeline) >= 8


def test_build_saves_the_overview_and_readers_load_it(riverbasin_settings: Settings) -> None:
    from assistant.facade import Assistant
    from assistant.index.store import IndexPaths

    assistant = Assistant(riverbasin_settings)
    build_dir = IndexPaths(riverbasin_settings.index_dir).build(assistant.index.manifest.build_id)
    stored = json.loads((build_dir / OVERVIEW_FILE).read_text(encoding="utf-8"))
    overview = assistant.overview()
    assert [a["name"] for a in stored["actors"]] == [a.name for a in overview.actors]
    assert len(overview.scenarios) == 3 and len(overview.timeline) >= 8


def test_cli_overview_json_contract(riverbasin_settings: Settings) -> None:
    every = run_cli(riverbasin_settings, "overview", "--json", BRIEF_EMBEDDING_MODEL="hashing")
    assert every.returncode == 0, every.stderr
    data = json.loads(every.stdout)
    assert set(data) == {"actors", "timeline", "scenarios"}
    assert {"name", "aliases", "role", "group", "mentions", "citations"} <= set(data["actors"][0])
    assert {"date", "label", "event", "phase", "citations"} <= set(data["timeline"][0])
    assert [e["sort_date"] for e in data["timeline"]] == sorted(e["sort_date"] for e in data["timeline"])
    assert all(e["sort_date"].startswith(e["date"]) for e in data["timeline"])
    assert {"kind", "text", "citations"} <= set(data["scenarios"][0]["points"][0])
    only = run_cli(riverbasin_settings, "overview", "scenarios", "--json", BRIEF_EMBEDDING_MODEL="hashing")
    assert only.returncode == 0 and list(json.loads(only.stdout)) == ["scenarios"]
    table = run_cli(riverbasin_settings, "overview", "actors", BRIEF_EMBEDDING_MODEL="hashing")
    assert table.returncode == 0 and "Actors" in table.stdout and "Lukas Breuer" in table.stdout and "Timeline" not in table.stdout
