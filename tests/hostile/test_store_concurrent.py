"""Two `ingest` runs into one SQLite file at once: nothing lost, nothing orphaned.

Each run used to load the story clusterer once and write story rows from its own
copy, so the second writer's rows replaced the first's and every article of the
other run was left with no story (story_id NULL, shown nowhere). Now each batch
decides its stories inside the store's write lock, after catching up with what the
other writer stored.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from counterpoint.store import Store
from counterpoint.store.schema import ArticleRow

TESTS = Path(__file__).resolve().parents[1]
START_POSTGRES = TESTS.parent / "scripts" / "start_postgres.sh"
TOWNS = ["Izmir", "Kobe", "Napier", "Quito", "Padang"]
WORDS = {
    "Izmir": "earthquake rubble rescuers collapsed Aegean magnitude",
    "Kobe": "flood river levee evacuated rainfall barriers",
    "Napier": "wildfire hills firefighters blaze smoke containment",
    "Quito": "volcano eruption ash lava villagers crater",
    "Padang": "landslide mud road buried hillside excavators",
}


def _rows(half: int) -> list[dict[str, str]]:
    """Twenty distinct articles, four per event; `half` 0 and 1 cover the same events."""
    rows = []
    for index in range(20):
        town = TOWNS[index % len(TOWNS)]
        number = half * 20 + index
        rows.append(
            {
                "title": f"{town}: {WORDS[town].split()[0]} report {number}",
                "text": f"Officials in {town} described the {WORDS[town]} on Monday. "
                f"Mayor Anna {town}son said the {WORDS[town].split()[0]} in {town} was "
                f"serious. Correspondent number {number} filed account {number * 7} "
                f"from {town} after talking to witness {number * 13}.",
                "source": f"Outlet {number % 9}",
                "date": "2021-05-03",
            }
        )
    return rows


SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_engine_helpers import HashEmbedder, text_processor
    from counterpoint.engine import ingest
    from counterpoint.group import StoryClusterer
    from counterpoint.store import Store
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.01)
    def slow(item):
        time.sleep(0.15)  # an analysis takes time: the two runs overlap
        return text_processor(item)
    report = ingest([sys.argv[1]], Store({url!r}), processor_factory=lambda: slow,
                    clusterer=StoryClusterer(embed=HashEmbedder()), batch_size=2)
    print(len(report.added), "added")
    """
)


def _run_two(tmp_path: Path, url: str, specs: list[str], head_start: int = 0) -> list[str]:
    """Run two ingests; the second starts once the first stored `head_start` articles
    (so it loads the first one's stories and then both extend the same stories)."""
    script = SCRIPT.format(tests=str(TESTS), url=url)
    gates = [tmp_path / "go0", tmp_path / "go1"]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, spec, str(gate)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for spec, gate in zip(specs, gates, strict=True)
    ]
    time.sleep(1.0)  # both imported and waiting
    gates[0].touch()
    deadline = time.monotonic() + 60
    with Store(url) as watcher:
        while watcher.article_count() < head_start and time.monotonic() < deadline:
            time.sleep(0.02)
    gates[1].touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-3000:]
        outputs.append(out.strip())
    return outputs


def _assert_consistent(store: Store, expected: int) -> None:
    with Session(store.engine) as session:
        rows = dict(session.execute(select(ArticleRow.id, ArticleRow.story_id)).all())
    assert len(rows) == expected
    orphans = [article_id for article_id, story_id in rows.items() if story_id is None]
    assert orphans == [], f"{len(orphans)} of {expected} articles have no story"
    listed: dict[str, str] = {}
    for story in store.stories():
        for article_id in story.article_ids:
            assert article_id not in listed, f"{article_id} is in two stories"
            listed[article_id] = story.id
    assert listed == rows  # every story lists exactly the articles pointing at it


@pytest.fixture
def fresh_postgres():
    """A throwaway PostgreSQL cluster (the store's own tests use the same script)."""
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        pytest.skip("no PostgreSQL binaries")
    started = subprocess.run(
        ["bash", str(START_POSTGRES)], capture_output=True, text=True, check=True, timeout=120
    )
    url, data = started.stdout.splitlines()[:2]
    try:
        yield url
    finally:
        subprocess.run(
            ["bash", str(START_POSTGRES), "stop", data.removeprefix("PGDATA=")],
            check=False,
            timeout=60,
        )


def _two_halves(tmp_path: Path) -> list[str]:
    specs = []
    for half in (0, 1):
        path = tmp_path / f"half{half}.jsonl"
        path.write_text("\n".join(json.dumps(row) for row in _rows(half)) + "\n")
        specs.append(str(path))
    return specs


@pytest.mark.postgres
def test_two_concurrent_ingests_into_postgresql(tmp_path, fresh_postgres):
    Store(fresh_postgres).close()
    outputs = _run_two(tmp_path, fresh_postgres, _two_halves(tmp_path), head_start=2)
    assert outputs == ["20 added", "20 added"]
    with Store(fresh_postgres) as store:
        _assert_consistent(store, 40)


def test_two_concurrent_ingests_lose_and_orphan_nothing(tmp_path):
    specs = _two_halves(tmp_path)
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    Store(url).close()  # the file exists before both start
    outputs = _run_two(tmp_path, url, specs, head_start=2)
    assert outputs == ["20 added", "20 added"]
    with Store(url) as store:
        _assert_consistent(store, 40)
        # the same events were reported by both runs: they share stories
        assert len(store.stories()) < 20


def test_two_concurrent_ingests_of_the_same_file_store_it_once(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in _rows(0)) + "\n")
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    Store(url).close()
    outputs = _run_two(tmp_path, url, [str(path), str(path)])
    added = sorted(int(line.split()[0]) for line in outputs)
    assert sum(added) == 20  # each article stored once, by whichever run got there first
    with Store(url) as store:
        _assert_consistent(store, 20)


def test_a_merge_on_the_web_desk_during_an_ingest_is_kept(tmp_path):
    """The web desk merges two stories while a CLI ingest is adding to both: the
    ingest catches up with the merge instead of writing the old stories back."""
    rows = []
    for index in range(24):
        town = ("Izmir", "Kobe")[index % 2]
        rows.append(
            {
                "title": f"{town}: report {index}",
                "text": f"Officials in {town} described the {WORDS[town]} on Monday. Mayor "
                f"Anna {town}son said the damage in {town} was serious. Correspondent "
                f"{index} filed account {index * 7} after talking to witness {index * 13}.",
                "source": f"Outlet {index % 9}",
                "date": "2021-05-03" if town == "Izmir" else "2023-09-10",
            }
        )
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in rows[:4]) + "\n")
    rest.write_text("\n".join(json.dumps(r) for r in rows[4:]) + "\n")
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    script = SCRIPT.format(tests=str(TESTS), url=url)
    go = tmp_path / "go"
    go.touch()
    done = subprocess.run(
        [sys.executable, "-c", script, str(first), str(go)],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    with Store(url) as store:
        stories = store.stories()
        assert len(stories) == 2, [s.title for s in stories]
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(rest), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        deadline = time.monotonic() + 60
        while store.article_count() < 8 and time.monotonic() < deadline:
            time.sleep(0.02)
        merged = store.merge_stories(stories[0].id, stories[1].id)  # what the web desk does
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-3000:]
        assert out.strip() == "20 added"
        _assert_consistent(store, 24)
        assert stories[1].id not in {s.id for s in store.stories()}  # not written back
        assert set(merged.article_ids) <= set(store.story(merged.id).article_ids)
