"""Numbers in claims, normalised so that two outlets' figures can be compared.

"about 2,500 troops", "1.2 million dollars", "$3bn", "30 percent", "twelve people":
each becomes a Quantity with a float value, the counted thing (unit) and whether it
was hedged ("about", "nearly", "more than"). Years and dates are left to timex.
"""

from __future__ import annotations

import re

from counterpoint.lexicon import MONTH_NAMES
from counterpoint.records import Quantity

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
    "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
HEDGES = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "more than",
    "over", "less than", "under", "at least", "up to", "as many as", "an estimated", "close to",
)  # fmt: skip
MONTHS = "|".join(MONTH_NAMES)

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
QUANTITY = re.compile(
    rf"(?P<hedge>\b(?:{_HEDGE})\s+)?"
    rf"(?P<cur>US\$|[$€£¥])?\s?"
    rf"(?P<num>{_NUMBER}|\b(?:{_WORDS})(?:[\s-](?:{_WORDS}))?\b)"
    rf"(?:\s?(?P<scale>(?:{_SCALE}))\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b))?"
    rf"(?:\s+(?:of\s+(?:the|its|their|our|his|her)\s+(?:[a-z]+(?:'s|’s)\s+)?)?"
    rf"(?P<unit>(?:[a-z][a-z\-]+\s){{0,2}}?[a-z][a-z\-]+))?",
    re.I,
)
_UNIT_STOP = {
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
    "that", "which", "who", "was", "were", "is", "are", "has", "have", "had", "said", "says",
    "will", "would", "could", "as", "than", "more", "less", "per", "its", "their", "his", "her",
}  # fmt: skip


def _value(num: str) -> float | None:
    lowered = num.lower()
    if lowered in WORD_NUMBERS:
        return float(WORD_NUMBERS[lowered])
    parts = re.split(r"[\s-]", lowered)
    if len(parts) == 2 and all(p in WORD_NUMBERS for p in parts):
        first, second = WORD_NUMBERS[parts[0]], WORD_NUMBERS[parts[1]]
        if second in (12, 100) and first < 10:  # "two dozen", "two-dozen", "three hundred"
            return float(first * second)
        if first >= 20 and first % 10 == 0 and second < 10:  # "twenty-three"
            return float(first + second)
        return None
    try:
        return float(num.replace(",", ""))
    except ValueError:
        return None


def _unit(raw: str | None) -> str | None:
    """The counted noun: first content word after the number ("troops", "people")."""
    if not raw:
        return None
    for word in raw.lower().split():
        if word in _UNIT_STOP:
            return None
        if word.isalpha() or "-" in word:
            return word
    return None


def _in_compound(text: str, start: int, end: int) -> bool:
    """A number inside '9/11' or '24/7': part of a name or a phrase, not a figure."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    follow = text[end + 1] if end + 1 < len(text) else ""
    return before == "/" or (after == "/" and follow.isdigit())


def find_quantities(text: str) -> list[Quantity]:
    """Every number in `text` that is not a year or a day of a month."""
    quantities: list[Quantity] = []
    for match in QUANTITY.finditer(text):
        num = match.group("num")
        value = _value(num)
        if value is None:
            continue
        if _in_compound(text, match.start("num"), match.end("num")):
            continue
        before = text[max(0, match.start("num") - 12) : match.start("num")].lower()
        after = text[match.end("num") : match.end("num") + 12].lower()
        is_year = (
            re.fullmatch(r"(1[89]|20)\d\d", num) is not None
            and not match.group("cur")
            and not match.group("scale")
        )
        if (
            is_year
            or re.search(rf"(?:{MONTHS})\s*$", before)
            or re.match(rf"\s*(?:{MONTHS})", after)
        ):
            continue
        if value in (1.0,) and num.lower() == "one" and not match.group("unit"):
            continue
        scale = match.group("scale")
        if scale:
            value *= SCALES[scale.lower()]
        unit: str | None
        raw_unit: str | None = None
        if match.group("pct"):
            unit = "percent"
        elif match.group("cur"):
            unit = CURRENCIES.get(match.group("cur"), "money")
        else:
            unit = raw_unit = _unit(match.group("unit"))
            if unit in ("dollars", "dollar"):
                unit = "USD"
            elif unit in ("euros", "euro"):
                unit = "EUR"
            elif unit in ("pounds",) and "$" not in text:
                unit = "GBP"
        hedge = match.group("hedge")
        end = match.end("num")
        for group in ("scale", "pct"):
            if match.group(group):
                end = match.end(group)
        if raw_unit and match.group("unit"):
            end = match.start("unit") + match.group("unit").lower().find(raw_unit) + len(raw_unit)
        start = match.start("hedge") if hedge else match.start()
        quantities.append(
            Quantity(
                text=text[start:end].strip(),
                value=value,
                unit=unit,
                approximate=bool(hedge),
            )
        )
    return quantities
