"""Engines run the per-article stages (extract + analyze) locally or on Ray."""

from counterpoint.engine.ingest import IngestReport, Progress, ingest
from counterpoint.engine.work import Outcome, default_processor, process_one

__all__ = ["IngestReport", "Outcome", "Progress", "default_processor", "ingest", "process_one"]
