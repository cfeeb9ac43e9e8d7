"""Turn a plain-text article (a file or pasted text) into title, date, authors and paragraphs.

Convention for plain text: an optional header block of `Key: value` lines at the
very top, ended by a blank line, gives metadata explicitly:

    Outlet: Example Times          (also: Source, Publication, Site)
    Title: Talks end without deal  (also: Headline)
    Date: 2024-08-15               (also: Published; most date spellings work)
    Author: Jane Doe; John Roe     (also: Authors, By, Byline; ';' or ' and ' separate)
    URL: https://example.com/a     (also: Link)
    Language: en                   (also: Lang)

    First paragraph of the article...

Every line of the block must be one of these keys, or it is not a header. Without
a header the text is read the way people paste articles: a leading date line
("Thursday, August 15, 2024") becomes the publication date, the first line becomes
the title when it looks like one (short, no final period; labels such as
"Flash News:" are stripped; section labels such as "World | Middle East" above it
are dropped), a "By Jane Doe" or "Posted by Jane Doe | date" line near the top gives
the authors, and generic boilerplate (see boilerplate.py, structure.py) is removed.
Paragraphs are separated by blank lines; hard-wrapped lines inside a paragraph are
joined, but the lines of a pasted list (a block that ends no sentence) stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from counterpoint.extract.boilerplate import (
    drop_leading_boilerplate,
    remove_boilerplate,
    strip_title_label,
    trim_menu_runs,
)
from counterpoint.extract.dates import parse_date_line, parse_date_value
from counterpoint.extract.structure import is_section_label, is_strong_label

HEADER_KEYS: dict[str, str] = {
    "outlet": "outlet", "source": "outlet", "publication": "outlet", "site": "outlet",
    "title": "title", "headline": "title",
    "date": "date", "published": "date",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors",
    "url": "url", "link": "url",
    "language": "language", "lang": "language",
}  # fmt: skip
HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(\S.*?)\s*$")
DATE_PREFIX = re.compile(r"^(?:published|posted|updated|last updated|date)(?:\s+on)?\s*:?\s*", re.I)
BYLINE = re.compile(
    r"^(?i:by)\s+((?:[A-Z][\w.'’-]*\s*){1,4}(?:(?:,|and|&)\s*(?:[A-Z][\w.'’-]*\s*){1,4})*)$"
)
POSTED_BY = re.compile(
    r"^(?i:posted|published|written)\s+(?i:by)\s+((?:[A-Z][\w.'’-]*\s*){1,4}?)(?=$|\s*[|,•·]|\s+(?i:at|on)\b)"
)
POSTED_SEGMENTS = re.compile(r"\s*[|•·]\s*|\s+(?i:on)\s+")
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 220
TITLE_BAD_ENDINGS = (".", ",", ";", ":")
CLOSING_MARKS = "\"”’')»]"
ENDS_WITH_ACRONYM = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}$")  # "... the G.O.P."
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
BYLINE_ROLE_WORDS = frozenset(
    {"writer", "reporter", "correspondent", "editor", "staff", "contributor", "columnist",
     "press", "news", "agency", "bureau", "newsroom", "desk", "wire", "reuters", "afp",
     "gazette", "times", "herald", "tribune", "journal", "chronicle", "courier", "daily",
     "weekly", "post", "telegraph", "observer", "echo", "examiner", "magazine", "media"}
)  # fmt: skip
META_SEARCH_PARAGRAPHS = 4  # date / byline lines are looked for this close to the top
WRAP_MIN_CHARS = 50
SENTENCE_END = tuple('.!?:;"”’)»')
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass
class PlainArticle:
    """What plain-text parsing found; `fields` holds the header block's values."""

    fields: dict[str, str]
    title: str | None
    published: date | None
    authors: list[str]
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    named_outlet: str | None = None


def parse_plain_text(text: str) -> PlainArticle:
    """Split plain text into metadata and clean paragraphs."""
    lines = normalise_text(text).split("\n")
    fields, lines = _read_header(lines)
    menus = trim_menu_runs(_paragraphs(lines))
    posted_authors, posted_date = _posted_by(menus.paragraphs)
    leading = drop_leading_boilerplate(menus.paragraphs)
    paragraphs = leading.paragraphs
    labels: list[str] = []

    published = parse_date_value(fields["date"]) if "date" in fields else None
    title = fields.get("title")
    authors = split_authors(fields["authors"]) if "authors" in fields else []

    published_line, paragraphs = _take_date_line(paragraphs)
    published = published or published_line
    paragraphs = _drop_kickers(paragraphs, labels, title_known=title is not None)
    if title is None and len(paragraphs) > 1 and looks_like_title(paragraphs[0]):
        title = strip_title_label(MARKDOWN_HEADING.sub("", paragraphs.pop(0)))
        paragraphs = _drop_kickers(paragraphs, labels, title_known=True)
    if published is None:
        published, paragraphs = _take_date_line(paragraphs)
    byline_authors, paragraphs = _take_byline(paragraphs)
    authors = authors or byline_authors or posted_authors

    cleaned = remove_boilerplate(paragraphs, title)
    return PlainArticle(
        fields=fields,
        title=title,
        published=published or posted_date,
        authors=authors,
        paragraphs=cleaned.paragraphs,
        removed=menus.removed + leading.removed + labels + cleaned.removed,
        named_outlet=cleaned.outlet,
    )


