"""Several threads or processes opening one new store at once: the tables are made
once and nobody fails ("table stories already exists" gave the web desk's first
concurrent requests a 500)."""

from __future__ import annotations

import threading

from counterpoint.store import Store


def open_at_once(url: str, count: int = 8) -> list[BaseException]:
    """`count` threads open the store at `url` at the same moment; their errors."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def open_store() -> None:
        start.wait()
        try:
            Store(url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_many_threads_open_one_new_store_at_once(tmp_path):
    for attempt in range(5):
        url = f"sqlite:///{tmp_path / f'fresh{attempt}.db'}"
        errors = open_at_once(url)
        assert not errors, errors[0]
        with Store(url) as store:
            assert store.article_count() == 0
