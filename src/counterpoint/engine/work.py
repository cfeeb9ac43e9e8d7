"""The per-item work every engine runs, so local processes and Ray share one code path.

An engine only decides where `process_items` runs; what happens to one RawItem
(extract + analyze through `counterpoint.pipeline.Pipeline`, errors turned into a
reason) is written once, here. Results cross process boundaries as JSON text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from counterpoint.records import AnalyzedArticle, RawItem, ReadProblem

Processor = Callable[[RawItem], AnalyzedArticle]
ProcessorFactory = Callable[[], Processor]


def default_processor() -> Processor:
    """The real pipeline (models load on first use, once per worker; it has
    `process_many`, so a batch is parsed together and read from the analysis cache).
    It also encodes each article's lead for the story clusterer, so the ingesting
    process finds those vectors cached and does not load a copy of the encoder."""
    from counterpoint.pipeline import Pipeline

    return Pipeline(embed_leads=True)


@dataclass(frozen=True)
class Outcome:
    """What became of one item: an analysis (as JSON) or the reason there is none."""

    origin: str
    analysis_json: str | None = None
    problem: str | None = None

    def analysis(self) -> AnalyzedArticle:
        """Parse the carried analysis (only when `problem` is None)."""
        if self.analysis_json is None:
            raise ValueError(f"no analysis for {self.origin}: {self.problem}")
        return AnalyzedArticle.model_validate_json(self.analysis_json)


def process_one(processor: Processor, item: RawItem) -> Outcome:
    """Run the processor on one item; an unusable item becomes a problem, not a crash."""
    try:
        return Outcome(origin=item.origin, analysis_json=processor(item).model_dump_json())
    except Exception as exc:  # one bad article must not end a long ingest
        return Outcome(origin=item.origin, problem=ReadProblem.failed(item.origin, exc).reason)


def process_items(processor: Processor, items: Iterable[RawItem]) -> list[Outcome]:
    """Process a batch of items with one processor (together when it has `process_many`;
    item by item when the batch fails, so one bad article costs only itself)."""
    from counterpoint.extract.errors import ExtractionError

    batch = list(items)
    many = getattr(processor, "process_many", None)
    if many is not None and len(batch) > 1:
        try:
            results = many(batch)
        except Exception:  # find the culprit item by item below
            pass
        else:
            return [
                Outcome(origin=item.origin, problem=result.reason)
                if isinstance(result, ExtractionError)
                else Outcome(origin=item.origin, analysis_json=result.model_dump_json())
                for item, result in zip(batch, results, strict=True)
            ]
    return [process_one(processor, item) for item in batch]
