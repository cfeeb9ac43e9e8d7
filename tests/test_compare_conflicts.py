"""Typed conflict checks on invented text: each kind is found, each trap is not."""

from __future__ import annotations

import datetime as dt

import pytest

from counterpoint.compare.conflicts import Side, differences, find_conflicts

PUBLISHED = dt.date(2024, 3, 9)  # a Saturday


def _side(text: str, outlet: str) -> Side:
    return Side.from_text(text, outlet=outlet, published=PUBLISHED)


def _kinds(a: str, b: str, cosine: float = 0.7) -> list[str]:
    return [c.kind for c in find_conflicts(_side(a, "Ledger"), _side(b, "Courier"), cosine)]


def _reasons(a: str, b: str, cosine: float = 0.7) -> list[str]:
    return [c.reason for c in find_conflicts(_side(a, "Ledger"), _side(b, "Courier"), cosine)]


# ---------------------------------------------------------------- conflicts are found
def test_figure_for_the_same_count() -> None:
    reasons = _reasons(
        "Twelve people were injured in the crash, two of them seriously.",
        "Thirty people were injured in the crash, four of them seriously.",
    )
    assert (
        reasons and "Ledger: Twelve people" in reasons[0] and "Courier: Thirty people" in reasons[0]
    )


def test_exact_money_figure_for_the_same_item() -> None:
    reasons = _reasons(
        "The mayor spent $5,587.75 on a stay at the Lakeside Wellness Lodge.",
        "Receipts show $4,100.00 at Harbor Books and $5,687.75 on a stay at the Lakeside "
        "Wellness Lodge.",
        cosine=0.5,
    )
    assert len(reasons) == 1 and "$5,587.75" in reasons[0] and "$5,687.75" in reasons[0]


def test_same_event_on_different_days() -> None:
    reasons = _reasons(
        "The aide apologized Friday for a post mocking the mayor's children.",
        "The aide apologized on Thursday for a post mocking the mayor's children.",
    )
    assert reasons and "Friday" in reasons[0] and "Thursday" in reasons[0]


def test_it_happened_against_it_did_not() -> None:
    assert _kinds(
        "The council did not approve the budget for the new library.",
        "The council approved the budget for the new library.",
    ) == ["negation"]


def test_denial_against_assertion() -> None:
    kinds = _kinds(
        "The minister denied that the rail maintenance budget had been cut.",
        "The rail company cut its maintenance budget by a fifth last year.",
        cosine=0.6,
    )
    assert "denial" in kinds


def test_none_except_against_a_count() -> None:
    assert "exception" in _kinds(
        "There are no foreign troops in the province except a few trainers.",
        "About 900 foreign troops remain in the province.",
    )


# ---------------------------------------------------------------- traps are not
def test_different_quantities_are_no_figure_conflict() -> None:
    assert (
        _kinds("He paid $43 million in federal taxes.", "He reported $139 million in income.") == []
    )
    assert (
        _kinds(
            "She paid $13,625,777 in state taxes last year.",
            "She paid $43,885,310 in federal taxes last year.",
        )
        == []
    )


def test_counts_of_different_years_do_not_conflict() -> None:
    assert (
        _kinds(
            "In 2010 the measure passed with 212 votes in the House.",
            "In 2016 the measure passed with 240 votes in the House.",
        )
        == []
    )


def test_rounding_and_hedges_are_compatible() -> None:
    assert (
        _kinds(
            "About 2,500 troops are stationed in the country.",
            "There are 2,480 troops stationed in the country.",
        )
        == []
    )
    assert (
        _kinds("More than 20 schools closed on Monday.", "Twenty-three schools closed on Monday.")
        == []
    )


def test_dates_of_different_events_do_not_conflict() -> None:
    assert (
        _kinds(
            "The letter was released Tuesday ahead of the lecture.",
            "The institute said Wednesday the lecture is still scheduled for Thursday.",
            cosine=0.6,
        )
        == []
    )


def test_a_forecast_is_not_a_conflict_with_a_report() -> None:
    assert (
        _kinds(
            "The House will vote on Thursday on the spending bill.",
            "The House voted on Wednesday on the spending bill.",
        )
        == []
    )


def test_negation_on_one_side_of_compatible_claims() -> None:
    assert (
        _kinds(
            "No visual evidence of the attack has been produced.",
            "Lawmakers said protesters shouted at them outside the building.",
            cosine=0.4,
        )
        == []
    )


def test_lifting_a_ban_is_allowing() -> None:
    assert (
        _kinds(
            "The city lifted the ban on food trucks downtown.",
            "The city allowed food trucks downtown.",
            cosine=0.8,
        )
        == []
    )


