"""Atomic claims: what is asserted, by whom, with numbers, polarity and time.

A claim is one assertion a reader could check against another outlet. Quoted or
reported content becomes a claim asserted by the resolved speaker; everything the
outlet says in its own voice becomes a claim asserted by the outlet. Long
sentences are cut at clause boundaries that introduce a second assertion
("..., noting that ...", "; ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from counterpoint.analyze.doctext import doc_text
from counterpoint.analyze.quantities import find_quantities
from counterpoint.lexicon import APOSTROPHE_AND_QUOTE_MARKS, EXCEPTION_MARKERS, NEGATION_WORDS
from counterpoint.records import Attribution, Claim, Entity, Sentence, Span

OUTLET = "outlet"
MIN_WORDS = 4
_CLAUSE_BREAK = re.compile(
    r"(?:;\s+|,\s*(?:and\s+)?(?:noting|adding|pointing out|stressing|emphasi[sz]ing|explaining|"
    r"indicating|confirming|warning|arguing|insisting|saying)\s+(?:that\s+)?)",
    re.I,
)
_EXCEPTION = re.compile(rf"\b(?:{EXCEPTION_MARKERS})\s+(?:the\s+)?([^,.;:]{{3,80}})", re.I)
_QUOTE_CHARS = APOSTROPHE_AND_QUOTE_MARKS
_COORDINATION = re.compile(r",\s+(?:and|but|while|whereas)\s+", re.I)
_LEAD_THAT = re.compile(r"(?:that|whether)\s+[\"“”‘’'«»„]?\s*", re.I)


@dataclass(frozen=True)
class TimedSpan:
    """A resolved time expression (start/end offsets into the article text)."""

    start: int
    end: int
    text: str
    date: date | None


def _strip_quotes(text: str) -> str:
    return text.strip().strip(_QUOTE_CHARS + " ,").strip()


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span into clause-level pieces, returned as absolute offsets.

    Participle continuations and semicolons always cut; ", and" / ", but" cut only
    when both sides are full clauses with their own subject.
    """
    text = doc_text(doc)[start:end]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for match in _CLAUSE_BREAK.finditer(text):
        pieces.append((start + cursor, start + match.start()))
        cursor = match.end()
    pieces.append((start + cursor, start + len(text)))
    result: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        cursor = piece_start
        for match in _COORDINATION.finditer(doc_text(doc), piece_start, piece_end):
            left, right = (cursor, match.start()), (match.end(), piece_end)
            if _has_clause(doc, *left) and _has_clause(doc, *right):
                result.append(left)
                cursor = match.end()
        result.append((cursor, piece_end))
    return result


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CHARS + ",;:–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS + ",;:–—-"):
        end -= 1
    return start, end


def _negations(doc: Doc, start: int, end: int) -> list[str]:
    """Negations of the span's main assertion, not of a relative or subordinate clause.

    "did not include" and "there are no forces" negate the claim; "forces, which
    have no justification" does not.
    """
    inside = [t for t in doc if start <= t.idx < end]
    main = {
        t.i for t in inside
        if t.pos_ in ("VERB", "AUX") and (t.dep_ == "ROOT" or not start <= t.head.idx < end
                                         or (t.dep_ in ("ccomp", "conj") and t.head.pos_ != "NOUN"))
    }  # fmt: skip
    found: list[str] = []
    for token in inside:
        if not (token.dep_ == "neg" or token.lower_ in NEGATION_WORDS):
            continue
        head = token.head
        governs_main = head.i in main or (
            head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "expl") and head.head.i in main
        )
        if governs_main or token.i in main:
            found.append(f"{token.text} {head.text if head is not token else ''}".strip())
    return found


def _exceptions(text: str) -> list[str]:
    return [m.group(1).strip() for m in _EXCEPTION.finditer(text)]


def _entities_in(entities: Iterable[Entity], start: int, end: int) -> list[str]:
    keys: list[str] = []
    for entity in entities:
        if any(m.start < end and m.end > start for m in entity.mentions) and entity.key not in keys:
            keys.append(entity.key)
    return keys


def _time_for(times: list[TimedSpan], start: int, end: int, sentence: Sentence) -> TimedSpan | None:
    inside = [t for t in times if t.start >= start and t.end <= end and t.date]
    if inside:
        return inside[0]
    around = [t for t in times if t.start >= sentence.start and t.end <= sentence.end and t.date]
    return around[0] if around else None


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in doc if start <= t.idx < end)


def _has_clause(doc: Doc, start: int, end: int) -> bool:
    """A verb with its own subject inside the span: an assertion, not a framing phrase."""
    for token in doc:
        if start <= token.idx < end and token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")
                    and start <= child.idx < end
                ):
                    return True
    return False


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """True when most of `span` is already inside a claim we kept."""
    length = max(1, span[1] - span[0])
    return any(min(span[1], end) - max(span[0], start) >= 0.8 * length for start, end in taken)


