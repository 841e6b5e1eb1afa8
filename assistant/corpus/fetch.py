"""Download a URL safely: http(s) only, no private or loopback hosts unless allowed, size and time limits."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from assistant.errors import InputError

USER_AGENT = "BriefAssistant/1.0 (+retrieval assistant over an OSW policy brief)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


def fetch_url(url: str, *, timeout_s: float, max_bytes: int, allow_private: bool) -> Fetched:
    """GET `url`, following redirects hop by hop so every hop passes the same address check."""
    current = url
    with httpx.Client(timeout=timeout_s, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url_allowed(current, allow_private=allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise InputError(f"{url}: the server answered HTTP {response.status_code}.")
                    content = _read_limited(response, max_bytes, url)
                    return Fetched(str(response.url), content, response.headers.get("content-type", ""))
            except httpx.TimeoutException as error:
                raise InputError(f"{url}: no answer within {timeout_s:g} s (timed out).") from error
            except httpx.HTTPError as error:
                raise InputError(f"{url}: unreachable ({type(error).__name__}).") from error
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects.")


def check_url_allowed(url: str, *, allow_private: bool) -> None:
    """Refuse non-http(s) schemes and, unless allowed, hosts that resolve to private addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https URLs can be ingested.")
    if not parts.hostname:
        raise InputError(f"{url}: the URL has no host.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise InputError(f"{url}: unreachable (host {parts.hostname} not found).") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(
                f"{url}: blocked, {parts.hostname} is a private or loopback address (set BRIEF_ALLOW_PRIVATE_URLS=true to allow it)."
            )


def _read_limited(response: httpx.Response, max_bytes: int, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: larger than the {max_bytes:,}-byte limit.")
        chunks.append(chunk)
    return b"".join(chunks)
