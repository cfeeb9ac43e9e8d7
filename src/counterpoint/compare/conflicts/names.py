"""Name substitution: the same statement with a different person in the same role.

Preconditions: everything but the names is worded alike (high overlap and cosine),
each side names a person the other does not, and neither side names both; one name is
not a shorter form of the other ("James" and "James Mattioli" are one person).
"""

from __future__ import annotations

from counterpoint.compare import policy
from counterpoint.compare.conflicts.base import Conflict, Side
from counterpoint.compare.conflicts.text import overlap


def _words(name: str) -> list[str]:
    """A name's words without its entity-key prefix ("person:james mattioli")."""
    return name.split(":", 1)[-1].lower().split()


def name_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    if cosine < policy.NAME_COSINE or a.negative != b.negative:
        return []
    only_a, only_b = a.people - set(b.entities), b.people - set(a.entities)
    if len(only_a) != 1 or len(only_b) != 1:
        return []
    name_a, name_b = next(iter(only_a)), next(iter(only_b))
    shown_a, shown_b = a.names.get(name_a, name_a), b.names.get(name_b, name_b)
    words_of_a, words_of_b = set(_words(shown_a)), set(_words(shown_b))
    if words_of_a <= words_of_b or words_of_b <= words_of_a:
        return []  # "James" and "James Mattioli": one person named more or less fully
    words_a = {w for w in a.stems if w not in name_a.lower()}
    words_b = {w for w in b.stems if w not in name_b.lower()}
    shared = overlap(words_a, words_b)
    if shared < policy.NAME_OVERLAP:
        return []
    return [
        Conflict(
            kind="entity",
            reason=f"{a.who}: {shown_a}; {b.who}: {shown_b} in the same statement",
            a=name_a,
            b=name_b,
            anchor=round(shared, 3),
        )
    ]
