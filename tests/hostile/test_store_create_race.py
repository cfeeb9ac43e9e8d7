"""Several threads or processes opening one new store at once: the tables are made
once and nobody fails ("table stories already exists" gave the web desk's first
concurrent requests a 500)."""

from __future__ import annotations

import threading

from counterpoint.store import Store


def test_many_threads_open_one_new_store_at_once(tmp_path):
    for attempt in range(5):
        url = f"sqlite:///{tmp_path / f'fresh{attempt}.db'}"
        start = threading.Barrier(8)
        errors: list[BaseException] = []

        def open_store(url: str = url, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                Store(url).close()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=open_store) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors[0]
        with Store(url) as store:
            assert store.article_count() == 0
