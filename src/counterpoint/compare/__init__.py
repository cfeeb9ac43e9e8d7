"""Compare stage: align claims across a story's sources and label agree / contradict.

Entry point: `compare_story(story, analyses, judge)` -> `Comparison`; `get_judge()`
returns the configured `RelationJudge` (see counterpoint.settings).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counterpoint.compare.judges import get_judge
    from counterpoint.compare.relation import RelationJudge
    from counterpoint.compare.story import compare_story

# public name -> module defining it; imported on first use so that importing one
# submodule of this package does not load the whole stage (models, spaCy, torch)
_EXPORTS = {
    "compare_story": "counterpoint.compare.story",
    "get_judge": "counterpoint.compare.judges",
    "RelationJudge": "counterpoint.compare.relation",
}

__all__ = ["RelationJudge", "compare_story", "get_judge"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
