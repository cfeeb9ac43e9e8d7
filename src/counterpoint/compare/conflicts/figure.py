"""Figure conflicts: two numbers for the same quantity.

Preconditions, all required: the same counted thing or unit ("people", "USD"); the
words around both figures name the same measured thing ("in federal taxes" is not
"in state taxes", "income" is not "taxes"); the same period (no differing years or
periods in the two claims); a gap beyond rounding and beyond what a hedge allows
("about 2,500" vs 2,480 agree; "more than 20" vs 23 agree). Counts of people or
things additionally need the claims to be about the same thing (cosine). Two
different speakers' figures (two campaigns' estimates of a cut) are each party's
claim, not an outlet's fact: one side must be an outlet's own account or both the
same speaker's.
"""

from __future__ import annotations

import re

from counterpoint.compare import policy
from counterpoint.compare.checks import thing
from counterpoint.compare.conflicts.base import Conflict, Side
from counterpoint.compare.conflicts.text import content, tokens
from counterpoint.records import Quantity

MEASURES = {"USD", "EUR", "GBP", "JPY", "money", "percent"}
# hedges that put the true value at or above the figure, at or below it, or near it
ABOVE = ("more than", "over", "at least")
BELOW = ("less than", "under", "up to", "as many as", "nearly", "almost", "close to")
# vague amounts are not figures anyone can dispute
VAGUE = {"dozens", "hundreds", "thousands", "some", "several", "a dozen"}
# words that say a figure is a part, a rate or a total of something else
SCOPE = {
    "total", "overall", "annual", "annually", "year", "month", "week", "day", "each", "per",
    "every", "average", "median", "additional", "another", "more", "other", "first", "last",
    "state", "federal", "local", "net", "gross",
}  # fmt: skip


_PHRASE_BREAK = re.compile(r"[,;:()\u2014]|\s-{1,2}\s|\b(?:and|or|while|but)\b")


def _rounding(q: Quantity) -> float:
    """How far the true value may sit from a figure written this way: an exact
    figure ("$5,587.75", "2,480") only its last digit, a round one ("2,500",
    "1.2 million") half its last significant place, and never less than the
    policy's rounding gap for round figures."""
    digits = _DIGITS.search(q.text)
    value = abs(q.value)
    if digits is None:
        return value * policy.ROUNDING_GAP
    raw = digits.group(0).replace(",", "")
    written = float(raw) or 1.0
    scale = value / written if written else 1.0
    if "." in raw:
        return 0.5 * 10 ** -len(raw.split(".")[1]) * scale
    zeros = len(raw) - len(raw.rstrip("0"))
    if zeros == 0 and scale == 1.0:
        return 0.5
    return max(
        min(0.5 * 10**zeros * scale, value * policy.ROUND_FIGURE_GAP), value * policy.ROUNDING_GAP
    )


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _bounds(q: Quantity) -> tuple[float, float]:
    """The values a (possibly hedged) figure allows."""
    text = q.text.lower()
    value = abs(q.value)
    rounding = _rounding(q)
    if any(text.startswith(h) for h in ABOVE):
        return value - rounding, float("inf")
    if any(text.startswith(h) for h in BELOW):
        return value * (1 - policy.HEDGE_GAP), value + rounding
    if q.approximate:
        return value * (1 - policy.HEDGE_GAP), value * (1 + policy.HEDGE_GAP)
    return value - rounding, value + rounding


def compatible(qa: Quantity, qb: Quantity) -> bool:
    """Could both figures describe one value (rounding and hedges allowed)?"""
    low_a, high_a = _bounds(qa)
    low_b, high_b = _bounds(qb)
    return low_a <= high_b and low_b <= high_a


def _vague(q: Quantity) -> bool:
    text = q.text.lower()
    return any(text.startswith(v) or f" {v}" in f" {text}" for v in VAGUE)


_SCOPE_STEMS = set(content(sorted(SCOPE)))


def _possessives(text: str) -> set[str]:
    return set(content([w[:-2] for w in tokens(text) if w.endswith("'s")]))


def _reference(side: Side, q: Quantity) -> bool:
    """'the two states', 'those 19 men': a figure that names a known group, not a count."""
    at = side.whole.find(q.text)
    before = tokens(side.whole[:at])[-1:] if at > 0 else []
    return bool(before) and before[0] in {"the", "those", "these", "both", "all"}


