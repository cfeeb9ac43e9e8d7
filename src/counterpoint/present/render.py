"""Pick a renderer by format name (the CLI's --format)."""

from __future__ import annotations

from counterpoint.present.html import render_html
from counterpoint.present.markdown import render_markdown
from counterpoint.present.report import Report

FORMATS = ("terminal", "json", "markdown", "html")


def render_text(report: Report, fmt: str) -> str:
    """The report as a string in one of the export formats."""
    if fmt == "json":
        return report.model_dump_json(indent=2)
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
