"""The brief never misstates its sources: citation support, safe rewrites, clean leads.

Each test is one failure seen on real coverage, rebuilt on invented text.
"""

from __future__ import annotations

from test_summarize_fixtures import analysed, bridge_story

from counterpoint.records import (
    Attribution,
    ClaimLink,
    Comparison,
    Entity,
    EntityLabel,
    Relation,
    Span,
    Story,
)
from counterpoint.summarize import SourceText, summarize_sources, write_brief
from counterpoint.summarize.citations import cited_parts, neutral_sentence
from counterpoint.summarize.speaker_names import sentence_with_speakers
from counterpoint.summarize.support import OutletText, SupportChecker, whole_clause
from counterpoint.summarize.text import clean_sentence


def _no_model(texts: list[str]) -> list[list[float]]:
    raise AssertionError("the rules should decide these pairs")


def _checker() -> SupportChecker:
    return SupportChecker(
        [
            OutletText(
                "Daily Ledger",
                "The filing shows $139 million in adjusted gross income for the year. "
                "The candidate did not release earlier returns.",
                "Candidate's tax filing released",
            ),
            OutletText(
                "Evening Post",
                "The filing shows $141 million in adjusted gross income for the year. "
                "Aides said the candidate paid all taxes owed.",
                "Tax filing made public",
            ),
            OutletText(
                "Metro Wire",
                "The candidate released a tax filing on Tuesday. Aides called it complete.",
                "A look at the tax filing",
            ),
        ],
        encode=_no_model,
    )


def test_a_figure_is_cited_only_to_the_outlet_that_gives_it() -> None:
    checker = _checker()
    sentence = "The filing shows $139 million in adjusted gross income for the year."
    assert checker.supporting(sentence, ["Daily Ledger", "Evening Post", "Metro Wire"]) == [
        "Daily Ledger"
    ]
    assert checker.check(sentence, "Evening Post").how == "number"  # $141 million
    assert not checker.check(sentence, "Metro Wire").supported  # gives no figure


def test_negation_and_names_must_match() -> None:
    checker = _checker()
    assert not checker.check("The candidate released earlier returns.", "Daily Ledger").supported
    verdict = checker.check("Senator Vance released the tax filing on Tuesday.", "Metro Wire")
    assert not verdict.supported and verdict.how == "name"


def test_summarize_sources_drops_a_citation_whose_outlet_has_another_figure() -> None:
    sources = [
        SourceText(
            "Daily Ledger",
            "The filing shows $139 million in adjusted gross income for the year. "
            "The candidate did not release earlier returns.",
            "Candidate's tax filing released",
        ),
        SourceText(
            "Evening Post",
            "The filing shows $141 million in adjusted gross income for the year. "
            "Aides said the candidate paid all taxes owed.",
            "Tax filing made public",
        ),
    ]
    brief = summarize_sources(sources, max_words=None)
    for sentence in brief.sentences:
        for body, cited in cited_parts(sentence):
            if "$139 million" in body:
                assert cited == ["Daily Ledger"]
            if "$141 million" in body:
                assert cited == ["Evening Post"]


def _buzz_article() -> tuple[Story, list, Comparison]:
    text_sentences = [
        "The special counsel's office disputed a report that Michael Cohen was told to lie.",
        "BuzzFeed said it stood by its reporting.",
        "It did not directly dispute that the president had directed Cohen to lie.",
    ]
    article = analysed("z", "Outlet Z", "Counsel disputes report", text_sentences)
    third = article.sentences[2]
    attribution = Attribution(
        id="z-it",
        kind="indirect",
        source=Span(start=third.start, end=third.start + 2, text="It"),
        content=Span(start=third.start + 3, end=third.end, text=third.text[3:]),
        speaker="BuzzFeed",
        speaker_entity="buzzfeed",
        sentence_index=2,
    )
    article = article.model_copy(update={"attributions": [attribution]})
    story = Story(id="bz", title="Counsel disputes report", article_ids=["z"])
    return story, [article], Comparison(story_id="bz", links=[], unique=["z-c2"])


def test_it_is_never_replaced_by_a_guessed_speaker() -> None:
    _, (article,), _ = _buzz_article()
    assert sentence_with_speakers(article, article.sentences[2]) == article.sentences[2].text