def normalise_text(text: str) -> str:
    """Unify newlines and spaces, drop invisible characters, NFC-normalise."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def looks_like_title(line: str) -> bool:
    """A headline is short, one line and does not end like a sentence."""
    words = line.split()
    return (
        0 < len(words) <= TITLE_MAX_WORDS
        and len(line) <= TITLE_MAX_CHARS
        and (
            not line.rstrip(CLOSING_MARKS).endswith(TITLE_BAD_ENDINGS)
            or bool(ENDS_WITH_ACRONYM.search(line))
        )
        and "\n" not in line
    )


def split_authors(value: str) -> list[str]:
    """'Jane Doe; John Roe' or 'Jane Doe and John Roe' -> two names."""
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.I)
    parts = re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", value)
    return [part.strip() for part in parts if part.strip()]


def _read_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    fields: dict[str, str] = {}
    index = start
    while index < len(lines) and lines[index]:
        match = HEADER_LINE.match(lines[index])
        key = HEADER_KEYS.get(match.group(1).strip().lower()) if match else None
        if match is None or key is None:
            return {}, lines
        fields.setdefault(key, match.group(2))
        index += 1
    if not fields or index >= len(lines):  # a header needs a blank line and a body
        return {}, lines
    return fields, lines[index:]


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; a long line that stops mid-sentence continues.

    A block whose last line ends no sentence is a list (pasted headlines, a byline and
    a reading time, a share bar), not a wrapped paragraph: its lines stay apart unless
    the next one visibly continues the sentence (starts in lower case).
    """
    paragraphs: list[str] = []
    for block in _blocks(lines):
        wrapped = block[-1].endswith(SENTENCE_END)
        current = block[0]
        for line in block[1:]:
            continues = wrapped or line[:1].islower()
            if continues and len(current) >= WRAP_MIN_CHARS and not current.endswith(SENTENCE_END):
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return paragraphs


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-empty lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _take_date_line(paragraphs: list[str]) -> tuple[date | None, list[str]]:
    for index, paragraph in enumerate(paragraphs[:META_SEARCH_PARAGRAPHS]):
        found = parse_date_line(DATE_PREFIX.sub("", paragraph))
        if found:
            return found, paragraphs[:index] + paragraphs[index + 1 :]
    return None, paragraphs


def _drop_kickers(paragraphs: list[str], removed: list[str], title_known: bool) -> list[str]:
    """Drop section / kicker labels ("Business", "World | Middle East") at the top.

    A breadcrumb, an all-capitals or a one-word label always goes; a title-case label
    of a few words ("Middle East") only when the headline is known or follows it, since
    otherwise it may be the headline itself.
    """
    while (
        len(paragraphs) > 1
        and is_section_label(paragraphs[0])
        and BYLINE.match(paragraphs[0]) is None
    ):
        label, following = paragraphs[0], paragraphs[1]
        headline_follows = (
            looks_like_title(following)
            and not is_section_label(following)
            and len(following.split()) > len(label.split())
            and parse_date_line(following) is None
            and BYLINE.match(following) is None
        )
        if not (title_known or is_strong_label(label) or headline_follows):
            break
        removed.append(paragraphs.pop(0).strip())
    return paragraphs


def _posted_by(paragraphs: list[str]) -> tuple[list[str], date | None]:
    """A blog's 'Posted by Jane Doe | June 4, 2026 | ...' line near the top names the
    author and the day (the line itself is removed later as boilerplate)."""
    for paragraph in paragraphs[:META_SEARCH_PARAGRAPHS]:
        match = POSTED_BY.match(paragraph)
        if match:
            segments = POSTED_SEGMENTS.split(paragraph[match.end() :])
            dates = (parse_date_line(DATE_PREFIX.sub("", part.strip())) for part in segments)
            return split_authors(match.group(1)), next((d for d in dates if d), None)
    return [], None


def _take_byline(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    for index, paragraph in enumerate(paragraphs[:META_SEARCH_PARAGRAPHS]):
        match = BYLINE.match(paragraph)
        if match:
            names = split_authors(match.group(1))
            names = names[:1] + [name for name in names[1:] if not _is_role(name)]
            return names, paragraphs[:index] + paragraphs[index + 1 :]
    return [], paragraphs


def _is_role(name: str) -> bool:
    """'Staff Writer', 'Meridian Press', 'Political Correspondent' follow a byline's first
    name after a comma; they are a role or an outlet, not a second author."""
    return any(word.casefold() in BYLINE_ROLE_WORDS for word in name.split())
