"""Extract the article body and metadata from an HTML page with trafilatura.

Why these settings: trafilatura's precision mode keeps navigation, teasers and
comment blocks out, while comments are never wanted here; when precision mode
loses most of the page (it sometimes drops a whole body that is split into odd
containers), trafilatura's balanced mode's result is used instead, so no article
paragraph, quotes included, is lost. (Recall mode as the fallback, or filling
holes between precision paragraphs from balanced mode, scored no better on the
extraction benchmark and let more captions and galleries in.) The same generic
boilerplate rules as for plain text then run over the paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import trafilatura
from trafilatura.settings import Document

from counterpoint.extract.boilerplate import remove_boilerplate, strip_title_label
from counterpoint.extract.dates import parse_date_value
from counterpoint.extract.page_meta import declared_metadata

DATE_PARAMS = {"extensive_search": True, "original_date": True}
# Precision output shorter than this share of the balanced output means precision
# mode dropped article text; the balanced output is taken instead. Only pages with
# little precision text are checked twice.
PRECISION_RECHECK_CHARS = 2000
MIN_PRECISION_SHARE = 0.6
HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
# Placeholder strings CMS templates put where an author name belongs.
NOT_AUTHOR_NAMES = frozenset(
    {"username", "user", "admin", "administrator", "author", "authors", "by", "guest",
     "anonymous", "unknown", "staff", "editor", "webmaster", "作者", "authority control"}
)  # fmt: skip
MIN_SITE_PREFIX_CHARS = 5
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")


@dataclass
class HtmlArticle:
    """What the page yields: body paragraphs plus whatever metadata it declares."""

    title: str | None
    published: date | None
    authors: list[str]
    sitename: str | None
    url: str | None
    page_language: str | None
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    named_outlet: str | None = None


def parse_html(data: bytes, url: str | None = None) -> HtmlArticle:
    """Run trafilatura (precision first, balanced as a safety net) and clean the result."""
    precise = _bare(data, url, precision=True)
    text = precise.text if precise and precise.text else ""
    if len(text) < PRECISION_RECHECK_CHARS:
        balanced = _bare(data, url, precision=False)
        balanced_text = balanced.text if balanced and balanced.text else ""
        if len(text) < MIN_PRECISION_SHARE * len(balanced_text):
            text = balanced_text
            precise = precise or balanced
    meta = precise
    declared: dict[str, str] = {}
    if not (meta and meta.sitename and meta.url):
        declared = declared_metadata(data)
    sitename = _clean_sitename((meta.sitename if meta else None) or declared.get("sitename"))
    title = _clean_title(meta.title, sitename) if meta and meta.title else None
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    cleaned = remove_boilerplate(paragraphs, title)
    lang_match = HTML_LANG.search(data[:8192])
    return HtmlArticle(
        title=title,
        published=parse_date_value(meta.date) if meta and meta.date else None,
        authors=_split_authors(meta.author) if meta and meta.author else [],
        sitename=sitename,
        url=url or (meta.url if meta else None) or declared.get("url"),
        page_language=lang_match.group(1).decode().lower() if lang_match else None,
        paragraphs=cleaned.paragraphs,
        removed=cleaned.removed,
        named_outlet=cleaned.outlet,
    )


def _bare(data: bytes, url: str | None, precision: bool) -> Document | None:
    result = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=DATE_PARAMS,
        favor_precision=precision,
    )
    return result if isinstance(result, Document) else None


def _clean_title(title: str, sitename: str | None) -> str:
    """Drop a trailing ' | Site Name' and leading labels like 'Breaking:'."""
    title = " ".join(title.split())
    if sitename:
        site = sitename.strip().lower()
        for separator in TITLE_SEPARATORS:
            head, sep, tail = title.rpartition(separator)
            if sep and head and _same_site(tail.strip().lower(), site):
                title = head.strip()
                break
    return strip_title_label(title)


def _same_site(tail: str, site: str) -> bool:
    """'spiceworks' names the site 'Spiceworks Inc' (a short tail like 'us' names nothing)."""
    return tail == site or (len(tail) >= MIN_SITE_PREFIX_CHARS and site.startswith(tail + " "))


def _split_authors(value: str) -> list[str]:
    """trafilatura joins names with ';'; placeholders like 'Username' are not authors."""
    names = [" ".join(name.split()) for name in value.split(";")]
    return [name for name in names if name and name.casefold() not in NOT_AUTHOR_NAMES]


def _clean_sitename(sitename: str | None) -> str | None:
    """'Example News - Your source for news' -> 'Example News' (drop a tagline)."""
    if not sitename:
        return None
    for separator in TITLE_SEPARATORS:
        head, sep, _tail = sitename.partition(separator)
        if sep and head.strip():
            return head.strip()
    return sitename.strip() or None
