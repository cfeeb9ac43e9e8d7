"""The analysis budget: how much of one article's text is analysed.

The analyses cost more than linearly in length (spaCy alone refuses a text over
1,000,000 characters with error E088, and 200 KB took minutes and 1.4 GB), so one
very long input could crash `compare`, or hold the web desk's model lock for
minutes. Every article is cut, before analysis, to the first `max_chars()`
characters (COUNTERPOINT_MAX_ARTICLE_CHARS), at the last paragraph or sentence end
before the limit. The article keeps its id; `analysed_chars_of` records the length
it had, so the report and the terminal say what was left out (`budget_note`).
"""

from __future__ import annotations

import re

from counterpoint.records import Article

SETTING = "COUNTERPOINT_MAX_ARTICLE_CHARS"
DEFAULT_MAX_CHARS = 30_000
MIN_MAX_CHARS = 1_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def max_chars() -> int:
    """The budget in characters (the setting, else the default; at least 1,000)."""
    from counterpoint.settings import get

    try:
        value = int(get(SETTING).replace("_", "").replace(",", ""))
    except ValueError:
        return DEFAULT_MAX_CHARS
    return max(value, MIN_MAX_CHARS)


def cut_point(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters: the last paragraph break, else
    the last sentence end, else the last space in the second half of the window."""
    if len(text) <= limit:
        return len(text)
    window = text[:limit]
    floor = limit // 2
    paragraph = window.rfind("\n\n")
    if paragraph >= floor:
        return paragraph
    ends = [m.end() for m in _SENTENCE_END.finditer(window, floor)]
    if ends:
        return ends[-1]
    space = window.rfind(" ", floor)
    return space if space > 0 else limit


def within_budget(article: Article, limit: int | None = None) -> Article:
    """The article with its text cut to the budget (the same article when it fits)."""
    limit = limit or max_chars()
    if len(article.text) <= limit:
        return article
    cut = cut_point(article.text, limit)
    return article.model_copy(
        update={"text": article.text[:cut].rstrip(), "analysed_chars_of": len(article.text)}
    )


def budget_note(article: Article) -> str | None:
    """One line saying the article was cut to the budget, or None."""
    if not article.analysed_chars_of:
        return None
    return (
        f"long article: only the first {len(article.text):,} of its "
        f"{article.analysed_chars_of:,} characters were analysed (the budget per article; "
        f"{SETTING} changes it)"
    )
