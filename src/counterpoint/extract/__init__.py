"""Extract stage: RawItem -> Article (clean text, title, date, authors, outlet, language).

`extract` is the one entry point. HTML goes through trafilatura (html.py), plain
text through a header/date-line/title reader (plaintext.py); both share the generic
boilerplate rules (boilerplate.py + boilerplate_rules.json). Metadata the container
already knows (RawItem.hints) wins over what is guessed from the document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from counterpoint.extract.dates import parse_date_value
from counterpoint.extract.errors import ExtractionError
from counterpoint.extract.html import parse_html
from counterpoint.extract.language import detect_language
from counterpoint.extract.outlet import outlet_name
from counterpoint.extract.plaintext import parse_plain_text, split_authors
from counterpoint.read.files import decode_bytes
from counterpoint.records import Article, RawItem

__all__ = ["ExtractionError", "article_id", "extract"]

MIN_TEXT_CHARS = 25
MIN_TEXT_WORDS = 4


@dataclass
class _Parsed:
    """Both parsers' results in one shape, before hints are applied."""

    paragraphs: list[str]
    title: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    language: str | None = None  # declared explicitly: wins over detection
    page_language: str | None = None  # a page's lang attribute: used when detection fails
    removed: list[str] = field(default_factory=list)
    named_outlet: str | None = None  # the name a site-mission line gives


def extract(item: RawItem) -> Article:
    """Clean article text and metadata from one input; ExtractionError when none is usable."""
    parsed = _parse_html(item) if item.media_type == "html" else _parse_text(item)
    text = "\n\n".join(parsed.paragraphs).strip()
    if len(text) < MIN_TEXT_CHARS or len(text.split()) < MIN_TEXT_WORDS:
        raise ExtractionError("no article text found" if not text else "article text too short")
    hints = {key.lower(): value for key, value in item.hints.items() if value and value.strip()}
    url = item.url or hints.get("url") or parsed.url
    title = hints.get("title") or parsed.title
    published = _hinted_date(hints.get("date") or hints.get("published")) or parsed.published
    hinted_authors = hints.get("authors") or hints.get("author")
    authors = split_authors(hinted_authors) if hinted_authors else parsed.authors
    outlet = outlet_name(
        hints.get("source") or hints.get("outlet"),
        parsed.sitename,
        url,
        item.origin,
        named_in_text=parsed.named_outlet,
    )
    language = (
        hints.get("language")
        or hints.get("lang")
        or parsed.language
        or detect_language(text)
        or parsed.page_language
    )
    return Article(
        id=article_id(outlet, title, text),
        origin=item.origin,
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        authors=authors,
        language=language,
        text=text,
        removed=parsed.removed,
    )


def article_id(outlet: str, title: str | None, text: str) -> str:
    """Stable id: sha256 of normalised outlet + title + text (first 16 hex), so re-ingesting
    the same article is a no-op whatever its whitespace or case."""
    key = "\x1f".join(_normalise(part) for part in (outlet, title or "", text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _parse_html(item: RawItem) -> _Parsed:
    try:
        page = parse_html(item.data, item.url)
    except Exception as exc:  # trafilatura/lxml fail on some malformed pages
        raise ExtractionError(f"HTML could not be parsed: {exc}") from exc
    return _Parsed(
        paragraphs=page.paragraphs,
        title=page.title,
        published=page.published,
        authors=page.authors,
        sitename=page.sitename,
        url=page.url,
        page_language=page.page_language,
        removed=page.removed,
        named_outlet=page.named_outlet,
    )


def _parse_text(item: RawItem) -> _Parsed:
    decoded = decode_bytes(item.data)
    if decoded is None:
        raise ExtractionError("text could not be decoded")
    doc = parse_plain_text(decoded)
    return _Parsed(
        paragraphs=doc.paragraphs,
        title=doc.title,
        published=doc.published,
        authors=doc.authors,
        sitename=doc.fields.get("outlet"),
        url=doc.fields.get("url"),
        language=doc.fields.get("language"),
        removed=doc.removed,
        named_outlet=doc.named_outlet,
    )


def _hinted_date(value: str | None) -> date | None:
    return parse_date_value(value) if value else None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()
