"""Name the speaker a sentence only points at ('the ministry said' -> who).

Out of its article a sentence loses its antecedents: "She said the talks failed"
means nothing in a brief. The analyze stage already resolved every attribution's
speaker; here a pronoun or generic source in a chosen sentence is replaced by that
resolved name, but only when a check confirms the name is what the words point at:

- "he" / "she" (and "him" / "her"): the speaker is a person and is the person the
  article named last before the pronoun, within the previous few sentences;
- a generic noun ("the ministry", "the president"): its head noun is part of the
  speaker's name or an alias ("Foreign Ministry", "President Trump"), or the speaker
  is the last person named before it and the noun is a person's role;
- "it", "they", "we" and the like are never replaced: they as often point at a
  statement, a report or a group as at the speaker the tagger chose.

An unresolved speaker ("unknown", empty, lower-case) is never written in. When no
check passes, the sentence keeps its own words.
"""

from __future__ import annotations

import re

from counterpoint.records import AnalyzedArticle, Attribution, EntityLabel, Sentence

GENERIC_SOURCES = {
    "he", "she", "they", "it", "we", "him", "her", "them", "officials", "an official",
    "a spokesman", "a spokeswoman", "a spokesperson", "the spokesman", "the spokeswoman",
    "the spokesperson", "the official", "the officials", "the ministry", "the statement",
    "the department", "the agency", "the company", "the group", "the source", "the sources",
    "the president", "the minister", "the government", "the office", "the senator",
    "the governor", "the lawmaker", "the report", "the campaign", "the white house official",
}  # fmt: skip
PERSON_PRONOUNS = {"he", "she", "him", "her"}
NEVER_REPLACED = {"it", "they", "we", "them", "us", "i", "you", "the statement", "the report"}
PERSON_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "official", "president", "minister",
    "senator", "governor", "lawmaker", "congressman", "congresswoman", "secretary",
    "chairman", "chairwoman", "mayor", "leader", "candidate", "commissioner", "chief",
    "director", "attorney", "judge", "representative",
}  # fmt: skip
LOOKBACK_SENTENCES = 3
UNRESOLVED = {"unknown", "none", "author", "the author", "narrator"}


def _is_generic(source: str) -> bool:
    lowered = " ".join(source.lower().split())
    if lowered in GENERIC_SOURCES:
        return True
    tokens = lowered.split()
    return (
        len(tokens) <= 3
        and tokens[:1] == ["the"]
        and not any(t[:1].isupper() for t in source.split()[1:])
    )


def usable_name(speaker: str) -> bool:
    """A resolved display name a brief may print: not a placeholder, starts upper-case."""
    name = speaker.strip()
    return bool(name) and name.lower() not in UNRESOLVED and name[:1].isupper()


_PERSON_NOUN = re.compile(
    r"\b(?:the|a|an|this|that|another|his|her|their)\s+(?:[a-z\-]+\s+){0,2}?(?:"
    + "|".join(sorted(PERSON_ROLES | {"man", "woman", "boy", "girl", "father", "mother", "son",
                                    "daughter", "husband", "wife", "suspect", "victim",
                                    "officer", "worker", "owner", "executive", "founder"}))
    + r")s?\b",
    re.I,
)  # fmt: skip


def _last_person_before(
    analysis: AnalyzedArticle, position: int, floor: int
) -> tuple[int, str] | None:
    """(end, id) of the person mention the article makes last in [floor, position)."""
    best: tuple[int, str] | None = None
    for entity in analysis.entities:
        if entity.label is not EntityLabel.PERSON:
            continue
        for mention in entity.mentions:
            inside = floor <= mention.start and mention.end <= position
            if inside and (best is None or mention.end > best[0]):
                best = (mention.end, entity.id)
    return best


def confirmed_antecedent(analysis: AnalyzedArticle, attribution: Attribution) -> bool:
    """True when the attribution's resolved speaker is what its source words point at."""
    source = attribution.source
    if source is None or not usable_name(attribution.speaker):
        return False
    lowered = " ".join(source.text.lower().split())
    if lowered in NEVER_REPLACED:
        return False
    entity = next((e for e in analysis.entities if e.id == attribution.speaker_entity), None)
    floor_index = max(0, attribution.sentence_index - LOOKBACK_SENTENCES)
    floor = analysis.sentences[floor_index].start if analysis.sentences else 0
    nearest_person = False
    if entity is not None and entity.label is EntityLabel.PERSON:
        last = _last_person_before(analysis, source.start, floor)
        # the speaker is the last person named, and no "the president" / "a woman"
        # comes between that name and the pronoun
        between = analysis.article.text[last[0] : source.start] if last else ""
        nearest_person = last is not None and last[1] == entity.id
        nearest_person = nearest_person and _PERSON_NOUN.search(between) is None
    if lowered in PERSON_PRONOUNS:
        return nearest_person
    head = lowered.split()[-1]
    names = [attribution.speaker, *([entity.name, *entity.aliases] if entity else [])]
    if any(head in name.lower().split() for name in names):
        return True
    return head in PERSON_ROLES and nearest_person


def sentence_with_speakers(analysis: AnalyzedArticle, sentence: Sentence) -> str:
    """The sentence text with generic or pronoun sources replaced by the resolved speaker."""
    text = sentence.text
    replacements = []
    for attribution in analysis.attributions:
        source = attribution.source
        if attribution.sentence_index != sentence.index or source is None:
            continue
        speaker = attribution.speaker.strip()
        if not speaker or speaker.lower() in text.lower() or not _is_generic(source.text):
            continue
        if not confirmed_antecedent(analysis, attribution):
            continue
        start = source.start - sentence.start
        end = source.end - sentence.start
        if 0 <= start < end <= len(text) and text[start:end] == source.text:
            replacements.append((start, end, speaker))
    # A name is written in once, for its first pronoun ("Clinton ... as she described",
    # not "... as Hillary Clinton described"); later ones stay pronouns.
    first: dict[str, tuple[int, int, str]] = {}
    for start, end, speaker in sorted(set(replacements)):
        first.setdefault(speaker, (start, end, speaker))
    # One replacement per span: "He denied ..., saying ..." holds two attributions
    # with the same source "He"; a span overlapping one already replaced is skipped.
    done_from = len(text) + 1
    for start, end, speaker in sorted(first.values(), reverse=True):
        if end > done_from:
            continue
        text = text[:start] + speaker + text[end:]
        done_from = start
    return text
