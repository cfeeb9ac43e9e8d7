"""The story report as one self-contained, escaped HTML file (no scripts)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from counterpoint.present import wording
from counterpoint.present.report import Report


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescaping Jinja2 environment over the package's templates."""
    return Environment(
        loader=PackageLoader("counterpoint.present", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def render_html(report: Report) -> str:
    """A standalone report page; every piece of article text is escaped."""
    return environment().get_template("report.html").render(report=report, say=wording)
