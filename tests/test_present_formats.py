"""The report formats (terminal, Markdown, HTML) use one wording and show what a reader needs:
every section titled alike, an empty section said to be empty, and a possible misquote as
the two wordings as written (not the leftover words)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rich.console import Console

from counterpoint.present import render_html, render_markdown, render_terminal
from counterpoint.present import wording as say
from counterpoint.present.report import (
    ClaimView,
    MisquoteView,
    Report,
    SourceView,
    StatementView,
)

FOX = "He said he used money that should have been used for my campaign."
NYT = "He said he used money I shouldn’t have used for personal purposes."


def _statement(outlet: str, text: str) -> StatementView:
    return StatementView(
        article_id=outlet.lower(),
        outlet=outlet,
        kind="direct",
        cue="said",
        text=text,
        sentence=text,
    )


def _report() -> Report:
    sources = [
        SourceView.model_validate(
            {
                "article_id": o.lower(),
                "outlet": o,
                "origin": f"{o}.txt",
                "title": None,
                "published": None,
                "language": "en",
                "url": None,
            }
        )
        for o in ("Fox News", "NYT")
    ]
    unique = ClaimView(
        claim_id="c1", article_id="fox news", outlet="Fox News", asserter="Jesse Jackson Jr.",
        text="The money went to the campaign.", sentence="The money went to the campaign.",
        polarity="positive",
    )  # fmt: skip
    misquote = MisquoteView(
        speaker="Jesse Jackson Jr.", a=_statement("Fox News", FOX), b=_statement("NYT", NYT),
        similarity=0.7, only_in_a=["that", "campaign"], only_in_b=["i", "personal"],
    )  # fmt: skip
    return Report(
        generated_at=datetime(2026, 1, 2, tzinfo=UTC), story_id="s1", title="Plea deal",
        sources=sources, summary=[], consensus=[], disputes=[], unique=[unique], speakers=[],
        misquotes=[misquote],
    )  # fmt: skip


def _terminal(report: Report) -> str:
    console = Console(record=True, width=200)
    render_terminal(report, console)
    return console.export_text()


@pytest.mark.parametrize("render", [render_markdown, render_html, _terminal])
def test_formats_share_titles_say_empty_and_show_misquotes_as_written(render) -> None:  # type: ignore[no-untyped-def]
    text = render(_report()).replace("&#39;", "'").replace("&quot;", '"')
    for title in (say.DISPUTES, say.CONSENSUS, say.UNIQUE):
        assert title in text
    assert say.NO_DISPUTES in text and say.NO_CONSENSUS in text
    assert FOX in text and NYT in text  # both wordings, side by side
    assert f"{say.ATTRIBUTED} Jesse Jackson Jr." in text
    assert "quoting" not in text


def test_a_quotation_is_shown_between_one_pair_of_marks() -> None:
    from counterpoint.present.wording import quoted

    assert quoted('"We won\'t send our members back,"') == "“We won't send our members back,”"
    assert quoted("“We will not go back”") == "“We will not go back”"
    assert quoted("that the talks would resume") == "“that the talks would resume”"
