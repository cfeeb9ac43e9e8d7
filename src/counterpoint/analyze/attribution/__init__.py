"""Attribution: who said what, in citron-style replaceable parts.

quotes.py (quotation marks) -> cues.py (learned cue scorer) -> sources.py (speaker
phrase) -> contents.py (what was said; boundaries.py learns which dependents of the cue
and which comma-separated tails belong to it) -> extract.py (assembly, continuation
quotes) -> resolve.py (pronouns, nominals, names to entities). This module turns the
result into the pipeline's Attribution records. scripts/train_attribution.py trains the
shipped weights on PolNeAR train.
"""

from __future__ import annotations

from spacy.tokens import Doc

from counterpoint.analyze.attribution import univocal
from counterpoint.analyze.attribution.cues import COMMENT_WORDS
from counterpoint.analyze.attribution.extract import FoundAttribution, extract_attributions
from counterpoint.analyze.attribution.resolve import UNNAMED_SPEAKER, Resolution, SpeakerResolver
from counterpoint.analyze.attribution.speaker_words import is_reader_speaker
from counterpoint.analyze.doctext import doc_text
from counterpoint.analyze.sentences import sentence_at
from counterpoint.lexicon import CLOSING_QUOTES, OPENING_QUOTES, QUOTE_MARKS
from counterpoint.records import Attribution, Entity, Sentence, Span

__all__ = [
    "FoundAttribution",
    "extract_attributions",
    "extract_with_speakers",
    "find_attributions",
    "resolve_attributions",
]

# a content that starts with one of these and has no verb only points at something
# said elsewhere ("this for months", "so again", "nothing of the kind")
POINTING_WORDS = {"this", "that", "it", "so", "something", "anything", "nothing", "everything"}
MIN_STATEMENT_WORDS = 3  # an unquoted statement shorter than this is not a clause
MIN_QUOTATION_WORDS = 2  # a one-word quotation is a title or a scare quote ("Today.")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
QUESTION_CUES = {"ask", "wonder", "question", "inquire"}
QUESTION_WORDS = {"whether", "if", "how", "why", "what", "when", "where", "who", "which"}


def resolve_attributions(
    doc: Doc, entities: list[Entity], article_id: str
) -> tuple[list[tuple[FoundAttribution, Resolution]], list[Entity]]:
    """Every raw attribution with its resolved speaker, in text order, and the new
    entities made for nominal speakers: the one resolution path that the pipeline and
    the benchmarks share."""
    resolver = SpeakerResolver(doc, entities, article_id)
    resolved = []
    for found in extract_attributions(doc):
        anchor = found.cue[0] if found.cue else found.contents[0][0]
        resolved.append((found, resolver.resolve(found.source, anchor)))
    return resolved, resolver.new_entities


def find_attributions(
    doc: Doc, sentences: list[Sentence], entities: list[Entity], article_id: str
) -> tuple[list[Attribution], list[Entity]]:
    """Attributions of one article and the new entities made for nominal speakers.

    One Attribution per statement: fragments that only white space separates (a
    multi-paragraph quote) are one statement; a quote split around its cue or a
    continuation quote becomes a further Attribution with the same speaker. What a
    reader gains nothing from is left out: a content that is neither a clause nor a
    quotation ("closed doors"), and an unquoted content whose speaker is a fragment
    ("his average federal tax rate").
    """
    resolved, new_entities = resolve_attributions(doc, entities, article_id)
    # the same words are one speaker's: a fragment two cues claim stays with the cue
    # that governs it (the raw spans the PolNeAR scorer reads keep both)
    kept = {id(found) for found in univocal.drop_doubly_claimed(doc, [f for f, _ in resolved])}
    resolved = [(found, who) for found, who in resolved if id(found) in kept]
    by_id = {entity.id: entity for entity in entities + new_entities}
    text = doc_text(doc)
    records: list[Attribution] = []
    used: set[str] = set()
    for found, who in resolved:
        if not _says_something(doc, found):
            continue
        if found.negated and found.kind != "declined":
            continue  # "did not read the amendment", "don't believe ...": nothing was said
        speaker, entity_id = who.name, who.entity_id
        quoted = any(_is_quotation(text[s:e]) for s, e in found.contents)
        if not is_reader_speaker(speaker, by_id.get(entity_id or "")):
            if not quoted:
                continue  # "his average federal tax rate shows ...": no speaker, no statement
            speaker, entity_id = UNNAMED_SPEAKER, None
        for start, end in _statements(text, found.contents):
            if not _is_statement(doc, start, end, found):
                quoted_part = _quoted_part(text, start, end)
                if quoted_part is None or not _is_statement(doc, *quoted_part, found):
                    continue
                start, end = quoted_part  # "described the ad as “dishonest and hypocritical”"
            records.append(
                Attribution(
                    id=f"{article_id}:q{len(records)}",
                    kind=found.kind,
                    source=_span(text, found.source) if found.source else None,
                    cue=_span(text, found.cue) if found.cue else None,
                    content=_span(text, (start, end)),
                    speaker=speaker,
                    speaker_entity=entity_id,
                    sentence_index=sentence_at(sentences, start),
                )
            )
            if entity_id:
                used.add(entity_id)
    # a fragment taken for a speaker ("new ones") is no entity of the article
    new_entities = [e for e in new_entities if e.id in used or is_reader_speaker(e.name, e)]
    return records, new_entities


