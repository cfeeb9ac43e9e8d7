"""The automatic word budget: a share of the coverage, shipped as data."""

from __future__ import annotations

from counterpoint.summarize import SourceText, summarize_sources, uncited_text
from counterpoint.summarize.budget import budget_settings, word_budget
from counterpoint.summarize.citations import uncited
from counterpoint.summarize.text import words


def test_budget_is_a_share_of_the_input_words() -> None:
    ratio = float(budget_settings()["ratio"])  # type: ignore[arg-type]
    assert 0 < ratio < 1
    text = " ".join(["word"] * 400)
    assert word_budget([text]) == round(ratio * 400)
    assert word_budget([text], ratio=0.5) == 200


def test_budget_has_a_floor_for_tiny_inputs() -> None:
    floor = int(budget_settings()["min_words"])  # type: ignore[call-overload]
    assert word_budget(["two words"]) >= floor


def _source(index: int, sentences: int) -> SourceText:
    body = " ".join(
        f"Outlet {index} reports detail number {k} about the harbour strike in Riverton today."
        for k in range(sentences)
    )
    return SourceText(f"Source {index}", body, title=f"Riverton harbour strike, view {index}")


def test_longer_coverage_gets_a_longer_brief() -> None:
    short = summarize_sources([_source(i, 2) for i in range(3)])
    long = summarize_sources([_source(i, 12) for i in range(3)])
    assert len(words(uncited_text(long))) > len(words(uncited_text(short)))


def test_brief_stops_once_the_budget_is_reached() -> None:
    sources = [_source(i, 12) for i in range(3)]
    brief = summarize_sources(sources, max_words=30)
    texts = [uncited(s) for s in brief.sentences]
    assert sum(len(words(t)) for t in texts[:-1]) < 30
