"""HTML extraction: body with quotes kept, page chrome gone, metadata and outlet found."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import date

import pytest

from counterpoint import settings
from counterpoint.extract import ExtractionError, extract
from counterpoint.records import RawItem

DATA = settings.data_dir()
EXTRACTION = DATA / "extraction"

PARAGRAPHS = [
    "The harbour authority confirmed on Monday that the northern pier will close for "
    "repairs next spring, after engineers found corrosion in its steel supports.",
    "The closure will last at least six months and will affect about forty fishing "
    "boats that land their catch at the pier every week.",
    "Local fishermen said they had not been consulted and asked for a temporary "
    "landing site to be built before the work begins.",
    "The authority said it would publish a plan for alternative moorings in January, "
    "and that the cost of the repairs would be shared with the regional government.",
]
QUOTE = "We cannot put people at risk on a structure we know is failing, said the director."

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Harbour pier to close for repairs | Coastal Courier</title>
<meta property="og:site_name" content="Coastal Courier">
<meta property="og:title" content="Harbour pier to close for repairs">
<meta name="author" content="Maria Santos">
<meta property="article:published_time" content="2024-02-12T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour pier to close for repairs</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<blockquote><p>{QUOTE}</p></blockquote>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article>
<div class="comments"><h3>Comments</h3><p>First! Terrible news for the town.</p></div>
<footer><p>Copyright 2024 Coastal Courier. All rights reserved.</p>
<p>Follow us on Facebook</p></footer>
</body></html>"""


def html_item(html: str | bytes, **kwargs: str) -> RawItem:
    data = html.encode() if isinstance(html, str) else html
    return RawItem(origin="/tmp/pier.html", data=data, media_type="html", **kwargs)  # type: ignore[arg-type]


def test_article_body_and_metadata() -> None:
    article = extract(html_item(PAGE, url="https://www.coastal-courier.example/news/pier"))
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert QUOTE in article.text
    assert article.text.count("\n\n") >= len(PARAGRAPHS)
    for chrome in ("Home", "Sport", "First!", "All rights reserved", "Follow us"):
        assert chrome not in article.text
    assert article.title == "Harbour pier to close for repairs"
    assert article.published == date(2024, 2, 12)
    assert article.authors == ["Maria Santos"]
    assert article.outlet == "Coastal Courier"
    assert article.language == "en"
    assert article.url == "https://www.coastal-courier.example/news/pier"


def test_outlet_falls_back_to_domain_then_file_name() -> None:
    bare = PAGE.replace('<meta property="og:site_name" content="Coastal Courier">', "")
    bare = bare.replace(" | Coastal Courier", "")
    with_url = extract(html_item(bare, url="https://www.coastal-courier.example/news/pier"))
    assert with_url.outlet == "coastal-courier.example"
    assert extract(html_item(bare)).outlet == "pier"
    assert extract(html_item(bare, hints={"source": "Wire"})).outlet == "Wire"  # type: ignore[arg-type]


def test_page_without_article_text_raises() -> None:
    with pytest.raises(ExtractionError):
        extract(html_item("<html><body><nav><a href='/'>Home</a></nav></body></html>"))


def _f1(predicted: str, expected: str) -> float:
    pred = Counter(re.findall(r"\w+", predicted.lower()))
    gold = Counter(re.findall(r"\w+", expected.lower()))
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.skipif(not (EXTRACTION / "scrapinghub").is_dir(), reason="no extraction data")
def test_real_news_pages_match_ground_truth() -> None:
    folder = EXTRACTION / "scrapinghub"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth)[:3]:
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        article = extract(html_item(html, url=truth[key]["url"]))
        assert _f1(article.text, truth[key]["articleBody"]) > 0.8, key
        assert "\n\n" in article.text


@pytest.mark.skipif(not (EXTRACTION / "readability").is_dir(), reason="no extraction data")
def test_real_page_metadata() -> None:
    case = EXTRACTION / "readability" / "breitbart"
    meta = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
    article = extract(html_item((case / "source.html").read_bytes()))
    assert article.title and meta["title"].startswith(article.title)
    assert article.language == meta["lang"].split("-")[0]
    assert article.outlet == meta["siteName"]


def test_title_loses_site_suffix_only() -> None:
    page = PAGE.replace("<title>Harbour pier to close for repairs | Coastal Courier</title>",
                        "<title>Pier repairs - Coastal Courier</title>")  # fmt: skip
    page = page.replace(
        '<meta property="og:title" content="Harbour pier to close for repairs">', ""
    )
    page = page.replace('content="Coastal Courier"', 'content="Coastal Courier Ltd"')
    page = page.replace("<h1>Harbour pier to close for repairs</h1>", "")
    assert extract(html_item(page)).title == "Pier repairs"
