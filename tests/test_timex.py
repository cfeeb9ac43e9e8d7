"""Time expressions resolved against the publication date (and without one)."""

from __future__ import annotations

from datetime import date

import pytest

from counterpoint.analyze.timex import resolve_times

PUBLISHED = date(2024, 8, 15)  # a Thursday


def resolved(text: str, published: date | None = PUBLISHED) -> list[tuple[str, date | None, str]]:
    return [(m.text, m.date, m.granularity) for m in resolve_times(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said on Thursday that", ("Thursday", date(2024, 8, 15), "day")),
        ("Talks began Monday in Baghdad.", ("Monday", date(2024, 8, 12), "day")),
        ("He met them last Thursday.", ("last Thursday", date(2024, 8, 8), "day")),
        ("They meet next Monday.", ("next Monday", date(2024, 8, 19), "day")),
        ("as stated today by", ("today", date(2024, 8, 15), "day")),
        ("Officials said yesterday", ("yesterday", date(2024, 8, 14), "day")),
        ("The vote is tomorrow.", ("tomorrow", date(2024, 8, 16), "day")),
        ("It happened last week.", ("last week", date(2024, 8, 8), "week")),
        ("Prices rose last month.", ("last month", date(2024, 7, 1), "month")),
        ("It was set up three days ago.", ("three days ago", date(2024, 8, 12), "day")),
        ("Sudani said on January 5, “As a government", ("January 5", date(2024, 1, 5), "day")),
        ("He will travel on December 3.", ("December 3", date(2023, 12, 3), "day")),
        ("since August 2023 were concluded", ("August 2023", date(2023, 8, 1), "month")),
        ("established in September 2014 with", ("September 2014", date(2014, 9, 1), "month")),
        ("It ended on 5 March 2020.", ("5 March 2020", date(2020, 3, 5), "day")),
        ("It ended on Jan. 5, 2021.", ("Jan. 5, 2021", date(2021, 1, 5), "day")),
        ("a report (2024-08-01) said", ("2024-08-01", date(2024, 8, 1), "day")),
        ("Troops arrived in May.", ("May", date(2024, 5, 1), "month")),
        ("Troops arrived in October.", ("October", date(2023, 10, 1), "month")),
        ("The group was founded in 2014.", ("2014", date(2014, 1, 1), "year")),
        ("Talks resume mid-September.", ("September", date(2023, 9, 1), "month")),
        ("It was signed on the 3rd of June.", ("3rd of June", date(2024, 6, 3), "day")),
    ],
)
def test_single_expression(text: str, expected: tuple[str, date, str]) -> None:
    assert resolved(text) == [expected]


def test_full_date_line_is_one_mention() -> None:
    assert resolved("Thursday, August 15, 2024") == [
        ("Thursday, August 15, 2024", date(2024, 8, 15), "day")
    ]


def test_spans_point_into_the_text() -> None:
    text = "On Thursday the ministry said talks since August 2023 had ended."
    for mention in resolve_times(text, PUBLISHED):
        assert text[mention.start : mention.end] == mention.text
    assert [m.text for m in resolve_times(text, PUBLISHED)] == ["Thursday", "August 2023"]


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    text = "On Thursday, a week after January 5 and yesterday's talks, since August 2023."
    assert resolved(text, None) == [
        ("Thursday", None, "day"),
        ("January 5", None, "day"),
        ("yesterday", None, "day"),
        ("August 2023", date(2023, 8, 1), "month"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "You may go now.",
        "About 2,500 troops and 85 countries.",
        "The march on the capital was peaceful.",
        "She said it in 20 minutes.",
        "In the 1990s the war ended.",
        "Wednesdays are hard, said Mr August.",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert resolved(text) == []


def test_invalid_calendar_day_gives_none() -> None:
    assert resolved("on February 30") == [("February 30", None, "day")]
