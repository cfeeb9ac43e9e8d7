"""Summarize stage: Comparison -> Brief, a neutral summary that cites its sources."""
