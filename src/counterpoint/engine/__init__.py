"""Engines run the per-article stages (extract + analyze) locally or on Ray."""

from counterpoint.engine.ingestion import IngestProgress, IngestReport, ingest
from counterpoint.engine.work import Outcome, default_processor, process_one

__all__ = [
    "IngestProgress",
    "IngestReport",
    "Outcome",
    "default_processor",
    "ingest",
    "process_one",
]
