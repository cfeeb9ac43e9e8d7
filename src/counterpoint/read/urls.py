"""URL reader: fetch one web page politely and safely.

Polite: a real user agent, robots.txt obeyed, timeouts. Safe: only http(s); hosts
that resolve to private, loopback, link-local or reserved addresses are refused
(unless options.allow_private_urls), checked again on every redirect hop; bodies
larger than options.max_bytes are refused rather than truncated. A URL that turns
out to be an RSS / Atom feed is handed to the feed reader.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import certifi
import httpcore
import httpx

from counterpoint.read import ReadOptions
from counterpoint.records import RawItem, ReadProblem

MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


class FetchError(Exception):
    """A URL that cannot be used; the message is the reason shown to the user."""


class Unreachable(FetchError):
    """The host could not be found, reached or read in time (a network failure, not a
    refusal): behind a proxy, the message says the proxy is not used."""


PROXY_VARIABLES = ("https_proxy", "http_proxy", "all_proxy")


def proxy_note(url: str) -> str:
    """Why a fetch may fail behind a proxy, when one is configured ('' when none is).

    Environment proxies are deliberately not used: the address checks (deny list, DNS
    pinning) hold only for a connection this process makes to the address it checked;
    a proxy resolves the name again itself and reaches wherever it can, including the
    private networks and metadata addresses the checks refuse. httpx cannot make a proxy
    connect to the checked address and still verify the certificate against the name."""
    scheme = urlsplit(url).scheme
    names = [n for n in PROXY_VARIABLES if n in (f"{scheme}_proxy", "all_proxy")]
    configured = [n.upper() for n in names if os.environ.get(n) or os.environ.get(n.upper())]
    if not configured:
        return ""
    return (
        f" ({configured[0]} is set but not used: a proxy would resolve and reach hosts past the "
        "address checks; fetch the page another way and give counterpoint the file)"
    )


@dataclass(frozen=True)
class Fetched:
    """A fetched body with where it finally came from and what it claims to be."""

    url: str
    data: bytes
    content_type: str


def accepts(spec: str, options: ReadOptions) -> bool:
    """Anything that starts with http:// or https://."""
    return spec.lower().startswith(("http://", "https://"))


