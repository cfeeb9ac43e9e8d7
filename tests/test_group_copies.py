"""Copy detection: syndicated reprints are linked to the earliest original; rewrites are not."""

from __future__ import annotations

from datetime import date

from test_engine_helpers import make_analysis

from counterpoint.group import CopyDetector, find_copies, group_as_one_story

WIRE = (
    "BRUSSELS (Reuters) - European Union finance ministers agreed on Tuesday to a new set of "
    "rules for national budgets after two years of talks, officials said. The agreement gives "
    "countries more time to cut debt but sets minimum annual reductions, according to a "
    "statement from the Belgian presidency. Germany had pressed for stricter limits while "
    "France and Italy wanted room for investment in defence and the green transition. The "
    "rules still need approval from the European Parliament before they take effect next year."
)
REPRINT = (
    "European Union finance ministers agreed on Tuesday to a new set of rules for national "
    "budgets after two years of talks, officials said. The agreement gives countries more time "
    "to cut debt but sets minimum annual reductions, according to a statement from the "
    "Belgian presidency. Germany had pressed for stricter limits while France and Italy wanted "
    "room for investment in defence and the green transition. The rules still need approval "
    "from the European Parliament before they take effect next year. Subscribe to our "
    "newsletter for more business news."
)
REWRITE = (
    "After two years of wrangling, EU finance ministers on Tuesday signed off on overhauled "
    "fiscal rules. Berlin won minimum debt cuts; Paris and Rome secured leeway for defence and "
    "climate spending. Parliament must still vote on the package."
)


def test_reprint_is_a_copy_and_rewrite_is_not():
    original = make_analysis("EU agrees budget rules", WIRE, "Reuters", date(2023, 12, 19))
    reprint = make_analysis("Budget deal reached", REPRINT, "Daily Bugle", date(2023, 12, 20))
    rewrite = make_analysis("EU signs off fiscal rules", REWRITE, "Ledger", date(2023, 12, 19))
    copies = find_copies([original, reprint, rewrite])
    assert copies == {reprint.article.id: original.article.id}


def test_earliest_article_is_the_original_even_when_seen_later():
    original = make_analysis("EU agrees budget rules", WIRE, "Reuters", date(2023, 12, 19))
    reprint = make_analysis("Budget deal reached", REPRINT, "Daily Bugle", date(2023, 12, 20))
    detector = CopyDetector()
    assert detector.add(reprint.article) is None
    assert detector.add(original.article) is None
    assert detector.copies() == {reprint.article.id: original.article.id}


def test_group_as_one_story_keeps_every_article_and_links_copies():
    original = make_analysis("EU agrees budget rules", WIRE, "Reuters", date(2023, 12, 19))
    reprint = make_analysis("Budget deal reached", REPRINT, "Daily Bugle", date(2023, 12, 20))
    rewrite = make_analysis("EU signs off fiscal rules", REWRITE, "Ledger", None)
    story = group_as_one_story([reprint, rewrite, original])
    assert set(story.article_ids) == {a.article.id for a in (original, reprint, rewrite)}
    assert story.copies == {reprint.article.id: original.article.id}
    assert story.first_published == date(2023, 12, 19)
    assert story.last_published == date(2023, 12, 20)
    assert story.title == "EU agrees budget rules"
