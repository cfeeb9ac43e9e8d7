"""The per-article work, extract then analyze, as one picklable unit.

Engines (local processes, Ray workers) create one `Pipeline` per worker so models
load once, then call `process` for each RawItem. The stage code does not know
where it runs.
"""

from __future__ import annotations

from counterpoint.analyze.article import analyze_article
from counterpoint.extract import extract
from counterpoint.records import AnalyzedArticle, RawItem


class Pipeline:
    """Extract + analyze with models loaded on first use and kept for the process."""

    def __init__(self) -> None:
        from counterpoint.models import spacy_english

        self._nlp = spacy_english()

    def process(self, item: RawItem) -> AnalyzedArticle:
        """Raises counterpoint.extract.ExtractionError when no usable article remains."""
        article = extract(item)
        return analyze_article(article, self._nlp)
