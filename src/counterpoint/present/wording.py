"""The words every report format uses for its sections and empty states.

The terminal, Markdown, HTML export and web desk show the same report; one wording
here keeps a section from being "Summary" in one and "Neutral summary" in another.
"""

from __future__ import annotations

from counterpoint.lexicon import CLOSING_QUOTES, OPENING_QUOTES

SUMMARY = "Neutral summary"
DISPUTES = "Disputes"
CONSENSUS = "What the sources agree on"
UNIQUE = "Claims only one source makes"  # the brief has its own "Reported by one source only"
SPEAKERS = "Who said what"
MISQUOTES = "Possible misquotes"
PROBLEMS = "Skipped inputs"

NO_DISPUTES = "No conflicting claims found."
NO_CONSENSUS = "No claim is carried by more than one independent source."
NO_UNIQUE = "Every claim found appears in more than one source."

# a claim in a speaker's name: said or reported, not always a verbatim quotation
ATTRIBUTED = "attributed to"


def quoted(text: str) -> str:
    """A statement's words between one pair of quotation marks: a quotation that
    carries its own marks is not shown as “"..."”."""
    inner = text.strip().strip(OPENING_QUOTES + CLOSING_QUOTES + "„").strip()
    return f"“{inner}”"