# ---------------------------------------------------------------- agreement veto
def test_differences_block_agreement() -> None:
    assert "date" in differences(
        _side("The House voted on Wednesday.", "Ledger"),
        _side("The House voted on Thursday.", "Courier"),
    )
    assert "number" in differences(
        _side("The storm killed 12 people.", "Ledger"),
        _side("The storm killed 30 people.", "Courier"),
    )
    assert "polarity" in differences(
        _side("The bill passed.", "Ledger"), _side("The bill has not passed.", "Courier")
    )
    assert not differences(
        _side("The House voted on Wednesday.", "Ledger"),
        _side("On Wednesday the House voted.", "Courier"),
    )


@pytest.mark.slow
def test_check_claim_uses_the_same_checks() -> None:
    """ "The House voted on Wednesday" does not agree with an article saying Thursday."""
    from counterpoint.compare.claimcheck import check_against
    from counterpoint.records import RelationScore

    article = [
        "The House voted on Thursday to extend the farm bill for another year.",
        "The measure now goes to the Senate, where its fate is unclear.",
    ]
    agree = RelationScore(agree=0.8, contradict=0.1, neutral=0.1)
    found = check_against(
        "The House voted on Wednesday to extend the farm bill.", article, PUBLISHED, agree, "agree"
    )
    assert found.stance == "disagree" and "Wednesday" in found.reason
    same = check_against(
        "The House voted on Thursday to extend the farm bill.", article, PUBLISHED, agree, "agree"
    )
    assert same.stance is None


def test_two_schedules_for_one_future_event_conflict() -> None:
    reasons = _reasons(
        "Both parties will hold their primaries in mid May.",
        "The primary would be held on April 30.",
        cosine=0.5,
    )
    assert reasons and "May" in reasons[0] and "April 30" in reasons[0]


def test_two_outlets_reporting_one_disagreement() -> None:
    kinds = _kinds(
        "The mayor said the audit does not cover the harbour fund, a point the auditors dispute "
        "and on which the council disagrees.",
        "The mayor said the audit did not cover the harbour fund, but the auditors responded "
        "that the harbour fund was fully audited.",
    )
    assert "denial" in kinds


def test_speakers_of_a_quote_and_names_in_a_role() -> None:
    quoted = "We will not accept any cut to the pensions of our members this year"
    a = Side(text=quoted, outlet="Ledger", asserted_by="per:ann lee", asserter="Ann Lee")
    b = Side(text=quoted, outlet="Courier", asserted_by="per:tom ray", asserter="Tom Ray")
    same = Side(text=quoted, outlet="Courier", asserted_by="per:lee", asserter="Lee")
    for side in (a, b, same):
        side.attributed = side.speaker_is_person = side.named_here = True
        side.sentence = f'"{quoted}," {side.asserter} said.'
    assert [c.kind for c in find_conflicts(a, b, 0.95)] == ["quote"]
    assert find_conflicts(a, same, 0.95) == []  # "Lee" is Ann Lee
    # a speaker resolved from "he said" or from the next sentence is no ground for it
    b.named_here = False
    b.sentence = f'"{quoted}," he said.'
    assert find_conflicts(a, b, 0.95) == []
    won_a = Side(text="Maria Lopez won the seat by 98 votes", people={"per:maria lopez"})
    won_a.entities = ["per:maria lopez"]
    won_b = Side(text="Lena Lopez won the seat by 98 votes", people={"per:lena lopez"})
    won_b.entities = ["per:lena lopez"]
    assert [c.kind for c in find_conflicts(won_a, won_b, 0.9)] == ["entity"]


def test_agreement_never_joins_claims_whose_dates_differ() -> None:
    from counterpoint.compare.story import _consensus_groups
    from counterpoint.records import Claim, ClaimLink, Relation, Span

    def claim(cid: str, article: str, text: str) -> Claim:
        return Claim(
            id=cid, article_id=article, sentence_index=0, text=text,
            span=Span(start=0, end=len(text), text=text), asserted_by="outlet", asserter="outlet",
        )  # fmt: skip

    texts = {
        "a": ("A", "The House voted on Wednesday on the farm bill."),
        "b": ("B", "The House voted on the farm bill this week."),
        "c": ("C", "The House voted on Thursday on the farm bill."),
    }
    claims = {cid: claim(cid, art, text) for cid, (art, text) in texts.items()}
    sides = {cid: _side(text, art) for cid, (art, text) in texts.items()}
    links = [
        ClaimLink(a="a", b="b", relation=Relation.AGREE, confidence=0.9, similarity=0.9),
        ClaimLink(a="b", b="c", relation=Relation.AGREE, confidence=0.8, similarity=0.9),
    ]
    groups = _consensus_groups(links, claims, {"A": "A", "B": "B", "C": "C"}, sides)
    assert all(not {"a", "c"} <= set(group) for group in groups)


