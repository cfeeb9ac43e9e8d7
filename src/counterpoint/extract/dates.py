"""Parse the date strings articles carry (date lines, headers, feed hints) into dates.

Why here: the extract stage needs it for "Thursday, August 15, 2024" date lines and
`Date:` headers, and the analyze stage's time-expression resolver reuses the same
month and weekday tables (analyze may import extract; not the other way round).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from counterpoint.lexicon import MONTH_NAMES, WEEKDAY_NAMES, YEAR

# the names (counterpoint.lexicon) and the abbreviations news sites print
MONTHS: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, 1)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(WEEKDAY_NAMES)} | {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = rf"(?P<year>{YEAR})"
_TIME_TAIL = (
    r"(?:\s*(?:[,|@-]|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
)

# A line (or header value) that is only a date, in the spellings news sites use.
DATE_ONLY_PATTERNS = tuple(
    re.compile(r"^\s*" + body + _TIME_TAIL + r"\s*$", re.IGNORECASE)
    for body in (
        _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,  # Thursday, August 15, 2024
        _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR,  # Thu 15 August 2024
        _YEAR + r"-(?P<month>\d{1,2})-(?P<day>\d{1,2})",  # 2024-08-15
        _YEAR + r"/(?P<month>\d{1,2})/(?P<day>\d{1,2})",  # 2024/08/15
    )
)
ISO_DATETIME = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
MAX_DATE_LINE_CHARS = 60


def month_number(name: str) -> int | None:
    """'Aug', 'August', 'aug.' -> 8."""
    return MONTHS.get(name.lower().rstrip("."))


def parse_date_line(line: str) -> date | None:
    """Parse a line that holds nothing but a date; anything else gives None."""
    if len(line) > MAX_DATE_LINE_CHARS:
        return None
    for pattern in DATE_ONLY_PATTERNS:
        match = pattern.match(line)
        if match:
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else month_number(month_text)
            if month is None:
                continue
            try:
                return date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                return None
    return None


def parse_date_value(value: str) -> date | None:
    """Parse a date given as metadata (a header, a feed field): strict forms, then dateparser."""
    value = value.strip()
    if not value:
        return None
    iso = ISO_DATETIME.match(value)
    if iso:
        try:
            return datetime.strptime(iso.group(1), "%Y-%m-%d").date()
        except ValueError:
            return None
    found = parse_date_line(value)
    if found:
        return found
    import dateparser  # slow to import; only needed for unusual spellings

    parsed = dateparser.parse(
        value, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]}
    )
    return parsed.date() if parsed else None
