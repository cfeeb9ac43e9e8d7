"""Words a reader understands for each kind of attribution.

Why: the kinds are the pipeline's enum values ("according_to", "denial"); every place
that shows a statement to a reader (terminal, Markdown, HTML, the web desk, the JSON
report's `label`) shows these words instead, so no internal name leaks out.
"""

from __future__ import annotations

READER_LABELS = {
    "direct": "said",
    "indirect": "said",
    "mixed": "said",
    "according_to": "according to",
    "statement": "said in a statement",
    "denial": "denied",
    "declined": "declined to comment",
}


def reader_label(kind: str) -> str:
    """The reader's word for an attribution kind ("denial" -> "denied")."""
    return READER_LABELS.get(kind, "said")


__all__ = ["READER_LABELS", "reader_label"]
