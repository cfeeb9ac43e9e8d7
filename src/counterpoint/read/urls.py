"""URL reader: fetch one web page politely and safely.

Polite: a real user agent, robots.txt obeyed, timeouts. Safe: only http(s); hosts
that resolve to private, loopback, link-local or reserved addresses are refused
(unless options.allow_private_urls), checked again on every redirect hop; bodies
larger than options.max_bytes are refused rather than truncated. A URL that turns
out to be an RSS / Atom feed is handed to the feed reader.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

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


@dataclass(frozen=True)
class Fetched:
    """A fetched body with where it finally came from and what it claims to be."""

    url: str
    data: bytes
    content_type: str


def claims(spec: str, options: ReadOptions) -> bool:
    """Anything that starts with http:// or https://."""
    return spec.lower().startswith(("http://", "https://"))


def check_address(url: str, options: ReadOptions) -> None:
    """Refuse non-http(s) URLs and hosts on private / loopback / link-local networks."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    if options.allow_private_urls:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"host not found: {parts.hostname} ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            raise FetchError(
                f"refused: {parts.hostname} is a private or local address ({address}); "
                "allow it with allow_private_urls"
            )


def _get(client: httpx.Client, url: str, options: ReadOptions) -> Fetched:
    """GET with manual redirects (each hop re-checked) and a streaming size cap."""
    for _ in range(MAX_REDIRECTS + 1):
        check_address(url, options)
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
    return httpx.Client(
        timeout=options.url_timeout,
        follow_redirects=False,
        headers={"User-Agent": options.user_agent},
    )


@lru_cache(maxsize=256)
def _robots(
    origin: str, user_agent: str, allow_private: bool, timeout: float, max_bytes: int
) -> RobotFileParser | None:
    """robots.txt of a site (None when there is none: everything allowed)."""
    options = ReadOptions(
        allow_private_urls=allow_private,
        url_timeout=timeout,
        user_agent=user_agent,
        max_bytes=min(max_bytes, 512 * 1024),
    )
    try:
        with _client(options) as client:
            fetched = _get(client, origin + "/robots.txt", options)
    except (FetchError, httpx.HTTPError):
        return None
    parser = RobotFileParser()
    parser.parse(fetched.data.decode("utf-8", "replace").splitlines())
    return parser


def allowed_by_robots(url: str, options: ReadOptions) -> bool:
    """True when the site's robots.txt lets our user agent fetch this URL."""
    parts = urlsplit(url)
    parser = _robots(
        f"{parts.scheme}://{parts.netloc}",
        options.user_agent,
        options.allow_private_urls,
        options.url_timeout,
        options.max_bytes,
    )
    return parser is None or parser.can_fetch(options.user_agent, url)


def fetch(url: str, options: ReadOptions) -> Fetched:
    """Fetch a URL with every check above; raises FetchError with a reason."""
    check_address(url, options)
    if not allowed_by_robots(url, options):
        raise FetchError(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
    try:
        with _client(options) as client:
            return _get(client, url, options)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {options.url_timeout}s: {url}") from exc
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
