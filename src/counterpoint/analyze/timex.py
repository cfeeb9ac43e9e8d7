"""Find time expressions in article text and resolve them to calendar dates.

Why: two outlets saying "on Thursday" and "on August 15" may mean the same day,
and "last week" in a story published on Monday points to a different week than in
one published on Friday. Comparing claims' times needs real dates, resolved
against each article's publication date:

- weekday names -> the most recent such day on or before publication
  ("last Thursday" -> strictly before, "next Thursday" -> strictly after);
- a month and day without year -> the year that puts it on or before publication;
- "today", "yesterday", "tomorrow", "last week", "this month", "three days ago"...;
- absolute dates ("January 5, 2024", "in August 2023", "September 2014", "in 2014",
  "2024-08-15") resolve even without a publication date; relative ones then give None.

Month and weekday names must be capitalised, so "may" the verb is not a month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from counterpoint.extract.dates import MONTHS, WEEKDAYS
from counterpoint.lexicon import YEAR

Granularity = Literal["day", "week", "month", "year"]


class TimeMention(BaseModel):
    """One time expression: its character span, resolved date (or None) and precision.

    `date` is the first day of the period for week/month/year granularity
    (for "last week", the day a week before publication).
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    granularity: Granularity


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _names(table: dict[str, int]) -> str:
    names = sorted(table, key=len, reverse=True)
    return "(?:" + "|".join(name.capitalize() for name in names) + ")"


_MONTH = _names(MONTHS)
_MONTH_FULL = (
    "(?:" + "|".join(name.capitalize() for name in MONTHS if len(name) > 3 or name == "may") + ")"
)
_WEEKDAY_FULL = (
    "(?:" + "|".join(name.capitalize() for name in WEEKDAYS if name.endswith("day")) + ")"
)
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY_FULL},?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = rf"(?P<year>{YEAR})"
_NOT_MORE_DIGITS = r"(?![\d,.]\d)"
_PREP = r"(?i:in|since|until|till|during|through|from|by|before|after|early|late|mid-?|of)"
_NUMBER = r"(?P<n>\d{1,3}|(?i:" + "|".join(NUMBER_WORDS) + r"))"

Resolver = Callable[[re.Match[str], dt.date | None], tuple[dt.date | None, Granularity]]


def _iso(match: re.Match[str], published: dt.date | None) -> tuple[dt.date | None, Granularity]:
    return _safe_date(int(match["year"]), int(match["month"]), int(match["day"])), "day"


def _month_day(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, Granularity]:
    month = MONTHS[match["month"].lower().rstrip(".")]
    day = int(match["day"])
    if match["year"]:
        return _safe_date(int(match["year"]), month, day), "day"
    if published is None:
        return None, "day"
    this_year = _safe_date(published.year, month, day)
    if this_year is not None and this_year <= published:
        return this_year, "day"
    return _safe_date(published.year - 1, month, day), "day"


def _month_year(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, Granularity]:
    month = MONTHS[match["month"].lower().rstrip(".")]
    return dt.date(int(match["year"]), month, 1), "month"


def _bare_month(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, Granularity]:
    if published is None:
        return None, "month"
    month = MONTHS[match["month"].lower()]
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1), "month"


def _year(match: re.Match[str], published: dt.date | None) -> tuple[dt.date | None, Granularity]:
    return dt.date(int(match["year"]), 1, 1), "year"


def _weekday(match: re.Match[str], published: dt.date | None) -> tuple[dt.date | None, Granularity]:
    if published is None:
        return None, "day"
    target = WEEKDAYS[match["weekday"].lower()]
    modifier = (match["mod"] or "").lower()
    back = (published.weekday() - target) % 7
    if modifier == "next":
        ahead = (target - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), "day"
    if modifier in ("last", "past") and back == 0:
        back = 7
    return published - dt.timedelta(days=back), "day"


def _day_word(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, Granularity]:
    if published is None:
        return None, "day"
    offset = {"yesterday": -1, "tomorrow": 1}.get(match["word"].lower(), 0)
    return published + dt.timedelta(days=offset), "day"


