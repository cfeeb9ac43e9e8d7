"""What a fact-checker flagged in real reports, pinned on invented text: the right person,
negations kept, one identity per body, and misquotes that are real wording changes."""

from __future__ import annotations

import pytest
from attribution_helpers import run_attributions as _run

from counterpoint.analyze.names import is_party_tag, same_org
from counterpoint.compare.speakers import sequence_similarity, word_differences, words_of
from counterpoint.records import Attribution


def _differences(a: str, b: str) -> tuple[list[str], list[str]]:
    return word_differences(words_of(a), words_of(b))


def test_quote_marks_hyphens_and_title_abbreviations_are_no_misquote() -> None:
    assert _differences(
        "I’m sure Sen. Hale backs same-sex unions", "I'm sure senator Hale backs same sex unions"
    ) == ([], [])


def test_a_reporters_elision_is_no_misquote_but_a_changed_word_is() -> None:
    full = "We took the decision together, after many long nights of talks, and we stand by it"
    elided = "We took the decision together ... and we stand by it"
    assert _differences(elided, full) == ([], [])
    assert sequence_similarity(words_of(elided), words_of(full)) == 1.0
    changed = "We took the decision alone, after many long nights of talks, and we stand by it"
    assert _differences(changed, full) == (["alone"], ["together"])


def test_an_abbreviated_body_is_one_organisation_and_party_members_are_not_a_group() -> None:
    assert same_org(
        "U.S. Conference of Catholic Bishops", "United States Conference of Catholic Bishops"
    )
    assert same_org("Senate", "U.S. Senate")
    assert not same_org("House", "White House")
    assert not same_org("Republicans", "Log Cabin Republicans")
    assert is_party_tag("D-Nev.") and is_party_tag("(R-Calif.)") and not is_party_tag("Reid")


def _said(attributions: list[Attribution], words: str) -> list[Attribution]:
    return [a for a in attributions if words in a.content.text]


@pytest.mark.slow
def test_the_same_words_are_never_given_to_two_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Governor Mark Hale on Wednesday reiterated that he opposes the new toll, a few hours "
        "after Mayor Lena Ortiz said for the first time she supports it.\n"
    )
    attributions, _ = _run(nlp, text)
    opposes = _said(attributions, "he opposes the new toll")
    assert [a.speaker for a in opposes] == ["Mark Hale"]


@pytest.mark.slow
def test_a_continuing_quote_stays_with_its_paragraphs_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"My view has not changed since the spring," Hale told reporters in Dover. '
        '"I know other people see it differently. It is a hard question for every town."\n\n'
        "Ortiz came out in support of the toll on Wednesday in an interview.\n"
    )
    attributions, _ = _run(nlp, text)
    assert {a.speaker for a in _said(attributions, "I know other people")} == {"Hale"}


@pytest.mark.slow
def test_a_negated_cue_is_shown_as_declined_never_as_said(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministry said it had several options. A spokesman for the ministry did not "
        "disclose what those options were.\n"
    )
    attributions, _ = _run(nlp, text)
    options = _said(attributions, "what those options were")
    assert options and all(a.kind == "declined" for a in options)


@pytest.mark.slow
def test_a_source_that_opens_with_a_name_is_that_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Senator Harry Reid of Nevada, the Senate majority leader and a Democrat facing a "
        "difficult re-election fight, said that the bridge should be built elsewhere.\n\n"
        "Plus Reid is nominating a new chairman, aides said.\n"
    )
    attributions, entities = _run(nlp, text)
    assert {a.speaker for a in _said(attributions, "should be built elsewhere")} == {"Harry Reid"}
    assert not [e for e in entities if e.name.startswith("Plus")]


@pytest.mark.slow
def test_a_qualified_role_is_not_the_last_speaker_without_that_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“He said the exact same thing,” Chris Dunmore told Fox News.\n\n"
        "After the mayors of Chicago and Boston heaped scorn upon the company, the mayor of "
        "Washington, DC, suggested it was peddling “hate chicken.”\n"
    )
    attributions, _ = _run(nlp, text)
    chicken = _said(attributions, "hate chicken")
    assert chicken and all("Dunmore" not in a.speaker for a in chicken)


def test_accents_and_number_words_are_house_style_not_differences() -> None:
    from counterpoint.analyze.names import same_person

    assert same_person("Raúl R. Labrador", "Raul Labrador")
    assert _differences("One in three voters stayed home", "1 in 3 voters stayed home") == ([], [])


@pytest.mark.slow
def test_a_negated_act_or_an_open_question_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lawmakers did not read the 18th Amendment aloud on Thursday.\n\n"
        "Governor Mark Hale skirted a question about why he had not picked Ben Frane.\n\n"
        "Hale said that if the bill fails, he will resign.\n"
    )
    attributions, _ = _run(nlp, text)
    texts = [a.content.text for a in attributions]
    assert not any("18th Amendment" in t for t in texts)
    assert not any(t.startswith("why") for t in texts)
    assert any("he will resign" in t for t in texts)


@pytest.mark.slow
def test_a_role_before_the_name_and_a_party_tag_do_not_hide_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tea party activist Alex Poulter, who co-founded a Kansas City-area group called "
        "Political Chips, also disputed the allegations. He said the movement is made up "
        'of a "diverse group of folks who are upset with what is going on."\n\n'
        "Cleaver, D-Mo., said he was spit on during the march.\n"
    )
    attributions, _ = _run(nlp, text)
    assert {a.speaker for a in _said(attributions, "diverse group")} == {"Alex Poulter"}
    assert {a.speaker for a in _said(attributions, "spit on")} == {"Cleaver"}


@pytest.mark.slow
def test_a_claim_the_source_rejects_is_a_denial_not_their_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "But party members have challenged claims that their activists accosted lawmakers "
        "in March.\n\n"
        "Batting down allegations that the mayor offered him a job, the report said no "
        "offer was made.\n"
    )
    attributions, _ = _run(nlp, text)
    accosted = _said(attributions, "accosted lawmakers")
    assert accosted and all(a.kind == "denial" for a in accosted)
    # shown as a denial or not at all, never as the report's own words
    assert all(a.kind == "denial" for a in _said(attributions, "offered him a job"))
