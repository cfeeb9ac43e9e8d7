"""write_brief on a hand-built story: order, citations, disputes, neutral wording."""

from __future__ import annotations

from test_summarize_fixtures import bridge_story

from counterpoint.records import Comparison
from counterpoint.summarize import uncited_text, write_brief
from counterpoint.summarize.citations import cites_sources, uncited
from counterpoint.summarize.text import lower_first, lowercase_vocabulary


def test_brief_orders_consensus_then_dispute_then_unique() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(story, analyses, comparison, max_words=None, abstractive=False)
    kinds = [s.kind for s in brief.sentences]
    assert kinds[0] == "consensus"  # no headline: headlines are not brief sentences
    assert "dispute" in kinds
    assert kinds.index("dispute") < kinds.index("unique")
    assert kinds == sorted(kinds, key=["consensus", "dispute", "unique"].index)


def test_consensus_cites_every_outlet_that_carries_it() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(story, analyses, comparison, with_headline=False, abstractive=False)
    first = brief.sentences[0]
    assert first.sources == ["Harbor Daily", "Valley Courier", "Metro Wire"]
    assert "(Harbor Daily, Valley Courier, Metro Wire)" in first.text
    assert set(first.claim_ids) == {"a-c0", "b-c0", "c-c0"}
    assert "RIVERTON" not in first.text  # dateline trimmed


def test_dispute_names_both_sides_with_resolved_speakers() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(story, analyses, comparison, abstractive=False)
    dispute = next(s for s in brief.sentences if s.kind == "dispute")
    assert dispute.text.startswith("Harbor Daily says repairs will take six weeks")
    second = "; Valley Courier says Mayor Ana Ruiz said repairs would take at least four months"
    assert second in dispute.text
    assert "Riverton Transport Department" in dispute.text  # "the transport department" resolved
    assert dispute.sources == ["Harbor Daily", "Valley Courier"]


def test_every_sentence_cites_and_charged_words_are_attributed() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(story, analyses, comparison, max_words=None, abstractive=False)
    assert brief.sentences and all(cites_sources(s) for s in brief.sentences)
    charged = [s for s in brief.sentences if "radical" in s.text]
    assert len(charged) == 1
    assert charged[0].text.startswith("Valley Courier reports that the mayor's")
    assert "“radical”" not in charged[0].text  # no quote marks the outlet did not use


def test_leading_connective_is_stripped() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(
        story, analyses, comparison, max_sentences=12, max_words=None, abstractive=False
    )
    shops = [s for s in brief.sentences if "$2 million" in s.text]
    assert shops and shops[0].text.startswith("The closure will cost")


def test_max_sentences_limits_length_and_keeps_order() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(
        story, analyses, comparison, max_sentences=2, with_headline=False, abstractive=False
    )
    assert [s.kind for s in brief.sentences] == ["consensus", "dispute"]
    assert write_brief(story, analyses, comparison, max_sentences=0).sentences == []


def test_without_consensus_a_context_sentence_opens() -> None:
    story, analyses, comparison = bridge_story()
    bare = Comparison(story_id=story.id, links=[], unique=comparison.unique)
    brief = write_brief(
        story, analyses, bare, max_sentences=3, with_headline=False, abstractive=False
    )
    assert brief.sentences[0].kind == "context"
    assert len(brief.sentences[0].sources) >= 2  # the bridge closure is in all three
    assert "Harbor Daily" not in uncited_text(brief)


def test_auto_word_budget_keeps_a_short_story_brief_short() -> None:
    story, analyses, comparison = bridge_story()
    full = write_brief(
        story, analyses, comparison, max_words=None, with_headline=False, abstractive=False
    )
    auto = write_brief(story, analyses, comparison, with_headline=False, abstractive=False)
    assert 0 < len(auto.sentences) < len(full.sentences)
    assert [s.kind for s in auto.sentences] == ["consensus", "dispute", "unique"]


def test_headline_option_opens_with_the_most_salient_headline() -> None:
    story, analyses, comparison = bridge_story()
    brief = write_brief(
        story, analyses, comparison, with_headline=True, max_words=None, abstractive=False
    )
    titles = {a.article.title for a in analyses}
    first = brief.sentences[0]
    assert first.kind == "context" and not first.claim_ids
    assert any(t and t.rstrip(".") in first.text for t in titles)
    assert all(cites_sources(s) for s in brief.sentences)