def _context(side: Side, q: Quantity) -> tuple[list[str], list[str]]:
    """Content stems just before and just after a figure in its claim."""
    at = side.whole.find(q.text)
    if at < 0:
        return [], []
    # only the figure's own phrase: a list ("$4 on X, $5 on Y and $6 on Z") is cut at
    # its commas and conjunctions so one item's words never describe the next
    head = _PHRASE_BREAK.split(side.whole[:at])[-1]
    tail = _PHRASE_BREAK.split(side.whole[at + len(q.text) :])[0]
    before = content(tokens(head))[-policy.FIGURE_CONTEXT_WORDS :]
    after = content(tokens(tail))[: policy.FIGURE_CONTEXT_WORDS]
    unit = (q.unit or "").lower()
    return [w for w in before if w != unit], [w for w in after if w != unit]


def _years(side: Side) -> set[int]:
    return {t.date.year for t in side.times if t.date and t.granularity == "year"}


def _periods(side: Side) -> set[tuple[int, int]]:
    """Months and years a claim is explicitly about."""
    found = set()
    for t in side.times:
        if t.date and t.granularity in ("month", "year"):
            found.add((t.date.year, t.date.month if t.granularity == "month" else 0))
    return found


def same_quantity(a: Side, qa: Quantity, b: Side, qb: Quantity, cosine: float) -> float:
    """0 when the two figures measure different things, else how surely they are one."""
    if qa.unit is None or qb.unit is None or thing(qa.unit) != thing(qb.unit):
        return 0.0
    if _vague(qa) or _vague(qb) or _reference(a, qa) or _reference(b, qb):
        return 0.0
    years_a, years_b = _years(a), _years(b)
    if years_a and years_b and not years_a & years_b:
        return 0.0  # a 2016 count is not a 2010 count
    periods_a, periods_b = _periods(a), _periods(b)
    if periods_a and periods_b and not periods_a & periods_b:
        return 0.0
    before_a, after_a = _context(a, qa)
    before_b, after_b = _context(b, qb)
    near_a, near_b = set(before_a[-2:] + after_a), set(before_b[-2:] + after_b)
    # a possessive names the owner, not the kind: "the state's senators" are not "state
    # senators"
    scope_a = near_a & _SCOPE_STEMS - _possessives(a.whole)
    scope_b = near_b & _SCOPE_STEMS - _possessives(b.whole)
    if scope_a != scope_b:
        return 0.0  # "state taxes" vs "federal taxes", "a year" vs a total
    shared = near_a & near_b
    only_a, only_b = near_a - near_b, near_b - near_a
    if qa.unit in MEASURES:
        # money and rates: the measured thing must be named alike on both sides
        if len(shared) < policy.FIGURE_CONTEXT_SHARED:
            return 0.0
        if only_a and only_b and len(shared) < len(only_a | only_b):
            return 0.0
        return min(1.0, len(shared) / 4 + 0.25)
    if cosine < policy.FIGURE_COUNT_COSINE:
        return 0.0
    if shared and only_a and only_b and len(shared) < len(only_a | only_b):
        return 0.0  # same frame, different qualifiers: "medical marijuana" vs "recreational"
    if not shared and cosine < policy.FIGURE_COUNT_CLOSE_COSINE:
        return 0.0  # worded apart ("walked off the job" / "joined the stoppage"): close claims
    return min(1.0, 0.4 + len(shared) / 5 + max(0.0, cosine - 0.5))


def _shown(side: Side, q: Quantity) -> str:
    """The figure with the words that say what it measures ("$5,587.75 vacation at
    the Martha's Vineyard Holistic Retreat")."""
    at = side.whole.find(q.text)
    if at < 0:
        return q.text
    tail = _PHRASE_BREAK.split(side.whole[at + len(q.text) :])[0].split()[:6]
    return " ".join([q.text, *tail]).rstrip(".")


def figure_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    if a.speaker_is_party and b.speaker_is_party and a.asserted_by != b.asserted_by:
        return []  # two parties' own figures (two campaigns' estimates) are their claims
    best: Conflict | None = None
    for qa in a.quantities:
        for qb in b.quantities:
            if compatible(qa, qb):
                continue
            anchor = same_quantity(a, qa, b, qb, cosine)
            if anchor <= 0.0:
                continue
            if any(
                compatible(qa, other) and same_quantity(a, qa, b, other, cosine) > 0
                for other in b.quantities
                if other is not qb
            ):
                continue  # the other side gives the same figure elsewhere in the claim
            if best is None or anchor > best.anchor:
                best = Conflict(
                    kind="number",
                    reason=f"{a.who}: {_shown(a, qa)}; {b.who}: {_shown(b, qb)}",
                    a=qa.text,
                    b=qb.text,
                    anchor=round(anchor, 3),
                )
    return [best] if best else []


def figure_differs(a: Side, b: Side) -> bool:
    """Any figure for the same counted thing that the other side contradicts (no context test)."""
    for qa in a.quantities:
        for qb in b.quantities:
            same = qa.unit and qb.unit and thing(qa.unit) == thing(qb.unit)
            if same and not any(compatible(qa, other) for other in b.quantities):
                return True
    return False
