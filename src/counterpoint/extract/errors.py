"""The one error the extract stage raises, so callers can report and skip an input."""

from __future__ import annotations


class ExtractionError(Exception):
    """No usable article text remains in an input; `reason` says why, for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
