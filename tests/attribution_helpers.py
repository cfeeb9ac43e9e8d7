"""What the attribution tests share: a text's attributions and entities, as analysis finds them."""

from __future__ import annotations

from typing import Any

from counterpoint.analyze.attribution import find_attributions
from counterpoint.analyze.entities import find_entities
from counterpoint.analyze.sentences import split_sentences
from counterpoint.records import Attribution, Entity


def run_attributions(nlp: Any, text: str) -> tuple[list[Attribution], list[Entity]]:
    """Parse `text`, find its entities and attributions (the new speaker entities included)."""
    doc = nlp(text)
    entities = find_entities(doc, "t")
    attributions, new = find_attributions(doc, split_sentences(doc), entities, "t")
    return attributions, entities + new
