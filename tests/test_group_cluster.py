"""Story clustering: same event across outlets joins, same-kind different events stay apart."""

from __future__ import annotations

from datetime import date

import pytest
from test_engine_helpers import HashEmbedder, make_analysis

from counterpoint.group import StoryClusterer, cluster_stories

IZMIR_A = make_analysis(
    "Powerful earthquake strikes Turkey's Izmir",
    "A magnitude 7.0 earthquake struck the Aegean Sea on Friday, toppling buildings in the "
    "Turkish city of Izmir. Rescuers in Izmir pulled survivors from collapsed apartment blocks, "
    "Interior Minister Suleyman Soylu said. The quake was also felt on the Greek island of Samos.",
    "Outlet A",
    date(2020, 10, 30),
)
IZMIR_B = make_analysis(
    "Dozens dead as quake hits Izmir and Samos",
    "Rescue teams searched the rubble of buildings in Izmir on Saturday after Friday's "
    "earthquake in the Aegean. Suleyman Soylu said the death toll had risen. On Samos, two "
    "teenagers were killed by a falling wall.",
    "Outlet B",
    date(2020, 10, 31),
)
PETRINJA_A = make_analysis(
    "Strong earthquake hits central Croatia",
    "A magnitude 6.4 earthquake struck the town of Petrinja in central Croatia on Tuesday, "
    "destroying houses and killing several people. Prime Minister Andrej Plenkovic visited "
    "Petrinja and said the army would help. The quake was felt in Zagreb.",
    "Outlet A",
    date(2020, 12, 29),
)
PETRINJA_B = make_analysis(
    "Petrinja devastated by earthquake",
    "Rescuers dug through the ruins of Petrinja after Tuesday's earthquake near Zagreb. Andrej "
    "Plenkovic said half the town was destroyed and that Croatia would ask for European help.",
    "Outlet C",
    date(2020, 12, 29),
)
STRIKE = make_analysis(
    "Port workers strike over pay",
    "Dock workers at the port of Felixstowe walked out on Monday over pay, union Unite said. "
    "Sharon Graham said the strike would last eight days.",
    "Outlet B",
    date(2022, 8, 21),
)

EXPECTED = {
    frozenset({IZMIR_A.article.id, IZMIR_B.article.id}),
    frozenset({PETRINJA_A.article.id, PETRINJA_B.article.id}),
    frozenset({STRIKE.article.id}),
}


def _groups(stories):
    return {frozenset(s.article_ids) for s in stories}


@pytest.mark.slow
def test_minilm_keeps_two_earthquakes_apart():
    stories = cluster_stories([PETRINJA_B, IZMIR_A, STRIKE, PETRINJA_A, IZMIR_B])
    assert _groups(stories) == EXPECTED


def test_incremental_adds_and_warm_start_keep_story_ids():
    clusterer = StoryClusterer(embed=HashEmbedder())
    clusterer.add([IZMIR_A, PETRINJA_A])
    first_ids = {clusterer.story_of(IZMIR_A.article.id), clusterer.story_of(PETRINJA_A.article.id)}
    assert len(first_ids) == 2

    restarted = StoryClusterer(embed=HashEmbedder())
    restarted.load(clusterer.stories(), [IZMIR_A, PETRINJA_A])
    touched = restarted.add([IZMIR_B, PETRINJA_B, STRIKE])
    assert _groups(restarted.stories()) == EXPECTED
    assert first_ids <= set(touched)
    assert restarted.story_of(IZMIR_B.article.id) == clusterer.story_of(IZMIR_A.article.id)
    izmir = restarted.story(restarted.story_of(IZMIR_A.article.id))
    assert (izmir.first_published, izmir.last_published) == (date(2020, 10, 30), date(2020, 10, 31))


class _NoModel:
    """An embedder that must not be called: a warm start from the cache needs no model."""

    def __call__(self, texts):
        raise AssertionError("embedded on warm start")


def test_warm_start_from_cache_needs_no_model_and_links_copies():
    first = StoryClusterer(embed=HashEmbedder())
    first.add([IZMIR_A, PETRINJA_A, STRIKE])
    cache = {a.article.id: first.cached(a.article.id) for a in (IZMIR_A, PETRINJA_A, STRIKE)}

    again = StoryClusterer(embed=_NoModel())
    again.load(first.stories(), cached=cache)
    assert _groups(again.stories()) == _groups(first.stories())

    reprint = make_analysis(
        "Izmir quake (wire)", IZMIR_A.article.text, "Outlet D", date(2020, 10, 31)
    )
    [touched] = again.add([reprint])  # a copy joins its original without the model
    story = again.story(touched)
    assert story.copies == {reprint.article.id: IZMIR_A.article.id}
    assert IZMIR_A.article.id in story.article_ids


def test_original_arriving_after_its_copy_takes_over_the_link():
    clusterer = StoryClusterer(embed=HashEmbedder())
    reprint = make_analysis(
        "Izmir quake (wire)", IZMIR_A.article.text, "Outlet D", date(2020, 10, 31)
    )
    [first] = clusterer.add([reprint, PETRINJA_A])[:1]
    assert clusterer.story(first).copies == {}
    [touched] = clusterer.add([IZMIR_A])  # published a day earlier: the real original
    story = clusterer.story(touched)
    assert touched == first
    assert set(story.article_ids) == {reprint.article.id, IZMIR_A.article.id}
    assert story.copies == {reprint.article.id: IZMIR_A.article.id}
