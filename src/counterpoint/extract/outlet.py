"""Name the outlet an article comes from, the label readers see next to every claim.

Why an order of preference: a feed or JSONL line that names its source knows best,
then the page's own site name (or a line where the site names itself, "X strives
to bring its readers..."), then the web domain, then (for local files) the file
name, so every article gets some stable, human-readable label.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

HOST_PREFIXES = re.compile(r"^(?:www\d?|m|mobile|amp|edition|beta)\.")
UNKNOWN_OUTLET = "unknown"


def outlet_name(
    hint: str | None,
    sitename: str | None,
    url: str | None,
    origin: str | None,
    named_in_text: str | None = None,
) -> str:
    """Pick the outlet label: hint > site name > the name the text gives itself (a
    site-mission line) > pretty domain > file-name stem."""
    candidates = (
        hint,
        _clean_sitename(sitename),
        named_in_text,
        pretty_domain(url),
        file_stem(origin),
    )
    for candidate in candidates:
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return UNKNOWN_OUTLET


def pretty_domain(url: str | None) -> str | None:
    """'https://www.example.co.uk/a/b' -> 'example.co.uk'."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return HOST_PREFIXES.sub("", host) or None


def file_stem(origin: str | None) -> str | None:
    """'/data/bbc-story.html' -> 'bbc-story' (local files only, not URLs)."""
    if not origin or "://" in origin:
        return None
    path = origin.split("#", 1)[0]
    stem = PurePath(path).stem
    return stem or None


def _clean_sitename(sitename: str | None) -> str | None:
    if not sitename:
        return None
    name = sitename.strip().lstrip("@").strip()
    return name or None
