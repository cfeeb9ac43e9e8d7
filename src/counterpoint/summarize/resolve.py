"""Name the speaker a sentence only points at ('the ministry said' -> who).

Out of its article a sentence loses its antecedents: "She said the talks failed"
means nothing in a brief. The analyze stage already resolved every attribution's
speaker; here a pronoun or generic source in a chosen sentence is replaced by that
resolved name.
"""

from __future__ import annotations

from counterpoint.records import AnalyzedArticle, Sentence

GENERIC_SOURCES = {
    "he", "she", "they", "it", "we", "him", "her", "them", "officials", "an official",
    "a spokesman", "a spokeswoman", "a spokesperson", "the spokesman", "the spokeswoman",
    "the spokesperson", "the official", "the officials", "the ministry", "the statement",
    "the department", "the agency", "the company", "the group", "the source", "the sources",
    "the president", "the minister", "the government", "the office", "the senator",
    "the governor", "the lawmaker", "the report", "the campaign", "the white house official",
}  # fmt: skip


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
        start = source.start - sentence.start
        end = source.end - sentence.start
        if 0 <= start < end <= len(text) and text[start:end] == source.text:
            replacements.append((start, end, speaker))
    # One replacement per span: "He denied ..., saying ..." holds two attributions
    # with the same source "He"; a span overlapping one already replaced is skipped.
    done_from = len(text) + 1
    for start, end, speaker in sorted(set(replacements), reverse=True):
        if end > done_from:
            continue
        text = text[:start] + speaker + text[end:]
        done_from = start
    return text
