"""The per-article work, extract then analyze, as one picklable unit.

Engines (local processes, Ray workers) create one `Pipeline` per worker so models
load once, then call `process` (one item) or `process_many` (a batch: spaCy parses
it with `nlp.pipe`) for RawItems. The stage code does not know where it runs.

Analyses go through the analysis cache (counterpoint.analysis_cache): an article
analysed before, by any command or process, is read back instead of analysed again,
and spaCy and the encoders load only when some article does need analysing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from counterpoint.analyze.budget import within_budget
from counterpoint.extract import extract
from counterpoint.extract.errors import ExtractionError
from counterpoint.records import AnalyzedArticle, Article, RawItem

if TYPE_CHECKING:
    from spacy.language import Language

    from counterpoint.analysis_cache import AnalysisCache


class Pipeline:
    """Extract + analyze with models loaded on first use and kept for the process."""

    def __init__(
        self, *, cache: AnalysisCache | bool | None = True, embed_leads: bool = False
    ) -> None:
        """`cache`: True for the configured analysis cache, False or None for none.

        `embed_leads` (ingest workers): also encode each article's lead (title + opening,
        what the story clusterer compares) into the vector cache, so the ingest process
        that clusters finds the vectors there and never loads the encoder itself.
        """
        self.embed_leads = embed_leads
        if cache is True:
            from counterpoint.analysis_cache import default_cache

            self.cache: AnalysisCache | None = default_cache()
        else:
            self.cache = cache or None
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from counterpoint.models import spacy_english

            self._nlp = spacy_english()
        return self._nlp

    def process(self, item: RawItem) -> AnalyzedArticle:
        """Raises counterpoint.extract.ExtractionError when no usable article remains."""
        return self.analyze([extract(item)])[0]

    __call__ = process  # a Pipeline is an engine Processor

    def process_many(self, items: Sequence[RawItem]) -> list[AnalyzedArticle | ExtractionError]:
        """Each item's analysis, or the ExtractionError that left it without an article."""
        results: list[AnalyzedArticle | ExtractionError | None] = []
        articles: list[Article] = []
        for item in items:
            try:
                articles.append(extract(item))
                results.append(None)
            except ExtractionError as exc:
                results.append(exc)
        analyses = iter(self.analyze(articles))
        return [next(analyses) if result is None else result for result in results]

    def analyze(self, articles: Sequence[Article]) -> list[AnalyzedArticle]:
        """Analyses in input order: cached ones read back, the others analysed together."""
        articles = [within_budget(article) for article in articles]  # long ones are cut
        found: list[AnalyzedArticle | None] = [
            self.cache.get(article) if self.cache is not None else None for article in articles
        ]
        missing = [
            article for article, analysis in zip(articles, found, strict=True) if analysis is None
        ]
        fresh: Iterator[AnalyzedArticle] = iter([])
        if missing:  # spaCy and torch are imported only when something needs analysing
            from counterpoint.analyze.article import analyze_articles

            fresh = iter(analyze_articles(missing, self.nlp))
        out: list[AnalyzedArticle] = []
        for analysis in found:
            if analysis is None:
                analysis = next(fresh)
                if self.cache is not None:
                    self.cache.put(analysis)
            out.append(analysis)
        if self.embed_leads and out:
            from counterpoint.group.features import lead_text
            from counterpoint.models import embed

            embed([lead_text(analysis) for analysis in out])  # kept in the vector cache
        if missing:
            from counterpoint.models import release_memory

            release_memory()
        return out