def test_he_is_replaced_only_by_the_person_named_last() -> None:
    sentences = [
        "Prosecutor Robert Mueller filed the motion on Friday.",
        "Defense lawyer Ann Kerr met reporters outside the court.",
        "He said the motion would be heard next week.",
    ]
    article = analysed("m", "Outlet M", "Motion filed", sentences)
    text = article.article.text

    def person(key: str, name: str) -> Entity:
        start = text.index(name)
        return Entity(
            id=key,
            key=key,
            name=name,
            label=EntityLabel.PERSON,
            mentions=[Span(start=start, end=start + len(name), text=name)],
        )

    third = article.sentences[2]
    attribution = Attribution(
        id="m-he",
        kind="indirect",
        source=Span(start=third.start, end=third.start + 2, text="He"),
        content=Span(start=third.start + 8, end=third.end, text=third.text[8:]),
        speaker="Robert Mueller",
        speaker_entity="mueller",
        sentence_index=2,
    )
    entities = [person("mueller", "Robert Mueller"), person("kerr", "Ann Kerr")]
    wrong = article.model_copy(update={"attributions": [attribution], "entities": entities})
    # the last person named is Ann Kerr, so "He" -> "Robert Mueller" is not confirmed
    assert sentence_with_speakers(wrong, third) == third.text
    right = wrong.model_copy(update={"entities": entities[:1]})
    assert sentence_with_speakers(right, third) == (
        "Robert Mueller said the motion would be heard next week."
    )


def test_unknown_is_never_written_for_a_speaker() -> None:
    sentences = ["Markets rallied on Friday.", "It looks like the president changed his mind."]
    article = analysed("u", "Outlet U", "Markets rally", sentences)
    second = article.sentences[1]
    attribution = Attribution(
        id="u-it",
        kind="indirect",
        source=Span(start=second.start, end=second.start + 2, text="It"),
        content=Span(start=second.start, end=second.end, text=second.text),
        speaker="unknown",
        sentence_index=1,
    )
    article = article.model_copy(update={"attributions": [attribution]})
    assert "unknown" not in sentence_with_speakers(article, second)
    assert not whole_clause("Fox News says unknown looks like the president changed his mind.")
    story = Story(id="u", title="Markets", article_ids=["u"])
    brief = write_brief(
        story, [article], Comparison(story_id="u", links=[], unique=["u-c1"]), abstractive=False
    )
    assert "unknown" not in brief.text


def test_a_cut_off_sentence_is_not_a_whole_clause() -> None:
    assert not whole_clause("New York City Police Commissioner James O'Neill said.")
    assert not whole_clause("He insists money is being taken out of the.")
    assert not whole_clause("Democrats would advance sweeping changes to ethics laws,.")
    assert whole_clause("Repairs will take six weeks, the transport department said.")
    assert whole_clause("Nobody knows where the virus came from.")


def test_a_cut_off_sentence_never_enters_the_brief() -> None:
    sources = [
        SourceText(
            "Outlet A",
            "New York City Police Commissioner James O'Neill said. "
            "Police closed three subway stations in Manhattan on Monday.",
            "Subway stations closed",
        ),
        SourceText(
            "Outlet B",
            "Three subway stations in Manhattan were closed by police on Monday.",
            "Police close subway stations",
        ),
    ]
    brief = summarize_sources(sources, max_words=None)
    assert all("O'Neill said" not in s.text for s in brief.sentences)


def test_datelines_bylines_and_framing_openers_leave_the_brief_voice() -> None:
    assert clean_sentence(
        "WASHINGTON ― In a stinging blow to the White House, a federal judge blocked "
        "the rule on Monday."
    ) == ("A federal judge blocked the rule on Monday.")
    assert clean_sentence("WASHINGTON—Nearly 90 faculty members signed the letter.") == (
        "Nearly 90 faculty members signed the letter."
    )
    assert clean_sentence(
        "By JANE DOE, Associated Press Writer The Senate voted 52-48 on Tuesday."
    ) == ("The Senate voted 52-48 on Tuesday.")
    assert clean_sentence("U.S.-backed forces took the town on Monday.").startswith("U.S.-backed")
    assert clean_sentence("By Monday, Congress had passed the bill.").startswith("By Monday")


def test_a_quoted_charged_word_stays_quoted_with_its_speaker() -> None:
    text = 'Senator Lee called the plan "a stinging blow" to workers.'
    rendered = neutral_sentence(text, ["Outlet A"])
    assert '"a stinging blow"' in rendered and rendered.startswith("Senator Lee called")
    own_voice = neutral_sentence("The stinging ruling ends the plan.", ["Outlet A"])
    assert own_voice.startswith("Outlet A reports that") and "“" not in own_voice


