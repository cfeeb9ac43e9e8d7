"""Put the parts together: tagger -> cues -> sources -> contents -> continuation quotes.

Why a separate step from records: benchmarks score the raw spans (a content may be
several fragments, as in “A,” she said, “B.”), while the pipeline wants one
Attribution record per statement with a resolved speaker. `FoundAttribution` is the
raw result both build on.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from counterpoint.analyze.attribution import tagger, univocal
from counterpoint.analyze.attribution.contents import Content, find_content
from counterpoint.analyze.attribution.cues import (
    COMMENT_WORDS,
    DECLINE_LEMMAS,
    DENIAL_LEMMAS,
    Cue,
    find_cues,
    quote_index,
)
from counterpoint.analyze.attribution.quotes import Quote, find_quotes, split_paragraphs
from counterpoint.analyze.attribution.sources import find_source, statement_author
from counterpoint.analyze.attribution.speaker_words import STATEMENT_WORDS
from counterpoint.analyze.doctext import doc_text
from counterpoint.records import AttributionKind

CharRange = tuple[int, int]
MAX_CONTINUATION_SENTENCES = 2
# a claim someone else made, and what rejecting it looks like
CLAIM_NOUNS = {"claim", "allegation", "accusation", "charge", "report", "suggestion", "rumor"}
REJECT_LEMMAS = {"challenge", "contest", "rebut", "counter", "debunk"}
DOWN_LEMMAS = {"bat", "shoot", "knock", "play"}  # "batting down allegations"
STATEMENT_WINDOW = 5  # words after the cue searched for 'in a statement'


@dataclass
class FoundAttribution:
    """Raw spans of one attribution before speaker resolution."""

    cue: CharRange | None
    source: CharRange | None
    contents: list[CharRange]
    kind: AttributionKind
    cue_head: int | None = None  # token index of the cue word
    cue_score: float = 1.0  # the cue scorer's probability
    negated: bool = False  # "did not say where": the content is what was left unsaid
    sentence_start: int = 0
    continued: list[CharRange] = field(default_factory=list)


def _kind(cue: Cue, content: Content) -> AttributionKind:
    head = cue.head
    lemma = head.lemma_.lower()
    if _negated(head) and lemma in COMMENT_WORDS | DENIAL_LEMMAS:
        # "did not disclose what those options were", "did not deny it": what follows
        # is what the speaker left unsaid, so it must never read as their words
        return "declined"
    if lemma in DENIAL_LEMMAS or _rejects_a_claim(cue, content):
        return "denial"
    if lemma in DECLINE_LEMMAS:
        return "declined"
    if cue.according_to:
        return "according_to"
    if statement_author(head) is not None or _in_a_statement(head):
        return "statement"
    return content.kind


def _rejects_a_claim(cue: Cue, content: Content) -> bool:
    """The content is a claim someone else made, which the source rejects ("have
    challenged claims that their activists accosted ...", "Batting down allegations that
    ..."): shown as the source's denial, never as the source's own words."""
    if cue.head.lemma_.lower() in CLAIM_NOUNS and _rejecting(cue.head.head):
        return True  # the cue is the claim itself: "challenged [claims] that ..."
    if not content.fragments:
        return False
    doc = cue.head.doc
    start, end = content.fragments[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    claim = span.root if span.root.lemma_.lower() in CLAIM_NOUNS else span.root.head
    if claim.lemma_.lower() not in CLAIM_NOUNS or claim.pos_ != "NOUN":
        return False
    return any(_rejecting(verb) for verb in (claim.head, cue.head))


def _rejecting(verb: Token) -> bool:
    """ "deny", "challenge", "dismiss", "bat down", "shoot down" ..."""
    lemma = verb.lemma_.lower()
    if lemma in DENIAL_LEMMAS | REJECT_LEMMAS:
        return True
    return lemma in DOWN_LEMMAS and any(
        child.dep_ == "prt" and child.lower_ == "down" for child in verb.children
    )


def _negated(head: Token) -> bool:
    """The cue verb is negated ("did not say", "would never confirm")."""
    return any(child.dep_ == "neg" for child in head.children)


def _in_a_statement(head: Token) -> bool:
    """'said in a (written) statement ...' right after the cue word."""
    doc = head.doc
    window = doc[head.i + 1 : min(len(doc), head.i + 1 + STATEMENT_WINDOW)]
    words = [t.lower_ for t in window]
    for number, word in enumerate(words):
        if word in STATEMENT_WORDS and "in" in words[max(0, number - 3) : number]:
            return True
    return False


def extract_attributions(doc: Doc, quotes: list[Quote] | None = None) -> list[FoundAttribution]:
    """Every attribution in a parsed document, as raw character spans."""
    quotes = find_quotes(doc_text(doc)) if quotes is None else quotes
    inside = quote_index(doc, quotes)
    quoted = {i for i, number in enumerate(inside) if number >= 0}
    tagged = tagger.token_probabilities(doc, inside)
    found: list[FoundAttribution] = []
    seen: set[tuple[CharRange | None, tuple[CharRange, ...]]] = set()
    for cue in find_cues(doc, quotes, tagged=tagged):
        source = find_source(cue, quoted)
        content = find_content(cue, quotes, inside, source)
        if content is None or not content.fragments:
            continue
        if tagged is not None and not cue.colon:
            fences = [(cue.start, cue.end)] + ([source] if source else [])
            content.fragments = [
                tagger.refine_edges(doc, fragment, tagged, fences) for fragment in content.fragments
            ]
            if source is None:
                taken = [(cue.start, cue.end), *content.fragments]
                source = tagger.nearest_source(doc, cue.head.i, tagged, taken)
        key = (source, tuple(content.fragments))
        if key in seen and not cue.colon:
            continue
        seen.add(key)
        found.append(
            FoundAttribution(
                cue=(cue.start, cue.end),
                source=source,
                contents=content.fragments,
                kind=_kind(cue, content),
                cue_head=cue.head.i,
                cue_score=cue.score,
                negated=_negated(cue.head),
                sentence_start=cue.head.sent.start_char,
            )
        )
    univocal.cut_nested(doc, found, quoted)
    found = univocal.drop_shared_fragments(doc_text(doc), found)
    found = univocal.drop_quotes_from_other_paragraphs(doc_text(doc), found)
    _attach_continuations(doc, quotes, found)
    found.sort(key=lambda item: (item.cue or item.contents[0])[0])
    return found


def _attach_continuations(doc: Doc, quotes: list[Quote], found: list[FoundAttribution]) -> None:
    """A quotation with no cue of its own, right after a speaker's quote, continues
    that speaker ("“...,” she said. “More words.”")."""
    claimed = [rng for item in found for rng in item.contents]
    cue_sentences = {doc[item.cue_head].sent.start for item in found if item.cue_head is not None}
    sentences = list(doc.sents)
    starts = [token.idx for token in doc]
    sentence_of = {}
    for number, sentence in enumerate(sentences):
        for token in sentence:
            sentence_of[token.i] = number
    for quote in quotes:
        if any(start < quote.end and quote.start < end for start, end in claimed):
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        first_sentence = sentence_of.get(span[0].i, 0)
        if sentences[first_sentence].start in cue_sentences:
            continue
        if not _stands_alone(doc, sentences[first_sentence], quote):
            continue
        best: FoundAttribution | None = None
        for item in found:
            if item.kind not in ("direct", "mixed") or item.cue_head is None:
                continue
            last = max(end for _, end in item.contents)
            if last > quote.start:
                continue
            gap = first_sentence - sentence_of.get(_token_at(starts, last - 1), 0)
            if 0 < gap <= MAX_CONTINUATION_SENTENCES and (
                best is None or last > max(e for _, e in best.contents)
            ):
                best = item
        if best is not None:
            pieces = split_paragraphs(doc_text(doc), quote.start, quote.end)
            best.contents.extend(pieces)
            best.continued.extend(pieces)
            claimed.extend(pieces)


def _token_at(starts: list[int], offset: int) -> int:
    """Index of the token containing (or last starting before) a character offset,
    given every token's start offset."""
    return max(0, bisect_right(starts, offset) - 1)


def _stands_alone(doc: Doc, sentence: object, quote: Quote) -> bool:
    """True when the quotation makes up (nearly) its whole sentence."""
    start = getattr(sentence, "start_char", 0)
    end = getattr(sentence, "end_char", 0)
    outside = (
        doc_text(doc)[start : max(start, quote.start)] + doc_text(doc)[min(end, quote.end) : end]
    )
    return sum(ch.isalnum() for ch in outside) <= 3
