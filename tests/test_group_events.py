"""Same kind of event, different event: different stories. Same event: one story.

Invented reports: two bank robberies (different city, weekday, year and suspects) and
two reports of the first one by different outlets.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from test_engine_helpers import HashEmbedder, make_analysis

from counterpoint.group import StoryClusterer, cluster_stories
from counterpoint.group.copies import CopyDetector
from counterpoint.group.features import (
    FEATURE_NAMES,
    DocumentFrequencies,
    featurize,
    pair_vectors,
)
from counterpoint.group.linking import batch_groups, best_story
from counterpoint.records import Article, EntityLabel

DALTON_A = make_analysis(
    "Gunmen rob bank in Daltonville, teller wounded",
    "Two masked gunmen robbed the First Harbor Bank in Daltonville on Monday morning and "
    "shot a teller, police chief Maria Okafor said. The robbers, later named as Tomas "
    "Brecker and Ivo Lind, fled in a grey van with about 40,000 dollars. It was the "
    "first bank robbery in Daltonville since 2011.",
    "Outlet A",
    date(2024, 3, 4),
)
DALTON_B = make_analysis(
    "Daltonville bank robbery: teller in hospital",
    "A teller was in hospital after two gunmen held up First Harbor Bank in Daltonville on "
    "Monday, Maria Okafor told reporters. Police are searching for Tomas Brecker and Ivo "
    "Lind, who escaped in a grey van. Daltonville had not seen a bank robbery since 2011.",
    "Outlet B",
    date(2024, 3, 4),
)
PORTSIDE = make_analysis(
    "Gunmen rob bank in Portside, guard wounded",
    "Three masked gunmen robbed the Union Mercantile Bank in Portside on Friday and shot a "
    "security guard, police chief Henrik Salo said. The robbers, named as Carl Vetter and "
    "Jonas Rieck, fled in a stolen car with about 25,000 dollars. It was the second bank "
    "robbery in Portside in 2019.",
    "Outlet C",
    date(2024, 3, 4),  # same day: only the text tells the two robberies apart
)


# what the entity step labels in these texts (the test helper calls every name a person)
LABELS = {
    "daltonville": EntityLabel.GPE,
    "portside": EntityLabel.GPE,
    "maria okafor": EntityLabel.PERSON,
    "henrik salo": EntityLabel.PERSON,
    "tomas brecker": EntityLabel.PERSON,
    "ivo lind": EntityLabel.PERSON,
    "carl vetter": EntityLabel.PERSON,
    "jonas rieck": EntityLabel.PERSON,
}


def _labelled(analysis):
    entities = [
        e.model_copy(update={"label": LABELS[e.key]}) for e in analysis.entities if e.key in LABELS
    ]
    return analysis.model_copy(update={"entities": entities})


def _features(*analyses):
    features = featurize([_labelled(a) for a in analyses], HashEmbedder())
    frequencies = DocumentFrequencies()
    frequencies.add(features)
    return features, frequencies


def test_clash_features_fire_for_a_different_event_only():
    (a, b, other), frequencies = _features(DALTON_A, DALTON_B, PORTSIDE)
    same = dict(zip(FEATURE_NAMES, pair_vectors(a, [b], frequencies)[0], strict=True))
    different = dict(zip(FEATURE_NAMES, pair_vectors(a, [other], frequencies)[0], strict=True))
    for name in (
        "person_clash",
        "place_clash",
        "year_clash",
        "head_person_clash",
        "head_place_clash",
    ):
        assert same[name] == 0.0
        assert different[name] == 1.0, name
    assert same["head_day_clash"] == 0.0 and different["head_day_clash"] == 1.0
    assert same["tfidf_cosine"] > different["tfidf_cosine"]
    assert "okafor" in a.head_people and "daltonville" in a.head_places


def test_features_survive_the_store_round_trip():
    (a, _, _), _ = _features(DALTON_A, DALTON_B, PORTSIDE)
    again = type(a).from_json(a.to_json())
    assert (again.years, again.head_places, again.head_days) == (
        a.years,
        a.head_places,
        a.head_days,
    )
    assert again.years == frozenset({2011})


def test_stream_idf_counts_each_article_once():
    (a, b, _), _ = _features(DALTON_A, DALTON_B, PORTSIDE)
    frequencies = DocumentFrequencies()
    frequencies.add([a, b])
    frequencies.add([a])
    assert frequencies.documents == 2


def test_shipped_model_keeps_a_same_kind_event_apart_and_joins_the_same_event():
    clusterer = StoryClusterer(embed=HashEmbedder())
    clusterer.add([_labelled(a) for a in (DALTON_A, PORTSIDE, DALTON_B)])
    assert clusterer.story_of(DALTON_A.article.id) == clusterer.story_of(DALTON_B.article.id)
    assert clusterer.story_of(PORTSIDE.article.id) != clusterer.story_of(DALTON_A.article.id)


def test_one_at_a_time_gives_the_same_stories():
    clusterer = StoryClusterer(embed=HashEmbedder())
    for analysis in (DALTON_A, PORTSIDE, DALTON_B):
        clusterer.add([_labelled(analysis)])
    assert clusterer.story_of(DALTON_A.article.id) == clusterer.story_of(DALTON_B.article.id)
    assert clusterer.story_of(PORTSIDE.article.id) != clusterer.story_of(DALTON_A.article.id)


@pytest.mark.slow
def test_minilm_keeps_two_bank_robberies_apart():
    stories = cluster_stories([PORTSIDE, DALTON_A, DALTON_B])
    groups = {frozenset(s.article_ids) for s in stories}
    assert groups == {
        frozenset({DALTON_A.article.id, DALTON_B.article.id}),
        frozenset({PORTSIDE.article.id}),
    }


def test_batch_groups_use_the_average_link():
    features, _ = _features(DALTON_A, DALTON_B, PORTSIDE)
    table = {
        frozenset({0, 1}): 0.9,
        frozenset({0, 2}): 0.6,  # one article close to both: single link would chain
        frozenset({1, 2}): 0.1,
    }
    index = {f.article_id: i for i, f in enumerate(features)}

    def probabilities(a, others):
        return np.array(
            [table[frozenset({index[a.article_id], index[o.article_id]})] for o in others]
        )

    assert batch_groups(features, probabilities, 0.5) == [[0, 1], [2]]
    # joining a story: the mean over its members must clear the threshold
    story = {"s": [features[0], features[1]]}
    assert best_story([features[2]], story, probabilities, 0.5) is None
    assert best_story([features[2]], story, probabilities, 0.3) == "s"


def test_articles_without_body_words_are_not_copies_of_each_other():
    detector = CopyDetector()
    first = Article(id="a", origin="a", outlet="A", title="Quake hits Iran", text="")
    second = Article(id="b", origin="b", outlet="B", title="Lohan enters rehab", text="")
    assert detector.add(first) is None
    assert detector.add(second) is None
