"""Group stage: AnalyzedArticles -> Stories, with syndicated copies linked."""

from counterpoint.group.cluster import (
    PairModel,
    StoryClusterer,
    cluster_stories,
    group_as_one_story,
    story_id_for,
)
from counterpoint.group.copies import CopyDetector, find_copies

__all__ = [
    "CopyDetector",
    "PairModel",
    "StoryClusterer",
    "cluster_stories",
    "find_copies",
    "group_as_one_story",
    "story_id_for",
]
