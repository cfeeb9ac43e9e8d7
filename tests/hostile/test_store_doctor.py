"""`counterpoint doctor` finds and repairs what earlier versions left broken.

Earlier versions let two concurrent ingests orphan articles (story_id NULL: shown
nowhere, and re-ingesting said "already stored" without repairing them). The doctor
places them, cleans story rows that list missing or doubled articles, reports what it
did, and its exit code says whether problems remain.
"""

from __future__ import annotations

import json

from sqlalchemy import update
from sqlalchemy.orm import Session
from test_engine_helpers import HashEmbedder, text_processor_factory

from counterpoint.engine import ingest
from counterpoint.group import StoryClusterer
from counterpoint.store import Store
from counterpoint.store.schema import ArticleRow, StoryRow

from .harness import run_cli

EVENTS = {
    "Izmir": "earthquake rubble rescuers collapsed Aegean magnitude",
    "Havenmouth": "dock strike union pay walkout port",
}


def _store_with_two_stories(tmp_path) -> str:
    rows = []
    for town, words in EVENTS.items():
        for index in range(3):
            rows.append(
                {
                    "title": f"{town} {words.split()[0]} report {index}",
                    "text": f"Officials in {town} described the {words} on Monday. Mayor "
                    f"Anna {town}son said the {words.split()[0]} in {town} was serious. "
                    f"Correspondent {index} filed account {index * 7} from {town}.",
                    "source": f"Outlet {index}",
                    "date": "2021-05-03" if town == "Izmir" else "2022-08-21",
                }
            )
    spec = tmp_path / "news.jsonl"
    spec.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    with Store(url) as store:
        ingest(
            [str(spec)],
            store,
            processor_factory=text_processor_factory,
            clusterer=StoryClusterer(embed=HashEmbedder()),
        )
        assert len(store.stories()) == 2
    return url


def _break_like_an_earlier_version(url: str) -> list[str]:
    """Orphan one article of each story the way the concurrent-ingest bug did, and make
    one story list an article that is not stored."""
    orphaned = []
    with Store(url) as store:
        stories = store.stories()
        with Session(store.engine) as session, session.begin():
            for story in stories:
                victim = story.article_ids[-1]
                orphaned.append(victim)
                kept = story.model_copy(update={"article_ids": story.article_ids[:-1]})
                session.execute(
                    update(StoryRow)
                    .where(StoryRow.id == story.id)
                    .values(record=kept.model_dump_json())
                )
                session.execute(
                    update(ArticleRow).where(ArticleRow.id == victim).values(story_id=None)
                )
            ghost = stories[0].model_copy(
                update={"article_ids": [*stories[0].article_ids[:-1], "no-such-article"]}
            )
            session.execute(
                update(StoryRow)
                .where(StoryRow.id == ghost.id)
                .values(record=ghost.model_dump_json())
            )
        assert sorted(store.orphan_ids()) == sorted(orphaned)
    return orphaned


def test_doctor_finds_and_repairs_orphans(tmp_path):
    url = _store_with_two_stories(tmp_path)
    db = url.removeprefix("sqlite:///")
    healthy = run_cli("doctor", "--db", db, deadline=120)
    assert healthy.returncode == 0, healthy.stderr[-2000:]
    assert "no problems found" in healthy.stdout

    orphaned = _break_like_an_earlier_version(url)
    checked = run_cli("doctor", "--check", "--db", db, deadline=120)
    assert checked.returncode == 1, checked.stderr[-2000:]
    assert "2 articles belong to no story" in checked.stdout
    assert "1 stories list 1 articles that are not stored" in checked.stdout
    with Store(url) as store:
        assert sorted(store.orphan_ids()) == sorted(orphaned)  # --check changed nothing

    repaired = run_cli("doctor", "--db", db, deadline=120)
    assert repaired.returncode == 0, repaired.stderr[-2000:]
    assert "repaired: 2 articles placed in stories" in repaired.stdout
    assert "Traceback" not in repaired.stderr
    with Store(url) as store:
        assert store.orphan_ids() == []
        stories = store.stories()
        assert sorted(len(s.article_ids) for s in stories) == [3, 3]  # back where they were
        for story in stories:
            assert "no-such-article" not in story.article_ids
            for article_id in story.article_ids:
                assert store.story_of(article_id).id == story.id

    again = run_cli("doctor", "--db", db, deadline=120)
    assert again.returncode == 0 and "no problems found" in again.stdout


def test_re_ingesting_repairs_orphans_too(tmp_path):
    """It used to say "already stored" and leave them orphaned."""
    url = _store_with_two_stories(tmp_path)
    _break_like_an_earlier_version(url)
    with Store(url) as store:
        report = ingest(
            [str(tmp_path / "news.jsonl")],
            store,
            processor_factory=text_processor_factory,
            clusterer=StoryClusterer(embed=HashEmbedder()),
        )
        assert report.added == [] and report.already_present == 6
        assert report.orphans == 0
        assert store.orphan_ids() == []
        assert sorted(len(s.article_ids) for s in store.stories()) == [3, 3]
