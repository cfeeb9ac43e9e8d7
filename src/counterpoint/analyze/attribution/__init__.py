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

from counterpoint.analyze.attribution.extract import FoundAttribution, extract_attributions
from counterpoint.analyze.attribution.resolve import SpeakerResolver, name_core, same_person
from counterpoint.analyze.doctext import doc_text
from counterpoint.analyze.sentences import sentence_at
from counterpoint.records import Attribution, Entity, EntityLabel, Sentence, Span

__all__ = [
    "FoundAttribution",
    "entities_from_doc",
    "extract_attributions",
    "extract_with_speakers",
    "find_attributions",
]

# a content that starts with one of these and has no verb only points at something
# said elsewhere ("this for months", "so again", "nothing of the kind")
POINTING_WORDS = {"this", "that", "it", "so", "something", "anything", "nothing", "everything"}
NER_LABELS = {
    "PERSON": EntityLabel.PERSON,
    "ORG": EntityLabel.ORG,
    "GPE": EntityLabel.GPE,
    "NORP": EntityLabel.NORP,
}


def find_attributions(
    doc: Doc, sentences: list[Sentence], entities: list[Entity], article_id: str
) -> tuple[list[Attribution], list[Entity]]:
    """Attributions of one article and the new entities made for nominal speakers.

    One Attribution per statement: fragments that only white space separates (a
    multi-paragraph quote) are one statement; a quote split around its cue or a
    continuation quote becomes a further Attribution with the same speaker.
    """
    resolver = SpeakerResolver(doc, entities, article_id)
    records: list[Attribution] = []
    for found in extract_attributions(doc):
        if not _says_something(doc, found):
            continue
        anchor = found.cue[0] if found.cue else found.contents[0][0]
        who = resolver.resolve(found.source, anchor)
        for start, end in _statements(doc_text(doc), found.contents):
            records.append(
                Attribution(
                    id=f"{article_id}:q{len(records)}",
                    kind=found.kind,
                    source=_span(doc_text(doc), found.source) if found.source else None,
                    cue=_span(doc_text(doc), found.cue) if found.cue else None,
                    content=_span(doc_text(doc), (start, end)),
                    speaker=who.name,
                    speaker_entity=who.entity_id,
                    sentence_index=sentence_at(sentences, start),
                )
            )
    return records, resolver.new_entities


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
    """Raw attributions with resolved speaker names, entities taken from NER (for
    benchmarks and callers without the lead's entity records)."""
    resolver = SpeakerResolver(doc, entities_from_doc(doc, "doc"), "doc")
    out = []
    for found in extract_attributions(doc):
        anchor = found.cue[0] if found.cue else found.contents[0][0]
        out.append((found, resolver.resolve(found.source, anchor).name))
    return out


def entities_from_doc(doc: Doc, article_id: str) -> list[Entity]:
    """Entities from spaCy NER with person-name variants merged ("Prime Minister
    Mohammed Shia al-Sudani" = "al-Sudani" = "Sudani")."""
    entities: list[Entity] = []
    for ent in sorted(doc.ents, key=lambda e: -len(e.text)):
        label = NER_LABELS.get(ent.label_)
        if label is None:
            continue
        mention = Span(start=ent.start_char, end=ent.end_char, text=ent.text)
        match = next((e for e in entities if _same_entity(e, ent.text, label)), None)
        if match is None:
            key = " ".join(name_core(ent.text)) if label == EntityLabel.PERSON else ent.text.lower()
            entities.append(
                Entity(
                    id=f"{article_id}:e{len(entities)}",
                    key=key or ent.text.lower(),
                    name=ent.text,
                    label=label,
                    mentions=[mention],
                )
            )
        else:
            match.mentions.append(mention)
            if ent.text != match.name and ent.text not in match.aliases:
                match.aliases.append(ent.text)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
    return entities


def _same_entity(entity: Entity, text: str, label: EntityLabel) -> bool:
    if entity.label != label:
        return False
    if label == EntityLabel.PERSON:
        return same_person(text, entity.name)
    return text.lower() == entity.name.lower() or text.lower() in (
        a.lower() for a in entity.aliases
    )


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
