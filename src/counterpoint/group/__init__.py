"""Group stage: AnalyzedArticles -> Stories, with syndicated copies linked."""
