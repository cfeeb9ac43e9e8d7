"""Consensus groups: agreement merges, contradiction never does, disputed groups leave."""

from __future__ import annotations

from counterpoint.compare.story import _consensus_groups
from counterpoint.records import Claim, ClaimLink, Relation, Span


def _claim(claim_id: str, article: str) -> Claim:
    return Claim(
        id=claim_id,
        article_id=article,
        sentence_index=0,
        text=claim_id,
        span=Span(start=0, end=len(claim_id), text=claim_id),
        asserted_by="outlet",
        asserter=article,
    )


def _link(a: str, b: str, relation: Relation, confidence: float = 0.8) -> ClaimLink:
    return ClaimLink(a=a, b=b, relation=relation, confidence=confidence, similarity=0.8)


CLAIMS = {
    c.id: c
    for c in (
        _claim("a1", "A"),
        _claim("b1", "B"),
        _claim("c1", "C"),
        _claim("d1", "D"),
        _claim("e1", "E"),
    )
}
SOURCES = {article: article for article in "ABCDE"}


def test_agreeing_claims_from_two_sources_are_consensus() -> None:
    links = [_link("a1", "b1", Relation.AGREE), _link("b1", "c1", Relation.AGREE)]
    assert _consensus_groups(links, CLAIMS, SOURCES) == [["a1", "b1", "c1"]]


def test_a_chain_does_not_join_claims_that_contradict() -> None:
    # a1 = b1 (strong), b1 = c1 (weaker), but a1 contradicts c1: c1 must not join,
    # and the a1/b1 group is disputed by c1, so it is not consensus either
    links = [
        _link("a1", "b1", Relation.AGREE, 0.9),
        _link("b1", "c1", Relation.AGREE, 0.6),
        _link("a1", "c1", Relation.CONTRADICT),
        _link("d1", "e1", Relation.AGREE),
    ]
    assert _consensus_groups(links, CLAIMS, SOURCES) == [["d1", "e1"]]


def test_one_source_alone_is_not_consensus() -> None:
    claims = {"x": _claim("x", "A"), "y": _claim("y", "A2")}
    links = [_link("x", "y", Relation.AGREE)]
    assert _consensus_groups(links, claims, {"A": "A", "A2": "A"}) == []


def test_an_outlet_is_listed_only_when_its_claim_says_it() -> None:
    # a1 = b1 and b1 = c1 were judged, but a1 and c1 say different things: c1's outlet
    # must not be listed under a1's claim
    links = [_link("a1", "b1", Relation.AGREE, 0.9), _link("b1", "c1", Relation.AGREE, 0.7)]
    pairs = {frozenset(p) for p in (("a1", "b1"), ("b1", "c1"))}
    groups = _consensus_groups(
        links, CLAIMS, SOURCES, close=lambda x, y: frozenset((x, y)) in pairs
    )
    assert groups == [["a1", "b1"]]


def test_agreement_needs_some_of_the_same_words() -> None:
    from counterpoint.compare.conflicts import Side
    from counterpoint.compare.story import agreement, wording
    from counterpoint.records import RelationScore

    judged = RelationScore(agree=0.3, contradict=0.05, neutral=0.65)  # "related" only
    same = wording(
        Side.from_text("The council approved the harbour budget on Tuesday."),
        Side.from_text("On Tuesday the council approved its budget for the harbour."),
    )
    topic = wording(
        Side.from_text("This is about the Harbour Board."),
        Side.from_text("The Harbour Board began the talks by phone."),
    )
    assert agreement(judged, 0.8, same)[0] is Relation.AGREE
    assert agreement(judged, 0.8, topic)[0] is Relation.RELATED


def test_an_outlet_is_not_listed_under_another_partys_claim() -> None:
    """An advocate's quoted view and an outlet's report of the event are two claims."""
    from counterpoint.compare.conflicts import Side
    from counterpoint.compare.story import same_voice

    advocate = Side(text="We support this action by the attorneys general", asserted_by="ent:sabet")
    report = Side(text="The attorneys general filed suit against Colorado", asserted_by="outlet")
    same_speaker = Side(text="We back the attorneys general", asserted_by="ent:sabet")
    assert not same_voice(advocate, report)
    assert not same_voice(advocate, Side(text="x", asserted_by="ent:bruning"))
    assert same_voice(advocate, same_speaker)
    assert same_voice(report, Side(text="The suit was filed Thursday", asserted_by="outlet"))
