"""One identity per speaker, no junk, plain 'unnamed': the speaker rules on invented text."""

from __future__ import annotations

import pytest
from attribution_helpers import run_attributions as _run

from counterpoint.analyze.attribution.speaker_words import is_reader_speaker
from counterpoint.compare.identities import unify_keys
from counterpoint.records import AnalyzedArticle, Article, Entity, EntityLabel


def _entity(key: str, name: str, label: EntityLabel = EntityLabel.PERSON) -> Entity:
    return Entity(id=f"x:{key}", key=key, name=name, label=label)


def _analysis(article_id: str, entities: list[Entity]) -> AnalyzedArticle:
    article = Article(id=article_id, origin=article_id, outlet=article_id, text="")
    return AnalyzedArticle(
        article=article, sentences=[], entities=entities, attributions=[], claims=[]
    )


def test_nickname_title_and_surname_are_one_identity_across_outlets() -> None:
    a = _analysis("a", [_entity("person:chuck brenner", "Chuck Brenner")])
    b = _analysis("b", [_entity("person:charles brenner", "Charles Brenner")])
    c = _analysis("c", [_entity("person:brenner", "Brenner")])
    mapping = unify_keys([a, b, c])
    assert len(set(mapping.values())) == 1


def test_a_surname_tagged_as_a_place_or_organisation_is_the_person() -> None:
    a = _analysis("a", [_entity("person:dana quill", "Dana Quill")])
    b = _analysis("b", [_entity("gpe:quill", "Quill", EntityLabel.GPE)])
    c = _analysis("c", [_entity("org:quill", "Quill", EntityLabel.ORG)])
    assert len(set(unify_keys([a, b, c]).values())) == 1


def test_house_and_white_house_and_two_harlows_stay_apart() -> None:
    a = _analysis(
        "a",
        [
            _entity("org:white house", "White House", EntityLabel.ORG),
            _entity("person:bill harlow", "Bill Harlow"),
        ],
    )
    b = _analysis(
        "b",
        [
            _entity("org:house", "House", EntityLabel.ORG),
            _entity("person:hillary harlow", "Hillary Harlow"),
        ],
    )
    mapping = unify_keys([a, b])
    assert len(set(mapping.values())) == 4


def test_unnamed_roles_in_two_outlets_are_not_one_person() -> None:
    a = _analysis("a", [_entity("senior official", "a senior official")])
    b = _analysis("b", [_entity("state department official", "a State Department official")])
    mapping = unify_keys([a, b])
    assert len(set(mapping.values())) == 2


def test_reader_speakers_are_entities_roles_or_groups() -> None:
    assert is_reader_speaker("Dana Quill", _entity("person:dana quill", "Dana Quill"))
    assert is_reader_speaker("a senior Pentagon official")
    assert is_reader_speaker("Democrats")
    assert is_reader_speaker("the ministry")
    assert is_reader_speaker("unnamed source")
    for junk in ("his average federal tax rate", "new ones", "few", "each new idea", "unknown"):
        assert not is_reader_speaker(junk), junk


@pytest.mark.slow
def test_a_shared_surname_goes_to_the_person_named_nearest(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Bill Harlow spoke in Denver on Monday.\n\n"
        "“We will win this state,” Harlow said.\n\n"
        "Hillary Harlow campaigned in Ohio the same day.\n\n"
        "“Ohio is ours to lose,” Harlow told supporters."
    )
    attributions, entities = _run(nlp, text)
    by_id = {e.id: e for e in entities}
    first = next(a for a in attributions if "win this state" in a.content.text)
    second = next(a for a in attributions if "ours to lose" in a.content.text)
    assert by_id[first.speaker_entity or ""].name == "Bill Harlow"
    assert by_id[second.speaker_entity or ""].name == "Hillary Harlow"


@pytest.mark.slow
def test_nickname_in_one_article_is_one_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sen. Charles Brenner of Vermont opposed the bill.\n\n"
        "“This bill is a giveaway,” Chuck Brenner said on Tuesday."
    )
    _, entities = _run(nlp, text)
    people = [e for e in entities if e.label == EntityLabel.PERSON and "Brenner" in e.name]
    assert len(people) == 1


@pytest.mark.slow
def test_fragments_are_no_statements_and_no_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The senator questioned its authenticity.\n\n"
        "His average federal tax rate shows that the rich pay less than before.\n\n"
        "“We will keep the plant open,” the mayor said."
    )
    attributions, _ = _run(nlp, text)
    assert all(a.content.text.strip() != "its authenticity" for a in attributions)
    assert all("tax rate" not in a.speaker for a in attributions)
    assert any("keep the plant open" in a.content.text for a in attributions)


@pytest.mark.slow
def test_a_pronoun_with_no_speaker_before_it_is_unnamed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plant closed in May.\n\n“We were never told why,” she said."
    attributions, _ = _run(nlp, text)
    quote = next(a for a in attributions if "never told" in a.content.text)
    assert quote.speaker == "unnamed source" and quote.speaker_entity is None


@pytest.mark.slow
def test_questions_accusations_and_one_word_quotes_are_not_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "When asked how serious his bid for mayor is, Tom Brack said he would decide soon.\n\n"
        "Brack accused the council of wasting money on the new bridge.\n\n"
        "Brack told the radio show “Sunrise.” that the bridge would never open.\n\n"
        "Brack urged lawmakers to pass the budget before the summer recess."
    )
    attributions, _ = _run(nlp, text)
    texts = [a.content.text.strip() for a in attributions]
    assert not any(t.startswith("how serious") for t in texts)
    assert not any(t.startswith("the council of") for t in texts)
    assert "“Sunrise.”" not in texts
    assert not any(t.startswith("lawmakers to") for t in texts)
    assert any("would decide soon" in t for t in texts)


@pytest.mark.slow
def test_declining_to_act_is_not_declining_to_comment(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The council declined to take up the bridge budget on Monday.\n\n"
        "Mayor Tom Brack declined to comment on the bridge budget."
    )
    attributions, _ = _run(nlp, text)
    declined = [a for a in attributions if a.kind == "declined"]
    assert [a.speaker for a in declined] == ["Tom Brack"]


@pytest.mark.slow
def test_a_role_noun_is_not_the_last_speaker_without_that_role(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ann Lo, whose father served as mayor under the old council, spoke on Monday.\n\n"
        "“We will run,” Ann Lo said.\n\n"
        "“Freedom means freedom for everyone,” the former mayor said.\n\n"
        "Harbor Gov. Tom Brack spoke next. “We are ready,” the governor said."
    )
    attributions, _ = _run(nlp, text)
    former = next(a for a in attributions if "Freedom means" in a.content.text)
    assert former.speaker == "former mayor"
    ready = next(a for a in attributions if "We are ready" in a.content.text)
    assert ready.speaker == "Tom Brack"


@pytest.mark.slow
def test_a_quotation_inside_a_noun_phrase_is_the_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Campaign spokeswoman Ann Lo described the new bridge advertisement as “dishonest and "
        "hypocritical,” considering the mayor’s own record."
    )
    attributions, _ = _run(nlp, text)
    assert any(a.content.text == "“dishonest and hypocritical,”" for a in attributions)


@pytest.mark.slow
def test_the_lawmaker_is_the_one_person_named_and_a_surname_tagged_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rep. Bob Harlow of Ohio apologized on Monday.\n\n"
        "The lawmaker said he was “deeply sorry for the incident.”\n\n"
        "“I would if I knew who they were,” Harlow said."
    )
    attributions, _ = _run(nlp, text)
    assert {a.speaker for a in attributions} == {"Bob Harlow"}
