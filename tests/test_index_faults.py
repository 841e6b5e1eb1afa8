"""Faults: SIGKILL mid-ingest, readers during a rebuild, and the same index tests against a real Chroma server."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_checks import assert_quotes_in_corpus, stored_collection
from index_helpers import cli_env, run_cli, seeded_settings

from assistant.errors import IndexIncompatibleError
from assistant.facade import Assistant
from assistant.index.build import build_index
from assistant.index.integrity import check_build
from assistant.index.reader import open_index
from assistant.index.store import IndexPaths
from assistant.settings import CHECKOUT, Settings
from assistant.testing.local_servers import running_chroma


def _ingest(settings: Settings, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "assistant", "ingest", *args], env=cli_env(settings), cwd=CHECKOUT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_the_old_index_usable(tmp_path: Path, built_settings: Settings) -> None:
    settings = seeded_settings(tmp_path, built_settings)
    build_index(settings)
    paths = IndexPaths(settings.index_dir)
    seed = int(os.environ.get("CRASH_SEED", random.randrange(10**6)))
    rng = random.Random(seed)
    print(f"crash seed {seed}")
    outcomes = []
    for attempt in range(6):
        if attempt % 2:  # half the runs must embed (no cache): the kill lands in embedding or in the Chroma write
            paths.cache.unlink(missing_ok=True)
        before = paths.current_build_id()
        process = _ingest(settings, "--force")
        delay = rng.uniform(0.5, 9.0)
        time.sleep(delay)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        current = paths.current_build_id()
        assert current is not None, "CURRENT always names a complete build"
        outcomes.append((round(delay, 1), "finished" if finished else "killed", "switched" if current != before else "previous"))
        answer = Assistant(settings).ask("Who is Steve Witkoff?")
        assert not answer.declined and answer.citations, f"index unusable after kill at {delay:.1f}s (seed {seed})"
        assert stored_collection(settings).count() == open_index(settings).manifest.chunks
    print("kill outcomes (delay s, process, active build):", outcomes)
    assert any(state == "killed" for _, state, _ in outcomes), "at least one kill landed mid-ingest"
    done = run_cli(settings, "ingest", "--force")
    assert done.returncode == 0 and "index built" in done.stderr, done.stderr
    builds = [p for p in paths.builds.iterdir() if p.is_dir()]
    assert len(builds) <= 2, "leftovers of killed builds are cleaned by the next complete one"


READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from assistant.facade import Assistant
    from assistant.settings import Settings
    stop = Path(sys.argv[1])
    assistant = Assistant(Settings())
    print("ready", flush=True)
    answered, errors, builds = 0, [], set()
    deadline = time.monotonic() + 150
    while not stop.exists() and time.monotonic() < deadline:
        try:
            answer = assistant.ask("Who is Steve Witkoff?")
            answered += bool(answer.citations)
            builds.add(assistant.index.manifest.build_id)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
    print(json.dumps({"answered": answered, "errors": errors[:5], "builds": sorted(builds)}), flush=True)
    """
)


def test_readers_keep_answering_while_a_writer_rebuilds(tmp_path: Path, built_settings: Settings) -> None:
    settings = seeded_settings(tmp_path, built_settings)
    old = build_index(settings).manifest.build_id
    stop = tmp_path / "stop"
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(stop)], env=cli_env(settings), cwd=CHECKOUT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        for reader in readers:
            assert reader.stdout and reader.stdout.readline().strip() == "ready", reader.stderr.read() if reader.stderr else ""
        writer = _ingest(settings, "--force")
        second = _ingest(settings, "--force")  # a second writer at the same time: at most one builds
        out, err = writer.communicate(timeout=120)
        out2, err2 = second.communicate(timeout=120)
        codes = sorted([writer.returncode, second.returncode])
        assert codes[0] == 0, err + err2
        if codes[1]:
            assert "Another ingest is writing the index" in (err + err2)
        time.sleep(1.0)  # let readers ask a few questions of the new build
        stop.touch()
        results = []
        for reader in readers:
            out, err = reader.communicate(timeout=60)
            assert reader.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        stop.touch()
        for process in readers:
            if process.poll() is None:
                process.kill()
    new = IndexPaths(settings.index_dir).current_build_id()
    assert new != old
    for result in results:
        assert result["errors"] == [] and result["answered"] > 0, result
        assert new in result["builds"], "readers switch to the new build without restarting"
    print("reader results:", results)


# -- server mode: a real `chroma run` ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with running_chroma(tmp_path_factory.mktemp("chroma-server")) as (port, _):
        yield port


@pytest.mark.server
def test_server_mode_build_and_answer(tmp_path: Path, built_settings: Settings, chroma_server: int) -> None:
    import chromadb

    settings = seeded_settings(tmp_path, built_settings, chroma_host="127.0.0.1", chroma_port=chroma_server)
    first = build_index(settings)
    embedded = open_index(built_settings).manifest
    assert first.manifest.mode == "server" and first.manifest.chunks == embedded.chunks
    assert build_index(settings).up_to_date, "a second build embeds nothing"
    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    assert client.get_collection(first.manifest.collection).count() == embedded.chunks
    answer = Assistant(settings).ask("Who is Steve Witkoff?")
    assert not answer.declined and any("Witkoff" in c.quote for c in answer.citations)
    assert_quotes_in_corpus(answer.citations, settings)
    assert Assistant(settings).ask("What is the recipe for Neapolitan pizza?").declined
    rebuilt = build_index(settings, force=True)
    names = {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}
    assert rebuilt.manifest.collection in names and len([n for n in names if n.startswith("brief-")]) <= 2
    paths = IndexPaths(settings.index_dir)
    assert check_build(settings, paths, rebuilt.manifest.build_id, deep=True).ok
    collection = client.get_collection(rebuilt.manifest.collection)
    collection.delete(ids=collection.get(limit=1)["ids"])
    assert check_build(settings, paths, rebuilt.manifest.build_id, deep=True).problems == [
        f"the Chroma collection holds {embedded.chunks - 1} chunks, the manifest says {embedded.chunks}"
    ]
    with pytest.raises(IndexIncompatibleError, match="server Chroma"):
        open_index(settings.model_copy(update={"chroma_host": None}))
