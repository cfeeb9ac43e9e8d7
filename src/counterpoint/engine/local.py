"""Local engine: a pool of worker processes, each loading the models once.

Work is submitted in a bounded window so memory stays flat on large inputs, and
outcomes come back as they finish. One worker runs in-process (no pool overhead,
and the simplest thing to debug). Pool workers use one math thread each (as Ray's
workers do), so N workers on N cores do not oversubscribe them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from counterpoint.engine.work import Outcome, Processor, ProcessorFactory, process_items
from counterpoint.records import RawItem

_worker_processor: Processor | None = None
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def _init_worker(factory: ProcessorFactory) -> None:
    """Load the models once; one math thread per worker, or N workers fight over cores."""
    global _worker_processor
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:  # torch is optional for custom processors
        pass
    _worker_processor = factory()


def _work(items: list[RawItem]) -> list[Outcome]:
    assert _worker_processor is not None, "worker not initialised"
    return process_items(_worker_processor, items)


@contextlib.contextmanager
def _single_threaded_children() -> Iterator[None]:
    """Spawned workers inherit one-thread math settings before they import numpy/torch.

    (This process's own libraries are already initialised, so it is unaffected.)
    """
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: "1" for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _chunks(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    chunk: list[RawItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_local(
    items: Iterable[RawItem], factory: ProcessorFactory, workers: int = 1, chunk_size: int = 4
) -> Iterator[Outcome]:
    """Process items on `workers` processes; yields outcomes as they complete."""
    if workers <= 1:
        processor = factory()
        for chunk in _chunks(items, chunk_size):
            yield from process_items(processor, chunk)
        return
    context = multiprocessing.get_context("spawn")  # no forked torch / SQLite state
    window = workers * 3
    with (
        _single_threaded_children(),
        ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(factory,)
        ) as pool,
    ):
        pending: set[Future[list[Outcome]]] = set()
        for chunk in _chunks(items, chunk_size):
            pending.add(pool.submit(_work, chunk))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        for future in _as_done(pending):
            yield from future.result()


def _as_done(pending: set[Future[list[Outcome]]]) -> Iterator[Future[list[Outcome]]]:
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from done
