"""The story clusterer on a batch where a later article displaces an original.

Found on ECB+ topic 38 (`ValueError: no features for 38_5ecbplus` in
StoryClusterer.add): in one batch an article is first taken for the original of a
copy, then a later, shorter, undated article turns out to be the original of both,
so the copy pointed at an original that was never placed. The same path runs in
`ingest`. Invented text here; the ECB+ case runs when the shared data is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_engine_helpers import HashEmbedder, make_analysis

from counterpoint.group import StoryClusterer
from counterpoint.records import AnalyzedArticle, Article

BASE = (
    "An earthquake with a preliminary magnitude of 4.6 shook the Quarry Valley early on "
    "Thursday, the regional survey office said. The quake struck at 2:09 in the morning about "
    "fourteen miles north of Millbrook at a depth of just over a mile. Residents of Millbrook "
    "and Ashford reported light shaking and a few fallen shelves, but no damage to buildings "
    "or injuries were reported by the county fire service. A smaller aftershock followed "
    "twenty minutes later, according to the survey office."
)
MORE = " Did you feel the earthquake? Tell us what happened where you were last night."
EVEN_MORE = (
    " Seismologists said the valley sees several quakes of this size every year and that "
    "residents should keep emergency kits at hand."
)


def test_a_later_shorter_original_displaces_the_first_one_in_the_same_batch():
    # undated: reading order is the origin, so 'a' comes first, then 'b', then 'c'
    first = make_analysis("Quake shakes valley", BASE + MORE, "Outlet A", origin="a")
    copy = make_analysis("Quake shakes valley", BASE + MORE + EVEN_MORE, "Outlet B", origin="b")
    shortest = make_analysis("Quake shakes valley", BASE, "Outlet C", origin="c")
    clusterer = StoryClusterer(embed=HashEmbedder())
    touched = clusterer.add([first, copy, shortest])
    assert len(touched) == 1
    story = clusterer.story(touched[0])
    ids = {a.article.id for a in (first, copy, shortest)}
    assert set(story.article_ids) == ids
    # the shortest undated text is the original of both others
    assert story.copies == {
        first.article.id: shortest.article.id,
        copy.article.id: shortest.article.id,
    }


def test_a_copy_whose_original_has_no_story_gets_one():
    """A stored original without a story (an orphan) does not make its copy crash."""
    original = make_analysis("Quake shakes valley", BASE, "Outlet C", origin="c")
    clusterer = StoryClusterer(embed=HashEmbedder())
    clusterer.copies.add(original.article)  # known to the copy detector, never placed
    copy = make_analysis("Quake shakes valley", BASE + MORE, "Outlet A", origin="d")
    touched = clusterer.add([copy])
    assert clusterer.story_of(copy.article.id) == touched[0]


ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "stories" / "ecbplus"


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="ECB+ data not present")
def test_ecbplus_topic_38_clusters_without_crashing():
    analyses = []
    for folder in ("38ecb", "38ecbplus"):
        for path in sorted((ECBPLUS / folder).glob("*.json")):
            data = json.loads(path.read_text())
            article = Article(
                id=path.stem,
                origin=str(path),
                outlet=path.stem,
                title=data.get("title") or None,
                text=data["text"],
            )
            analyses.append(
                AnalyzedArticle(
                    article=article, sentences=[], entities=[], attributions=[], claims=[]
                )
            )
    clusterer = StoryClusterer(embed=HashEmbedder())
    clusterer.add(analyses)
    placed = {i for s in clusterer.stories() for i in s.article_ids}
    assert placed == {a.article.id for a in analyses}
