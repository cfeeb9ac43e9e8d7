"""`ingest`: read inputs, analyse new articles on an engine, store them and their stories.

The driver process reads, skips origins and article ids the store already has (so
an interrupted run resumes where it stopped), sends the rest to the engine, and
writes each batch of results together with the stories they touched in ONE store
transaction: a killed run leaves whole batches or nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from counterpoint.engine.work import Outcome, ProcessorFactory, default_processor
from counterpoint.group.cluster import StoryClusterer
from counterpoint.read import ReadOptions, read_inputs
from counterpoint.records import AnalyzedArticle, RawItem, ReadProblem
from counterpoint.store import Store

ENGINES = ("local", "ray")


@dataclass
class Progress:
    """Counts so far, for a progress bar (the CLI shows them with a rate)."""

    read: int = 0
    processed: int = 0
    added: int = 0
    already_present: int = 0
    problems: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Items processed per second."""
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def done(self) -> int:
        """Items finished: processed, or skipped because already stored."""
        return self.processed + self.skipped


@dataclass
class IngestReport:
    """What an ingest did."""

    added: list[str] = field(default_factory=list)
    already_present: int = 0
    copies: dict[str, str] = field(default_factory=dict)
    problems: list[ReadProblem] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{len(self.added)} added, {self.already_present} already stored, "
            f"{len(self.copies)} copies, {len(self.problems)} problems, "
            f"{len(self.stories)} stories touched in {self.seconds:.1f}s"
        )

    @property
    def rate(self) -> float:
        """Added articles per second of wall time."""
        return len(self.added) / self.seconds if self.seconds else 0.0


# Called as progress(done, total, rate=..., added=..., already_present=..., problems=...,
# counts=Progress); total is None because inputs are streamed.
ProgressCallback = Callable[..., None]


def ingest(
    specs: list[str],
    store: Store,
    *,
    engine: str = "local",
    workers: int = 1,
    options: ReadOptions | None = None,
    progress: ProgressCallback | None = None,
    processor_factory: ProcessorFactory | None = None,
    clusterer: StoryClusterer | None = None,
    batch_size: int = 32,
    out: str | None = None,
) -> IngestReport:
    """Ingest every input into `store` (`out`: also write analyses to Parquet, Ray only)."""
    factory = processor_factory or default_processor
    report = IngestReport()
    counts = Progress()
    known = store.known_origins()

    def notify() -> None:
        if progress is not None:
            progress(
                counts.done,
                None,
                rate=counts.rate,
                added=counts.added,
                already_present=counts.already_present,
                problems=counts.problems,
                counts=counts,
            )

    def fresh_items() -> Iterator[RawItem]:
        for entry in read_inputs(specs, options or ReadOptions()):
            if isinstance(entry, ReadProblem):
                report.problems.append(entry)
                counts.problems += 1
                notify()
                continue
            counts.read += 1
            problem = known.get(entry.origin)
            if problem is not None:  # a problem again, not "already stored"
                reason = f"{problem} (recorded by an earlier run; not retried)"
                report.problems.append(ReadProblem(origin=entry.origin, reason=reason))
                counts.problems += 1
                counts.skipped += 1
                notify()
                continue
            if entry.origin in known:
                report.already_present += 1
                counts.already_present += 1
                counts.skipped += 1
                notify()
                continue
            known[entry.origin] = None
            yield entry

    outcomes = _run(engine, fresh_items(), factory, workers, out)
    writer = _BatchWriter(store, clusterer, report, counts)
    batch: list[Outcome] = []
    for outcome in outcomes:
        counts.processed += 1
        batch.append(outcome)
        if len(batch) >= batch_size:
            writer.write(batch)
            batch = []
        notify()
    writer.write(batch)
    notify()
    report.seconds = counts.elapsed
    return report


def _run(
    engine: str,
    items: Iterable[RawItem],
    factory: ProcessorFactory,
    workers: int,
    parquet: str | None,
) -> Iterator[Outcome]:
    if engine == "ray":
        from counterpoint.engine.ray_engine import run_ray

        return run_ray(items, factory, workers=workers, parquet=parquet)
    if engine == "local":
        if parquet:
            raise ValueError("Parquet output needs the ray engine")
        from counterpoint.engine.local import run_local

        return run_local(items, factory, workers=workers)
    raise ValueError(f"unknown engine {engine!r}: use 'local' or 'ray'")


class _BatchWriter:
    """Saves outcomes batch by batch, grouping new articles into stories."""

    def __init__(
        self, store: Store, clusterer: StoryClusterer | None, report: IngestReport, counts: Progress
    ) -> None:
        self.store = store
        self._clusterer = clusterer
        self._loaded = False
        self.report = report
        self.counts = counts

    @property
    def clusterer(self) -> StoryClusterer:
        if self._clusterer is None:
            self._clusterer = StoryClusterer()
        if not self._loaded:
            self._clusterer.load(
                self.store.stories(),
                self.store.analyses_without_cache(),
                cached=self.store.cluster_cache(),
            )
            self._loaded = True
        return self._clusterer

    def write(self, batch: list[Outcome]) -> None:
        if not batch:
            return
        analyses: list[tuple[str, AnalyzedArticle]] = []
        for outcome in batch:
            if outcome.problem is not None or outcome.analysis_json is None:
                reason = outcome.problem or "no analysis"
                self.report.problems.append(ReadProblem(origin=outcome.origin, reason=reason))
                self.store.remember_problem(outcome.origin, reason)
                self.counts.problems += 1
            else:
                analyses.append((outcome.origin, outcome.analysis()))
        stored = self.store.existing_ids(a.article.id for _, a in analyses)
        new: dict[str, AnalyzedArticle] = {}
        for origin, analysis in analyses:
            article_id = analysis.article.id
            if article_id in stored or article_id in new:
                self.report.already_present += 1
                self.counts.already_present += 1
                self.store.remember_origin(origin, article_id)
            else:
                new[article_id] = analysis
        if not new:
            return
        clusterer = self.clusterer
        touched = clusterer.add(list(new.values()))
        stories = [clusterer.story(story_id) for story_id in touched]
        cache = {article_id: clusterer.cached(article_id) for article_id in new}
        self.store.save_batch(list(new.values()), stories, [o for o, _ in analyses], cache)
        self.report.added.extend(new)
        self.counts.added += len(new)
        for story in stories:
            self.report.copies.update({c: o for c, o in story.copies.items() if c in new})
            if story.id not in self.report.stories:
                self.report.stories.append(story.id)
