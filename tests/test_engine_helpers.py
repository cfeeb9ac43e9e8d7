"""Shared helpers for the store / engine / group tests (no tests here).

A real-but-light processor and embedder so engine and store behaviour is tested
without loading spaCy or MiniLM: the processor parses "title\\n\\nbody" text the
way a plain-text article reads, and finds capitalised names as entities.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import date

import numpy as np

from counterpoint.records import (
    AnalyzedArticle,
    Article,
    Entity,
    EntityLabel,
    RawItem,
    Sentence,
    Span,
)

_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_STOP = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "But", "And", "This"}


def make_analysis(
    title: str,
    text: str,
    outlet: str = "Example News",
    published: date | None = None,
    origin: str | None = None,
) -> AnalyzedArticle:
    """An AnalyzedArticle with sentences and capitalised-name entities."""
    article_id = hashlib.sha1(f"{outlet}|{title}|{text}".encode()).hexdigest()[:16]
    article = Article(
        id=article_id,
        origin=origin or f"test://{article_id}",
        outlet=outlet,
        title=title,
        published=published,
        text=text,
    )
    sentences, start = [], 0
    for index, piece in enumerate(re.split(r"(?<=[.!?])\s+", text)):
        begin = text.find(piece, start)
        sentences.append(Sentence(index=index, start=begin, end=begin + len(piece), text=piece))
        start = begin + len(piece)
    entities: dict[str, Entity] = {}
    for match in _NAME.finditer(text):
        name = match.group(0)
        if name in _STOP:
            continue
        key = name.lower()
        span = Span(start=match.start(), end=match.end(), text=name)
        if key in entities:
            entities[key].mentions.append(span)
        else:
            entities[key] = Entity(
                id=f"e{len(entities)}",
                key=key,
                name=name,
                label=EntityLabel.PERSON,
                mentions=[span],
            )
    return AnalyzedArticle(
        article=article,
        sentences=sentences,
        entities=list(entities.values()),
        attributions=[],
        claims=[],
    )


def text_processor(item: RawItem) -> AnalyzedArticle:
    """Processor for plain-text items: first line is the title; hints give outlet/date."""
    from counterpoint.extract.errors import ExtractionError

    raw = item.data.decode("utf-8", "replace").strip()
    if len(raw) < 40:
        raise ExtractionError("too little text")
    title, _, body = raw.partition("\n")
    published = date.fromisoformat(item.hints["date"]) if "date" in item.hints else None
    return make_analysis(
        title.strip(),
        body.strip() or title,
        item.hints.get("source", "Wire"),
        published,
        origin=item.origin,
    )


def text_processor_factory():
    """Picklable factory for the engine (a worker calls it once)."""
    return text_processor


def slow_processor(item: RawItem) -> AnalyzedArticle:
    """Like text_processor but slow, so a test can kill an ingest mid-way."""
    time.sleep(0.05)
    return text_processor(item)


def slow_processor_factory():
    return slow_processor


class HashEmbedder:
    """Bag-of-words hashed into 512 dims, unit-normalised: a deterministic stand-in for MiniLM."""

    def __call__(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]{3,}", text.lower()):
                matrix[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.maximum(norms, 1e-9)
