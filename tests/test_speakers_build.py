"""Cross-article speaker grouping and the misquote check."""

from __future__ import annotations

from counterpoint.compare.speakers import build_speakers, sequence_similarity, word_differences
from counterpoint.records import (
    AnalyzedArticle,
    Article,
    Attribution,
    Entity,
    EntityLabel,
    Span,
)


def _analysis(article_id: str, outlet: str, name: str, quotes: list[str]) -> AnalyzedArticle:
    entity = Entity(
        id=f"{article_id}:e0", key="mohammed shia sudani", name=name, label=EntityLabel.PERSON
    )
    text = " ".join(f"{q} {name} said." for q in quotes)
    attributions = []
    cursor = 0
    for number, quote in enumerate(quotes):
        start = text.index(quote, cursor)
        cursor = start + len(quote)
        attributions.append(
            Attribution(
                id=f"{article_id}:q{number}",
                kind="direct",
                content=Span(start=start, end=cursor, text=quote),
                speaker=name,
                speaker_entity=entity.id,
                sentence_index=number,
            )
        )
    article = Article(id=article_id, origin=article_id, outlet=outlet, text=text)
    return AnalyzedArticle(
        article=article, sentences=[], entities=[entity], attributions=attributions, claims=[]
    )


def test_same_key_is_one_speaker_across_outlets() -> None:
    a = _analysis(
        "a", "Outlet A", "Prime Minister Mohammed Shia al-Sudani", ["“We want a timetable.”"]
    )
    b = _analysis("b", "Outlet B", "al-Sudani", ["“Talks will go on for months.”"])
    speakers, _ = build_speakers([a, b])
    assert len(speakers) == 1
    speaker = speakers[0]
    assert speaker.key == "mohammed shia sudani"
    assert {ref.article_id for ref in speaker.statements} == {"a", "b"}
    assert "al-Sudani" in speaker.aliases or speaker.name == "al-Sudani"


def test_changed_words_in_same_remark_are_flagged() -> None:
    a = _analysis(
        "a",
        "Outlet A",
        "al-Sudani",
        ["“We have reached an agreement with the US to reduce the number of advisers.”"],
    )
    b = _analysis(
        "b",
        "Outlet B",
        "al-Sudani",
        ["“We have reached an agreement with the US to end the presence of advisers.”"],
    )
    _, misquotes = build_speakers([a, b])
    assert len(misquotes) == 1
    misquote = misquotes[0]
    assert misquote.only_in_a == ["reduce", "number"]
    assert misquote.only_in_b == ["end", "presence"]


def test_partial_and_identical_quotes_are_not_flagged() -> None:
    full = "“We have reached an agreement with the US to reduce the number of advisers.”"
    a = _analysis("a", "Outlet A", "al-Sudani", [full])
    b = _analysis("b", "Outlet B", "al-Sudani", ["“We have reached an agreement with the US”"])
    c = _analysis("c", "Outlet C", "al-Sudani", [full])
    d = _analysis("d", "Outlet D", "al-Sudani", ["“reached an agreement with the US to reduce”"])
    _, misquotes = build_speakers([a, b, c, d])
    assert misquotes == []


def test_a_sentence_cut_short_is_flagged_with_what_it_leaves_out() -> None:
    full = "“I want answers, and I want them quickly, but I will not prejudge the inquiry.”"
    a = _analysis("a", "Outlet A", "al-Sudani", [full])
    b = _analysis("b", "Outlet B", "al-Sudani", ["“I want answers, and I want them quickly.”"])
    _, misquotes = build_speakers([a, b])
    assert len(misquotes) == 1
    assert misquotes[0].kind == "truncated"
    assert misquotes[0].only_in_a == ["but", "I", "will", "not", "prejudge", "the", "inquiry"]
    assert misquotes[0].only_in_b == []


def test_a_whole_sentence_of_a_longer_quote_is_not_a_cut() -> None:
    a = _analysis(
        "a", "Outlet A", "al-Sudani", ["“I want answers quickly. I will not prejudge anything.”"]
    )
    b = _analysis("b", "Outlet B", "al-Sudani", ["“I want answers quickly.”"])
    _, misquotes = build_speakers([a, b])
    assert misquotes == []


def test_syndicated_copies_are_left_out_of_the_misquote_check() -> None:
    a = _analysis("a", "Outlet A", "al-Sudani", ["“We will reduce the number of advisers soon.”"])
    b = _analysis("b", "Outlet B", "al-Sudani", ["“We will end the presence of advisers soon.”"])
    copy = _analysis(
        "c", "Outlet C", "al-Sudani", ["“We will reduce the number of advisers soon.”"]
    )
    _, misquotes = build_speakers([a, b, copy], copies={"c": "a"})
    assert [(m.a.article_id, m.b.article_id) for m in misquotes] == [("a", "b")]


def test_different_remarks_are_not_compared() -> None:
    a = _analysis(
        "a", "Outlet A", "al-Sudani", ["“The economy grew faster than anyone expected this year.”"]
    )
    b = _analysis(
        "b", "Outlet B", "al-Sudani", ["“Our forces will defend every border crossing tonight.”"]
    )
    _, misquotes = build_speakers([a, b])
    assert misquotes == []


def test_similarity_helpers() -> None:
    assert sequence_similarity(["a", "b", "c"], ["a", "b", "c", "d"]) == 1.0
    assert word_differences(["x", "a", "b"], ["a", "b"]) == ([], [])
    assert word_differences(["a", "x", "b"], ["a", "y", "b"]) == (["x"], ["y"])
