"""URL ingest: one deadline for the whole download (slow-drip servers), and the connection goes to
the address that passed the check (a DNS answer that changes afterwards is never asked for), with
the host name kept for the Host header and for TLS (server name and certificate check)."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from index_helpers import run_cli

from assistant.corpus.loaders import load_source
from assistant.errors import InputError
from assistant.settings import Settings

PAGE = b"Plain notes about the Vistula floods of 2025 and the dyke repairs near Torun."
DEADLINE_S = 2.0


class _Handler(BaseHTTPRequestHandler):
    """/drip-body: headers at once, then one body byte a second; /drip-headers: one header byte a
    second; /page.txt: a small page. Every request's Host header is recorded."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        self.server.hosts.append(self.headers.get("host"))  # type: ignore[attr-defined]
        try:
            if self.path == "/drip-body":
                self.wfile.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 600\r\n\r\n")
                self._drip(b"x" * 600)
            elif self.path == "/drip-headers":
                self._drip(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-padding: " + b"y" * 600 + b"\r\n\r\n")
            else:
                self.wfile.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: %d\r\n\r\n%s" % (len(PAGE), PAGE))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(1.0)


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.hosts = []  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _port(server: ThreadingHTTPServer) -> int:
    return int(server.server_address[1])


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_slow_drip_download_ends_at_the_deadline(fresh_settings: Settings, server: ThreadingHTTPServer, path: str) -> None:
    settings = fresh_settings.model_copy(update={"allow_private_urls": True, "fetch_timeout_s": DEADLINE_S})
    started = time.monotonic()
    with pytest.raises(InputError) as error:
        load_source(f"http://127.0.0.1:{_port(server)}{path}", settings)
    elapsed = time.monotonic() - started
    assert "timed out" in str(error.value) and f"within {DEADLINE_S:g} s" in str(error.value)
    assert elapsed < DEADLINE_S + 1.0, f"the download ran {elapsed:.1f} s past a {DEADLINE_S} s deadline"


def test_ingest_of_a_slow_drip_url_ends_at_the_deadline(fresh_settings: Settings, server: ThreadingHTTPServer, tmp_path: Path) -> None:
    """The whole command: its own start-up time is measured separately and left out."""
    url = f"http://127.0.0.1:{_port(server)}/drip-body"
    started = time.monotonic()
    baseline = run_cli(fresh_settings, "ingest", "--help")
    startup = time.monotonic() - started
    assert baseline.returncode == 0
    started = time.monotonic()
    done = run_cli(fresh_settings, "ingest", url, BRIEF_FETCH_TIMEOUT_S="3", BRIEF_ALLOW_PRIVATE_URLS="true")
    elapsed = time.monotonic() - started
    assert done.returncode == 1 and done.stderr.strip() == f"error: {url}: not downloaded within 3 s (timed out)."
    assert elapsed - startup < 3 + 1.0, f"ingest took {elapsed:.1f} s (start-up {startup:.1f} s) with a 3 s deadline"


def rebinding_dns(monkeypatch: pytest.MonkeyPatch, answers: list[str | None], port: int) -> list[str]:
    """Make `rebind.test` resolve to `answers[0]` at the first lookup and to `answers[1]` at every later
    one (None: the name no longer resolves); other names resolve as usual. Returns the lookups made."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: str, *args: object, **kwargs: object) -> object:
        if host != "rebind.test":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        lookups.append(host)
        address = answers[min(len(lookups), 2) - 1]
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    return lookups


def test_the_connection_goes_to_the_checked_address(
    fresh_settings: Settings, server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A host name answers once with the test server's address and then not at all: the page is
    fetched from that address, with the name in the Host header, after one DNS lookup."""
    lookups = rebinding_dns(monkeypatch, ["127.0.0.1", None], _port(server))
    settings = fresh_settings.model_copy(update={"allow_private_urls": True, "fetch_timeout_s": 5.0})
    server.hosts.clear()  # type: ignore[attr-defined]
    loaded = load_source(f"http://rebind.test:{_port(server)}/page.txt", settings)
    assert loaded.markdown == PAGE.decode() and loaded.url == f"http://rebind.test:{_port(server)}/page.txt"
    assert lookups == ["rebind.test"], "the host was resolved once, for the check"
    assert server.hosts == [f"rebind.test:{_port(server)}"]  # type: ignore[attr-defined]


def test_a_name_that_passes_the_check_cannot_be_rebound_to_loopback(
    fresh_settings: Settings, server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first answer is a public address (it passes the check), every later one the loopback test
    server: the request goes to the public address (unreachable here), never to loopback."""
    lookups = rebinding_dns(monkeypatch, ["93.184.215.14", "127.0.0.1"], _port(server))
    settings = fresh_settings.model_copy(update={"fetch_timeout_s": 2.0})
    server.hosts.clear()  # type: ignore[attr-defined]
    with pytest.raises(InputError, match="unreachable|timed out"):
        load_source(f"http://rebind.test:{_port(server)}/page.txt", settings)
    assert lookups == ["rebind.test"] and server.hosts == [], "nothing reached the loopback server"  # type: ignore[attr-defined]


def _certificates(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """A certificate authority and a server certificate for `name` it signed: (ca.pem, cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Brief Assistant test CA")])

    def certificate(subject: x509.Name, public_key: ec.EllipticCurvePublicKey) -> x509.CertificateBuilder:
        return (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name).public_key(public_key)
                .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(hours=1))
                .not_valid_after(now + timedelta(hours=1)))  # fmt: skip

    ca = certificate(ca_name, ca_key.public_key()).add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    leaf = certificate(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]), key.public_key()).add_extension(
        x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False
    )
    paths = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    paths[0].write_bytes(ca.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(leaf.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


def test_https_keeps_the_host_name_for_the_server_name_and_the_certificate(
    fresh_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The certificate is valid for brief.test only and the connection goes to 127.0.0.1: the download
    succeeds only when the TLS server name and the certificate check use the URL's name."""
    ca, cert, key = _certificates(tmp_path, "brief.test")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server_names: list[str | None] = []
    context.sni_callback = lambda _socket, name, _context: server_names.append(name)  # type: ignore[assignment,func-returns-value]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.hosts = []  # type: ignore[attr-defined]
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    real = socket.getaddrinfo

    def resolve(host: str, *args: object, **kwargs: object) -> object:
        if host == "brief.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", _port(httpd)))]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    settings = fresh_settings.model_copy(update={"allow_private_urls": True, "fetch_timeout_s": 5.0})
    try:
        loaded = load_source(f"https://brief.test:{_port(httpd)}/page.txt", settings)
        assert loaded.markdown == PAGE.decode()
        assert server_names == ["brief.test"] and httpd.hosts == [f"brief.test:{_port(httpd)}"]  # type: ignore[attr-defined]
        with pytest.raises(InputError, match="unreachable"):
            load_source(f"https://127.0.0.1:{_port(httpd)}/page.txt", settings)  # the certificate does not name the address
    finally:
        httpd.shutdown()
        httpd.server_close()
