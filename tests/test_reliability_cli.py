"""The command line's contract under bad input: invalid UTF-8 in `chat --jsonl`, an all-failed
stream, `ask --json` failures, `-k` out of range, file modes, damaged PDFs."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from reliability_helpers import ADDED_NOTE, QUESTION, cli, hashing_indexed

from assistant.index.store import IndexPaths
from assistant.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return hashing_indexed(tmp_path / "home")


def _jsonl(*lines: bytes) -> bytes:
    return b"\n".join(lines) + b"\n"


def test_an_invalid_utf8_line_gives_one_error_and_the_stream_goes_on(settings: Settings) -> None:
    first = json.dumps({"conversation": "c1", "question": QUESTION}).encode()
    bad = b'{"conversation": "c1", "question": "Who is \xff\xfe?"}'
    last = json.dumps({"conversation": "c2", "question": "What is the 28-point plan?"}).encode()
    done = cli(settings, "chat", "--jsonl", input=_jsonl(first, bad, last), PYTHONIOENCODING="utf-8")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == 3
    assert replies[0]["question"] == QUESTION and replies[2]["question"] == "What is the 28-point plan?"
    position = bad.index(b"\xff")
    assert replies[1] == {"error": f"invalid UTF-8 at byte {position} of the line; send UTF-8 JSON"}


def test_a_stream_where_every_line_failed_exits_non_zero(settings: Settings) -> None:
    done = cli(settings, "chat", "--jsonl", input=_jsonl(b"not json", b'{"no": "question"}', b"\xff\xff"), PYTHONIOENCODING="utf-8")
    assert done.returncode == 1
    assert [set(json.loads(line)) for line in done.stdout.splitlines()] == [{"error"}] * 3
    one_good = cli(settings, "chat", "--jsonl", input=_jsonl(b"not json", json.dumps({"question": QUESTION}).encode()))
    assert one_good.returncode == 0, "a stream with one answer succeeds"


@pytest.mark.parametrize("k", ["0", "51", "-3"])
def test_top_k_out_of_range_is_one_clear_line(settings: Settings, k: str) -> None:
    message = f"-k/--top-k must be between 1 and 50 (got {k})."
    for command in (["ask", QUESTION], ["chat", "--jsonl"]):
        done = cli(settings, *command, f"--top-k={k}", input=b"")
        assert done.returncode == 1 and done.stderr == f"error: {message}\n", done.stderr
    as_json = cli(settings, "ask", QUESTION, "-k", k, "--json")
    assert as_json.returncode == 1 and json.loads(as_json.stdout) == {"error": message}
    assert cli(settings, "ask", QUESTION, "-k", "50", "--json").returncode == 0


def test_ask_json_prints_the_error_object_on_stdout(settings: Settings) -> None:
    done = cli(settings, "ask", " ", "--json")
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert error and done.stderr == f"error: {error}\n"


def test_ingested_documents_current_and_history_are_0644(settings: Settings, tmp_path: Path) -> None:
    note = tmp_path / "arctic-note.md"
    note.write_text(ADDED_NOTE, encoding="utf-8")
    done = cli(settings, "ingest", str(note))
    assert done.returncode == 0, done.stderr
    paths = IndexPaths(settings.index_dir)
    written = [*(settings.corpus_dir / "documents").iterdir(), settings.corpus_dir / "sources.yaml", paths.current, paths.history]
    assert {path.name.split("-")[0]: stat.S_IMODE(path.stat().st_mode) for path in written} == {
        "arctic": 0o644, "sources.yaml": 0o644, "CURRENT": 0o644, "HISTORY": 0o644,
    }  # fmt: skip


def _reportlab_pdf(path: Path) -> bytes:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 800, "The Danube shipping survey counted barges passing Vukovar in 2025.")
    pdf.showPage()
    pdf.save()
    return path.read_bytes()


def test_damaged_pdfs_give_one_line_and_no_library_warnings(settings: Settings, tmp_path: Path) -> None:
    data = _reportlab_pdf(tmp_path / "survey.pdf")
    damaged = {"truncated.pdf": data[: len(data) * 2 // 3], "no-eof.pdf": data[:-6], "bad-xref.pdf": data.replace(b"xref", b"xrfe")}
    for name, content in damaged.items():
        (tmp_path / name).write_bytes(content)
    targets = [str(tmp_path / name) for name in damaged]
    done = cli(settings, "ingest", *targets)
    lines = done.stderr.strip().splitlines()
    for target in targets:
        assert sum(target in line for line in lines) == 1, f"one line for {target}: {done.stderr}"
    for line in lines:
        assert line.startswith(("error: ", "added ", "index ")), f"a library's own output leaked: {line!r}"
