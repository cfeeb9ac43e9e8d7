"""One long upload must not starve the web desk's other requests.

The desk's models run one piece of work at a time. An upload of many long files used
to hold the model lock for the sum of their analyses, so a reader's page or a small
paste waited minutes. Now `ingest(..., turn=...)` takes the lock per article (and per
store write), and `FairLock` hands it over in arrival order, so another request waits
for the article being analysed, not for the upload.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

from test_engine_helpers import HashEmbedder, text_processor

from counterpoint.engine import ingest
from counterpoint.group import StoryClusterer
from counterpoint.records import AnalyzedArticle, RawItem
from counterpoint.store import Store
from counterpoint.web.turns import FairLock

ARTICLE_SECONDS = 0.3  # what one article's analysis costs in these tests

STORY = (
    "Harbour works approved {n}\n\nThe Havenmouth council approved {n} million pounds for the "
    "harbour works on Monday, councillor Maria Santos said. Engineer John Okafor said {n} "
    "berths would be built by March, and the port authority agreed with the plan."
)


def slow_processor(item: RawItem) -> AnalyzedArticle:
    time.sleep(ARTICLE_SECONDS)
    return text_processor(item)


def write_articles(folder, count: int, start: int = 0) -> list[str]:
    paths = []
    for n in range(start, start + count):
        path = folder / f"article-{n}.txt"
        path.write_text(STORY.format(n=n + 10))
        paths.append(str(path))
    return paths


def test_nothing_new_never_builds_the_processor(tmp_path):
    """Inputs all refused or already stored: the models are never loaded."""
    built: list[int] = []

    def factory():
        built.append(1)
        return text_processor

    (tmp_path / "short.txt").write_text("too short")
    paths = write_articles(tmp_path, 1)
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        clusterer = StoryClusterer(embed=HashEmbedder())
        missing = ingest([str(tmp_path / "missing.txt")], store, processor_factory=factory,
                         clusterer=clusterer)  # fmt: skip
        assert missing.problems and not built
        first = ingest(paths, store, processor_factory=factory, clusterer=clusterer)
        assert len(first.added) == 1 and len(built) == 1
        again = ingest(paths, store, processor_factory=factory, clusterer=clusterer)
        assert again.already_present == 1 and len(built) == 1


def test_each_article_and_each_write_is_one_turn(tmp_path):
    held = threading.local()
    turns: list[str] = []

    @contextlib.contextmanager
    def turn() -> Iterator[None]:
        assert not getattr(held, "on", False), "turns must not nest"
        held.on = True
        turns.append("turn")
        try:
            yield
        finally:
            held.on = False

    def processor(item: RawItem) -> AnalyzedArticle:
        assert held.on, "an analysis ran outside a turn"
        return text_processor(item)

    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        report = ingest(write_articles(tmp_path, 5), store, processor_factory=lambda: processor,
                        clusterer=StoryClusterer(embed=HashEmbedder()), batch_size=2,
                        turn=turn)  # fmt: skip
    assert len(report.added) == 5
    assert len(turns) == 5 + 3  # five analyses, three batch writes


def test_fair_lock_serves_waiters_in_arrival_order():
    lock = FairLock()
    order: list[int] = []
    lock.acquire()
    threads = []
    for n in range(5):
        thread = threading.Thread(
            target=lambda n=n: (lock.acquire(), order.append(n), lock.release())
        )
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # arrive one after the other
    lock.release()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4]
    assert not lock.locked()


def test_a_small_request_completes_while_a_long_upload_is_analysed(tmp_path):
    """Ten slow articles take about 3 s; a request arriving during them waits for one."""
    lock = FairLock()
    paths = write_articles(tmp_path, 10)
    upload_done = threading.Event()

    def upload() -> None:
        with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
            ingest(paths, store, processor_factory=lambda: slow_processor,
                   clusterer=StoryClusterer(embed=HashEmbedder()), turn=lambda: lock)  # fmt: skip
        upload_done.set()

    worker = threading.Thread(target=upload)
    started = time.monotonic()
    worker.start()
    time.sleep(3 * ARTICLE_SECONDS)  # the upload is under way
    asked = time.monotonic()
    with lock:  # a small request: one piece of model work
        waited = time.monotonic() - asked
        assert not upload_done.is_set()
        time.sleep(0.05)
    worker.join(60)
    total = time.monotonic() - started
    assert upload_done.is_set()
    assert waited < 2 * ARTICLE_SECONDS + 0.5, f"waited {waited:.2f}s behind the upload"
    assert total >= 10 * ARTICLE_SECONDS


def test_the_web_desk_answers_a_paste_while_an_upload_of_many_files_is_analysed(
    tmp_path, monkeypatch
):
    """The desk itself: a paste sent during a ten-file upload is stored long before the
    upload ends (it used to wait for the whole upload's analyses under one lock)."""
    import sys

    import counterpoint.group.cluster  # noqa: F401  (the module, for monkeypatching)
    from counterpoint.desk import Desk
    from counterpoint.web.service import Upload, WebDesk

    monkeypatch.setattr(
        sys.modules["counterpoint.engine.ingestion"], "default_processor", lambda: slow_processor
    )
    monkeypatch.setattr(sys.modules["counterpoint.group.cluster"], "MiniLMEmbedder", HashEmbedder)
    web = WebDesk(Desk(f"sqlite:///{tmp_path / 'cp.db'}"))
    uploads = [Upload(f"a{n}.txt", STORY.format(n=n + 10).encode()) for n in range(10)]
    finished: dict[str, float] = {}
    started = time.monotonic()

    def upload() -> None:
        outcome = web.ingest(uploads)
        assert len(outcome.article_ids) == 10
        finished["upload"] = time.monotonic() - started

    worker = threading.Thread(target=upload)
    worker.start()
    time.sleep(3 * ARTICLE_SECONDS)
    pasted = web.ingest([], STORY.format(n=99), {"outlet": "Courier"})
    finished["paste"] = time.monotonic() - started
    worker.join(60)
    assert len(pasted.article_ids) == 1 and pasted.story_ids
    assert "upload" in finished and finished["paste"] < finished["upload"] - 3 * ARTICLE_SECONDS
    assert not web.desk.store.orphan_ids()
