"""One error policy: an article whose extraction or analysis raises is one problem line,
the same line in `compare` (Desk.analyze) and in `ingest` (engine.work), never a crash."""

from __future__ import annotations

import pytest

from counterpoint.desk import Desk
from counterpoint.engine.work import process_items, process_one
from counterpoint.extract.errors import ExtractionError
from counterpoint.records import ANALYSIS_FAILED, AnalyzedArticle, RawItem, ReadProblem


class _Failing:
    """A pipeline whose every article fails with the given error."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def process(self, item: RawItem) -> AnalyzedArticle:
        raise self.error

    __call__ = process


def _item() -> RawItem:
    return RawItem(origin="bad.txt", data=b"The bridge reopened on Monday.", media_type="text")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ExtractionError("too short to be an article"), "too short to be an article"),
        (MemoryError("spaCy ran out"), f"{ANALYSIS_FAILED}: MemoryError: spaCy ran out"),
        (ValueError("E088"), f"{ANALYSIS_FAILED}: ValueError: E088"),
    ],
)
def test_compare_and_ingest_report_a_failing_article_alike(error: Exception, reason: str) -> None:
    desk = Desk()
    desk._pipeline = _Failing(error)  # type: ignore[assignment]
    analyses, problems = desk.analyze([_item()])
    outcome = process_one(_Failing(error), _item())
    batch = process_items(_Failing(error), [_item()])
    assert analyses == []
    assert problems == [ReadProblem(origin="bad.txt", reason=reason)]
    assert outcome.problem == batch[0].problem == reason
    assert ReadProblem.failed("bad.txt", error) == problems[0]
