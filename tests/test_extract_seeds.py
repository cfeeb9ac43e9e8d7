"""The two seed documents: boilerplate goes, every article sentence stays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from counterpoint.extract import extract
from counterpoint.read import ReadOptions
from counterpoint.read.files import read_file
from counterpoint.records import Article, RawItem


def load(seeds_dir: Path, name: str) -> Article:
    item = read_file(seeds_dir / name, ReadOptions())
    assert isinstance(item, RawItem) and item.media_type == "text"
    return extract(item)


def test_blog_repost_seed(seeds_dir: Path) -> None:
    article = load(seeds_dir, "000_e86f39b9e13a1996.txt")
    assert article.published == date(2024, 8, 15)
    assert article.title == "Foreign Ministry: There are no US forces in Iraq, only advisers"
    assert article.language == "en"
    assert article.outlet == "000_e86f39b9e13a1996"  # nothing better: the file name
    text = article.text
    assert text.startswith("Baghdad")
    assert "there are no US forces in Iraq except for military advisers" in text
    assert "“We were very close to the announcement of this agreement" in text
    # the quote's last sentence keeps its closing mark, the glued file-name fragment goes
    assert text.count("the strategic agreement between Iraq and the United States.”") == 1
    assert ".html" not in text
    assert text.endswith("as well as the Iraqi Constitution.")
    for gone in ("No comments", "Post a Comment", "Thursday, August 15, 2024"):
        assert gone not in text
    assert "No comments:" in article.removed and "Post a Comment" in article.removed
    assert "\u00a0" not in text and "\n\n\n" not in text


def test_news_site_seed(seeds_dir: Path) -> None:
    article = load(seeds_dir, "003_6d1631be1367e37b.txt")
    assert article.title == "No US troop withdrawal in talks with Iraq"
    assert article.published is None
    assert article.outlet == "The ancient idea"  # the site's mission line names it
    text = article.text
    assert text.startswith("The discussions of the US-Iraqi High Military Committee")
    assert "“Let me be clear, the HMC meeting did not include a discussion" in text
    assert "Iraqi Prime Minister Mohammed Shia al-Sudani said on January 5" in text
    assert text.endswith("The US currently has about 2,500 troops in Iraq.")
    for gone in (
        "3 mins read",
        "US: No US troop withdrawal",
        "most accurate information to its readers",
        "Leave a Reply",
        "Your email address",
        "Comment moderation",
        "Flash News",
    ):
        assert gone not in text, gone
    assert len(article.removed) == 6


def test_reingesting_is_a_no_op(seeds_dir: Path) -> None:
    first = load(seeds_dir, "003_6d1631be1367e37b.txt")
    second = load(seeds_dir, "003_6d1631be1367e37b.txt")
    assert first == second
