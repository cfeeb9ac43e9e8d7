"""The store's behaviour tests, run again on a real PostgreSQL server.

Uses COUNTERPOINT_PG_URL when set; otherwise starts a throwaway cluster with
scripts/start_postgres.sh for the session. Skips only when no PostgreSQL
binaries exist on this machine.
"""

from __future__ import annotations

import glob
import subprocess
from pathlib import Path

import pytest
from test_engine_helpers import make_analysis
from test_store_basic import (  # the same tests, on this module's `store` fixture
    test_save_is_idempotent_and_round_trips,
    test_save_story_releases_articles_it_no_longer_holds,
    test_stories_merge_and_split,
)

from counterpoint import settings
from counterpoint.records import Story
from counterpoint.store import Store
from counterpoint.store.schema import Base

pytestmark = pytest.mark.postgres
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "start_postgres.sh"

__all__ = [
    "test_save_is_idempotent_and_round_trips",
    "test_save_story_releases_articles_it_no_longer_holds",
    "test_stories_merge_and_split",
]


@pytest.fixture(scope="session")
def postgres_url():
    if settings.get("COUNTERPOINT_PG_URL"):
        yield settings.get("COUNTERPOINT_PG_URL")
        return
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        pytest.skip(
            "no PostgreSQL binaries (apt-get install postgresql, or set COUNTERPOINT_PG_URL)"
        )
    started = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, check=True, timeout=120
    )
    url, data = started.stdout.splitlines()[:2]
    try:
        yield url
    finally:
        subprocess.run(
            ["bash", str(SCRIPT), "stop", data.removeprefix("PGDATA=")], check=False, timeout=60
        )


@pytest.fixture
def store(postgres_url):
    opened = Store(postgres_url)
    try:
        yield opened
    finally:
        Base.metadata.drop_all(opened.engine)
        opened.close()


def test_postgres_batch_is_one_transaction(store):
    good = make_analysis("Bridge approved", "The council approved the bridge on Tuesday.")
    broken_story = Story(id="s" * 200, title="t", article_ids=[good.article.id])  # id too long
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        store.save_batch([good], [broken_story])
    assert not store.has_article(good.article.id)
    assert store.save_batch([good], [Story(id="s1", title="t", article_ids=[good.article.id])])
    assert store.story_of(good.article.id).id == "s1"