def test_no_contrast_without_a_confirmed_dispute() -> None:
    story, analyses, comparison = bridge_story()
    related = [
        link.model_copy(update={"relation": Relation.RELATED})
        if link.relation is Relation.CONTRADICT
        else link
        for link in comparison.links
    ]
    calm = comparison.model_copy(update={"links": related})
    brief = write_brief(story, analyses, calm, max_words=None, abstractive=False)
    assert not [s for s in brief.sentences if s.kind == "dispute"]
    assert all("; Valley Courier says" not in s.text for s in brief.sentences)
    # with the compare stage's confirmed dispute the contrast appears
    brief = write_brief(story, analyses, comparison, max_words=None, abstractive=False)
    assert [s for s in brief.sentences if s.kind == "dispute"]


def test_consensus_keeps_only_outlets_with_the_same_numbers() -> None:
    one = analysed(
        "p",
        "Paper One",
        "Storm hits coast",
        ["The storm destroyed 40 homes along the coast on Sunday.", "Power is out."],
    )
    two = analysed(
        "q",
        "Paper Two",
        "Coast storm",
        ["The storm destroyed 60 homes along the coast on Sunday.", "Schools are shut."],
    )
    story = Story(id="st", title="Storm", article_ids=["p", "q"])
    comparison = Comparison(
        story_id="st",
        links=[
            ClaimLink(a="p-c0", b="q-c0", relation=Relation.AGREE, confidence=0.8, similarity=0.9)
        ],
        consensus=[["p-c0", "q-c0"]],
    )
    brief = write_brief(
        story, [one, two], comparison, max_words=None, with_headline=False, abstractive=False
    )
    homes = [s for s in brief.sentences if "homes" in s.text]
    assert homes and all(len(s.sources) == 1 for s in homes)
    assert all(s.kind != "consensus" for s in homes)


def test_every_format_shows_lead_then_disputes_then_single_source() -> None:
    from io import StringIO

    from rich.console import Console

    from counterpoint.present.html import render_html
    from counterpoint.present.markdown import render_markdown
    from counterpoint.present.report import build_report
    from counterpoint.present.terminal import render_terminal

    story, analyses, comparison = bridge_story()
    brief = write_brief(story, analyses, comparison, max_words=None, abstractive=False)
    assert {s.kind for s in brief.sentences} >= {"consensus", "dispute", "unique"}
    report = build_report(story, analyses, comparison, brief)
    lead = next(s for s in brief.sentences if s.kind == "consensus").text
    dispute = next(s for s in brief.sentences if s.kind == "dispute").text
    single = next(s for s in brief.sentences if s.kind == "unique").text

    def in_order(page: str, lead: str, dispute: str, single: str) -> None:
        marks = [page.index(lead), page.index("Where the sources differ")]
        marks += [page.index(dispute), page.index("Reported by one source only")]
        marks.append(page.index(single, marks[-1]))
        assert marks == sorted(marks)

    markdown = render_markdown(report)
    from counterpoint.present import wording

    summary = markdown.split(f"## {wording.SUMMARY}", 1)[1].split(f"## {wording.DISPUTES}", 1)[0]
    in_order(summary, lead[:30], dispute[:30], single[:30])
    assert f"- {lead[:30]}" not in summary  # the lead is a paragraph, not a bullet
    html = render_html(report)
    block = html.split('<div class="summary">', 1)[1].split("</div>", 1)[0]
    in_order(block, "<p>", "Harbor Daily says", single[:30])
    out = StringIO()
    render_terminal(report, Console(file=out, width=400, color_system=None))
    panel = out.getvalue().split("Neutral summary", 1)[1].split("Disputes", 1)[0]
    in_order(panel, lead[:30], dispute[:30], single[:30])


def test_a_sentence_inside_a_running_quotation_keeps_its_quotation_marks() -> None:
    sources = [
        SourceText(
            "Outlet A",
            'Governor Hale defended the budget on Monday. "We balanced the books. '
            'Investing tax dollars in stadiums is wrong," Hale said. '
            "The budget cuts stadium spending by $40 million.",
            "Hale defends budget",
        ),
        SourceText(
            "Outlet B",
            "Governor Hale's budget cuts stadium spending by $40 million, aides said Monday.",
            "Budget cuts stadium money",
        ),
    ]
    brief = summarize_sources(sources, max_words=None)
    for sentence in brief.sentences:
        if "Investing tax dollars" in sentence.text:
            assert "“Investing" in sentence.text or '"Investing' in sentence.text


