"""User text never acts as regex syntax: a raw BASIL .json (full of literal '\\u'
escapes) crashed `compare` with "bad escape \\u" in canonical_texts."""

from __future__ import annotations

from types import SimpleNamespace

from counterpoint.compare.story import canonical_texts


def _span(start: int, end: int, text: str) -> SimpleNamespace:
    return SimpleNamespace(start=start, end=end, text=text)


def test_canonical_name_with_backslash_escapes_is_literal():
    canonical = r"{\"title\": \"Said \u00e9\" \1 \g<0>"
    long_name = SimpleNamespace(key="k", name=canonical, mentions=[])
    claim_text = "Said denied the report."
    short = SimpleNamespace(key="k", name="Said", mentions=[_span(0, 4, "Said")])
    claim = SimpleNamespace(text=claim_text, span=_span(0, len(claim_text), claim_text))
    analyses = [
        SimpleNamespace(entities=[long_name], claims=[]),
        SimpleNamespace(entities=[short], claims=[claim]),
    ]
    assert canonical_texts(analyses) == [canonical + " denied the report."]
