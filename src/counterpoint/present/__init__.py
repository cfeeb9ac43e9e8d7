"""Present stage: build the versioned Report and render it (terminal, Markdown, JSON, HTML).

Entry point: `build_report(story, analyses, comparison, brief)` -> `Report`;
`render_text(report, fmt)` and `render_terminal(report)` render it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counterpoint.present.html import render_html
    from counterpoint.present.markdown import render_markdown
    from counterpoint.present.render import FORMATS, render_text
    from counterpoint.present.report import Report, build_report
    from counterpoint.present.terminal import render_terminal

# public name -> module defining it; imported on first use so that importing one
# submodule of this package does not load the whole stage (models, spaCy, torch)
_EXPORTS = {
    "build_report": "counterpoint.present.report",
    "FORMATS": "counterpoint.present.render",
    "render_html": "counterpoint.present.html",
    "render_markdown": "counterpoint.present.markdown",
    "render_terminal": "counterpoint.present.terminal",
    "render_text": "counterpoint.present.render",
    "Report": "counterpoint.present.report",
}

__all__ = [
    "FORMATS",
    "Report",
    "build_report",
    "render_html",
    "render_markdown",
    "render_terminal",
    "render_text",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
