"""How long a brief should be: a share of the coverage it summarises.

Editors' roundups grow with the coverage they condense (on NeuS train the
roundup's length correlates 0.52 with the input's). A fixed word budget is too
long for short coverage and too short for long coverage, so the budget is a
share of the input's words; the share is data (budget.json), chosen on NeuS
train with `benchmarks/summaries.py --fit-budget`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from counterpoint.package_files import read_json
from counterpoint.summarize.text import words


@lru_cache(maxsize=1)
def budget_settings() -> dict[str, object]:
    """The shipped budget rule (share of input words, floor)."""
    data: dict[str, object] = read_json("counterpoint.summarize", "budget.json")
    return data


def word_budget(texts: Iterable[str], ratio: float | None = None) -> int:
    """Words the brief may reach: `ratio` (default: the shipped share) of the input's words."""
    settings = budget_settings()
    share = float(ratio if ratio is not None else settings["ratio"])  # type: ignore[arg-type]
    floor: int = int(settings.get("min_words", 0))  # type: ignore[call-overload]
    total = sum(len(words(text)) for text in texts)
    return max(floor, round(share * total))
