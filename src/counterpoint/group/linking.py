"""Average-link decisions for the story clusterer: group a batch, then join a story.

Placing articles one at a time lets a single similar article pull a report of a
different, same-kind event into a story, and the rest of that event's reports follow
it. So a batch of new articles is first grouped among itself (average-link
agglomerative clustering over the pair model's P(same story), like the TF-IDF
baseline but on the pair model), and each group then joins the existing story whose
members it matches best on average over every (group member, story member) pair, if
that average clears the same threshold. One threshold means one thing throughout:
the mean P(same story) a group and a story must reach to be one story.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from counterpoint.group.features import ArticleFeatures

NEIGHBOURS = 64  # pairs scored per article inside a batch (nearest by embedding)
BATCH_LIMIT = 2000  # articles grouped at once (the average-link step is quadratic)
GROUP_SAMPLE = 20  # group members compared with a story (its earliest)
STORY_SAMPLE = 50  # story members compared with a group (its latest)
STORIES_COMPARED = 8  # candidate stories per group: those holding most of its neighbours

Probabilities = Callable[[ArticleFeatures, Sequence[ArticleFeatures]], np.ndarray]


def batch_groups(
    features: Sequence[ArticleFeatures], probabilities: Probabilities, threshold: float
) -> list[list[int]]:
    """Indexes of `features` grouped by average link (mean P >= threshold), each group in
    input order, groups ordered by their first member. Pairs outside each article's
    NEIGHBOURS nearest count as P = 0."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    groups: list[list[int]] = []
    for start in range(0, len(features), BATCH_LIMIT):
        chunk = features[start : start + BATCH_LIMIT]
        if len(chunk) == 1:
            groups.append([start])
            continue
        similarity = np.zeros((len(chunk), len(chunk)))
        scored = np.zeros((len(chunk), len(chunk)), dtype=bool)
        matrix = np.stack([f.embedding for f in chunk])
        for i, feature in enumerate(chunk):
            order = np.argsort(-(matrix @ feature.embedding), kind="stable")
            near = [int(j) for j in order[: NEIGHBOURS + 1] if j != i and not scored[i, j]]
            if not near:
                continue
            found = probabilities(feature, [chunk[j] for j in near])
            similarity[i, near] = similarity[near, i] = found
            scored[i, near] = scored[near, i] = True
        distance = 1.0 - similarity
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        by_label: dict[int, list[int]] = {}
        for index, label in enumerate(labels):
            by_label.setdefault(int(label), []).append(start + index)
        groups.extend(by_label.values())
    return sorted(groups, key=lambda group: group[0])


def best_story(
    group: Sequence[ArticleFeatures],
    stories: Mapping[str, Sequence[ArticleFeatures]],
    probabilities: Probabilities,
    threshold: float,
) -> str | None:
    """The story whose members the group matches best on average (mean P over every
    sampled pair), if that mean reaches the threshold; ties go to the smaller id."""
    sample = list(group)[:GROUP_SAMPLE]
    best_id, best_score = None, threshold
    for story_id in sorted(stories):
        members = list(stories[story_id])[-STORY_SAMPLE:]
        if not members:
            continue
        score = float(np.mean([probabilities(feature, members).mean() for feature in sample]))
        if score > best_score or (best_id is None and score >= threshold):
            best_id, best_score = story_id, score
    return best_id
