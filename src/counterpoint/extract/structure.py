"""Boilerplate recognised by its shape rather than by one line's words.

Why a separate module: a section label ("PORTS & TERMINALS | SHIPPING"), a list of
related headlines or a block of pasted reader comments has no fixed wording, but it
has a recognisable form (short label-case lines; verb-less headline fragments under a
"Related" heading; name + timestamp + text repeated). These checks look at the form,
and at the line's neighbours, so an ordinary article sentence never matches. The
vocabulary they need (list headings, comment actions, label connectors) is data in
boilerplate_rules.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from counterpoint.extract.dates import parse_date_line
from counterpoint.package_files import package_file

RULES_PATH = package_file("counterpoint.extract", "boilerplate_rules.json")
LABEL_MAX_WORDS = 4  # per breadcrumb segment: "Middle East", "Ports & Terminals"
LABEL_MAX_CHARS = 60
LIST_MAX_ITEMS = 12  # a "Related" list longer than this is not a teaser box
COMMENT_NAME_MAX_WORDS = 4
COMMENT_MIN_BLOCKS = 2
ABBREVIATION_MAX_CHARS = 3  # "T.", "Dr." may end a commenter's name; "Inc." no
COMMENTER_VERB = re.compile(r"\s+(?:says|said|wrote|writes|replied)\s*:?$", re.IGNORECASE)
COMMENT_MAX_CHARS = 2000  # one pasted comment (name, stamp, text, actions) is shorter
COMMENT_INLINE_SEPARATORS = (" · ", " • ", " | ", " — ", " – ", " - ")
COMMENT_MIN_ARTICLE_CHARS = 200  # text that must stay before a cut at the first comment
SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*(?:\s|$)")
FINAL_QUESTION = re.compile(r"[?!][\"”’')\]]*$")
LIST_BULLET = re.compile(r"^(?:[-–—•*·]|\d{1,2}[.)])\s+")
CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
BARE_TIME = re.compile(r"^(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?$", re.IGNORECASE)
RELATIVE_TIME = re.compile(
    r"^(?:about |posted )?(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|"
    r"hours?|d|days?|w|weeks?|months?|y|years?)\s+ago$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ShapeRules:
    list_heading: re.Pattern[str]
    comment_action: re.Pattern[str]
    label_separators: re.Pattern[str]
    label_connectors: frozenset[str]


@cache
def load_shape_rules(path: Path = RULES_PATH) -> ShapeRules:
    """Compile the shape vocabulary once per process."""
    raw = json.loads(path.read_text(encoding="utf-8"))["shapes"]
    return ShapeRules(
        list_heading=re.compile(raw["list_heading"], re.IGNORECASE),
        comment_action=re.compile(raw["comment_action"], re.IGNORECASE),
        label_separators=re.compile(raw["label_separators"]),
        label_connectors=frozenset(word.casefold() for word in raw["label_connectors"]),
    )


# ---------------------------------------------------------------- section labels


def is_section_label(line: str) -> bool:
    """'Business', 'PORTS & TERMINALS | CONTAINER SHIPPING', 'World › Middle East':
    short segments of capitalised words, no digits, no sentence punctuation."""
    rules = load_shape_rules()
    line = line.strip()
    if not line or len(line) > LABEL_MAX_CHARS or any(char.isdigit() for char in line):
        return False
    segments = [s for s in rules.label_separators.split(line) if s.strip()]
    if not segments:
        return False
    for segment in segments:
        words = segment.split()
        if not 0 < len(words) <= LABEL_MAX_WORDS:
            return False
        for word in words:
            if word.casefold() in rules.label_connectors:
                continue
            if not re.fullmatch(r"[^\W\d_][\w'’.-]*", word) or not word[0].isupper():
                return False
            if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word):
                return False  # "U.S." may be a label; "Reuters." ends a sentence
    return not all(word.casefold() in rules.label_connectors for word in line.split())


def is_strong_label(line: str) -> bool:
    """A label that cannot be a headline: breadcrumbs, all capitals, or one word."""
    rules = load_shape_rules()
    if not is_section_label(line):
        return False
    letters = [char for char in line if char.isalpha()]
    return (
        len(rules.label_separators.split(line.strip())) > 1
        or all(char.isupper() for char in letters)
        or len(line.split()) == 1
    )


# ---------------------------------------------------------------- headline lists


def is_headline_item(line: str) -> bool:
    """A linked headline (or several glued together): no sentence ends inside it."""
    line = LIST_BULLET.sub("", line.strip())
    if not line or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    body = FINAL_QUESTION.sub("", line)
    return not SENTENCE_BREAK.search(body)


def drop_headline_lists(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Remove a 'Related:' / 'More from X' heading and the headline items under it.

    The heading may carry the items on its own line ("Related: A B C"), and items
    may have been glued into one line by a copy-paste; the run ends at the first
    paragraph with a sentence in it, so article text after a teaser box stays.
    """
    rules = load_shape_rules()
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        line = paragraphs[index].strip()
        match = rules.list_heading.match(line)
        rest = line[match.end() :].strip() if match else ""
        if match is None or (rest and not is_headline_item(rest)):
            kept.append(paragraphs[index])
            index += 1
            continue
        end = index + 1
        while (
            end < len(paragraphs)
            and end - index <= LIST_MAX_ITEMS
            and is_headline_item(paragraphs[end])
        ):
            end += 1
        if not rest and end - index == 2 and end < len(paragraphs):
            end = index + 1  # one short line under "Read more" may be the article's subheading
        removed.extend(p.strip() for p in paragraphs[index:end])
        index = end
    return kept


