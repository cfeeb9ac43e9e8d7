"""Remove site and blog boilerplate from article paragraphs, keeping the article intact.

Why rules as data: the patterns live in boilerplate_rules.json, so they can be read,
extended and tested without touching code, and they stay generic (comment footers,
reading-time lines, share bars, site-mission blurbs), never tied to one site.
Every removal is reported back so Article.removed shows the user what went.
Boilerplate known by its shape rather than its words (headline lists, reader
comments, section labels) is recognised in structure.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from counterpoint.extract.structure import cut_comment_blocks, drop_headline_lists
from counterpoint.package_files import package_file

RULES_PATH = package_file("counterpoint.extract", "boilerplate_rules.json")
# A footer marker only cuts the rest when it sits this far into the text, or when
# little text follows it; a marker-like line early in a long article is left alone.
FOOTER_MIN_POSITION = 0.5
FOOTER_MAX_TAIL_CHARS = 1200
FOOTER_SHORT_TAIL_MIN_POSITION = 0.2
TITLE_SIMILARITY = 0.85
MENU_ITEM_MAX_WORDS = 3
MENU_MIN_RUN_START = 4
MENU_MIN_RUN_END = 5
MENU_ITEM_BAD_ENDINGS = (".", "!", "?", '"', "”", ":")
TITLE_LENGTH_SLACK = 1.4


@dataclass(frozen=True)
class LineRule:
    """One named regex, applied only to lines of at most `max_words` words."""

    name: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    names_outlet: re.Pattern[str] | None = None

    def matches(self, line: str) -> bool:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        return bool(self.pattern.search(line))


@dataclass(frozen=True)
class Rules:
    cut_from: tuple[LineRule, ...]
    drop_line: tuple[LineRule, ...]
    strip_suffix: tuple[LineRule, ...]
    title_labels: re.Pattern[str]


@dataclass
class Cleaned:
    """Paragraphs that survived, and the lines (or fragments) that were removed."""

    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    outlet: str | None = None  # a site-mission line's subject: the site's own name


@cache
def load_rules(path: Path = RULES_PATH) -> Rules:
    """Compile the rule file once per process."""
    raw = json.loads(path.read_text(encoding="utf-8"))

    def compile_all(key: str) -> tuple[LineRule, ...]:
        return tuple(
            LineRule(
                name=item["name"],
                pattern=re.compile(item["pattern"], re.IGNORECASE),
                max_words=item.get("max_words"),
                names_outlet=(
                    re.compile(item["names_outlet"], re.IGNORECASE)
                    if "names_outlet" in item
                    else None
                ),
            )
            for item in raw[key]
        )

    return Rules(
        cut_from=compile_all("cut_from"),
        drop_line=compile_all("drop_line"),
        strip_suffix=compile_all("strip_suffix"),
        title_labels=re.compile(raw["title_labels"], re.IGNORECASE),
    )


def strip_title_label(title: str) -> str:
    """'Flash News: No troop withdrawal' -> 'No troop withdrawal'."""
    rules = load_rules()
    stripped = rules.title_labels.sub("", title, count=1).strip()
    return stripped or title.strip()


def remove_boilerplate(paragraphs: list[str], title: str | None = None) -> Cleaned:
    """Drop footer blocks, boilerplate lines and repeated headlines from paragraphs."""
    rules = load_rules()
    removed: list[str] = []
    paragraphs = _cut_footer(paragraphs, rules, removed)
    paragraphs = cut_comment_blocks(paragraphs, removed)
    paragraphs = drop_headline_lists(paragraphs, removed)
    kept: list[str] = []
    outlet: str | None = None
    for paragraph in paragraphs:
        line = paragraph.strip()
        rule = next((rule for rule in rules.drop_line if rule.matches(line)), None)
        if rule is not None:
            removed.append(line)
            outlet = outlet or _outlet_named(rule, line)
            continue
        if title and is_repeated_title(line, title):
            removed.append(line)
            continue
        for rule in rules.strip_suffix:
            match = rule.pattern.search(line)
            if match and match.start() > 0:
                removed.append(match.group(0).strip())
                line = line[: match.start()].rstrip()
        if line:
            kept.append(line)
    return Cleaned(paragraphs=kept, removed=removed, outlet=outlet)


def _outlet_named(rule: LineRule, line: str) -> str | None:
    if rule.names_outlet is None:
        return None
    match = rule.names_outlet.match(line)
    return " ".join(match.group("outlet").split()) if match else None


def trim_menu_runs(paragraphs: list[str]) -> Cleaned:
    """Drop navigation menus a browser copy-paste brings along: runs of very short
    lines ("Home", "World", "Sport", ...) at the very start or end of the text.

    Only the edges are trimmed, so a list inside the article stays; items of at
    most MENU_ITEM_MAX_WORDS words keep a typical headline out of the run.
    """
    removed: list[str] = []
    start = 0
    while start < len(paragraphs) and _is_menu_item(paragraphs[start]):
        start += 1
    if start < MENU_MIN_RUN_START:
        start = 0
    end = len(paragraphs)
    while end > start and _is_menu_item(paragraphs[end - 1]):
        end -= 1
    if len(paragraphs) - end < MENU_MIN_RUN_END:
        end = len(paragraphs)
    removed = [p.strip() for p in paragraphs[:start] + paragraphs[end:]]
    return Cleaned(paragraphs=paragraphs[start:end], removed=removed)


def drop_leading_boilerplate(paragraphs: list[str]) -> Cleaned:
    """Remove boilerplate lines (cookie banners, share bars...) that come before the
    title, so the title is found; the rest is cleaned later, once the title is known."""
    rules = load_rules()
    start = 0
    while start < len(paragraphs) and any(
        rule.matches(paragraphs[start].strip()) for rule in rules.drop_line
    ):
        start += 1
    return Cleaned(paragraphs=paragraphs[start:], removed=[p.strip() for p in paragraphs[:start]])


def _is_menu_item(paragraph: str) -> bool:
    line = paragraph.strip()
    return (
        0 < len(line.split()) <= MENU_ITEM_MAX_WORDS
        and not line.endswith(MENU_ITEM_BAD_ENDINGS)
        and not any(char.isdigit() for char in line)  # dates and scores are not menu items
    )


def is_repeated_title(line: str, title: str) -> bool:
    """True when a body line is the headline again (maybe with a label like 'US:')."""
    a, b = _normalise(line), _normalise(title)
    if not a or not b:
        return False
    if len(a) > len(b) * TITLE_LENGTH_SLACK + 10 or len(b) > len(a) * TITLE_LENGTH_SLACK + 10:
        return False
    if b in a or (a in b and len(a) >= len(b) / TITLE_LENGTH_SLACK):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_SIMILARITY


def _cut_footer(paragraphs: list[str], rules: Rules, removed: list[str]) -> list[str]:
    total = sum(len(p) for p in paragraphs) or 1
    seen = 0
    for index, paragraph in enumerate(paragraphs):
        line = paragraph.strip()
        if any(rule.matches(line) for rule in rules.cut_from):
            tail = sum(len(p) for p in paragraphs[index + 1 :])
            position = seen / total
            if position >= FOOTER_MIN_POSITION or (
                tail <= FOOTER_MAX_TAIL_CHARS and position >= FOOTER_SHORT_TAIL_MIN_POSITION
            ):
                removed.extend(p.strip() for p in paragraphs[index:] if p.strip())
                return paragraphs[:index]
        seen += len(paragraph)
    return paragraphs


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())
