"""Extract stage: RawItem -> Article (clean text, title, date, authors, outlet, language)."""
