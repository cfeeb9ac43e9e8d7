"""The token tagger: shipped weights with their card, sensible probabilities on a real
parse, edges moved only for indirect speech, and the switch that turns it off."""

from __future__ import annotations

import numpy as np
import pytest

from counterpoint.analyze.attribution import extract_attributions, tagger
from counterpoint.analyze.attribution.cues import find_cues, quote_index
from counterpoint.analyze.attribution.quotes import find_quotes

pytestmark = pytest.mark.slow

TEXT = (
    "The council voted on Tuesday to close the Harbour Street bridge for repairs.\n\n"
    "Mayor Alice Brandt said the closure would last at least six weeks, adding that "
    "a ferry would run in the meantime.\n\n"
    "\u201cWe had no choice,\u201d said Tom Reyes, the city engineer. "
    "\u201cThe cables are worn.\u201d"
)


@pytest.fixture(scope="module")
def doc(nlp):  # type: ignore[no-untyped-def]
    return nlp(TEXT)


def _token(doc, word: str, nth: int = 0):  # type: ignore[no-untyped-def]
    return [t for t in doc if t.text == word][nth]


def test_weights_ship_small_with_card() -> None:
    assert tagger.enabled()
    assert tagger.WEIGHTS_PATH.stat().st_size < 8_000_000
    card = tagger.card()
    assert card["labels"] == list(tagger.LABELS)
    assert card["members"] == len(card["seeds"]) >= 1
    assert card["inputs"] == 384 * len(tagger.LAYERS) + tagger.FEATURES
    for key in ("cue_scorer_weight", "cue_threshold", "begin_window", "end_window"):
        assert key in card


def test_features_mark_quoted_words(doc) -> None:  # type: ignore[no-untyped-def]
    inside = quote_index(doc, find_quotes(doc.text))
    features = tagger.token_features(doc, inside)
    assert features.shape == (len(doc), tagger.FEATURES)
    in_quote = len(tagger.POS_TAGS) + len(tagger.DEPENDENCIES)
    assert features[_token(doc, "choice").i, in_quote] == 1.0
    assert features[_token(doc, "council").i, in_quote] == 0.0


def test_every_word_gets_a_vector(doc) -> None:  # type: ignore[no-untyped-def]
    vectors = tagger.encode_tokens(doc)
    assert vectors.shape == (len(doc), 384 * len(tagger.LAYERS))
    words = [t.i for t in doc if not t.is_space]
    assert np.all(np.abs(vectors[words]).sum(axis=1) > 0)


def test_probabilities_find_cue_source_and_content(doc) -> None:  # type: ignore[no-untyped-def]
    inside = quote_index(doc, find_quotes(doc.text))
    probs = tagger.token_probabilities(doc, inside)
    assert probs is not None and probs.shape == (len(doc), len(tagger.LABELS))
    said = _token(doc, "said")
    assert probs[said.i, tagger.CUE] > 0.5
    assert probs[_token(doc, "Brandt").i, tagger.SOURCE] > 0.5
    assert probs[_token(doc, "closure").i, tagger.CONTENT] > 0.5
    for word in ("bridge", "ferry", "cables"):
        assert probs[_token(doc, word).i, tagger.CUE] < 0.5


def test_quotations_keep_their_edges(doc) -> None:  # type: ignore[no-untyped-def]
    inside = quote_index(doc, find_quotes(doc.text))
    probs = tagger.token_probabilities(doc, inside)
    assert probs is not None
    start = doc.text.index("\u201cWe")
    end = doc.text.index("\u201d") + 1
    assert tagger.refine_edges(doc, (start, end), probs, []) == (start, end)


def test_edges_do_not_cross_the_cue(doc) -> None:  # type: ignore[no-untyped-def]
    inside = quote_index(doc, find_quotes(doc.text))
    probs = tagger.token_probabilities(doc, inside)
    assert probs is not None
    said = doc.text.index("said the closure")
    cue = (said, said + len("said"))
    start = cue[1] + 1
    end = doc.text.index(", adding")
    for fences in ([cue], [cue, (doc.text.index("Mayor"), said - 1)]):
        new_start, new_end = tagger.refine_edges(doc, (start, end), probs, fences)
        assert new_start >= cue[1] and new_end <= doc.text.index("\n\n\u201c")


def test_attributions_with_and_without_tagger(doc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def contents() -> set[str]:
        return {doc.text[s:e] for found in extract_attributions(doc) for s, e in found.contents}

    with_tagger = contents()
    monkeypatch.setenv("COUNTERPOINT_ATTRIBUTION_TAGGER", "off")
    assert tagger.token_probabilities(doc, quote_index(doc, find_quotes(doc.text))) is None
    without = contents()
    for found in (with_tagger, without):
        assert "\u201cWe had no choice,\u201d" in found
        assert any(text.startswith("the closure would last") for text in found)
    assert [c.head.text for c in find_cues(doc, find_quotes(doc.text))].count("said") == 2


def test_nearest_source_takes_the_closest_free_run(doc) -> None:  # type: ignore[no-untyped-def]
    tagged = np.zeros((len(doc), len(tagger.LABELS)), dtype=np.float32)
    reyes = [t.i for t in doc if t.text in {"Tom", "Reyes"}]
    engineer = _token(doc, "engineer").i
    tagged[reyes, tagger.SOURCE] = 0.9
    tagged[engineer, tagger.SOURCE] = 0.9
    said = _token(doc, "said", 1)
    start, end = doc[reyes[0]].idx, doc[reyes[-1]].idx + len(doc[reyes[-1]].text)
    assert tagger.nearest_source(doc, said.i, tagged, []) == (start, end)
    # a run inside the cue or content is never the speaker
    assert tagger.nearest_source(doc, said.i, tagged, [(start, end)]) == (
        doc[engineer].idx,
        doc[engineer].idx + len("engineer"),
    )
    tagged[:, tagger.SOURCE] = 0.0
    assert tagger.nearest_source(doc, said.i, tagged, []) is None


def test_one_word_indirect_contents_are_not_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterpoint.analyze.attribution import find_attributions
    from counterpoint.analyze.entities import find_entities
    from counterpoint.analyze.sentences import split_sentences

    text = (
        "Westmere Rail chief executive Oliver Paget apologised to passengers and said the "
        "company would cooperate fully with investigators."
    )
    doc = nlp(text)
    records, _ = find_attributions(doc, split_sentences(doc), find_entities(doc, "t"), "t")
    contents = [text[r.content.start : r.content.end] for r in records]
    assert "the company would cooperate fully with investigators" in contents
    assert all(len(c.split()) >= 2 for c in contents)


def test_relative_pronoun_speaker_is_its_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterpoint.analyze.attribution.resolve import SpeakerResolver

    text = "The board thanked Maria Lopez, who said the audit would be published in May."
    doc = nlp(text)
    who = text.index("who")
    resolver = SpeakerResolver(doc, [], "t")
    assert "Lopez" in resolver.resolve((who, who + 3), text.index("said")).name
