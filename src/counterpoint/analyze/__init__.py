"""Analyze stage: Article -> AnalyzedArticle (sentences, entities, attributions, claims).

Entry point: `analyze_article(article, nlp=None)`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counterpoint.analyze.article import analyze_article

# public name -> module defining it; imported on first use so that importing one
# submodule of this package does not load the whole stage (models, spaCy, torch)
_EXPORTS = {
    "analyze_article": "counterpoint.analyze.article",
}

__all__ = ["analyze_article"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