def _relative_period(
    match: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, Granularity]:
    unit = match["unit"].lower()
    granularity: Granularity = "week" if unit == "week" else "month" if unit == "month" else "year"
    if published is None:
        return None, granularity
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[
        match["mod"].lower()
    ]
    return _shift(published, unit, step), granularity


def _ago(match: re.Match[str], published: dt.date | None) -> tuple[dt.date | None, Granularity]:
    unit = match["unit"].lower().rstrip("s")
    granularity: Granularity = "day" if unit == "day" else unit  # type: ignore[assignment]
    if published is None:
        return None, granularity
    raw = match["n"].lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    if unit == "day":
        return published - dt.timedelta(days=count), "day"
    return _shift(published, unit, -count), granularity


# (pattern, resolver). The pattern's "x" group, when present, is the mention's span;
# a longer match wins over a shorter one that overlaps it.
PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    (
        re.compile(
            rf"\b(?P<x>{_WEEKDAY_PREFIX}(?P<month>{_MONTH})\.?\s+{_DAY}{_NOT_MORE_DIGITS}"
            rf"(?:,?\s+{_YEAR})?)\b{_NOT_MORE_DIGITS}"
        ),
        _month_day,
    ),
    (
        re.compile(
            rf"\b(?P<x>{_WEEKDAY_PREFIX}{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\.?(?:,?\s+{_YEAR})?)\b"
        ),
        _month_day,
    ),
    (re.compile(rf"\b(?P<month>{_MONTH})\.?,?\s+{_YEAR}\b{_NOT_MORE_DIGITS}"), _month_year),
    (
        re.compile(rf"\b(?:{_PREP}\s+|(?i:mid)-)(?P<x>(?P<month>{_MONTH_FULL}))\b(?!\s*\d)"),
        _bare_month,
    ),
    (re.compile(rf"\b{_PREP}\s+(?P<x>{_YEAR})\b(?![\d,.]\d|\s*(?:-|–)\s*\d|s\b)"), _year),
    (
        re.compile(
            rf"\b(?P<x>(?:(?P<mod>(?i:last|next|this|past))\s+)?(?P<weekday>{_WEEKDAY_FULL}))\b"
        ),
        _weekday,
    ),
    (re.compile(r"\b(?P<x>(?P<word>(?i:today|tonight|yesterday|tomorrow)))\b"), _day_word),
    (
        re.compile(r"\b(?P<x>(?P<word>(?i:this))\s+(?i:morning|afternoon|evening))\b"),
        _day_word,
    ),
    (
        re.compile(
            r"\b(?P<x>(?P<mod>(?i:last|past|previous|this|next|coming))\s+"
            r"(?P<unit>(?i:week|month|year)))\b"
        ),
        _relative_period,
    ),
    (
        re.compile(
            rf"\b(?P<x>{_NUMBER}\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago))\b"
        ),
        _ago,
    ),
)


def resolve_times(text: str, published: dt.date | None) -> list[TimeMention]:
    """Every time expression in `text`, in order, resolved against the publication date."""
    candidates: list[tuple[int, int, TimeMention]] = []
    for pattern, resolver in PATTERNS:
        for match in pattern.finditer(text):
            group = "x" if "x" in pattern.groupindex else 0
            start, end = match.span(group)
            value, granularity = resolver(match, published)
            mention = TimeMention(
                start=start, end=end, text=text[start:end], date=value, granularity=granularity
            )
            candidates.append((match.start(), match.end(), mention))
    candidates.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    chosen: list[TimeMention] = []
    last_end = -1
    for match_start, match_end, mention in candidates:
        if match_start >= last_end:
            chosen.append(mention)
            last_end = match_end
    return chosen


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift(published: dt.date, unit: str, step: int) -> dt.date:
    """Start of the week/month/year `step` units away (a week: `7*step` days away)."""
    if unit == "week":
        return published + dt.timedelta(days=7 * step)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(published.year + step, 1, 1)
