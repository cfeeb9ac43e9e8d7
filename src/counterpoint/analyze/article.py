"""Run every analysis on one article: the analyze stage's single entry point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from counterpoint.analyze.attribution import find_attributions
from counterpoint.analyze.claims import TimedSpan, find_claims
from counterpoint.analyze.entities import find_entities
from counterpoint.analyze.sentences import split_sentences
from counterpoint.analyze.timex import resolve_times
from counterpoint.records import AnalyzedArticle, Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPE_BATCH = 8


def analyze_article(article: Article, nlp: Language | None = None) -> AnalyzedArticle:
    """Sentences, entities, attributions and claims of one extracted article."""
    return analyze_articles([article], nlp)[0]


def analyze_articles(
    articles: Sequence[Article], nlp: Language | None = None
) -> list[AnalyzedArticle]:
    """`analyze_article` for several articles, parsed together (spaCy's `nlp.pipe`)."""
    if nlp is None:
        from counterpoint.models import spacy_english

        nlp = spacy_english()
    if len(articles) == 1:
        docs = [nlp(articles[0].text)]
    else:
        docs = list(nlp.pipe((a.text for a in articles), batch_size=PIPE_BATCH))
    return [_analyze_doc(article, doc) for article, doc in zip(articles, docs, strict=True)]


def _analyze_doc(article: Article, doc: Doc) -> AnalyzedArticle:
    sentences = split_sentences(doc)
    entities = find_entities(doc, article.id)
    attributions, speaker_entities = find_attributions(doc, sentences, entities, article.id)
    entities = entities + speaker_entities
    times = [
        TimedSpan(start=t.start, end=t.end, text=t.text, date=t.date)
        for t in resolve_times(article.text, article.published)
    ]
    claims = find_claims(doc, article.id, sentences, entities, attributions, times)
    return AnalyzedArticle(
        article=article,
        sentences=sentences,
        entities=entities,
        attributions=attributions,
        claims=claims,
    )
