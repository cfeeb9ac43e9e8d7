"""Old name of counterpoint.web.view_models (the pages' view models); import from there.

Kept so existing imports keep working: "views" read like request handlers, which
live in pages.py and api.py.
"""

from counterpoint.web.view_models import (
    ArticleView,
    DisputeSide,
    DisputeView,
    QuoteGroup,
    SpeakerPanel,
    StatementRow,
    StoryView,
    TimelineDay,
    article_view,
    bare_quote,
    dispute_view,
    evidence_words,
    speaker_panels,
    story_view,
    timeline,
)

__all__ = [
    "ArticleView",
    "DisputeSide",
    "DisputeView",
    "QuoteGroup",
    "SpeakerPanel",
    "StatementRow",
    "StoryView",
    "TimelineDay",
    "article_view",
    "bare_quote",
    "dispute_view",
    "evidence_words",
    "speaker_panels",
    "story_view",
    "timeline",
]