# ---------------------------------------------------------------- reader comments


def is_timestamp(line: str) -> bool:
    """'June 4, 2026 at 8:15 am', '10:40 am', '2 hours ago': a comment's time stamp."""
    line = line.strip()
    if RELATIVE_TIME.match(line) or BARE_TIME.match(line):
        return True
    return bool(CLOCK_TIME.search(line)) and parse_date_line(line) is not None


def _is_commenter(line: str) -> bool:
    """'Sue W', 'Graham T.', 'harbourlad_62', 'Dr. Ana Lima says:': a short name, no sentence."""
    name = COMMENTER_VERB.sub("", line.strip())
    words = name.split()
    return (
        0 < len(words) <= COMMENT_NAME_MAX_WORDS
        and not is_timestamp(name)
        and not any(char in name for char in '?!"“”')
        and all(len(word) <= ABBREVIATION_MAX_CHARS or not word.endswith(".") for word in words)
    )


def _is_comment_header(paragraphs: list[str], index: int) -> bool:
    """'Sue W' over 'June 4, 2026 at 9:02 am', or both on one line ('Sue W · 2h ago')."""
    line = paragraphs[index].strip()
    if index + 2 < len(paragraphs) and _is_commenter(line) and is_timestamp(paragraphs[index + 1]):
        return True
    for separator in COMMENT_INLINE_SEPARATORS:
        name, found, stamp = line.partition(separator)
        if found and _is_commenter(name) and is_timestamp(stamp):
            return index + 1 < len(paragraphs)
    return False


def _stamp_is_dated(line: str) -> bool:
    for separator in ("", *COMMENT_INLINE_SEPARATORS):
        stamp = line.partition(separator)[2] if separator else line
        if parse_date_line(stamp.strip()) or RELATIVE_TIME.match(stamp.strip()):
            return True
    return False


def _trailing_run(paragraphs: list[str], headers: list[int]) -> list[int]:
    """The headers of comment-sized blocks that run on to the end of the text."""
    run: list[int] = []
    end = len(paragraphs)
    for index in reversed(headers):
        if sum(len(p) for p in paragraphs[index:end]) > COMMENT_MAX_CHARS:
            break
        run.insert(0, index)
        end = index
    return run


def cut_comment_blocks(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Cut pasted reader comments: from the first 'name / timestamp / text' block on,
    when at least two such blocks follow and they look like comments (a 'Reply'
    action, or dated time stamps), which a live blog's time-stamped entries do not."""
    rules = load_shape_rules()
    headers = [index for index in range(len(paragraphs)) if _is_comment_header(paragraphs, index)]
    # a name + date line at the very top is a byline, not a comment
    headers = [i for i in headers if sum(map(len, paragraphs[:i])) >= COMMENT_MIN_ARTICLE_CHARS]
    headers = _trailing_run(paragraphs, headers)
    if len(headers) < COMMENT_MIN_BLOCKS:
        return paragraphs
    start = headers[0]
    tail = paragraphs[start:]
    has_action = any(rules.comment_action.match(p.strip()) for p in tail)
    dated = all(
        _stamp_is_dated(paragraphs[i]) or _stamp_is_dated(paragraphs[i + 1]) for i in headers
    )
    if not (has_action or dated):
        return paragraphs
    removed.extend(p.strip() for p in tail if p.strip())
    return paragraphs[:start]