def _is_quotation(text: str) -> bool:
    return any(mark in text for mark in QUOTE_MARKS)


def _quoted_part(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quotation inside a content that is no clause of its own ("the ad as
    “dishonest and hypocritical,”" -> "“dishonest and hypocritical,”"), or None."""
    piece = text[start:end]
    first = next((i for i, c in enumerate(piece) if c in OPENING_QUOTES), None)
    last = max((i for i, c in enumerate(piece) if c in CLOSING_QUOTES), default=None)
    if first is None or last is None or last <= first:
        return None
    return start + first, start + last + 1


def _is_statement(doc: Doc, start: int, end: int, found: FoundAttribution) -> bool:
    """A quotation of two words or more, or a clause (headed by a verb, with a finite
    verb); not a bare noun phrase ("closed doors", "her sister's stance"), a word
    ("As", a show's name in quotes: "Today."), what the speaker was asked ("how
    genuine his ambition is"), or whom they criticised or urged ("Obama of conducting
    ...", "lawmakers to move on the bill"). 'Declined to comment' and denials keep
    their infinitive or noun phrase."""
    text = doc_text(doc)[start:end]
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    if text.lstrip()[:1] in QUOTE_MARKS:
        # one quoted word is a title ("told “Today.”") or scare quotes ("the “student”")
        # far more often than a remark; it stays out, even "called him a “jackass”"
        return len(words) >= MIN_QUOTATION_WORDS
    if len(words) < MIN_STATEMENT_WORDS:
        return False
    if found.kind == "declined":
        # "declined to comment" is a statement; "declined to take up the bill" is not;
        # "did not say where the ad would run" is, shown as declined
        return found.negated or any(w.strip(".,;:").lower() in COMMENT_WORDS for w in words)
    if found.kind in ("declined", "denial"):
        return True
    if found.kind == "denial":
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    opening = span[0]
    asked = found.cue_head is not None and doc[found.cue_head].lemma_.lower() in QUESTION_CUES
    colons = [t.i for t in span if t.text == ":"]
    if colons and colons[-1] + 1 < span.end:
        span = doc[colons[-1] + 1 : span.end]  # "it again: a railway that ...": what follows
    roots = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    # the part the content opens with ("House Republicans for passing ..., when they
    # should be creating jobs": the noun phrase, not the clause hung on the cue)
    main = next((t for t in roots if not t.is_punct and not t.is_space), span.root)
    heads_it = opening.head.i == main.i or opening.i == main.i
    if opening.lower_ in QUESTION_WORDS and (asked or heads_it):
        # "asked how genuine his ambition is", "skirting a question about why he had not
        # picked Frank", "gave little indication who he favored": a question, no answer
        # (but "if the bill fails, he will resign" is a statement: its "if" hangs lower)
        return False
    headed_by_verb = main.pos_ in ("VERB", "AUX")
    finite = any(t.tag_ in FINITE_TAGS or "Fin" in t.morph.get("VerbForm", []) for t in span)
    return headed_by_verb and finite


def _says_something(doc: Doc, found: FoundAttribution) -> bool:
    """False for an indirect content of a single word ("apologised to passengers" ->
    "passengers") or one that only points elsewhere ("have been saying this for
    months"): the benchmark scores such spans, but a reader's list of who said what
    gains nothing from them."""
    if found.kind != "indirect":
        return True
    text = doc_text(doc)
    words = sum(1 for start, end in found.contents for word in text[start:end].split())
    if words < 2:
        return False
    start, end = found.contents[0][0], found.contents[-1][1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    has_verb = any(token.pos_ in ("VERB", "AUX") for token in span)
    return has_verb or span[0].lower_ not in POINTING_WORDS


def extract_with_speakers(doc: Doc) -> list[tuple[FoundAttribution, str]]:
    """Raw attributions with the speaker names the pipeline resolves (the article's
    entities from analyze.entities, as in analyze_article), for benchmarks."""
    from counterpoint.analyze.entities import find_entities

    resolved, _ = resolve_attributions(doc, find_entities(doc, "doc"), "doc")
    return [(found, who.name) for found, who in resolved]


def _statements(text: str, fragments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _span(text: str, rng: tuple[int, int]) -> Span:
    return Span(start=rng[0], end=rng[1], text=text[rng[0] : rng[1]])
