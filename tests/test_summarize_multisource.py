"""summarize_sources on invented raw multi-outlet text (no analysis stage)."""

from __future__ import annotations

from counterpoint.summarize import SourceText, summarize_sources, uncited_text
from counterpoint.summarize.citations import cites_sources

SOURCES = [
    SourceText(
        "Source 1",
        "The parliament of Freedonia passed a budget bill on Tuesday, 61 votes to 40. "
        "The bill raises fuel taxes by 4 percent. Critics slammed the radical plan.",
        title="Freedonia parliament passes budget",
    ),
    SourceText(
        "Source 2",
        "Freedonia's parliament approved the budget bill on Tuesday by 61 votes to 40. "
        "Farmers protested outside the building.",
        title="Budget bill approved in Freedonia",
    ),
    SourceText(
        "Source 3",
        "A budget bill cleared Freedonia's parliament on Tuesday. "
        "The finance minister said the fuel tax would fund road repairs.",
        title="Freedonia budget clears parliament after long debate",
    ),
]


def test_headline_then_the_shared_fact_citing_all_outlets() -> None:
    brief = summarize_sources(SOURCES, max_sentences=3, max_words=50)
    assert brief.sentences[0].kind in {"consensus", "context"}
    assert "budget" in brief.sentences[0].text.lower()
    body = brief.sentences[1]
    assert body.kind == "consensus"
    assert "61 votes to 40" in body.text
    assert set(body.sources) >= {"Source 1", "Source 2"}
    assert all(cites_sources(s) for s in brief.sentences)


def test_budget_limits_sentences_and_uncited_drops_names() -> None:
    brief = summarize_sources(SOURCES, max_sentences=2, max_words=None)
    assert len(brief.sentences) == 2
    assert "Source" not in uncited_text(brief)


def test_empty_input_gives_empty_brief() -> None:
    assert summarize_sources([]).sentences == []
    assert summarize_sources([SourceText("A", "")]).sentences == []


def test_a_title_case_headline_never_opens_the_brief() -> None:
    sources = [
        SourceText(
            "Source 1",
            "The city closed the Elm Street bridge on Monday after inspectors found cracks in "
            "two of its steel supports. Repairs will take at least six weeks, officials said.",
            title="Mayor Vows To Fight Harbor Tax: I Will Not Back Down",
        ),
        SourceText(
            "Source 2",
            "The Elm Street bridge was closed on Monday after inspectors found cracks in its "
            "steel supports. Shops near the bridge expect to lose business during the repairs.",
            title="City closes Elm Street bridge after inspectors find cracks",
        ),
    ]
    brief = summarize_sources(sources, max_words=None)
    texts = [s.text for s in brief.sentences]
    assert not any("Vows To Fight" in t for t in texts)
    # a sentence-case headline may open it, as the report of the outlets that state it
    opener = brief.sentences[0]
    assert "Elm Street bridge after inspectors find cracks" in opener.text
    if opener.sources == ["Source 2"]:
        assert opener.text.startswith("Source 2 reports that the city closes")
