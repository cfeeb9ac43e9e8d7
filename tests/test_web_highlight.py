"""Highlighting cuts text into escaped segments; marks overlap and never lose text."""

from __future__ import annotations

from counterpoint.records import Attribution, Span
from counterpoint.web.highlight import Mark, find_all, locate, mark_article, mark_claim, segment


def joined(segments) -> str:
    return "".join(s.text for s in segments)


def test_segments_cover_the_text_and_overlap() -> None:
    text = "The port will reopen on Monday."
    segs = segment(text, [Mark(4, 20, ("claim",)), Mark(9, 13, ("diff",))])
    assert joined(segs) == text
    assert [(s.text, s.classes) for s in segs] == [
        ("The ", ()),
        ("port ", ("claim",)),
        ("will", ("claim", "diff")),
        (" reopen", ("claim",)),
        (" on Monday.", ()),
    ]


def test_out_of_range_marks_are_ignored() -> None:
    assert joined(segment("abc", [Mark(2, 10, ("x",)), Mark(-1, 1, ("y",))])) == "abc"


def test_find_all_respects_word_boundaries() -> None:
    assert find_all("no notes, No way", "no") == [(0, 2), (10, 12)]
    assert find_all("4,300 TEU and 300 boxes", "300") == [(14, 17)]
    assert find_all("anything", "") == []


def test_locate_finds_reworded_claims() -> None:
    sentence = "Officials said on Tuesday that the port will reopen on Monday."
    assert locate(sentence, "the port will reopen on Monday") == (31, 61)
    start, end = locate(sentence, "the port will reopen Monday")  # type: ignore[misc]
    assert sentence[start:end].startswith("the port will reopen")
    assert locate(sentence, "completely different words here") is None


def test_mark_claim_marks_differing_words() -> None:
    segs = mark_claim(
        "Twelve ships were delayed, officials said.", "Twelve ships were delayed", ["Twelve"]
    )
    assert ("Twelve", ("claim", "diff")) in [(s.text, s.classes) for s in segs]


def test_mark_article_splits_paragraphs_and_anchors_quotes() -> None:
    text = 'First paragraph.\n\n"We will win," said Ana Ruiz. More.'
    content = Span(start=19, end=30, text="We will win")
    att = Attribution(
        id="q1",
        kind="direct",
        source=Span(start=38, end=46, text="Ana Ruiz"),
        cue=Span(start=33, end=37, text="said"),
        content=content,
        speaker="Ana Ruiz",
        sentence_index=1,
    )
    paragraphs = mark_article(text, [att], focus=(0, 16))
    assert len(paragraphs) == 2
    first, second = paragraphs
    assert first.segments[0].classes == ("focus",) and first.segments[0].anchors == ["focus"]
    quote = next(s for s in second.segments if "quote" in s.classes)
    assert (
        quote.text == "We will win" and quote.anchors == ["q1"] and quote.title == "Ana Ruiz (said)"
    )
    assert any(s.text == "Ana Ruiz" and "said-by" in s.classes for s in second.segments)


def test_negation_lists_from_evidence_are_split() -> None:
    from counterpoint.web.view_models import evidence_words

    assert evidence_words(["not, never", None, "12"]) == ["not, never", "not", "never", "12"]