def find_claims(
    doc: Doc,
    article_id: str,
    sentences: list[Sentence],
    entities: list[Entity],
    attributions: list[Attribution],
    times: list[TimedSpan],
) -> list[Claim]:
    """Every atomic claim in an article, attributed content first within each sentence."""
    text = doc_text(doc)
    key_of = {e.id: e.key for e in entities}
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def add(
        start: int,
        end: int,
        sentence: Sentence,
        asserted_by: str,
        asserter: str,
        attribution: Attribution | None,
    ) -> None:
        start, end = _trimmed(text, start, end)
        lead = _LEAD_THAT.match(text, start, end)
        if lead:
            start, end = _trimmed(text, lead.end(), end)
        piece = text[start:end]
        if len(re.findall(r"\w+", piece)) < MIN_WORDS or not _has_verb(doc, start, end):
            return
        if attribution is None and not _has_clause(doc, start, end):
            return
        if _overlaps((start, end), taken):
            return
        taken.append((start, end))
        negations = _negations(doc, start, end)
        denied = attribution is not None and attribution.kind == "denial"
        negative = bool(negations) != denied
        when = _time_for(times, start, end, sentence)
        claims.append(
            Claim(
                id=f"{article_id}:c{len(claims)}",
                article_id=article_id,
                sentence_index=sentence.index,
                text=_strip_quotes(piece),
                span=Span(start=start, end=end, text=piece),
                asserted_by=asserted_by,
                asserter=asserter,
                attribution_id=attribution.id if attribution else None,
                polarity="negative" if negative else "positive",
                negations=negations,
                exceptions=_exceptions(piece),
                quantities=find_quantities(piece),
                time=when.date if when else None,
                time_text=when.text if when else None,
                entities=_entities_in(entities, start, end),
            )
        )

    for sentence in sentences:
        covered: list[tuple[int, int]] = []
        own = [a for a in attributions if sentence.start <= a.content.start < sentence.end]
        for attribution in attributions:  # content running on from an earlier sentence
            if (
                attribution not in own
                and attribution.content.start < sentence.end
                and (attribution.content.end > sentence.start)
            ):
                covered.append((attribution.content.start, attribution.content.end))
        for attribution in own:
            if attribution.kind == "declined":
                covered.append((attribution.content.start, attribution.content.end))
                continue
            speaker_key = key_of.get(attribution.speaker_entity or "")
            asserted_by = speaker_key or f"speaker:{attribution.speaker.lower()}"
            content = attribution.content
            for part_start, part_end in _sentence_parts(sentences, content.start, content.end):
                # a quotation running on past its verb's sentence is cited where it is
                # written (its figures and dates are read there, and a reader is shown it)
                written = next((x for x in sentences if x.start <= part_start < x.end), sentence)
                for s, e in _pieces(doc, part_start, part_end):
                    add(s, e, written, asserted_by, attribution.speaker, attribution)
            for span in (attribution.source, attribution.cue, content):
                if span is not None:
                    covered.append((span.start, span.end))
        before = len(claims)
        remainder = _uncovered(sentence, covered)
        for start, end in remainder:
            for s, e in _pieces(doc, start, end):
                add(s, e, sentence, OUTLET, OUTLET, None)
        if len(claims) == before and not any(c.sentence_index == sentence.index for c in claims):
            # every piece was too short to stand alone (a misread speech verb such as "had
            # to apologize for a post" leaves a verbless "content"): the sentence itself is
            # the outlet's claim, so its facts (dates, figures) can still be compared
            taken[:] = [t for t in taken if not (sentence.start <= t[0] < sentence.end)]
            add(sentence.start, sentence.end, sentence, OUTLET, OUTLET, None)
    return claims


def _sentence_parts(sentences: list[Sentence], start: int, end: int) -> list[tuple[int, int]]:
    """Split a (possibly multi-sentence) content span at sentence boundaries."""
    parts = []
    for sentence in sentences:
        s, e = max(start, sentence.start), min(end, sentence.end)
        if s < e:
            parts.append((s, e))
    return parts or [(start, end)]


def _uncovered(sentence: Sentence, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a sentence no attribution span covers (the outlet's own voice)."""
    if not covered:
        return [(sentence.start, sentence.end)]
    pieces: list[tuple[int, int]] = []
    cursor = sentence.start
    for start, end in sorted(covered):
        if start > cursor:
            pieces.append((cursor, min(start, sentence.end)))
        cursor = max(cursor, end)
    if cursor < sentence.end:
        pieces.append((cursor, sentence.end))
    # leftovers shorter than a clause are connective tissue ("..., she said.")
    return [(s, e) for s, e in pieces if e - s > 40]
