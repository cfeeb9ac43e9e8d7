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

from spacy.tokens import Doc, Token

from counterpoint.analyze.attribution.linear import linear_total, load_model, probability
from counterpoint.package_files import package_file

WEIGHTS_PATH = package_file("counterpoint.analyze.attribution", "content_weights.json")
UNIT_THRESHOLD = 0.5
SKIPPED_DEPS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "punct", "agent", "expl", "cc"}
)


def units(head: Token) -> list[tuple[Token, list[int]]]:
    """Candidate pieces of content under a cue word: (anchor token, token ids)."""
    out: list[tuple[Token, list[int]]] = []
    for child in sorted(head.children, key=lambda c: c.i):
        if child.dep_ in SKIPPED_DEPS and child.dep_ != "nsubjpass":
            continue  # "X is expected to Y", "X was accused of Y": X is part of it
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
    via = parent.lower_ if parent.i != head.i else "-"  # the preposition, if any
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
    for other in ("ccomp", "xcomp", "dobj", "dative", "agent"):
        if other in siblings and other != dep:
            features[f"dep|sibling={dep}|{other}"] = 1.0
    marks = [g.lower_ for g in anchor.children if g.dep_ == "mark"]
    if marks:
        features[f"dep|mark={dep}|{marks[0]}"] = 1.0
    return features


def _weights() -> dict[str, float] | None:
    data = load_model(WEIGHTS_PATH)
    return None if data is None else data["weights"]


def available() -> bool:
    """True when learned boundary weights ship with the package."""
    return _weights() is not None


def unit_score(features: dict[str, float]) -> float:
    """Probability that a unit belongs to the content."""
    return probability(_weights() or {}, features)


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


# -- where an indirect content ends ------------------------------------------------
# "said that X, but still lost", "criticised Y — an opportunity he missed", "that X,
# contradicting Z": the words after a comma or dash are often the writer's, not the
# speaker's. A second small model decides, at each such mark, whether to cut there.
CUT_MARKS = frozenset({",", "—", "―", "–", "--", ";", "("})
TAIL_ENABLED = True  # the training script turns it off while it collects examples


def cut_points(doc: Doc, end: int, inside: list[int], first: int) -> list[Token]:
    """Commas and dashes outside quotations between token `first` and char `end`,
    followed by at least one word before `end`."""
    points: list[Token] = []
    for token in doc[first:]:
        if token.idx >= end:
            break
        if token.text in CUT_MARKS and inside[token.i] < 0:
            rest = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if rest is not None and rest.idx < end:
                points.append(token)
    return points


def _tail_root(doc: Doc, mark: Token, end: int) -> Token:
    """The word heading the words after a mark (climbing while the subtree stays after
    the mark)."""
    token = doc[mark.i + 1]
    while token.head.i != token.i and token.head.i > mark.i and token.head.idx < end:
        token = token.head
    return token


def _token_after(doc: Doc, i: int, end: int) -> int:
    """Index of the first token at or after char `end`, scanning right from token i."""
    while i < len(doc) and doc[i].idx < end:
        i += 1
    return i


def _token_from(doc: Doc, i: int, start: int) -> int:
    """Index of the first token at or after char `start`, scanning left from token i."""
    while i > 0 and doc[i - 1].idx >= start:
        i -= 1
    return i


def tail_features(doc: Doc, mark: Token, end: int, cue_head: Token, start: int) -> dict[str, float]:
    """Features of cutting the content at `mark` (content spans chars start..end)."""
    first = doc[mark.i + 1]
    root = _tail_root(doc, mark, end)
    tail_words = sum(1 for t in doc[mark.i + 1 : _token_after(doc, mark.i, end)] if not t.is_punct)
    head_words = sum(1 for t in doc[_token_from(doc, mark.i, start) : mark.i] if not t.is_punct)
    governor = root.head
    features: dict[str, float] = {
        "bias": 1.0,
        f"mark={mark.text}": 1.0,
        f"first={first.lower_}": 1.0,
        f"first_pos={first.pos_}": 1.0,
        f"first_tag={first.tag_}": 1.0,
        f"root_dep={root.dep_}": 1.0,
        f"root_tag={root.tag_}": 1.0,
        f"root_dep|tag={root.dep_}|{root.tag_}": 1.0,
        f"mark|root_dep={mark.text}|{root.dep_}": 1.0,
        f"mark|first={mark.text}|{first.lower_}": 1.0,
        f"tail={_size(tail_words)}": 1.0,
        f"before={_size(head_words)}": 1.0,
        f"governor_pos={governor.pos_}": 1.0,
        f"governor_is_cue={governor.i == cue_head.i}": 1.0,
        f"cue_side={'after' if mark.i > cue_head.i else 'before'}": 1.0,
    }
    if root.dep_ in ("advcl", "conj", "relcl", "acl", "appos", "npadvmod", "prep"):
        features[f"root_dep|first={root.dep_}|{first.lower_}"] = 1.0
    return features


def _tail_weights() -> dict[str, float] | None:
    data = load_model(WEIGHTS_PATH)
    return None if data is None else data.get("tail_weights")


def trim_tail(
    doc: Doc, fragment: tuple[int, int], inside: list[int], cue_head: Token
) -> tuple[int, int]:
    """The fragment cut at the first mark the tail model accepts (unchanged without
    weights or without a confident cut)."""
    weights = _tail_weights()
    span = doc.char_span(fragment[0], fragment[1], alignment_mode="expand")
    if not weights or span is None or not len(span):
        return fragment
    for mark in cut_points(doc, fragment[1], inside, span[0].i):
        features = tail_features(doc, mark, fragment[1], cue_head, fragment[0])
        if linear_total(weights, features) >= 0.0:  # probability >= 0.5
            kept = [t for t in doc[span[0].i : mark.i] if not t.is_space]
            while kept and kept[-1].is_punct and kept[-1].text not in CLOSING_KEPT:
                kept.pop()
            if kept:
                return fragment[0], kept[-1].idx + len(kept[-1].text)
    return fragment


CLOSING_KEPT = frozenset({"”", "’", '"', ")", "'"})
