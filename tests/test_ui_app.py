"""The Streamlit page run in-process with AppTest over the session's index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.corpus.profile import CorpusProfile
from assistant.feedback import FeedbackStore
from assistant.settings import CHECKOUT, Settings
from ui.web import APP_SCRIPT, export, messages

STARTERS = CorpusProfile.load(CHECKOUT / "corpus").starter_questions
"""The shipped corpus profile's starter questions."""

APP = str(APP_SCRIPT)
TIMEOUT = 120


def _point_env(monkeypatch: pytest.MonkeyPatch, settings: Settings, feedback_db: Path) -> None:
    monkeypatch.setenv("BRIEF_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("BRIEF_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("BRIEF_FEEDBACK_DB", str(feedback_db))
    monkeypatch.setenv("BRIEF_LLM", "extractive")
    for name in ("CHROMA_HOST", "BRIEF_CHROMA_HOST"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def feedback_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One feedback database for the module: the cached Assistant is keyed on the whole settings."""
    return tmp_path_factory.mktemp("ui-feedback") / "feedback.sqlite"


@pytest.fixture
def app(built_settings: Settings, feedback_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    _point_env(monkeypatch, built_settings, feedback_db)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def html(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.html]


def cards(at: AppTest) -> list[str]:
    return [body for body in html(at) if 'class="ba-card"' in body]


def test_first_page_offers_starters_and_index_status(app: AppTest) -> None:
    labels = [button.label for button in app.button]
    assert all(question in labels for question in STARTERS)
    status = " ".join(caption.value for caption in app.sidebar.caption)
    assert re.search(r"1 document\(s\) · \d+ passages", status) and "all-mpnet-base-v2" in status
    assert app.sidebar.selectbox(key="backend").options == ["extractive"]


def test_ask_renders_answer_with_citation_cards(app: AppTest) -> None:
    ask(app, "Who drafted the 28-point peace plan?")
    answer = app.session_state.turns[-1].answer
    assert answer is not None and not answer.declined and answer.citations
    assert any('class="ba-answer"' in body and "28-point peace plan" in body and "[1]" in body for body in html(app))
    rendered = cards(app)
    assert len(rendered) == len(answer.citations)
    assert "<mark>" in rendered[0] and "Inconsistency and volatility" in rendered[0]
    assert 'href="https://www.osw.waw.pl/en"' in rendered[0]
    assert [b.label for b in app.button].count(messages.OPEN_IN_BRIEF) == len(answer.citations)


def test_starter_button_asks_its_question(app: AppTest) -> None:
    app.button(key="starter-5").click().run()
    turn = app.session_state.turns[-1]
    assert turn.question == STARTERS[5]
    assert turn.answer is not None and turn.answer.citations
    assert cards(app)


@pytest.mark.parametrize("question", STARTERS)
def test_every_starter_question_is_answered(assistant: object, question: str) -> None:
    answer = assistant.ask(question, assistant.new_conversation())  # type: ignore[attr-defined]
    assert not answer.declined, answer.text
    assert answer.citations


def test_out_of_scope_question_is_declined(app: AppTest) -> None:
    ask(app, "What is the capital of France?")
    answer = app.session_state.turns[-1].answer
    assert answer.declined
    assert any("ba-declined" in body and "The brief does not cover" in body for body in html(app))
    assert messages.OPEN_IN_BRIEF not in [b.label for b in app.button]
    assert [e.label for e in app.expander] == [messages.CLOSEST_PASSAGES]


def test_follow_up_uses_the_same_conversation(app: AppTest) -> None:
    ask(app, "What role does Steve Witkoff play?")
    ask(app, "What is his attitude towards Russia?")
    first, second = (turn.answer for turn in app.session_state.turns)
    assert second.standalone_question == "What is Steve Witkoff's attitude towards Russia?"
    assert not second.declined and "Russia" in second.text
    assert len([m for m in app.chat_message if m.name == "assistant"]) == 2


def test_input_errors_are_short_messages(app: AppTest) -> None:
    ask(app, "???")
    assert [e.value for e in app.error] == ["The question has no words to search for: ask about the brief in words."]


def test_feedback_is_stored_with_the_answer(app: AppTest, feedback_db: Path) -> None:
    ask(app, "What happens in the negative scenario?")
    app.button(key="FormSubmitter:feedback-0-" + messages.FEEDBACK_SEND).click().run()
    assert [w.value for w in app.warning] == [messages.FEEDBACK_PICK]

    app.feedback(key="rating-0").set_value(0)
    app.text_input(key="comment-0").set_value("Too short")
    app.button(key="FormSubmitter:feedback-0-" + messages.FEEDBACK_SEND).click().run()
    conversation = app.session_state.conversation_id
    entries = [e for e in FeedbackStore(feedback_db).entries() if e.conversation == conversation]
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.rating, entry.comment, entry.source) == ("down", "Too short", "streamlit")
    assert entry.question == "What happens in the negative scenario?"
    assert entry.citations and entry.citations[0]["quote"]
    assert messages.FEEDBACK_THANKS.format(rating="down") in [c.value for c in app.caption]
    assert not app.feedback  # one judgement per answer


def test_export_contains_the_conversation(app: AppTest) -> None:
    assert all(button.proto.disabled for button in app.sidebar.get("download_button"))
    ask(app, "Who drafted the 28-point peace plan?")
    ask(app, "What is the capital of France?")
    assert not any(button.proto.disabled for button in app.sidebar.get("download_button"))
    answers = [turn.answer for turn in app.session_state.turns]
    conversation = app.session_state.conversation_id

    markdown = export.to_markdown(answers, conversation)
    assert "## 1. Who drafted the 28-point peace plan?" in markdown
    assert "[1] The Trump administration and the Russia-Ukraine war" in markdown
    assert "> However, the stick was soon replaced by the carrot" in markdown
    assert "## 2. What is the capital of France?" in markdown and "The brief does not cover" in markdown

    payload = json.loads(export.to_json(answers, conversation))
    assert payload["conversation_id"] == conversation
    assert [turn["question"] for turn in payload["turns"]] == ["Who drafted the 28-point peace plan?", "What is the capital of France?"]
    assert payload["turns"][0]["citations"][0]["quote"].startswith("However, the stick")
    assert payload["turns"][1]["declined"] is True


def test_new_conversation_starts_over(app: AppTest) -> None:
    ask(app, "What role does Steve Witkoff play?")
    old = app.session_state.conversation_id
    app.sidebar.button[0].click().run()
    assert app.session_state.conversation_id != old
    assert app.session_state.turns == []
    assert not cards(app)


def test_citation_opens_its_passage_in_the_brief(app: AppTest) -> None:
    ask(app, "Who drafted the 28-point peace plan?")
    app.button(key="open-0-1").click().run()
    assert app.session_state.view == messages.READER_VIEW
    assert app.info[0].value == messages.READER_FOCUS.format(n=1, section="Inconsistency and volatility")
    expanded = [e.label for e in app.expander if e.proto.expanded]
    assert expanded == ["Inconsistency and volatility"]
    focused = [body for body in html(app) if 'class="ba-focus"' in body]
    assert len(focused) == 1 and "<mark>However, the stick was soon replaced by the carrot" in focused[0]
    labels = [e.label for e in app.expander]
    assert labels[0] == messages.READER_LEAD and labels[-1] == "Notes"


def test_reader_shows_every_section_and_the_notes(app: AppTest) -> None:
    app.segmented_control(key="view").set_value(messages.READER_VIEW).run()
    labels = [e.label for e in app.expander]
    assert labels == [
        "The sources of Trump's policy on the Russia-Ukraine war",
        "Inconsistency and volatility",
        "Domestic and external actors",
        "Possible scenarios",
        "Notes",
    ]
    assert any("The Wall Street Journal" in body for body in html(app))


def test_question_text_is_escaped(app: AppTest) -> None:
    ask(app, "<img src=x onerror=alert(1)> <script>alert(2)</script> who drafted the plan?")
    user = [body for body in html(app) if 'class="ba-user"' in body]
    assert user == [
        '<div class="ba-user">&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt; who drafted the plan?</div>'
    ]
    assert not any("<img" in body or "<script" in body for body in html(app))


def test_first_start_builds_the_index_with_progress(
    built_settings: Settings, fresh_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.index.cache import seed_cache
    from assistant.index.store import IndexPaths
    from ui.web import loading

    # Reuse the session's embedding cache: the build then only writes the store (lean on 2 cores).
    seed_cache(fresh_settings.index_dir, built_settings.index_dir)
    stages: list[str] = []
    real_build = loading.build_index

    def spy(settings: Settings, **kwargs: object) -> object:
        progress = kwargs.pop("progress")
        return real_build(settings, progress=lambda stage, done, total: (stages.append(stage), progress(stage, done, total)), **kwargs)

    monkeypatch.setattr(loading, "build_index", spy)
    _point_env(monkeypatch, fresh_settings, fresh_settings.feedback_db)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert "store" in stages
    assert at.toast and "passages" in at.toast[0].value
    assert IndexPaths(fresh_settings.index_dir).current_build_id()
    assert at.chat_input
