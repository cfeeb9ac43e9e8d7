"""Read attribution annotations in brat standoff format (PolNeAR / PARC style).

Why here: training and benchmarking both need the same reading of Source / Cue /
Content spans, including discontinuous spans ("315 448;463 553"), so it lives next to
the parts it trains. It reads files it is given; it never locates data itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CharRange = tuple[int, int]


@dataclass
class GoldAttribution:
    """One annotated attribution: its cue, source and content character ranges."""

    cue: list[CharRange] = field(default_factory=list)
    source: list[CharRange] = field(default_factory=list)
    content: list[CharRange] = field(default_factory=list)


def _parse_ranges(text: str) -> list[CharRange]:
    ranges: list[CharRange] = []
    for part in text.split(";"):
        start, end = part.split()
        ranges.append((int(start), int(end)))
    return ranges


def read_brat_attributions(ann_path: Path) -> list[GoldAttribution]:
    """Attributions (E-lines tying Cue, Source and Content text-bound spans) of one file."""
    spans: dict[str, tuple[str, list[CharRange]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (label, _parse_ranges(ranges))
        elif parts[0].startswith("E"):
            pairs = [arg.split(":", 1) for arg in parts[1].split() if ":" in arg]
            events.append([(pair[0], pair[1]) for pair in pairs])
    gold: list[GoldAttribution] = []
    for args in events:
        item = GoldAttribution()
        for role, ref in args:
            if ref not in spans:
                continue
            found = spans[ref][1]
            if role == "Cue":
                item.cue.extend(found)
            elif role == "Source":
                item.source.extend(found)
            elif role.startswith("Content"):
                item.content.extend(found)
        if item.cue or item.content:
            item.content.sort()
            gold.append(item)
    return gold
