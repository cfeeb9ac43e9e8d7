"""Date conflicts: the same event put on different days (or years).

Preconditions: both claims report the event as past (no "will", "expected to",
"scheduled": a forecast written before the vote is no conflict with the vote); both
date it precisely (a weekday or a calendar day, or a named month, never "this month"
or "last week", which shift with the article's date); the time is attached to the
event, not to the saying of it ("said Monday"); and the two claims word the event
alike, with the words next to each date shared (same verb and object).
"""

from __future__ import annotations

import re

from counterpoint.analyze.timex import TimeMention
from counterpoint.compare import policy
from counterpoint.compare.conflicts.base import Conflict, Side
from counterpoint.compare.conflicts.text import (
    SPEECH,
    content,
    modal,
    name_stems,
    overlap,
    surface,
    tokens,
)

_RANGE = re.compile(r"\b(?:from\s+)?((?:19|20)\d\d)\s*(?:-|–|to|until|through)\s*((?:19|20)\d\d)\b")
_PRECISE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Febr)uary|March|April|May|June|July|"
    r"August|September|October|November|December|\d)",
)
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "week", "month", "year", "earli", "later", "last", "this", "next", "day",
    "mid", "late", "early", "morning", "evening", "night", "afternoon",
}  # fmt: skip


def _precise(mention: TimeMention) -> bool:
    text = mention.text.strip()
    return (
        mention.date is not None
        and mention.granularity in ("day", "month")
        and bool(_PRECISE.match(text))
    )


def _near(side: Side, mention: TimeMention, width: int = 5) -> tuple[set[str], set[str], bool]:
    """Content stems within `width` words of a time mention, the two closest content
    words before and the one after (where the dated verb sits), and whether a verb of saying sits
    right next to it ("said Monday", "told reporters on Friday")."""
    before = tokens(side.whole[: mention.start])
    after = tokens(side.whole[mention.end :])
    said = any(w in SPEECH for w in before[-3:] + after[:1])
    words = set(content(before[-width:] + after[:width])) - TIME_WORDS - SPEECH
    tight = set(content(before)[-2:] + content(after)[:1]) - TIME_WORDS - SPEECH
    return words, tight, said


_RELATIVE_DAY = re.compile(
    r"(?:(?:last|next|this|past)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|"
    r"yesterday|tomorrow)\b",
    re.I,
)


def _when(mention: TimeMention) -> str:
    """'Friday (2014-11-28)' for a day, the words alone for a month."""
    if mention.date and _RELATIVE_DAY.match(mention.text):
        return f"{mention.text} ({mention.date:%b %-d})"
    return mention.text


def _same_day(x: TimeMention, y: TimeMention) -> bool:
    assert x.date and y.date
    if "month" in (x.granularity, y.granularity):
        return (x.date.year, x.date.month) == (y.date.year, y.date.month)
    return x.date == y.date


def date_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    found = _range_conflict(a, b, cosine)
    if found or cosine < policy.DATE_COSINE:
        return found
    plans = [modal(a.whole) or modal(a.text), modal(b.whole) or modal(b.text)]
    if plans[0] != plans[1]:
        return []  # a forecast ("will vote Thursday") does not contradict a report
    event = overlap(a.whole_stems - TIME_WORDS, b.whole_stems - TIME_WORDS)
    if event < policy.DATE_EVENT_OVERLAP:
        return []
    for ta in filter(_precise, a.times):
        near_a, tight_a, said_a = _near(a, ta)
        if said_a:
            continue
        for tb in filter(_precise, b.times):
            near_b, tight_b, said_b = _near(b, tb)
            names = name_stems(a.whole) | name_stems(b.whole)
            if said_b or _same_day(ta, tb) or not (tight_a & tight_b) - names:
                continue  # the word right next to each date (its verb) must be the same
            if any(_same_day(ta, other) for other in b.times if other.date and other is not tb):
                continue
            shared = near_a & near_b
            if len(shared) < policy.DATE_NEAR_SHARED:
                continue
            return [
                Conflict(
                    kind="date",
                    reason=f"{a.who}: {_when(ta)}; {b.who}: {_when(tb)} "
                    f"for the same event ({' '.join(surface(a.whole, shared))})",
                    a=ta.text,
                    b=tb.text,
                    anchor=round(min(1.0, 0.3 + 0.15 * len(shared) + event / 2), 3),
                )
            ]
    return []


def _range_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """'held the seat from 1966 to 1978' vs 'served from 1967 to 1979' (same person)."""
    ranges_a, ranges_b = _RANGE.findall(a.whole), _RANGE.findall(b.whole)
    if len(ranges_a) != 1 or len(ranges_b) != 1 or ranges_a == ranges_b:
        return []
    people = a.people & b.people
    if not people:
        return []
    (a1, a2), (b1, b2) = ranges_a[0], ranges_b[0]
    return [
        Conflict(
            kind="date",
            reason=f"{a.who}: {a1}-{a2}; {b.who}: {b1}-{b2} for the same person's term",
            a=f"{a1}-{a2}",
            b=f"{b1}-{b2}",
            anchor=0.7,
        )
    ]
