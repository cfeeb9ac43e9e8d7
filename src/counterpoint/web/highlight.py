"""Cut text into marked segments so templates can highlight without raw HTML.

Article text is untrusted, so the templates never build markup from strings: they
get a list of `Segment`s (plain text plus CSS class names) and let Jinja escape each
piece. Marks may overlap; every character carries the classes of all marks over it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from counterpoint.analyze.attribution.labels import reader_label
from counterpoint.records import Attribution

CLAIM_MARK_MAX_SHARE = 0.8  # a claim that is most of its sentence is not underlined
MIN_FUZZY_BLOCK = 4  # characters a matching block needs before it counts as "the claim"


@dataclass(frozen=True)
class Mark:
    """A character range [start, end) to give `classes`, with an optional tooltip."""

    start: int
    end: int
    classes: tuple[str, ...]
    title: str | None = None
    anchor: str | None = None


@dataclass
class Segment:
    """A run of text that carries the same marks throughout."""

    text: str
    classes: tuple[str, ...] = ()
    title: str | None = None
    anchors: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(self.classes))


def segment(text: str, marks: list[Mark]) -> list[Segment]:
    """Split `text` at every mark boundary; each piece lists the marks covering it."""
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    segments: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in usable if m.start <= start and end <= m.end]
        classes = tuple(c for m in covering for c in m.classes)
        title = next((m.title for m in reversed(covering) if m.title), None)
        anchors = [m.anchor for m in usable if m.anchor and m.start == start]
        segments.append(Segment(text[start:end], classes, title, anchors))
    return segments or [Segment(text)]


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every case-insensitive occurrence of `needle` in `text` at word boundaries."""
    needle = needle.strip()
    if not needle:
        return []
    pattern = re.escape(needle)
    if needle[0].isalnum():
        pattern = r"(?<!\w)(?<!\d[.,])" + pattern  # "300" is not inside "4,300"
    if needle[-1].isalnum():
        pattern += r"(?!\w)(?![.,]\d)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def locate(sentence: str, part: str) -> tuple[int, int] | None:
    """Where `part` (a claim, perhaps reworded a little) sits inside `sentence`."""
    part = part.strip().rstrip(".")
    if not part:
        return None
    exact = sentence.lower().find(part.lower())
    if exact >= 0:
        return exact, exact + len(part)
    matcher = SequenceMatcher(None, sentence.lower(), part.lower(), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_FUZZY_BLOCK]
    if not blocks or sum(b.size for b in blocks) < 0.6 * len(part):
        return None
    return blocks[0].a, blocks[-1].a + blocks[-1].size


def mark_claim(sentence: str, claim: str, differing: list[str]) -> list[Segment]:
    """A dispute card's sentence: the claim underlined, the words in conflict marked."""
    marks: list[Mark] = []
    where = locate(sentence, claim)
    if where is not None and where[1] - where[0] < CLAIM_MARK_MAX_SHARE * len(sentence):
        marks.append(Mark(where[0], where[1], ("claim",)))
    for word in differing:
        for start, end in find_all(sentence, word):
            marks.append(Mark(start, end, ("diff",), title="differs from the other source"))
    return segment(sentence, marks)


def mark_words(text: str, words: list[str], css: str = "diff") -> list[Segment]:
    """Mark each listed word wherever it occurs (a misquote's words only one side has)."""
    marks = [Mark(s, e, (css,)) for w in words for s, e in find_all(text, w)]
    return segment(text, marks)


@dataclass
class Paragraph:
    segments: list[Segment]


def mark_article(
    text: str,
    attributions: list[Attribution],
    focus: tuple[int, int] | None = None,
) -> list[Paragraph]:
    """The article's paragraphs with each quote's speaker, verb and words marked.

    `focus` (a sentence's range) is marked too so a link from a dispute lands on it.
    """
    marks: list[Mark] = []
    for att in attributions:
        who = f"{att.speaker} ({reader_label(att.kind)})"
        marks.append(
            Mark(att.content.start, att.content.end, ("quote", f"quote-{att.kind}"), who, att.id)
        )
        if att.source is not None:
            marks.append(Mark(att.source.start, att.source.end, ("said-by",), who))
        if att.cue is not None:
            marks.append(Mark(att.cue.start, att.cue.end, ("cue",), who))
    if focus is not None:
        marks.append(Mark(focus[0], focus[1], ("focus",), None, "focus"))
    paragraphs: list[Paragraph] = [Paragraph([])]
    for seg in segment(text, marks):
        pieces = re.split(r"(\n\s*\n|\n)", seg.text)
        for index, piece in enumerate(pieces):
            if index % 2 == 1:  # a line break: start a new paragraph
                paragraphs.append(Paragraph([]))
                continue
            if piece:
                anchors = seg.anchors if index == 0 else []
                paragraphs[-1].segments.append(Segment(piece, seg.classes, seg.title, anchors))
    return [p for p in paragraphs if any(s.text.strip() for s in p.segments)]


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are shown as links; `javascript:` and friends become text."""
    if not url:
        return None
    cleaned = url.strip()
    if re.match(r"^https?://[^\s\"'<>]+$", cleaned, re.IGNORECASE):
        return cleaned
    return None
