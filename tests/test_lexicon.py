"""The shared word lists (counterpoint.lexicon) and the stages that read them agree."""

from __future__ import annotations

import re

from counterpoint import lexicon
from counterpoint.analyze.attribution import cues, quotes
from counterpoint.extract.dates import MONTHS, WEEKDAYS


def test_negation_regex_finds_straight_and_curly_contractions_and_extra_words() -> None:
    pattern = re.compile(lexicon.negation_regex("denied"), re.I)
    text = "He didn’t say so, she didn't either; nowhere was it denied. Nothing new. A note."
    assert [m.group() for m in pattern.finditer(text)] == [
        "didn’t",
        "didn't",
        "nowhere",
        "denied",
        "Nothing",
    ]


def test_quote_marks_cover_every_kind_news_text_uses() -> None:
    for mark in '"“”„«»‘’‹›‚':
        assert mark in lexicon.QUOTE_MARKS
    assert "'" not in lexicon.QUOTE_MARKS  # an apostrophe far more often than a quote
    assert set(lexicon.QUOTE_MARKS) == quotes.ALL_MARKS == cues.QUOTE_CHARS


def test_date_tables_are_built_from_the_names() -> None:
    assert [MONTHS[name] for name in lexicon.MONTH_NAMES] == list(range(1, 13))
    assert [WEEKDAYS[name] for name in lexicon.WEEKDAY_NAMES] == list(range(7))
    assert MONTHS["sept"] == 9 and WEEKDAYS["thurs"] == 3
