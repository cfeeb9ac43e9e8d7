"""Read stage: turn paths, URLs, feeds, WARCs and JSONL into RawItems (or ReadProblems)."""
