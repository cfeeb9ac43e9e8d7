"""ingest() end to end on JSONL input with a light processor: storing, stories,
copies, problems, resuming, and a SIGKILL mid-ingest leaving a consistent store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_engine_helpers import HashEmbedder, text_processor_factory

from counterpoint.engine import ingest
from counterpoint.group import StoryClusterer
from counterpoint.records import AnalyzedArticle
from counterpoint.store import Store

QUAKE = (
    "A magnitude 7.0 earthquake struck near Izmir on Friday, toppling buildings. "
    "Rescuers in Izmir pulled survivors from the rubble, Governor Yavuz Kose said. "
    "The Aegean quake was felt in Athens and Istanbul."
)
STRIKE = (
    "Dock workers at the port of Havenmouth walked out on Monday over pay. "
    "The union leader Maria Santos said the strike would last a week. "
    "Shipping lines diverted cargo away from Havenmouth."
)


def _lines() -> list[dict[str, str]]:
    return [
        {
            "title": "Earthquake hits Izmir",
            "text": QUAKE,
            "source": "Daily Star",
            "date": "2020-10-30",
        },
        {
            "title": "Izmir quake: survivors pulled from rubble",
            "source": "Morning Post",
            "date": "2020-10-30",
            "text": "Rescuers searched collapsed buildings in Izmir after an earthquake of "
            "magnitude 7.0 on Friday. Governor Yavuz Kose said survivors were found.",
        },
        {
            "title": "Earthquake hits Izmir (wire copy)",
            "text": QUAKE,
            "source": "Herald",
            "date": "2020-10-31",
        },
        {
            "title": "Havenmouth port strike",
            "text": STRIKE,
            "source": "Daily Star",
            "date": "2021-03-01",
        },
        {
            "title": "Port of Havenmouth shut by strike",
            "source": "Morning Post",
            "date": "2021-03-01",
            "text": "The port of Havenmouth stood idle on Monday as dock workers struck over "
            "pay. Union leader Maria Santos said the walkout would last a week.",
        },
        {"title": "x", "text": "too short", "source": "Nobody"},
    ]


def _write_jsonl(path: Path, rows: list[dict[str, str]]) -> str:
    lines = [json.dumps(row) for row in rows]
    path.write_text("\n".join([*lines[:3], "{not json", *lines[3:]]) + "\n")
    return str(path)


def _ingest(spec: str, store: Store, **kwargs):
    return ingest(
        [spec],
        store,
        processor_factory=text_processor_factory,
        clusterer=StoryClusterer(embed=HashEmbedder()),
        **kwargs,
    )


def test_ingest_groups_links_copies_and_resumes(tmp_path):
    spec = _write_jsonl(tmp_path / "news.jsonl", _lines())
    calls = []
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        report = _ingest(spec, store, progress=lambda done, total, **kw: calls.append(done))
        assert len(report.added) == 5
        assert {p.reason.split(":")[0] for p in report.problems} == {
            "not valid JSON",
            "too little text",
        }
        stories = {s.id: s for s in store.stories()}
        assert len(stories) == 2
        sizes = sorted(len(s.article_ids) for s in stories.values())
        assert sizes == [2, 3]
        quake = next(s for s in stories.values() if len(s.article_ids) == 3)
        assert len(quake.copies) == 1
        assert report.copies == quake.copies
        assert calls and calls[-1] >= 5

        again = _ingest(spec, store)
        assert again.added == []
        assert again.already_present == 5  # the five articles
        # the bad JSON line is read (and refused) again; the too-short item is reported
        # again from the store's record instead of being counted as stored
        assert sorted(p.reason.split(":")[0].split(" (")[0] for p in again.problems) == [
            "not valid JSON",
            "too little text",
        ]
        assert any("earlier run" in p.reason for p in again.problems)
        assert store.article_count() == 5


def test_two_workers_match_one(tmp_path):
    spec = _write_jsonl(tmp_path / "news.jsonl", _lines())
    results = []
    for workers in (1, 2):
        with Store(f"sqlite:///{tmp_path / f'cp{workers}.db'}") as store:
            report = _ingest(spec, store, workers=workers)
            results.append(
                (sorted(report.added), sorted(sorted(s.article_ids) for s in store.stories()))
            )
    assert results[0] == results[1]


def _many_rows(count: int) -> list[dict[str, str]]:
    towns = [
        "Izmir",
        "Kobe",
        "Napier",
        "Quito",
        "Lima",
        "Padang",
        "Bam",
        "Sendai",
        "Haiti",
        "Nepal",
    ]
    rows = []
    for index in range(count):
        town = towns[index % len(towns)]
        rows.append(
            {
                "title": f"Report {index} from {town}",
                "text": f"Officials in {town} described event number {index} on day {index}. "
                f"Witness Person{index} said the damage in {town} was serious. "
                f"Reporter {index} filed this account for desk {index}.",
                "source": f"Outlet {index % 7}",
                "date": f"2020-01-{1 + index % 28:02d}",
            }
        )
    return rows


def test_sigkill_mid_ingest_leaves_store_consistent_and_resumes(tmp_path):
    spec = tmp_path / "many.jsonl"
    spec.write_text("\n".join(json.dumps(r) for r in _many_rows(120)) + "\n")
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    tests_dir = Path(__file__).parent
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(tests_dir)!r})
        from test_engine_helpers import HashEmbedder, slow_processor_factory
        from counterpoint.engine import ingest
        from counterpoint.group import StoryClusterer
        from counterpoint.store import Store
        ingest([{str(spec)!r}], Store({url!r}), processor_factory=slow_processor_factory,
               clusterer=StoryClusterer(embed=HashEmbedder()), batch_size=4)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        with Store(url) as watcher:
            while watcher.article_count() < 12 and time.monotonic() < deadline:
                assert child.poll() is None, "ingest ended before it could be killed"
                time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with Store(url) as store:
        stored = {a.id for a in store.articles()}
        assert 12 <= len(stored) < 120
        for article_id in stored:  # every stored article is whole
            assert isinstance(store.analysis(article_id), AnalyzedArticle)
        for story in store.stories():  # no story points at a missing article
            assert set(story.article_ids) <= stored
            for article_id in story.article_ids:
                assert store.story_of(article_id).id == story.id

        report = _ingest(str(spec), store)
        assert report.already_present == len(stored)
        assert len(report.added) == 120 - len(stored)
        assert store.article_count() == 120
        grouped = {i for s in store.stories() for i in s.article_ids}
        assert grouped == {a.id for a in store.articles()}


@pytest.mark.parametrize("engine", ["nonsense"])
def test_unknown_engine_is_refused(tmp_path, engine):
    spec = _write_jsonl(tmp_path / "news.jsonl", _lines())
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store, pytest.raises(ValueError):
        _ingest(spec, store, engine=engine)
