"""One interface for judging how two statements relate.

The compare stage only talks to a `RelationJudge`; whether the judgement comes from
rules, the shipped trained model, a user's cross-encoder directory or an
OpenAI-compatible endpoint is a configuration choice (see `get_judge`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from counterpoint.records import RelationScore


class RelationJudge(Protocol):
    """Scores (premise, hypothesis) pairs: probability of agree / contradict / neutral."""

    name: str

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        """Score many pairs at once; batch for speed."""
        ...
