"""`ingest`: read inputs, analyse new articles on an engine, store them and their stories.

The driver process reads, skips origins and article ids the store already has (so
an interrupted run resumes where it stopped), sends the rest to the engine, and
writes each batch of results together with the stories they touched in ONE store
transaction: a killed run leaves whole batches or nothing.

An input is known by its origin AND the hash of what was read there: a changed file
under the same path is read again, and a file that gave no article is retried once
its content changed (an analysis that crashed is always retried).

Stories are decided inside the store's write lock from the stored state: when another
writer (a second ingest, the web desk) wrote since, the clusterer first catches up with
what it added, so concurrent writers never overwrite each other's story rows and no
article is left without a story.

The models are loaded only once some input is new: a run whose inputs are all refused
or already stored never imports them. A caller sharing the models with other work (the
web desk) passes `turn`: each article's analysis and each store write then runs inside
one `turn()`, so a long upload holds the models one article at a time and other
requests get their turn in between.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from counterpoint.analyze.budget import budget_note
from counterpoint.engine.work import Outcome, Processor, ProcessorFactory, default_processor
from counterpoint.group.cluster import StoryClusterer
from counterpoint.read import ReadOptions, read_inputs
from counterpoint.records import ANALYSIS_FAILED, AnalyzedArticle, RawItem, ReadProblem
from counterpoint.store import Store
from counterpoint.store.store import Writing


@dataclass
class IngestProgress:
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
    orphans: int = 0  # stored articles without a story after the run (`doctor` repairs)
    notes: list[ReadProblem] = field(default_factory=list)  # stored, but cut to the budget

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{len(self.added)} added, {self.already_present} already stored, "
            f"{len(self.copies)} copies, {len(self.problems)} problems, "
            f"{len(self.stories)} stories touched in {self.seconds:.1f}s"
        )

    @property
    def stored_anything(self) -> bool:
        """True when at least one input's article is in the store (new or already)."""
        return bool(self.added) or self.already_present > 0

    @property
    def rate(self) -> float:
        """Added articles per second of wall time."""
        return len(self.added) / self.seconds if self.seconds else 0.0


# Called as progress(done, total, rate=..., added=..., already_present=..., problems=...,
# counts=IngestProgress); total is None because inputs are streamed.
ProgressCallback = Callable[..., None]
# A turn at shared models: the context is held for one article's analysis or one write.
Turn = Callable[[], AbstractContextManager[object]]


class TakingTurns:
    """A processor that analyses each article inside one `turn()` of the shared models."""

    def __init__(self, processor: Processor, turn: Turn) -> None:
        self.processor = processor
        self.turn = turn

    def __call__(self, item: RawItem) -> AnalyzedArticle:
        with self.turn():
            return self.processor(item)


def _in_turns(factory: ProcessorFactory, turn: Turn) -> ProcessorFactory:
    return lambda: TakingTurns(factory(), turn)


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
    turn: Turn | None = None,
) -> IngestReport:
    """Ingest every input into `store` (`out`: also write analyses to Parquet, Ray only;
    `turn`: hold the shared models one article at a time, in this process only)."""
    factory = processor_factory or default_processor
    if turn is not None:
        if engine != "local" or workers > 1:
            raise ValueError("turn applies to the local engine with one worker only")
        factory = _in_turns(factory, turn)
    report = IngestReport()
    counts = IngestProgress()
    known = store.known_inputs()
    digests: dict[str, str] = {}
    legacy: dict[str, str] = {}  # origins recorded without a digest by earlier versions

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
            digest = input_digest(entry)
            recorded, problem = known.get(entry.origin, (None, None))
            if entry.origin in known and recorded is None and problem is None:
                recorded = legacy[entry.origin] = digest  # stored by an earlier version
            if recorded == digest and problem is not None:  # same content, same problem
                reason = f"{problem} (recorded by an earlier run for this content; not retried)"
                report.problems.append(ReadProblem(origin=entry.origin, reason=reason))
                counts.problems += 1
                counts.skipped += 1
                notify()
                continue
            if recorded == digest:
                report.already_present += 1
                counts.already_present += 1
                counts.skipped += 1
                notify()
                continue
            known[entry.origin] = (digest, None)
            digests[entry.origin] = digest
            yield entry

    fresh = fresh_items()
    first = next(fresh, None)  # nothing new: the engine (and its models) is never started
    outcomes = (
        _run(engine, itertools.chain([first], fresh), factory, workers, out)
        if first is not None
        else iter(())
    )
    writer = _BatchWriter(store, clusterer, report, counts, digests, turn)
    batch: list[Outcome] = []
    for outcome in outcomes:
        counts.processed += 1
        batch.append(outcome)
        if len(batch) >= batch_size:
            writer.write(batch)
            batch = []
        notify()
    writer.write(batch)
    store.record_digests(legacy)
    notify()
    if store.orphan_ids():  # left by an earlier version, or saved outside an ingest
        writer.place_orphans()
        report.orphans = len(store.orphan_ids())
    report.seconds = counts.elapsed
    return report


