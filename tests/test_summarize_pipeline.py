"""write_brief on the real pipeline's records (extract, analyze, compare) — slow."""

from __future__ import annotations

import pytest

from counterpoint.records import RawItem

ARTICLES = {
    "North Ledger": (
        "Council approves new tram line",
        "The city council approved a new tram line on Tuesday by 31 votes to 12. "
        "Construction will start in March and cost 400 million euros, the council said. "
        "Mayor Ines Berg called the vote a turning point for the city. "
        "The line will connect the airport with the central station.",
    ),
    "South Post": (
        "Tram line wins council vote",
        "The city council voted 31 to 12 on Tuesday to approve a new tram line. "
        "The project will cost 650 million euros, opposition councillors said. "
        "The line will link the central station and the airport. "
        "Shop owners on the route fear two years of roadworks.",
    ),
}


@pytest.mark.slow
def test_brief_from_the_real_pipeline_cites_and_orders() -> None:
    from counterpoint.compare.story import compare_story
    from counterpoint.group.cluster import group_as_one_story
    from counterpoint.pipeline import Pipeline
    from counterpoint.summarize import write_brief

    pipeline = Pipeline()
    analyses = [
        pipeline.process(
            RawItem(
                origin=f"{outlet}.txt",
                data=text.encode(),
                media_type="text",
                hints={"title": title, "outlet": outlet},
            )
        )
        for outlet, (title, text) in ARTICLES.items()
    ]
    story = group_as_one_story(analyses)
    comparison = compare_story(story, analyses)
    brief = write_brief(story, analyses, comparison, max_sentences=6, abstractive=False)

    assert 1 <= len(brief.sentences) <= 6
    order = ["consensus", "context", "dispute", "unique"]
    kinds = [s.kind for s in brief.sentences]
    assert kinds == sorted(kinds, key=order.index)  # no headline pasted in front
    for sentence in brief.sentences:
        assert sentence.sources
        assert set(sentence.sources) <= set(ARTICLES)
        assert any(name in sentence.text for name in sentence.sources)
    text = brief.text
    assert "31" in text  # the vote both outlets report
