"""Sentence records from a parsed spaCy Doc (offsets into the article text)."""

from __future__ import annotations

from spacy.tokens import Doc

from counterpoint.records import Sentence


def split_sentences(doc: Doc) -> list[Sentence]:
    """One Sentence per spaCy sentence, trimmed of surrounding white space."""
    sentences: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        sentences.append(
            Sentence(index=len(sentences), start=start, end=start + len(stripped), text=stripped)
        )
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence containing a character offset (nearest before if none)."""
    best = 0
    for sentence in sentences:
        if sentence.start <= offset:
            best = sentence.index
        else:
            break
    return best
