"""Learned content boundaries: which parts of a cue's clause are what was said.

Why learned: which dependents of a cue belong to its content is a convention of the
annotation, not of grammar alone ("accused X of Y" keeps X, "said on Monday that Y"
drops the date, "criticised practices at a foundation" keeps the place, "told
reporters that Y" drops the listener). A logistic regression over each dependent
("unit": a child's subtree, or a preposition and its object separately) decides; it
is trained on PolNeAR train by scripts/train_attribution.py and ships as
content_weights.json. Without the file, contents.py falls back to its rules.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

WEIGHTS_PATH = Path(__file__).with_name("content_weights.json")
UNIT_THRESHOLD = 0.5
SKIPPED_DEPS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "punct", "agent", "expl", "cc"}
)
PREP_OBJECT_DEPS = frozenset({"pobj", "pcomp"})


def units(head: Token) -> list[tuple[Token, list[int]]]:
    """Candidate pieces of content under a cue word: (anchor token, token ids)."""
    out: list[tuple[Token, list[int]]] = []
    for child in sorted(head.children, key=lambda c: c.i):
        if child.dep_ in SKIPPED_DEPS:
            continue
        if child.dep_ == "prep":
            out.append((child, [child.i]))
            for grand in child.children:
                out.append((grand, sorted(t.i for t in grand.subtree)))
            continue
        out.append((child, sorted(t.i for t in child.subtree)))
    return out


def _size(count: int) -> str:
    return "1" if count == 1 else "2-4" if count < 5 else "5-14" if count < 15 else "15+"


def unit_features(head: Token, anchor: Token, ids: list[int]) -> dict[str, float]:
    """Sparse features of one unit relative to its cue word."""
    lemma = head.lemma_.lower()
    dep = anchor.dep_
    parent = anchor.head
    via = parent.lower_ if parent is not head else "-"  # the preposition, if any
    side = "L" if anchor.i < head.i else "R"
    siblings = {c.dep_ for c in head.children}
    features: dict[str, float] = {
        "bias": 1.0,
        f"dep={dep}": 1.0,
        f"dep|side={dep}|{side}": 1.0,
        f"lemma|dep={lemma}|{dep}": 1.0,
        f"pos={anchor.pos_}": 1.0,
        f"dep|pos={dep}|{anchor.pos_}": 1.0,
        f"via={via}": 1.0,
        f"lemma|via={lemma}|{via}": 1.0,
        f"dep|via={dep}|{via}": 1.0,
        f"size={_size(len(ids))}": 1.0,
        f"head_pos={head.pos_}": 1.0,
        f"head_dep={head.dep_}": 1.0,
    }
    if anchor.ent_type_:
        features[f"ent={anchor.ent_type_}"] = 1.0
        features[f"dep|ent={dep}|{anchor.ent_type_}"] = 1.0
    if dep in ("prep", "mark", "advmod", "npadvmod", "dative", "dobj"):
        features[f"dep|word={dep}|{anchor.lower_}"] = 1.0
    if dep in ("dobj", "dative", "pobj"):
        features[f"lemma|dep|word={lemma}|{dep}|{anchor.lemma_.lower()}"] = 0.5
    for other in ("ccomp", "xcomp", "dobj", "dative"):
        if other in siblings and other != dep:
            features[f"dep|sibling={dep}|{other}"] = 1.0
    marks = [g.lower_ for g in anchor.children if g.dep_ == "mark"]
    if marks:
        features[f"dep|mark={dep}|{marks[0]}"] = 1.0
    return features


@lru_cache(maxsize=1)
def _weights() -> dict[str, float] | None:
    if not WEIGHTS_PATH.exists():
        return None
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    weights: dict[str, float] = data["weights"]
    return weights


def available() -> bool:
    """True when learned boundary weights ship with the package."""
    return _weights() is not None


def unit_score(features: dict[str, float]) -> float:
    """Probability that a unit belongs to the content."""
    weights = _weights() or {}
    total = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def learned_content(head: Token) -> set[int]:
    """Token ids of the units the model keeps (empty when it keeps none)."""
    ids: set[int] = set()
    for anchor, unit in units(head):
        if unit_score(unit_features(head, anchor, unit)) >= UNIT_THRESHOLD:
            ids.update(unit)
    return _fill_gaps(head, ids)


def _fill_gaps(head: Token, ids: set[int]) -> set[int]:
    """One stretch of text on each side of the cue word: words the model left out
    between kept ones (a comma, an adverb) join, the cue word itself never does."""
    filled = set(ids)
    for side in ([i for i in ids if i < head.i], [i for i in ids if i > head.i]):
        if side:
            filled.update(range(min(side), max(side) + 1))
    return filled
