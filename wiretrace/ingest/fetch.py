"""Fetching pages over HTTP politely and safely.

A ``Fetcher`` sends wiretrace's user agent, times out, retries server errors
and timeouts with exponential backoff, waits between requests to the same
host, honours robots.txt, refuses private and loopback addresses (unless told
otherwise), follows redirects itself so every hop is checked, and stops
reading a body at the size limit. Every refusal is a ``FetchError`` with a
reason a person can act on.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from wiretrace import __version__
from wiretrace.errors import ItemError

USER_AGENT = f"wiretrace/{__version__} (+https://github.com/wiretrace/wiretrace; news archiving)"
ROBOTS_AGENT = "wiretrace"
MAX_REDIRECTS = 5
# Seconds between two requests to one host, unless its robots.txt asks for more.
DEFAULT_HOST_DELAY = 1.0


class FetchError(ItemError):
    """A URL could not be fetched; ``retry`` says whether trying later may help."""

    stage = "fetch"

    def __init__(self, reason: str, *, retry: bool = False) -> None:
        super().__init__(reason)
        self.retry = retry


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]


@dataclass
class Fetcher:
    """Polite, bounded HTTP GETs. Not thread-safe: one fetcher per worker."""

    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    host_delay: float = DEFAULT_HOST_DELAY
    allow_private: bool = False
    respect_robots: bool = True
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client = field(init=False, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=self.timeout,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public --------------------------------------------------------------------

    def get(self, url: str, *, headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` with retries; raise ``FetchError`` with the reason when it cannot."""
        attempt = 0
        while True:
            try:
                return self._get_following_redirects(url, headers or {})
            except FetchError as error:
                if not error.retry or attempt >= self.retries:
                    raise
                self.sleep(self.backoff * 2**attempt)
                attempt += 1

    # -- internals -------------------------------------------------------------------

    def _get_following_redirects(self, url: str, headers: dict[str, str]) -> Response:
        for _ in range(MAX_REDIRECTS + 1):
            self._check_allowed(url)
            response = self._get_once(url, headers)
            if response.status in (301, 302, 303, 307, 308) and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            return response
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _check_allowed(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url[:200]}")
        if not self.allow_private:
            _refuse_private(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        if self.respect_robots and not self._robots_allow(url):
            raise FetchError("robots.txt of the site disallows fetching this page")

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        self._wait_for_host(url)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                body = self._read_limited(response)
                result = Response(
                    str(response.url),
                    response.status_code,
                    response.headers.get("content-type", ""),
                    body,
                    {key.lower(): value for key, value in response.headers.items()},
                )
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.timeout:g} s", retry=True) from None
        except httpx.HTTPError as error:
            raise FetchError(f"connection failed ({type(error).__name__}: {error})", retry=True) from None
        if result.status >= 500 or result.status == 429:
            raise FetchError(f"server answered HTTP {result.status}", retry=True)
        if result.status >= 400:
            raise FetchError(f"server answered HTTP {result.status}")
        return result

    def _read_limited(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"body of {int(declared):,} bytes is over the {self.max_bytes:,}-byte limit")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"body is over the {self.max_bytes:,}-byte limit; stopped reading")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = max(self.host_delay, self._crawl_delay(url))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _robots_for(self, url: str) -> RobotFileParser | None:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = None  # while fetching it, and if it cannot be had
            try:
                response = self._get_once(f"{root}/robots.txt", {})
            except FetchError:
                return None  # no robots.txt we can read: nothing is disallowed
            parser = RobotFileParser()
            parser.parse(response.body.decode("utf-8", "replace").splitlines())
            self._robots[root] = parser
        return self._robots[root]

    def _robots_allow(self, url: str) -> bool:
        parser = self._robots_for(url)
        return parser is None or parser.can_fetch(ROBOTS_AGENT, url)

    def _crawl_delay(self, url: str) -> float:
        root = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        parser = self._robots.get(root)
        delay = parser.crawl_delay(ROBOTS_AGENT) if parser else None
        return float(delay or 0)


def _refuse_private(host: str, port: int) -> None:
    """Refuse hosts that resolve to private, loopback, link-local or reserved addresses.

    The check resolves the name before the request; a resolver that answers
    differently a moment later (DNS rebinding) is outside what it can see.
    """
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except socket.gaierror as error:
        raise FetchError(f"cannot resolve host {host!r} ({error.strerror})", retry=True) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise FetchError(
                f"refused: {host} resolves to the non-public address {ip} (use --allow-private to permit)"
            )
