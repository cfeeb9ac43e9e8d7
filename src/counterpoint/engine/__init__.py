"""Engines run the per-article stages (extract + analyze) locally or on Ray."""