# IANA special-purpose registries (IPv4 and IPv6): nothing here is a news site.
# Python's is_private misses some (100.64.0.0/10 holds 100.100.100.200, a cloud
# metadata address), so the list is explicit; `address_problem` also unwraps IPv6
# forms that carry an IPv4 address (mapped, compatible, 6to4, NAT64, Teredo).
DENIED_NETWORKS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "'this network'"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "shared address space (carrier NAT, cloud metadata)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local (cloud metadata)"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation (TEST-NET-1)"),
    ("192.31.196.0/24", "AS112"),
    ("192.52.193.0/24", "AMT"),
    ("192.88.99.0/24", "6to4 relay anycast"),
    ("192.168.0.0/16", "private"),
    ("192.175.48.0/24", "AS112 direct delegation"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation (TEST-NET-2)"),
    ("203.0.113.0/24", "documentation (TEST-NET-3)"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
    ("255.255.255.255/32", "limited broadcast"),
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("100::/64", "discard-only"),
    ("2001::/23", "IETF protocol assignments (Teredo, ORCHID, ...)"),
    ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing (SRv6)"),
    ("fc00::/7", "unique local (private)"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
)
_DENIED = tuple((ipaddress.ip_network(net), name) for net, name in DENIED_NETWORKS)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries: mapped, compatible, 6to4, NAT64, Teredo."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    value = int(address)
    if value >> 32 == 0 and value > 1:
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)  # ::a.b.c.d (IPv4-compatible)
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in ipaddress.ip_network("::ffff:0:0:0/96"):  # IPv4-translated (SIIT)
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress) -> str | None:
    """Why a resolved address may not be fetched (a special-purpose range), or None."""
    if isinstance(address, ipaddress.IPv6Address) and address.teredo is None:
        inner = _embedded_ipv4(address)
        if inner is not None:  # these forms are as good as the IPv4 address they carry
            problem = address_problem(inner)
            return None if problem is None else f"{problem}, carried in {address}"
    for network, name in _DENIED:
        if address.version == network.version and address in network:
            return f"{name} ({network})"
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    ):
        return "private or reserved"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unreachable(f"host not found: {host} ({exc})") from exc
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def check_address(url: str, options: ReadOptions) -> list[str]:
    """Refuse non-http(s) URLs and hosts with any address in a denied range; return the
    checked addresses, which the fetch then connects to (no second lookup to rebind)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    addresses = resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    if not addresses:
        raise FetchError(f"host not found: {parts.hostname}")
    if options.allow_private_urls:
        return addresses
    for text in addresses:
        problem = address_problem(ipaddress.ip_address(text))
        if problem is not None:
            raise FetchError(
                f"refused: {parts.hostname} is a private or local address "
                f"({text}: {problem}); allow it with allow_private_urls"
            )
    return addresses


class DeadlinePassed(httpcore.ReadTimeout):
    """The fetch as a whole ran past its deadline."""


class _GuardedStream(httpcore.NetworkStream):
    """A connection whose every read and write is bounded by the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wrapped = self._stream.start_tls(
            ssl_context, server_hostname, self._backend.bounded(timeout)
        )
        return _GuardedStream(wrapped, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses `check_address` approved for a host (DNS pinning:
    TLS SNI and the Host header keep the name), within an overall deadline."""

    def __init__(self, deadline: float) -> None:
        self.deadline_seconds = deadline
        self.deadline = time.monotonic() + deadline
        self.pins: dict[str, list[str]] = {}
        self._inner = httpcore.SyncBackend()

    def bounded(self, timeout: float | None) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlinePassed(f"the whole fetch took over {self.deadline_seconds:g}s")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.pins.get(host.strip("[]"))
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        error: Exception | None = None
        for address in addresses:  # like socket.create_connection, over checked addresses
            try:
                stream = self._inner.connect_tcp(
                    address, port, self.bounded(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _GuardedStream(stream, self)
        raise error or httpcore.ConnectError(f"could not connect to {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _get(
    client: httpx.Client, url: str, options: ReadOptions, checked: Sequence[str] = ()
) -> Fetched:
    """GET with manual redirects (each hop re-checked and pinned) and a streaming size cap;
    `checked`: the addresses the first hop's host was already checked at."""
    backend: GuardedBackend = client._counterpoint_backend  # type: ignore[attr-defined]
    for _ in range(MAX_REDIRECTS + 1):
        host = urlsplit(url).hostname or ""
        backend.pins[host] = list(checked) or check_address(url, options)
        checked = ()
        with client.stream("GET", url) as response:
            if response.is_redirect and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} from {url}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(f"larger than {options.max_bytes} bytes: {url}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > options.max_bytes:
                    raise FetchError(f"larger than {options.max_bytes} bytes: {url}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip()
            return Fetched(url=url, data=bytes(body), content_type=content_type.lower())
    raise FetchError(f"too many redirects from {url}")


def _client(options: ReadOptions) -> httpx.Client:
    """A client that connects only where check_address said, within options.url_deadline.

    Environment proxies are not used (see `proxy_note`)."""
    backend = GuardedBackend(options.url_deadline)
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl.create_default_context(cafile=certifi.where()),
        network_backend=backend,
        max_connections=4,
    )
    client = httpx.Client(
        timeout=options.url_timeout,
        follow_redirects=False,
        headers={"User-Agent": options.user_agent},
        transport=transport,
        trust_env=False,
    )
    client._counterpoint_backend = backend  # type: ignore[attr-defined]
    return client


@lru_cache(maxsize=256)
def _robots(
    origin: str,
    user_agent: str,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
    deadline: float = 20.0,
    checked: tuple[str, ...] = (),
) -> RobotFileParser | None:
    """robots.txt of a site (None when there is none: everything allowed)."""
    options = ReadOptions(
        allow_private_urls=allow_private,
        url_timeout=timeout,
        url_deadline=deadline,
        user_agent=user_agent,
        max_bytes=min(max_bytes, 512 * 1024),
    )
    try:
        with _client(options) as client:
            fetched = _get(client, origin + "/robots.txt", options, checked)
    except (FetchError, httpx.HTTPError):
        return None
    parser = RobotFileParser()
    parser.parse(fetched.data.decode("utf-8", "replace").splitlines())
    return parser


def allowed_by_robots(url: str, options: ReadOptions, checked: Sequence[str] = ()) -> bool:
    """True when the site's robots.txt lets our user agent fetch this URL."""
    parts = urlsplit(url)
    parser = _robots(
        f"{parts.scheme}://{parts.netloc}",
        options.user_agent,
        options.allow_private_urls,
        options.url_timeout,
        options.max_bytes,
        min(options.url_timeout, options.url_deadline),
        tuple(checked),
    )
    return parser is None or parser.can_fetch(options.user_agent, url)


def fetch(url: str, options: ReadOptions) -> Fetched:
    """Fetch a URL with every check above; raises FetchError with a reason."""
    try:
        return _fetch(url, options)
    except Unreachable as exc:
        note = proxy_note(url)
        if not note:
            raise
        raise Unreachable(f"{exc}{note}") from exc


def _fetch(url: str, options: ReadOptions) -> Fetched:
    checked = check_address(url, options)  # the one lookup: robots and page connect here
    if not allowed_by_robots(url, options, checked):
        raise FetchError(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
    started = time.monotonic()
    try:
        with _client(options) as client:
            return _get(client, url, options, checked)
    except httpx.TimeoutException as exc:
        if time.monotonic() - started >= options.url_deadline - 0.1:
            raise Unreachable(
                f"gave up: the whole fetch took over the {options.url_deadline:g}s deadline "
                f"(url_deadline): {url}"
            ) from exc
        raise Unreachable(f"timed out after {options.url_timeout}s: {url}") from exc
    except (httpx.ConnectError, httpx.NetworkError) as exc:
        raise Unreachable(f"could not fetch {url}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch {url}: {exc}") from exc


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """RSS / Atom / RDF by declared type or by the first kilobyte."""
    head = data[:1024].lstrip().lower()
    if content_type in FEED_TYPES[:3]:
        return True
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _as_item(
    fetched: Fetched, origin: str, hints: dict[str, str] | None = None
) -> RawItem | ReadProblem:
    kind = fetched.content_type
    if kind in HTML_TYPES or (not kind and b"<html" in fetched.data[:2048].lower()):
        media: Literal["html", "text"] = "html"
    elif kind.startswith("text/plain"):
        media = "text"
    else:
        return ReadProblem(origin=origin, reason=f"not a web page or feed ({kind or 'unknown'})")
    return RawItem(
        origin=origin,
        data=fetched.data,
        media_type=media,
        url=fetched.url,
        hints={"url": fetched.url, **(hints or {})},
    )


def page_item(
    url: str, options: ReadOptions, hints: dict[str, str] | None = None, origin: str | None = None
) -> RawItem | ReadProblem:
    """Fetch one article page as a RawItem (or the reason it can't be one)."""
    try:
        fetched = fetch(url, options)
    except FetchError as exc:
        return ReadProblem(origin=origin or url, reason=str(exc))
    return _as_item(fetched, origin or url, hints)


def read(spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    """One page; a feed URL yields the feed's articles."""
    try:
        fetched = fetch(spec, options)
    except FetchError as exc:
        yield ReadProblem(origin=spec, reason=str(exc))
        return
    if looks_like_feed(fetched.data, fetched.content_type):
        from counterpoint.read.feeds import items_from_feed

        yield from items_from_feed(fetched.data, spec, options)
        return
    yield _as_item(fetched, spec)
