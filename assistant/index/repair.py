"""`index repair`: switch back to the last good build, or rebuild, when the active build is broken."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus.library import corpus_digest, write_atomic
from assistant.errors import IndexIncompatibleError
from assistant.index.build import Notify, Progress, build_locked, finish_commit, record_switch, writer_lock
from assistant.index.integrity import check_build
from assistant.index.reader import check_compatible
from assistant.index.store import IndexPaths
from assistant.settings import Settings


@dataclass(frozen=True)
class Repair:
    """What `repair_index` did: "none", "switched" or "rebuilt", to which build, and why."""

    action: str
    build_id: str
    problem: str = ""


def repair_index(settings: Settings, *, progress: Progress, notify: Notify) -> Repair:
    """Leave a build that passes every check (checksums included) as it is; otherwise switch to the
    newest earlier build that passes them and indexes the corpus as it is now, or rebuild (which
    embeds only text missing from the cache)."""
    paths = IndexPaths(settings.index_dir)
    with writer_lock(paths):
        current = paths.current_name()
        problem = f"{paths.current} does not name a build"
        if current is not None:
            check = check_build(settings, paths, current, deep=True)
            if check.ok:
                finish_commit(settings, paths)
                return Repair("none", current)
            problem = f"build {current}: {check.summary()}"
        digest = corpus_digest(settings)
        for candidate in paths.committed():
            if candidate != current and _usable(settings, paths, candidate, digest):
                write_atomic(paths.current, candidate)
                record_switch(paths, candidate)
                return Repair("switched", candidate, problem)
        result = build_locked(settings, paths, force=True, progress=progress, notify=notify)
        return Repair("rebuilt", result.manifest.build_id, problem)


def _usable(settings: Settings, paths: IndexPaths, build_id: str, digest: str) -> bool:
    check = check_build(settings, paths, build_id, deep=True)
    if not check.ok or check.manifest is None or check.manifest.corpus_digest != digest:
        return False
    try:
        check_compatible(check.manifest, settings)
    except IndexIncompatibleError:
        return False
    return True
