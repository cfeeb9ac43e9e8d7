"""counterpoint: who said what, and where the sources disagree.

from counterpoint import Desk
report = Desk().compare(["a.html", "b.txt"])

The Desk is the Python API; the types it returns (Report, ClaimCheck, IngestReport)
and takes (ReadOptions) are importable from here and from counterpoint.records.
Each stage package exports its entry point: counterpoint.read.read_inputs,
counterpoint.extract.extract, counterpoint.analyze.analyze_article,
counterpoint.group.cluster_stories, counterpoint.compare.compare_story,
counterpoint.summarize.write_brief, counterpoint.present.build_report.
Every setting is listed in counterpoint.settings.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counterpoint.desk import Desk
    from counterpoint.engine.ingestion import IngestReport
    from counterpoint.present.report import Report
    from counterpoint.read import ReadOptions
    from counterpoint.records import ClaimCheck

__version__ = "0.1.0"

# imported lazily so `import counterpoint.records` stays light for workers and tools
_EXPORTS = {
    "ClaimCheck": "counterpoint.records",
    "Desk": "counterpoint.desk",
    "IngestReport": "counterpoint.engine.ingestion",
    "ReadOptions": "counterpoint.read",
    "Report": "counterpoint.present.report",
}

__all__ = ["ClaimCheck", "Desk", "IngestReport", "ReadOptions", "Report", "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
