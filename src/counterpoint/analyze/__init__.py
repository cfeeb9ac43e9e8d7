"""Analyze stage: Article -> AnalyzedArticle (sentences, entities, attributions, claims)."""