def test_a_headline_only_one_outlet_carries_is_attributed_to_it() -> None:
    from test_summarize_fixtures import analysed

    from counterpoint.records import Story

    one = analysed(
        "p",
        "Paper One",
        "A bitter week on the quays",
        [
            "Dock workers at the port of Lund extended their strike into a second week on Monday.",
            "The union wants a 9 percent raise.",
        ],
    )
    two = analysed(
        "q",
        "Paper Two",
        "Why the harbour board has only itself to blame",
        [
            "The strike by dock workers at the port of Lund went into a second week on Monday.",
            "Ships are waiting offshore.",
        ],
    )
    story = Story(id="t", title="Lund port strike", article_ids=["p", "q"])
    comparison = Comparison(story_id="t", links=[])
    brief = write_brief(
        story, [one, two], comparison, max_words=None, with_headline=True, abstractive=False
    )
    first = brief.sentences[0]
    assert first.kind == "context" and len(first.sources) == 1
    assert first.text.startswith(f"{first.sources[0]} reports that ")
    assert uncited_text(brief).split(". ")[0] in {one.article.title, two.article.title}


def test_headlines_are_never_pasted_as_brief_sentences() -> None:
    from test_summarize_fixtures import analysed

    from counterpoint.records import Story
    from counterpoint.summarize.text import headline_shaped

    assert headline_shaped("Mayor Vows To Fight Harbor Tax: I Will Not Back Down")
    assert headline_shaped("Ruiz: Bridge Should Be Rebuilt Somewhere Else")
    assert not headline_shaped("City closes Elm Street bridge after inspection")
    one = analysed(
        "p",
        "Paper One",
        "Mayor Vows To Fight Harbor Tax Over Dock Strike",
        [
            "Dock workers at the port of Lund extended their strike into a second week on Monday.",
            "The union wants a 9 percent raise.",
        ],
    )
    two = analysed(
        "q",
        "Paper Two",
        "Dock Strike At Lund Enters Second Week",
        [
            "The strike by dock workers at the port of Lund went into a second week on Monday.",
            "Ships are waiting offshore.",
        ],
    )
    story = Story(id="t", title="Lund port strike", article_ids=["p", "q"])
    comparison = Comparison(story_id="t", links=[])
    for with_headline in (False, True):
        brief = write_brief(
            story,
            [one, two],
            comparison,
            max_words=None,
            with_headline=with_headline,
            abstractive=False,
        )
        assert brief.sentences
        for sentence in brief.sentences:
            assert "Vows To Fight" not in sentence.text
            assert "Enters Second Week" not in sentence.text


def test_a_one_source_line_that_restates_the_brief_is_left_out() -> None:
    from counterpoint.summarize.brief import repeats

    lead = "The city closed the Elm Street bridge on Monday after inspectors found cracks."
    said = [lead]
    # the same facts again (same names, no new figure): a repeat
    assert repeats("On Monday the Elm Street bridge was closed by the city over cracks.", said)
    # a new figure or a new name is new information
    assert not repeats("The Elm Street bridge closure will cost shops $2 million.", said)
    assert not repeats("Mayor Ana Ruiz closed the Elm Street bridge on Monday.", said)
    assert not repeats("Traffic on the Oak Street bridge doubled by the evening.", said)


def test_brief_single_source_part_does_not_repeat_its_lead() -> None:
    from test_summarize_fixtures import analysed

    from counterpoint.records import Story
    from counterpoint.summarize.brief import repeats

    lead = "Dock workers at the port of Lund extended their strike on Monday."
    one = analysed("p", "Paper One", "Strike at Lund", [lead, "The union wants a 9 percent raise."])
    two = analysed(
        "q", "Paper Two", "Strike at Lund", [lead, "Ships are waiting offshore near the port."]
    )
    # a claim of the lead sentence compare also lists as single-source (no sentence row)
    one.claims.append(one.claims[0].model_copy(update={"id": "p-x", "sentence_index": 99}))
    story = Story(id="t", title="Lund port strike", article_ids=["p", "q"])
    comparison = Comparison(
        story_id="t", links=[], consensus=[["p-c0", "q-c0"]], unique=["p-x", "p-c1", "q-c1"]
    )
    brief = write_brief(story, [one, two], comparison, max_words=None, abstractive=False)
    said = [uncited(s) for s in brief.sentences if s.kind != "unique"]
    singles = [uncited(s) for s in brief.sentences if s.kind == "unique"]
    assert said == [lead] and len(singles) == 2
    assert lead not in singles
    assert not any(repeats(s, said) for s in singles)


