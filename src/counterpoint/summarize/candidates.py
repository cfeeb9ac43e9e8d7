"""The unit the brief writer chooses from: one cleaned sentence from one source.

Both entry points build candidates: `write_brief` from analysed articles and the
compare stage's claims, `summarize_sources` from raw multi-source text. Scoring,
selection and rendering then work the same way for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceText:
    """One outlet's text on the story, as plain strings (no analysis needed)."""

    name: str
    text: str
    title: str | None = None


@dataclass
class Candidate:
    """A sentence that could enter the brief, with where it came from."""

    text: str
    source: int
    position: int
    is_title: bool = False
    claim_ids: list[str] = field(default_factory=list)
    score: float = 0.0
