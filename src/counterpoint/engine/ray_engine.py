"""Ray engine: the same per-item work as Ray Data `map_batches` tasks.

Each Ray worker holds one `_RayProcessor` (a callable class), so models load once
per worker, not per batch. Connects to RAY_ADDRESS when set (a real cluster),
else starts a local one with `workers` CPUs. Results stream back to the driver
(which writes the store) or go straight to Parquet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from counterpoint.engine.work import Outcome, ProcessorFactory, process_items
from counterpoint.records import RawItem
from counterpoint.settings import get as get_setting


class _RayProcessor:
    """Per-worker state for map_batches: builds the processor once."""

    def __init__(self, factory: ProcessorFactory) -> None:
        self.processor = factory()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str | None]]:
        items = [
            RawItem(
                origin=str(origin),
                data=bytes(data),
                media_type=media_type,
                url=url or None,
                hints=_hints(hints),
            )
            for origin, data, media_type, url, hints in zip(
                batch["origin"],
                batch["data"],
                batch["media_type"],
                batch["url"],
                batch["hints"],
                strict=True,
            )
        ]
        outcomes = process_items(self.processor, items)
        return {
            "origin": [o.origin for o in outcomes],
            "analysis": [o.analysis_json for o in outcomes],
            "problem": [o.problem for o in outcomes],
        }


def _hints(text: Any) -> dict[str, str]:
    import json

    return dict(json.loads(text)) if text else {}


def _ensure_ray(workers: int) -> bool:
    """Start or join Ray; True when this call started it (and should stop it)."""
    import ray

    if ray.is_initialized():
        return False
    address = get_setting("RAY_ADDRESS")
    if address:
        ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
    else:
        ray.init(
            num_cpus=max(workers, 1),
            include_dashboard=False,
            log_to_driver=False,
            ignore_reinit_error=True,
        )
    return True


def _dataset(items: Iterable[RawItem]) -> Any:
    import json

    import ray

    rows = [
        {
            "origin": i.origin,
            "data": i.data,
            "media_type": i.media_type,
            "url": i.url or "",
            "hints": json.dumps(i.hints),
        }
        for i in items
    ]
    return ray.data.from_items(rows) if rows else None


def run_ray(
    items: Iterable[RawItem],
    factory: ProcessorFactory,
    workers: int = 1,
    batch_size: int = 8,
    parquet: str | None = None,
) -> Iterator[Outcome]:
    """Process items as Ray Data tasks; yields outcomes (and writes Parquet when asked)."""
    import ray

    started = _ensure_ray(workers)
    try:
        dataset = _dataset(items)
        if dataset is None:
            return
        results = dataset.map_batches(
            _RayProcessor,
            fn_constructor_args=(factory,),
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=max(workers, 1)),
            batch_format="numpy",
        )
        if parquet:
            results = results.materialize()
            results.write_parquet(parquet)
        for row in results.iter_rows():
            yield Outcome(
                origin=str(row["origin"]),
                analysis_json=row["analysis"] or None,
                problem=row["problem"] or None,
            )
    finally:
        if started:
            ray.shutdown()
