"""The same quote given to different speakers; one speaker's words quoted with
opposite meaning by two outlets.

Preconditions: both claims are attributed, near verbatim (long enough that the
match is no stock phrase) and their speakers are different people, each named in
the quotation's own sentence (a speaker resolved from a pronoun or a neighbouring
sentence is where attribution goes wrong, and a wrong speaker would make this check
report the analysis's error as the outlets' dispute); neither sentence names the
other speaker. Opposite meaning: the same resolved speaker, two outlets, quotations
worded alike but for a negation whose verb the other side has plainly ("To pass
this bill ... would increase the risk" vs "If they don't pass this bill ... it will
increase the risk").
"""

from __future__ import annotations

import re

from counterpoint.compare import policy
from counterpoint.compare.conflicts.base import OUTLET, Conflict, Side
from counterpoint.compare.conflicts.text import (
    NEGATORS,
    content,
    has_negator,
    named_in,
    overlap,
    tokens,
)

UNRESOLVED = {"he", "she", "they", "it", "we", "i", "you", "officials", "sources"}


def quote_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    if not (a.attributed and b.attributed) or OUTLET in (a.asserted_by, b.asserted_by):
        return []
    if not (a.speaker_is_person and b.speaker_is_person):
        return []  # "according to the Times, he said": a newspaper is no speaker of a quote
    if a.asserted_by == b.asserted_by or len(a.words) < policy.QUOTE_MIN_WORDS:
        return []
    if not (a.in_sentence and b.in_sentence and a.named_here and b.named_here):
        return []
    if named_in(a.asserter, b.sentence) or named_in(b.asserter, a.sentence):
        return []  # both speakers in one sentence: one quotes or answers the other
    if a.asserter.lower() in UNRESOLVED or b.asserter.lower() in UNRESOLVED:
        return []
    if a.asserted_by.startswith("speaker:") or b.asserted_by.startswith("speaker:"):
        return []
    names_a, names_b = set(a.asserter.lower().split()), set(b.asserter.lower().split())
    if names_a & names_b or not _looks_like_name(a.asserter) or not _looks_like_name(b.asserter):
        return []  # "Lauten" and "Elizabeth Lauten" are one person
    words_a, words_b = set(a.words), set(b.words)
    jaccard = len(words_a & words_b) / max(1, len(words_a | words_b))
    if jaccard < policy.QUOTE_OVERLAP or a.negative != b.negative:
        return []
    return [
        Conflict(
            kind="quote",
            reason=f"the same words are given to {a.asserter} ({a.outlet}) "
            f"and to {b.asserter} ({b.outlet})",
            a=a.asserter,
            b=b.asserter,
            anchor=round(jaccard, 3),
        )
    ]


def _looks_like_name(asserter: str) -> bool:
    """A resolved speaker: every word capitalised ('Elizabeth Lauten', 'NAACP')."""
    words = asserter.replace(",", " ").split()
    return 0 < len(words) <= 5 and all(w[0].isupper() for w in words)


def _written(text: str, negation: str) -> str:
    """A negation as the quotation writes it ("don't pass" for "n't pass")."""
    pattern = r"\S*" + re.escape(negation).replace("'", "['’]")
    found = re.search(pattern, text, re.I)
    return found.group(0) if found else negation


def _quoted(side: Side) -> bool:
    return any(mark in side.whole for mark in ('"', "“", "”"))


def opposite_quote_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    if a.asserted_by != b.asserted_by or a.asserted_by == OUTLET or a.outlet == b.outlet:
        return []
    if not (a.attributed and b.attributed and a.speaker_is_person and a.in_sentence):
        return []
    if not (b.in_sentence and _quoted(a) and _quoted(b)):
        return []
    if has_negator(a.text) == has_negator(b.text):
        return []
    negated, plain = (a, b) if has_negator(a.text) else (b, a)
    heads = set()
    for negation in negated.negations:
        words = [w for w in tokens(negation) if w not in NEGATORS and not w.endswith("n't")]
        heads.update(content(words))
    if not heads or not heads <= plain.stems:
        return []  # the negated verb itself must be there, plainly, on the other side
    shared = a.stems & b.stems
    alike = overlap(a.stems, b.stems)
    if len(shared) < policy.OPPOSITE_QUOTE_SHARED or alike < policy.OPPOSITE_QUOTE_OVERLAP:
        return []
    said = ", ".join(_written(negated.text, n) for n in negated.negations)
    return [
        Conflict(
            kind="quote",
            reason=f"{a.asserter} is quoted with opposite meaning: {negated.outlet} has "
            f"'{said}', {plain.outlet} the same words without the negation",
            a=said if negated is a else plain.outlet,
            b=said if negated is b else plain.outlet,
            anchor=round(alike, 3),
        )
    ]