# ---------------------------------------------------------------- false alarms of real coverage
def test_a_denial_word_inside_a_quotation_is_no_denial() -> None:
    assert "denial" not in _kinds(
        '"Nobody can deny that the maintenance budget was cut," the union leader said.',
        "The rail company cut its maintenance budget by a fifth last year.",
        cosine=0.6,
    )


def test_a_denial_must_name_what_the_other_side_states() -> None:
    # only the topic ("deal", "lawmakers") is shared, not what is denied ("feel betrayed")
    assert "denial" not in _kinds(
        "The president denied that lawmakers feel betrayed and angry about the budget deal.",
        "The White House began selling the budget deal to lawmakers.",
        cosine=0.6,
    )


def test_the_same_account_of_a_disagreement_twice_is_no_dispute() -> None:
    # both give the mayor's claim and a bare "disputes"; neither gives the auditors' side
    assert "denial" not in _kinds(
        "The mayor said the audit does not cover the harbour fund, a point the auditors disputed.",
        "The mayor said last week that the audit did not cover the harbour fund, which the "
        "auditors disputed.",
    )


def test_two_parties_own_figures_are_their_claims() -> None:
    a = _side("The campaign said the plan cuts $716 billion from Medicare.", "Ledger")
    b = _side("The campaign said the plan cuts $800 billion from Medicare.", "Courier")
    a.asserted_by, a.asserter = "org:blue campaign", "Blue campaign"
    b.asserted_by, b.asserter = "org:red campaign", "Red campaign"
    a.speaker_is_party = b.speaker_is_party = True
    assert "number" not in [c.kind for c in find_conflicts(a, b, 0.8)]
    b.asserted_by, b.speaker_is_party = "outlet", False  # an outlet's own figure still counts
    assert "number" in [c.kind for c in find_conflicts(a, b, 0.8)]


def test_one_speakers_words_quoted_with_opposite_meaning() -> None:
    said = "pass this budget in the next two weeks it will sharply raise the risk of a shutdown"
    a = _side(f'"If they do not {said}," the mayor told reporters.', "Ledger")
    b = _side(f'"To {said}," the mayor told reporters.', "Courier")
    a.text, b.text = f"If they do not {said}", f"To {said}"
    for side in (a, b):
        side.asserted_by, side.asserter = "per:ann lee", "Ann Lee"
        side.attributed = side.speaker_is_person = True
    reasons = [c.reason for c in find_conflicts(a, b, 0.9) if c.kind == "quote"]
    assert reasons and "Ann Lee is quoted with opposite meaning" in reasons[0]
    assert "not pass" in reasons[0]
    b.asserted_by = "per:tom ray"  # two speakers' words are no misquote of one
    assert "quote" not in [c.kind for c in find_conflicts(a, b, 0.9)]


def test_a_reported_disagreement_quotes_both_accounts() -> None:
    reasons = _reasons(
        "The mayor said the audit does not cover the harbour fund, a point the auditors disputed.",
        "The mayor said the audit did not cover the harbour fund, but the auditors responded "
        "that the harbour fund was fully audited.",
    )
    assert reasons and "Ledger '... fund, a point the auditors disputed'" in reasons[0]
    assert "auditors responded that the harbour fund was fully audited" in reasons[0]


def test_a_name_and_its_fuller_form_are_one_person() -> None:
    said = "won the seat by 98 votes after a recount in the county"
    full = Side(text=f"Maria Lopez {said}", people={"per:maria lopez"})
    full.entities, full.names = ["per:maria lopez"], {"per:maria lopez": "Maria Lopez"}
    short = Side(text=f"Maria {said}", people={"per:maria"})
    short.entities, short.names = ["per:maria"], {"per:maria": "Maria"}
    assert "entity" not in [c.kind for c in find_conflicts(full, short, 0.9)]
    other = Side(text=f"Lena Lopez {said}", people={"per:lena lopez"})
    other.entities, other.names = ["per:lena lopez"], {"per:lena lopez": "Lena Lopez"}
    reasons = [c.reason for c in find_conflicts(full, other, 0.9) if c.kind == "entity"]
    assert reasons and "Maria Lopez" in reasons[0] and "per:" not in reasons[0]


def test_a_dispute_cue_inside_a_quotation_reports_no_disagreement() -> None:
    assert "denial" not in _kinds(
        'The governor warned against "the habit that if we disagree, we must shut each other '
        'out of the debate on the harbour budget," aides said.',
        'The governor criticised "the habit that if we disagree, we must shut each other out '
        'of the debate on the harbour budget," the mayor responded that the budget is fine.',
    )
