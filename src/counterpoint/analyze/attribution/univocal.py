"""One attribution per word: a content stops where another attribution begins.

Why: attribution corpora such as PolNeAR give every word at most one role in one
attribution, and in news text a content that runs over another speech verb has
almost always swallowed a second statement ("promised to keep supporting Clinton and
said she would ...", "... Hillary Clinton, who has not been charged ..."). When the cue
of one found attribution lies inside the content of another, the outer content is
cut where the inner attribution starts (its source when that comes first), and the
joining words left at the cut ("and", "who", ",") are dropped with it. "According to
X, ..." keeps its whole sentence, as the annotation does. Likewise a quotation claimed by
a cue in its own paragraph ("“..., but listening doesn't fix a crane.”") is not also the
content of a cue in the next one ("The strike was called ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from counterpoint.analyze.attribution.tagger import QUOTE_MARKS

if TYPE_CHECKING:
    from counterpoint.analyze.attribution.extract import FoundAttribution

CharRange = tuple[int, int]
MIN_KEPT_WORDS = 2  # a cut that would leave fewer words is not made
# only a confident inner cue cuts: weaker ones are often not attributions at all
# ("... including the one supporting Bush"); chosen on a held-out tenth of train
MIN_INNER_SCORE = 0.8
JOINING_POS = {"PUNCT", "CCONJ", "SCONJ"}
JOINING_WORDS = {"who", "which", "that", "whom", "whose", "even", "also", "then", "as", "while"}


def drop_shared_fragments(text: str, found: list[FoundAttribution]) -> list[FoundAttribution]:
    """A content fragment claimed by a cue in its own paragraph is not also the content
    of a cue in another paragraph; attributions left with no content go."""
    near: dict[CharRange, bool] = {}
    for item in found:
        for fragment in item.contents:
            near[fragment] = near.get(fragment, False) or _same_paragraph(text, item, fragment)
    for item in found:
        item.contents = [f for f in item.contents if not near[f] or _same_paragraph(text, item, f)]
    return [item for item in found if item.contents]


def drop_quotes_from_other_paragraphs(
    text: str, found: list[FoundAttribution]
) -> list[FoundAttribution]:
    """A quotation in an earlier paragraph that already names a speaker ("“...,” Romney
    told reporters. “I know other people ...”") is not the content of a cue in a later
    paragraph ("Obama came out in support ..."): it continues the speaker of its own
    paragraph, which the continuation step then gives it to."""
    for item in found:
        if item.cue is None:
            continue
        cue = item.cue
        kept = []
        for fragment in item.contents:
            earlier = fragment[1] <= cue[0] and "\n" in text[fragment[1] : cue[0]]
            quoted = text[fragment[0] : fragment[1]].lstrip()[:1] in QUOTE_MARKS
            if (
                earlier
                and quoted
                and any(
                    other is not item and _quoted_before(text, other, fragment) for other in found
                )
            ):
                continue
            kept.append(fragment)
        item.contents = kept
    return [item for item in found if item.contents]


def _quoted_before(text: str, item: FoundAttribution, fragment: CharRange) -> bool:
    """`item` quotes someone earlier in the fragment's paragraph, its cue there too."""
    return _same_paragraph(text, item, fragment) and any(
        end <= fragment[0]
        and "\n" not in text[end : fragment[0]]
        and text[start:end].lstrip()[:1] in QUOTE_MARKS
        for start, end in item.contents
    )


def drop_doubly_claimed(doc: Doc, found: list[FoundAttribution]) -> list[FoundAttribution]:
    """A content fragment two cues claim ("Romney reiterated that he opposes it, hours
    after Obama said he supports it" gives "that he opposes it" to both) stays only with
    the cue that governs it in the parse, else with the nearer cue; an attribution left
    with no content goes. Why: the same words shown under two speakers is the worst
    error a reader can meet."""
    owners: dict[CharRange, list[FoundAttribution]] = {}
    for item in found:
        for fragment in item.contents:
            owners.setdefault(fragment, []).append(item)
    for fragment, items in owners.items():
        if len(items) < 2:
            continue
        keep = min(items, key=lambda item: _claim_rank(doc, item, fragment))
        for item in items:
            if item is not keep:
                item.contents = [f for f in item.contents if f != fragment]
    return [item for item in found if item.contents]


def _claim_rank(doc: Doc, item: FoundAttribution, fragment: CharRange) -> tuple[int, int]:
    """(0 when the cue word governs the fragment in the parse, else 1; distance)."""
    span = doc.char_span(fragment[0], fragment[1], alignment_mode="expand")
    governs = 1
    if span is not None and len(span) and item.cue_head is not None:
        token = span.root
        for _ in range(4):  # the content clause hangs on the cue within a few steps
            if token.head.i == token.i:
                break
            token = token.head
            if token.i == item.cue_head:
                governs = 0
                break
    cue = item.cue[0] if item.cue else fragment[0]
    return governs, min(abs(cue - fragment[0]), abs(cue - fragment[1]))


def _same_paragraph(text: str, item: FoundAttribution, fragment: CharRange) -> bool:
    if item.cue is None:
        return False
    low, high = sorted((item.cue[0], fragment[0]))
    return "\n" not in text[low:high]


def cut_nested(doc: Doc, found: list[FoundAttribution], quoted: set[int]) -> None:
    """Shorten, in place, every content that holds another attribution's cue."""
    for outer in found:
        for inner in found:
            if inner is outer or inner.cue is None or outer.kind == "according_to":
                continue
            if inner.cue_score < MIN_INNER_SCORE:
                continue
            _cut_at(doc, outer, inner, quoted)


def _cut_at(doc: Doc, outer: FoundAttribution, inner: FoundAttribution, quoted: set[int]) -> None:
    cue_start = inner.cue[0] if inner.cue else 0
    for number, (start, end) in enumerate(outer.contents):
        if not start < cue_start < end:
            continue
        cut = cue_start
        if inner.source is not None and start < inner.source[0] < cut:
            cut = inner.source[0]
        new_end = _drop_joining(doc, start, cut, quoted)
        words = doc.char_span(start, new_end, alignment_mode="expand") if new_end > start else None
        if words is None or sum(1 for token in words if token.is_alpha) < MIN_KEPT_WORDS:
            return
        outer.contents[number:] = [(start, new_end)]
        return


def _drop_joining(doc: Doc, start: int, cut: int, quoted: set[int]) -> int:
    """End offset of the content after trailing joining words before `cut` go."""
    span = doc.char_span(start, cut, alignment_mode="contract")
    if span is None or len(span) == 0:
        return start
    last = span.end - 1
    while last >= span.start:
        token = doc[last]
        joining = token.pos_ in JOINING_POS or token.lower_ in JOINING_WORDS or token.is_space
        if not joining or token.i in quoted or token.text in QUOTE_MARKS:
            break
        last -= 1
    if last < span.start:
        return start
    token = doc[last]
    return token.idx + len(token.text)
