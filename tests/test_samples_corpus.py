"""The shipped sample corpus keeps its promises: the shape `counterpoint demo` relies on, and
an `expected.json` whose every statement really is in the articles, so tests can rely on it."""

from __future__ import annotations

import difflib
import html
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from counterpoint.extract import extract
from counterpoint.read import read_inputs
from counterpoint.records import RawItem

MAX_CORPUS_BYTES = 200_000
BODY_WORDS = (300, 600)
HEADER_KEYS = ("Outlet", "Title", "Date", "Author")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.fixture(scope="module")
def expected(samples_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((samples_dir / "expected.json").read_text("utf-8"))
    return data


def _article_files(samples_dir: Path) -> list[Path]:
    return sorted(p for p in samples_dir.glob("*/*") if p.suffix in {".txt", ".html"})


def _text(path: Path) -> str:
    """The file as a reader sees the words: HTML entities decoded, tags kept."""
    raw = path.read_text("utf-8")
    return html.unescape(raw) if path.suffix == ".html" else raw


def _body(path: Path, first: str, last: str) -> str:
    """The article body from its first to its last words, tags stripped."""
    text = _text(path)
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return re.sub(r"<[^>]+>", " ", text[start:end])


def _statements(event: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (outlet, exact text) pair expected.json promises for one event."""
    pairs: list[tuple[str, str]] = []
    for article in event["articles"]:
        pairs += [(article["outlet"], article[key]) for key in ("first", "last", "title")]
        pairs += [(article["outlet"], text) for text in article["boilerplate"]]
    for item in event["disagreements"] + event["not_disagreements"] + event["misquotes"]:
        for side in ("a", "b"):
            pairs.append((item[side]["outlet"], item[side].get("statement") or item[side]["quote"]))
    for fact in event["consensus"]:
        pairs += list(fact["statements"].items())
    for key in ("unique", "attribution_forms", "relative_dates"):
        pairs += [(item["outlet"], item.get("statement") or item["text"]) for item in event[key]]
    return pairs


def test_corpus_has_two_events_and_seven_articles_in_both_formats(samples_dir: Path) -> None:
    files = _article_files(samples_dir)
    events = {path.parent.name for path in files}
    assert len(events) == 2
    assert len(files) == 7
    for event in events:
        assert 3 <= sum(path.parent.name == event for path in files) <= 4
    assert {path.suffix for path in files} == {".txt", ".html"}


def test_corpus_stays_small(samples_dir: Path) -> None:
    size = sum(path.stat().st_size for path in samples_dir.rglob("*") if path.is_file())
    assert size < MAX_CORPUS_BYTES


def test_plain_text_files_open_with_a_header_block(samples_dir: Path) -> None:
    for path in samples_dir.glob("*/*.txt"):
        header, _, body = path.read_text("utf-8").partition("\n\n")
        keys = [line.split(":", 1)[0] for line in header.splitlines()]
        assert keys == list(HEADER_KEYS), path.name
        assert re.search(r"^Date: \d{4}-\d{2}-\d{2}$", header, re.M), path.name
        assert len(body.split()) > BODY_WORDS[0]


def test_html_pages_carry_metadata_and_site_chrome(samples_dir: Path) -> None:
    sources = ""
    for path in samples_dir.glob("*/*.html"):
        page = lxml.html.fromstring(path.read_bytes())
        source = path.read_text("utf-8").lower()
        sources += source
        assert page.findtext(".//title"), path.name
        for selector in (
            'meta[@property="og:site_name"]',
            'meta[@property="article:published_time"]',
            'meta[@name="author"]',
        ):
            assert page.xpath(f".//{selector}/@content"), (path.name, selector)
        assert "cookie" in source and "share" in source, path.name
        assert page.xpath(".//nav") and page.xpath(".//footer"), path.name
    assert "comment" in sources and "related" in sources


def test_every_expected_statement_is_in_its_article(
    samples_dir: Path, expected: dict[str, Any]
) -> None:
    for event in expected["events"]:
        files = {a["outlet"]: samples_dir / a["file"] for a in event["articles"]}
        for outlet, statement in _statements(event):
            assert statement in _text(files[outlet]), (outlet, statement)


def test_each_event_has_disagreements_consensus_and_unique_claims(
    expected: dict[str, Any],
) -> None:
    for event in expected["events"]:
        assert len(event["disagreements"]) >= 2
        for item in event["disagreements"]:
            assert item["a"]["outlet"] != item["b"]["outlet"]
        assert len(event["consensus"]) >= 3
        assert all(len(fact["statements"]) >= 2 for fact in event["consensus"])
        assert event["unique"]
    assert any(event["misquotes"] for event in expected["events"])
    assert any(event["syndicated"] for event in expected["events"])


def test_article_bodies_are_news_length(samples_dir: Path, expected: dict[str, Any]) -> None:
    for event in expected["events"]:
        for article in event["articles"]:
            body = _body(samples_dir / article["file"], article["first"], article["last"])
            words = len(body.split())
            assert BODY_WORDS[0] <= words <= BODY_WORDS[1], (article["file"], words)


def test_relative_weekdays_resolve_to_that_weekday_within_a_week(
    expected: dict[str, Any],
) -> None:
    for event in expected["events"]:
        for item in event["relative_dates"]:
            published = date.fromisoformat(item["published"])
            resolved = date.fromisoformat(item["resolves_to"])
            assert abs(resolved - published) < timedelta(days=7), item
            named = [day for day in WEEKDAYS if day in item["text"].lower()]
            if named:
                assert WEEKDAYS[resolved.weekday()] == named[0], item


def test_syndicated_copy_is_near_verbatim_with_an_extra_paragraph(
    samples_dir: Path, expected: dict[str, Any]
) -> None:
    pairs = [pair for event in expected["events"] for pair in event["syndicated"]]
    articles = {a["file"]: a for event in expected["events"] for a in event["articles"]}
    for pair in pairs:
        original, copy = articles[pair["original"]], articles[pair["copy"]]
        assert original["title"] != copy["title"]
        original_body = _body(samples_dir / original["file"], original["first"], original["last"])
        copy_body = _body(samples_dir / copy["file"], copy["first"], copy["last"])
        copy_without_extra = copy_body[: copy_body.index(pair["extra"])]
        ratio = difflib.SequenceMatcher(
            None, original_body.split(), copy_without_extra.split(), autojunk=False
        ).ratio()
        assert ratio > 0.9
        assert pair["extra"] not in original_body


def test_extract_reads_each_samples_metadata(samples_dir: Path, expected: dict[str, Any]) -> None:
    """What the demo shows as outlet, title, date and byline comes out of the files right."""
    for event in expected["events"]:
        for article in event["articles"]:
            items = list(read_inputs([str(samples_dir / article["file"])]))
            assert len(items) == 1 and isinstance(items[0], RawItem), items
            extracted = extract(items[0])
            assert extracted.outlet == article["outlet"]
            assert extracted.title == article["title"]
            assert extracted.published == date.fromisoformat(article["published"])
            assert extracted.authors == article["authors"]
            assert article["first"] in extracted.text
