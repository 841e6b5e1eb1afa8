"""Load the Assistant once per server process; build the index first, with progress, when there is none.

The page is a reader: it never takes the write lock otherwise, and answers from whatever build is
active, showing the index's warnings (a fallback build, a corpus changed since the build)."""

from __future__ import annotations

import time

import streamlit as st

from assistant.corpus.document import SourceDocument
from assistant.corpus.library import load_corpus
from assistant.errors import IndexLockedError, IndexMissingError
from assistant.facade import Assistant
from assistant.index.build import build_index
from assistant.index.store import IndexPaths
from assistant.settings import Settings
from ui.web import messages

WAIT_FOR_OTHER_BUILD_S = 600


def settings_from_env() -> Settings:
    """Settings from `BRIEF_*` environment variables and `.env` (e.g. BRIEF_INDEX_DIR, BRIEF_FEEDBACK_DB)."""
    return Settings()


def _key(settings: Settings) -> str:
    return settings.model_dump_json()


@st.cache_resource(show_spinner="Loading the model and the index…")
def _open_assistant(key: str, _settings: Settings) -> Assistant:
    """One Assistant per distinct settings, shared by every browser session of this server."""
    return Assistant(_settings)


@st.cache_resource
def _documents(key: str, _settings: Settings) -> dict[str, SourceDocument]:
    return {document.id: document for document in load_corpus(_settings)}


def documents(settings: Settings) -> dict[str, SourceDocument]:
    """The cleaned documents the index was built from (chunk offsets index into their text)."""
    return _documents(_key(settings), settings)


def get_assistant(settings: Settings) -> Assistant:
    """The shared Assistant; on a fresh machine, build the index first with a visible progress bar."""
    try:
        assistant = _open_assistant(_key(settings), settings)
    except IndexMissingError:
        _build_with_progress(settings)
        assistant = _open_assistant(_key(settings), settings)
    for warning in assistant.index.warnings:
        st.warning(warning)
    return assistant


def _build_with_progress(settings: Settings) -> None:
    box = st.empty()
    with box.container():
        st.info(messages.BUILDING_INDEX)
        bar = st.progress(0.0, text=messages.BUILD_STAGES["model"] + "…")

        def progress(stage: str, done: int, total: int) -> None:
            label = messages.BUILD_STAGES.get(stage, stage)
            bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{label}: {done}/{total}")

        try:
            result = build_index(settings, progress=progress)
        except IndexLockedError:
            _wait_for_other_build(settings, bar)
            result = None
    box.empty()
    if result is not None:
        st.toast(messages.INDEX_READY.format(chunks=result.manifest.chunks, seconds=result.manifest.seconds), icon=":material/check:")


def _wait_for_other_build(settings: Settings, bar: st.delta_generator.DeltaGenerator) -> None:
    """Another session or `make index` holds the write lock: wait for its build to be switched on."""
    paths = IndexPaths(settings.index_dir)
    waited = 0
    while paths.current_build_id() is None and waited < WAIT_FOR_OTHER_BUILD_S:
        bar.progress((waited % 60) / 60, text=messages.INDEX_BUSY)
        time.sleep(1)
        waited += 1
    if paths.current_build_id() is None:
        st.warning(messages.INDEX_BUSY_TIMEOUT)
        st.stop()
