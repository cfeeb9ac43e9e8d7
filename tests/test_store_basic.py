"""Store behaviour on a real SQLite file: idempotent saves, stories, merge and split."""

from __future__ import annotations

from datetime import date

import pytest
from test_engine_helpers import make_analysis

from counterpoint.records import Story
from counterpoint.store import Store, StoreError


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as opened:
        yield opened


def _three():
    return [
        make_analysis(
            "Quake hits Turkey",
            "A strong earthquake struck Izmir on Friday.",
            "Outlet A",
            date(2020, 10, 30),
        ),
        make_analysis(
            "Izmir earthquake",
            "Buildings fell in Izmir after the earthquake.",
            "Outlet B",
            date(2020, 10, 31),
        ),
        make_analysis(
            "Budget vote", "Parliament passed the budget in Rome.", "Outlet C", date(2021, 1, 5)
        ),
    ]


def test_save_is_idempotent_and_round_trips(store):
    analyses = _three()
    assert store.save_analyses(analyses) == [a.article.id for a in analyses]
    assert store.save_analyses(analyses) == []
    assert store.article_count() == 3
    first = analyses[0]
    assert store.has_article(first.article.id)
    assert store.article(first.article.id) == first.article
    assert store.analysis(first.article.id) == first
    assert [a.id for a in store.articles()] == [a.article.id for a in analyses]
    assert store.has_origin(first.article.origin)
    with pytest.raises(StoreError):
        store.article("missing")


def test_stories_merge_and_split(store):
    a, b, c = _three()
    store.save_analyses([a, b, c])
    first = Story(
        id="s1",
        title="Quake",
        article_ids=[a.article.id],
        first_published=date(2020, 10, 30),
        last_published=date(2020, 10, 30),
    )
    second = Story(id="s2", title="Quake 2", article_ids=[b.article.id, c.article.id])
    store.save_stories([first, second])
    assert store.story_of(a.article.id) == first
    assert {s.id for s in store.stories()} == {"s1", "s2"}

    merged = store.merge_stories("s1", "s2")
    assert merged.article_ids == [a.article.id, b.article.id, c.article.id]
    assert [s.id for s in store.stories()] == ["s1"]
    assert store.story_of(c.article.id).id == "s1"

    split = store.split_story("s1", [c.article.id])
    assert split.article_ids == [c.article.id]
    assert split.title == "Budget vote"
    assert split.first_published == date(2021, 1, 5)
    remaining = store.story("s1")
    assert remaining.article_ids == [a.article.id, b.article.id]
    assert remaining.last_published == date(2020, 10, 31)
    assert store.story_of(c.article.id).id == split.id


def test_save_story_releases_articles_it_no_longer_holds(store):
    a, b, _ = _three()
    store.save_analyses([a, b])
    store.save_story(Story(id="s", title="t", article_ids=[a.article.id, b.article.id]))
    store.save_story(Story(id="s", title="t", article_ids=[a.article.id]))
    assert store.story_of(b.article.id) is None


def test_reopening_keeps_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    analyses = _three()
    with Store(url) as first:
        first.save_analyses(analyses)
    with Store(url) as again:
        assert again.existing_ids(a.article.id for a in analyses) == {
            a.article.id for a in analyses
        }
        mode = again.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"