def test_no_sentence_without_a_main_clause_or_with_a_dangling_subject() -> None:
    from counterpoint.summarize.support import has_main_clause, stands_alone

    assert not has_main_clause(
        "Maria Cino, a veteran Republican operative who has the support of the former chair."
    )
    assert not has_main_clause("When the question was taken up again by Representative Ed Royce.")
    assert has_main_clause("The Senate voted 52-48 on Tuesday to pass the bill.")
    assert not stands_alone("In a statement released Tuesday, he decried the decision.")
    assert not stands_alone("Dress like you deserve respect, not a spot at a bar.")
    assert not stands_alone("As President, I'll end the war on religion.")
    assert not stands_alone('"This is about the White House."')
    assert stands_alone('"The First Amendment protects freedom of religion," Manley said.')


def test_a_long_sentence_is_cut_to_its_claim_only_when_the_claim_runs_unbroken() -> None:
    long = (
        '"The bridge will reopen in May," Mayor Ana Ruiz said on Monday at a crowded meeting '
        "in the town hall where residents, shop owners, commuters and several council members "
        'had gathered to hear her, "though the budget is not yet settled and the work may slip."'
    )
    article = analysed("g", "Outlet G", "Bridge to reopen", [long, "Traffic is heavy."])
    glued = "The bridge will reopen in May though the budget is not yet settled."
    claim = article.claims[0].model_copy(
        update={"text": glued, "asserted_by": "ana_ruiz", "asserter": "Mayor Ana Ruiz"}
    )
    article = article.model_copy(update={"claims": [claim, article.claims[1]]})
    story = Story(id="g", title="Bridge", article_ids=["g"])
    brief = write_brief(
        story,
        [article],
        Comparison(story_id="g", links=[], unique=["g-c0"]),
        max_words=None,
        with_headline=False,
        abstractive=False,
    )
    assert all(glued.rstrip(".") not in s.text for s in brief.sentences)


def test_a_sentence_split_mid_way_is_given_whole_or_not_at_all() -> None:
    article = analysed(
        "r",
        "Outlet R",
        "Faculty letter",
        [
            "Nearly 90 Georgetown faculty members have called Representative Paul Ryan (R-Wisc.)",
            "to task for his budget plan in a letter released on Tuesday.",
            "The letter was signed by priests and professors at the university.",
        ],
    )
    story = Story(id="r", title="Letter", article_ids=["r"])
    comparison = Comparison(story_id="r", links=[], unique=["r-c0", "r-c2"])
    brief = write_brief(
        story, [article], comparison, max_words=None, with_headline=False, abstractive=False
    )
    called = [s for s in brief.sentences if "have called" in s.text]
    assert called and all("to task for his budget plan" in s.text for s in called)


def test_attribution_leftovers_imperatives_and_open_endings_are_not_sentences() -> None:
    from counterpoint.summarize.support import has_main_clause, stands_alone

    assert not whole_clause("The battle for the committee will take a new turn on Monday when.")
    assert not stands_alone("Mrs. Clinton said, her voice rising.")
    assert not has_main_clause("Certainly don't make faces during televised public events.")
    assert stands_alone("Obama said, in a speech on Monday, that the plan would work well.")


def test_a_sentence_pointing_at_what_the_brief_does_not_carry_does_not_stand_alone() -> None:
    from counterpoint.summarize.support import stands_alone

    # a document or group named only in an earlier sentence
    assert not stands_alone("The statement also quotes the bishops' letters to Congress.")
    assert not stands_alone("One of its members, Dana Reyes, said critics were unfair.")
    # a pronoun subject with nobody named before it ("Wednesday's" is no person)
    assert not stands_alone(
        "The girls went to Wednesday's ceremony, in which he pardoned two turkeys."
    )
    assert stands_alone("Mayor Ana Ruiz went to the ceremony, in which she pardoned two turkeys.")
    assert stands_alone("The Senate passed the bill on Tuesday by a vote of 52 to 48.")


def test_a_sentence_leaning_on_an_earlier_one_does_not_stand_alone() -> None:
    from counterpoint.summarize.support import stands_alone

    assert not stands_alone("The Times later stood by that version of events in its fact-check.")
    assert not stands_alone(
        '"The program is overseen by the court and Congress," the official said.'
    )
    # an indefinite source and a "said that" clause are fine
    assert stands_alone('"The program is overseen by the court," an official said.')
    assert stands_alone("Officials said that reports of a fire at the plant were false.")


def test_a_sentence_cut_after_as_or_where_is_not_whole() -> None:
    from counterpoint.summarize.support import whole_clause

    assert not whole_clause("The magazine ran a photo of the candidate in running shorts, even as.")
    assert not whole_clause("Aides met in the office of the chairman, where.")
    assert whole_clause("Voters stayed home as the storm hit the coast.")
