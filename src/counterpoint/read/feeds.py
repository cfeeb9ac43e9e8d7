"""RSS / Atom feed reader: each entry becomes an article.

When the feed carries the full text (content:encoded, Atom content) we use it and
save a fetch; otherwise the entry's link is fetched through the URL reader, with
all its safety checks. The entry's title, date, author and the feed's title travel
as hints, which extraction trusts over its own guesses.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from counterpoint.read import ReadOptions
from counterpoint.records import RawItem, ReadProblem

SUFFIXES = (".rss", ".atom", ".xml", ".feed")
# Feeds often carry a teaser; below this much text we fetch the linked page instead.
FULL_TEXT_CHARS = 600
_TAG = re.compile(r"<[^>]+>")


def accepts(spec: str, options: ReadOptions) -> bool:
    """A local file that is an RSS / Atom / RDF feed (URLs go through the URL reader)."""
    from counterpoint.read.urls import looks_like_feed

    path = Path(spec)
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    return looks_like_feed(head) or (path.suffix.lower() in SUFFIXES[:2])


def read(spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    """Yield the feed file's entries."""
    path = Path(spec)
    if path.stat().st_size > options.max_bytes:
        yield ReadProblem(origin=spec, reason=f"feed larger than {options.max_bytes} bytes")
        return
    yield from items_from_feed(path.read_bytes(), spec, options)


def _text_length(html: str) -> int:
    return len(_TAG.sub(" ", html).split()) * 6


def _entry_hints(entry: Any, feed_title: str | None) -> dict[str, str]:
    hints: dict[str, str] = {}
    if entry.get("title"):
        hints["title"] = str(entry["title"])
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        hints["date"] = time.strftime("%Y-%m-%d", parsed)
    authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
    if authors:
        hints["authors"] = "; ".join(authors)
    if feed_title:
        hints["source"] = feed_title
    if entry.get("link"):
        hints["url"] = str(entry["link"])
    return hints


def _full_text(entry: Any) -> str | None:
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    best = max(bodies, key=_text_length, default="")
    return best if _text_length(best) >= FULL_TEXT_CHARS else None


def items_from_feed(
    data: bytes, spec: str, options: ReadOptions
) -> Iterator[RawItem | ReadProblem]:
    """Entries of a parsed feed as items: full text when carried, else the fetched link."""
    from counterpoint.read.urls import page_item

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = f"not a readable feed: {parsed.get('bozo_exception')}"
        yield ReadProblem(origin=spec, reason=reason)
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        hints = _entry_hints(entry, feed_title)
        link = hints.get("url")
        origin = link or f"{spec}#entry{number}"
        body = _full_text(entry)
        if body is not None:
            html = f"<html><body><article>{body}</article></body></html>".encode()
            yield RawItem(origin=origin, data=html, media_type="html", url=link, hints=hints)
        elif link:
            yield page_item(link, options, hints=hints, origin=origin)
        else:
            yield ReadProblem(origin=origin, reason="feed entry has neither full text nor link")
