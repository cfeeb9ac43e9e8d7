"""Summarize stage: Comparison -> Brief, a neutral summary that cites its sources."""

from counterpoint.summarize.brief import write_brief
from counterpoint.summarize.candidates import SourceText
from counterpoint.summarize.citations import uncited_text
from counterpoint.summarize.multisource import summarize_sources

__all__ = ["SourceText", "summarize_sources", "uncited_text", "write_brief"]