def input_digest(item: RawItem) -> str:
    """What identifies an input's content: its bytes and the metadata read with them."""
    digest = hashlib.sha256(item.data)
    digest.update(json.dumps([item.media_type, item.url, item.hints], sort_keys=True).encode())
    return digest.hexdigest()[:40]


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
        self,
        store: Store,
        clusterer: StoryClusterer | None,
        report: IngestReport,
        counts: IngestProgress,
        digests: dict[str, str] | None = None,
        turn: Turn | None = None,
    ) -> None:
        self.store = store
        self.turn = turn or contextlib.nullcontext
        self._clusterer = clusterer
        self._seen: int | None = None  # the store generation the clusterer reflects
        self._repaired: list[str] = []  # stories changed by placing stored orphans
        self.report = report
        self.counts = counts
        self.digests = digests if digests is not None else {}

    @property
    def clusterer(self) -> StoryClusterer:
        if self._clusterer is None:
            self._clusterer = StoryClusterer()
        if self._seen is None:  # warm start, outside the write lock (long on a big store)
            generation = self.store.generation()
            self._repaired = self._clusterer.load(
                self.store.stories(),
                self.store.analyses_without_cache(),
                cached=self.store.cluster_cache(),
            )
            self._seen = generation
        return self._clusterer

    def write(self, batch: list[Outcome]) -> None:
        if not batch:
            return
        with self.turn():  # the clusterer embeds with the shared model
            self._write(batch)

    def _write(self, batch: list[Outcome]) -> None:
        analyses: list[tuple[str, AnalyzedArticle]] = []
        for outcome in batch:
            if outcome.problem is not None or outcome.analysis_json is None:
                reason = outcome.problem or "no analysis"
                self.report.problems.append(ReadProblem(origin=outcome.origin, reason=reason))
                if not reason.startswith(ANALYSIS_FAILED):  # a crash is retried next run
                    self.store.remember_problem(
                        outcome.origin, reason, self.digests.get(outcome.origin)
                    )
                self.counts.problems += 1
            else:
                analyses.append((outcome.origin, outcome.analysis()))
        if not analyses:
            return
        clusterer = self.clusterer
        unknown = {a.article.id: a for _, a in analyses if not clusterer.knows(a.article.id)}
        features = clusterer.features_for(list(unknown.values()))  # the model, before the lock
        try:
            with self.store.writing() as writing:
                if writing.generation_before != self._seen:  # someone else wrote: catch up
                    self._repaired += clusterer.load(
                        writing.stories(),
                        writing.analyses_without_cache(clusterer.knows),
                        cached=writing.cluster_cache(clusterer.knows),
                    )
                new, present = self._split(writing, analyses)
                touched = clusterer.add(list(new.values()), features) if new else []
                ids = list(dict.fromkeys(touched + self._repaired))
                stories = [clusterer.story(story_id) for story_id in ids]
                cache = {article_id: clusterer.cached(article_id) for article_id in new}
                origins = [o for o, a in analyses if a.article.id in new]
                writing.save_batch(list(new.values()), stories, origins, cache, self.digests)
                self._seen = writing.generation
        except BaseException:
            # the clusterer holds what was not stored: start afresh from the store
            old = self._clusterer
            self._clusterer = StoryClusterer(embed=old._embed, model=old.model) if old else None
            self._seen = None
            self._repaired = []
            raise
        self._repaired = []
        self.report.already_present += present
        self.counts.already_present += present
        self.report.added.extend(new)
        self.counts.added += len(new)
        for analysis in new.values():
            note = budget_note(analysis.article)
            if note is not None:
                self.report.notes.append(ReadProblem(origin=analysis.article.origin, reason=note))
        for story in stories:
            self.report.copies.update({c: o for c, o in story.copies.items() if c in new})
            if story.id not in self.report.stories:
                self.report.stories.append(story.id)

    def place_orphans(self) -> None:
        """Give stored articles without a story one (re-ingesting repairs them)."""
        with self.turn():
            self._place_orphans()

    def _place_orphans(self) -> None:
        clusterer = self.clusterer  # a warm start places them in memory (self._repaired)
        with self.store.writing() as writing:
            if writing.generation_before != self._seen:
                self._repaired += clusterer.load(
                    writing.stories(),
                    writing.analyses_without_cache(clusterer.knows),
                    cached=writing.cluster_cache(clusterer.knows),
                )
            ids = list(dict.fromkeys(self._repaired))
            writing.put_stories([clusterer.story(story_id) for story_id in ids])
            self._seen = writing.generation
        self._repaired = []

    def _split(
        self, writing: Writing, analyses: list[tuple[str, AnalyzedArticle]]
    ) -> tuple[dict[str, AnalyzedArticle], int]:
        """New articles, and how many were already stored (their origins are recorded)."""
        stored = writing.existing_ids(a.article.id for _, a in analyses)
        new: dict[str, AnalyzedArticle] = {}
        present = 0
        for origin, analysis in analyses:
            article_id = analysis.article.id
            if article_id in stored or article_id in new:
                present += 1
                writing.remember_origin(origin, article_id, self.digests.get(origin))
            else:
                new[article_id] = analysis
        return new, present
