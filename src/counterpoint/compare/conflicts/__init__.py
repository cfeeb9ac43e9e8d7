"""Typed conflict checks: a dispute is shown only when one of them can say what differs.

Each kind lives in its own module with its own preconditions (what must hold for the
two sides to be about the same thing) and returns a `Conflict` whose reason line
names the exact difference ("Fox News: $5,587.75 vacation; HuffPost: $5,687.75").
`find_conflicts` runs them all; `differences` is the looser test that keeps a pair
out of "agreed by several sources" when a name, number, date or polarity differs.
"""

from __future__ import annotations

from counterpoint.compare.conflicts.base import Conflict, Side
from counterpoint.compare.conflicts.dates import date_conflict
from counterpoint.compare.conflicts.figure import figure_conflict, figure_differs
from counterpoint.compare.conflicts.names import name_conflict
from counterpoint.compare.conflicts.polarity import (
    denial_conflict,
    exception_conflict,
    happened_conflict,
    reported_dispute,
    stage_conflict,
)
from counterpoint.compare.conflicts.quotes import opposite_quote_conflict, quote_conflict

CHECKS = (
    figure_conflict,
    date_conflict,
    exception_conflict,
    happened_conflict,
    denial_conflict,
    reported_dispute,
    stage_conflict,
    name_conflict,
    quote_conflict,
    opposite_quote_conflict,
)

__all__ = ["CHECKS", "Conflict", "Side", "differences", "find_conflicts"]


def find_conflicts(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """Every typed conflict between two claims (usually none)."""
    found: list[Conflict] = []
    for check in CHECKS:
        found += check(a, b, cosine)
    return found


def differences(a: Side, b: Side) -> list[str]:
    """What keeps two claims from being listed as agreeing: a differing number, date,
    polarity or name, whether or not it is a reportable conflict."""
    found = []
    if figure_differs(a, b):
        found.append("number")
    days_a = {t.date for t in a.times if t.granularity == "day" and t.date}
    days_b = {t.date for t in b.times if t.granularity == "day" and t.date}
    if days_a and days_b and not days_a & days_b:
        found.append("date")
    if a.negative != b.negative:
        found.append("polarity")
    names_a, names_b = set(a.entities), set(b.entities)
    if names_a - names_b and names_b - names_a and len(names_a ^ names_b) >= 2:
        people_a = {n for n in names_a - names_b if n in a.people}
        people_b = {n for n in names_b - names_a if n in b.people}
        if people_a and people_b:
            found.append("name")
    return found