def test_what_other_outlets_also_report_is_never_listed_as_one_source_only() -> None:
    from test_summarize_fixtures import analysed

    from counterpoint.records import Story

    one = analysed(
        "p",
        "Paper One",
        "Strike at Lund",
        [
            "Dock workers at the port of Lund extended their strike on Monday for a third week.",
            "The union wants a raise of nine percent for crane operators.",
            "A harbour pilot said the pay talks had collapsed twice in June.",
        ],
    )
    two = analysed(
        "q",
        "Paper Two",
        "Lund strike goes on",
        [
            "The strike by dock workers at the port of Lund entered its third week on Monday.",
            "Shipping agents in Malmo reported long queues of trucks outside the city.",
            "Union leaders are demanding higher wages for the crane operators.",
        ],
    )
    story = Story(id="t", title="Lund port strike", article_ids=["p", "q"])
    # compare agrees on the strike and on the union's demand (worded differently, so
    # the check confirms each only for its own outlet); the rest is single-source
    comparison = Comparison(
        story_id="t",
        links=[],
        consensus=[["p-c0", "q-c0"], ["p-c1", "q-c2"]],
        unique=["p-c2", "q-c1"],
    )
    brief = write_brief(story, [one, two], comparison, max_words=None, abstractive=False)
    by_kind: dict[str, list[str]] = {}
    for sentence in brief.sentences:
        by_kind.setdefault(sentence.kind, []).append(uncited(sentence))
    singles = by_kind["unique"]
    assert sorted(singles) == sorted([one.sentences[2].text, two.sentences[1].text])
    # compare's agreed demand stays in the lead, as one outlet's report
    demand = [s for s in brief.sentences if "crane operators" in s.text]
    assert len(demand) == 1 and demand[0].kind == "context"
    assert demand[0].text.startswith(f"{demand[0].sources[0]} reports that ")
    order = [s.kind for s in brief.sentences]
    assert order == sorted(order, key=["consensus", "context", "dispute", "unique"].index)


def test_a_lead_line_quoting_someone_keeps_its_trailing_citation() -> None:
    from counterpoint.summarize.brief import lead_sentence

    quote = '"We will reopen the bridge in May," Mayor Ana Ruiz said.'
    assert lead_sentence(quote, ["Harbor Daily"], frozenset()) == (
        '"We will reopen the bridge in May," Mayor Ana Ruiz said (Harbor Daily).'
    )
    plain = "Joining a chorus of critics, nearly 90 teachers have called the plan a betrayal."
    vocabulary = lowercase_vocabulary([plain, "The Teachers Union called the plan harmful."])
    assert lead_sentence(plain, ["Metro Wire"], vocabulary) == (
        "Metro Wire reports that joining a chorus of critics, nearly 90 teachers have called"
        " the plan a betrayal."
    )
    both = lead_sentence(plain, ["Metro Wire", "Harbor Daily"], vocabulary)
    assert both.endswith("(Metro Wire, Harbor Daily).")


def test_lower_case_only_for_words_that_are_not_names() -> None:
    texts = [
        "Splashed across the cover is a photo of Mayor Ruiz. Ruiz declined to comment.",
        "Officials said Ruiz had not seen the cover.",
    ]
    vocabulary = lowercase_vocabulary(texts)
    assert "splashed" in vocabulary  # only ever opens a sentence
    assert "ruiz" not in vocabulary  # capitalised mid-sentence: a name
    assert lower_first("Ruiz declined to comment.", vocabulary) == "Ruiz declined to comment."


def test_each_outlets_main_news_opens_the_brief() -> None:
    from test_summarize_fixtures import analysed

    from counterpoint.records import Story

    one = analysed(
        "p",
        "Paper One",
        "Aide quits",
        [
            "A congressional aide resigned on Monday after her post about the president's "
            "daughters drew wide criticism.",
            "She had apologized on Saturday for the post, saying she judged the two girls "
            "too quickly.",
        ],
    )
    two = analysed(
        "q",
        "Paper Two",
        "Aide apologizes",
        [
            "A Republican staffer apologized on Saturday for a post criticizing the "
            "president's daughters.",
            "The tradition of pardoning a turkey at the White House dates back decades.",
            "Neither the White House nor the congressman commented on the post on Saturday.",
        ],
    )
    story = Story(id="t", title="Aide and the first daughters", article_ids=["p", "q"])
    # compare grouped only a side detail; every claim else is single-source
    comparison = Comparison(story_id="t", links=[], consensus=[], unique=["p-c1", "q-c1", "q-c2"])
    brief = write_brief(
        story, [one, two], comparison, max_sentences=3, max_words=None, abstractive=False
    )
    texts = [uncited(s) for s in brief.sentences]
    # the resignation (one outlet's main news) is in the brief, ahead of side details
    assert texts[0] == one.sentences[0].text or texts[1] == one.sentences[0].text
    assert brief.sentences[0].kind == "context"


def test_the_second_half_of_a_split_sentence_is_never_a_brief_line() -> None:
    from test_summarize_fixtures import analysed

    from counterpoint.records import Story

    # the analysis cut "... the Navy RQ-4A" | "Global Hawk drone shot down ..."
    one = analysed(
        "p",
        "Paper One",
        "Drones",
        [
            "The navy chief warned on Monday that more drones could be shot down over the gulf.",
            "He was referring to the Navy RQ-4A",
            "Global Hawk drone shot down by the navy last week over the strait.",
        ],
    )
    story = Story(id="t", title="Drones", article_ids=["p"])
    comparison = Comparison(story_id="t", links=[], consensus=[], unique=["p-c2"])
    brief = write_brief(story, [one], comparison, max_words=None, abstractive=False)
    assert brief.sentences
    assert not any(uncited(s).startswith("Global Hawk drone") for s in brief.sentences)
