"""Speaker resolution in chosen sentences and the context fill of thin consensus."""

from __future__ import annotations

from test_summarize_fixtures import analysed, bridge_story

from counterpoint.records import Comparison, Story
from counterpoint.summarize import write_brief
from counterpoint.summarize.speaker_names import sentence_with_speakers


def test_pronoun_and_generic_sources_become_the_resolved_speaker() -> None:
    _, (a, b, _), _ = bridge_story()
    assert sentence_with_speakers(b, b.sentences[1]) == (
        "Mayor Ana Ruiz said repairs would take at least four months."
    )
    assert sentence_with_speakers(a, a.sentences[1]) == (
        "Repairs will take six weeks, Riverton Transport Department said."
    )
    # a sentence without an attribution is left alone
    assert sentence_with_speakers(a, a.sentences[3]) == a.sentences[3].text


def test_named_source_is_not_replaced() -> None:
    article = analysed(
        "x",
        "Outlet X",
        "Port strike",
        ["Union leader Sam Lee said the strike would go on."],
        speakers={0: ("Union leader Sam Lee", "Sam Lee")},
    )
    assert sentence_with_speakers(article, article.sentences[0]) == article.sentences[0].text


def test_shared_sentence_fills_consensus_the_compare_stage_left_empty() -> None:
    one = analysed(
        "p",
        "Paper One",
        "Port strike enters second week",
        [
            "Dock workers at the port of Lund extended their strike into a second week on Monday.",
            "The union wants a 9 percent raise.",
        ],
    )
    two = analysed(
        "q",
        "Paper Two",
        "Lund strike goes on",
        [
            "The strike by dock workers at the port of Lund went into a second week on Monday.",
            "Ships are waiting offshore.",
        ],
    )
    story = Story(id="t", title="Lund port strike", article_ids=["p", "q"])
    brief = write_brief(
        story,
        [one, two],
        Comparison(story_id="t", links=[]),
        max_sentences=2,
        with_headline=False,
        abstractive=False,
    )
    first = brief.sentences[0]
    assert first.kind == "context"
    assert first.sources == ["Paper One", "Paper Two"]
    assert "second week" in first.text


def test_two_attributions_sharing_one_pronoun_replace_it_once() -> None:
    article = analysed(
        "y",
        "Outlet Y",
        "Rail crash",
        [
            "Oliver Paget ran the company.",
            "He denied that spending had been cut, saying the network got more money.",
        ],
        speakers={1: ("He", "Oliver Paget")},
    )
    second = article.attributions[0].model_copy(update={"id": "y-a1-saying"})
    article = article.model_copy(update={"attributions": [*article.attributions, second]})
    assert sentence_with_speakers(article, article.sentences[1]) == (
        "Oliver Paget denied that spending had been cut, saying the network got more money."
    )
