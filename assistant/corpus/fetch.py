"""Download a URL safely: http(s) only, no private or loopback hosts unless allowed, a size limit and
one deadline for the whole download.

Each hop resolves its host once, checks the addresses, and connects to the checked address itself
(the URL keeps the host name, so the Host header and TLS server name and certificate check are the
name's): a DNS answer that changes between the check and the connection cannot redirect the request.
Every socket operation gets the time left until the deadline as its timeout, so a server that sends
one byte a second cannot stretch the download past it.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from assistant.errors import InputError

USER_AGENT = "BriefAssistant/1.0 (+retrieval assistant over policy briefs)"
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


class _DeadlineExceeded(Exception):
    """The download's deadline passed."""


def fetch_url(url: str, *, timeout_s: float, max_bytes: int, allow_private: bool) -> Fetched:
    """GET `url` within `timeout_s` in all, following redirects hop by hop so every hop passes the same address check."""
    deadline = time.monotonic() + timeout_s
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            address = resolve_allowed(current, allow_private=allow_private, deadline=deadline)
            status, headers, content = _get(current, address, deadline, max_bytes, url)
            if status in REDIRECTS:
                current = urljoin(current, headers.get("location", ""))
                continue
            if status >= 400:
                raise InputError(f"{url}: the server answered HTTP {status}.")
            return Fetched(current, content, headers.get("content-type", ""))
    except (_DeadlineExceeded, httpcore.TimeoutException) as error:
        raise InputError(f"{url}: not downloaded within {timeout_s:g} s (timed out).") from error
    except (httpcore.NetworkError, httpcore.ProtocolError, ssl.SSLError) as error:
        raise InputError(f"{url}: unreachable ({type(error).__name__}).") from error
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects.")


def resolve_allowed(url: str, *, allow_private: bool, deadline: float) -> str:
    """The one address `url`'s host is connected to: refuses non-http(s) schemes and, unless
    allowed, hosts with any private, loopback or otherwise non-global address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https URLs can be ingested.")
    if not parts.hostname:
        raise InputError(f"{url}: the URL has no host.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(parts.hostname, port, deadline, url)
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address).is_global:
                raise InputError(
                    f"{url}: blocked, {parts.hostname} is a private or loopback address (set BRIEF_ALLOW_PRIVATE_URLS=true to allow it)."
                )
    return addresses[0]


def _resolve(host: str, port: int, deadline: float, url: str) -> list[str]:
    """The addresses of `host`, resolved once, within the deadline."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        infos = pool.submit(socket.getaddrinfo, host, port, proto=socket.IPPROTO_TCP).result(timeout=_left(deadline))
    except FutureTimeout as error:
        raise _DeadlineExceeded from error
    except socket.gaierror as error:
        raise InputError(f"{url}: unreachable (host {host} not found).") from error
    finally:
        pool.shutdown(wait=False)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _get(url: str, address: str, deadline: float, max_bytes: int, origin: str) -> tuple[int, dict[str, str], bytes]:
    """One request to `address` (status, headers, body); the body only when it is not a redirect."""
    pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=_PinnedBackend(address, deadline))
    with pool:
        with pool.stream("GET", url, headers=[(b"User-Agent", USER_AGENT.encode()), (b"Accept-Encoding", b"identity")]) as response:
            headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in response.headers}
            if response.status in REDIRECTS or response.status >= 400:
                return response.status, headers, b""
            return response.status, headers, _read_limited(response.iter_stream(), max_bytes, origin)


def _read_limited(stream: Iterable[bytes], max_bytes: int, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in stream:
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: larger than the {max_bytes:,}-byte limit.")
        chunks.append(chunk)
    return b"".join(chunks)


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _DeadlineExceeded
    return left


def _budget(timeout: float | None, deadline: float) -> float:
    left = _left(deadline)
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the time left to the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _budget(timeout, self._deadline))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _budget(timeout, self._deadline))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None) -> _DeadlineStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _budget(timeout, self._deadline)), self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects to the one address that was checked, whatever host the URL names."""

    def __init__(self, address: str, deadline: float) -> None:
        self._address = address
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(self._address, port, _budget(timeout, self._deadline), local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
