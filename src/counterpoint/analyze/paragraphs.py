"""Make spaCy start a new sentence at every paragraph break.

News text is laid out in short paragraphs; a headline or a dateline has no final
period, so the parser alone would glue it to the next paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "counterpoint_paragraph_breaker"


@Language.component(COMPONENT)
def _break_at_paragraphs(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text_with_ws and (token.is_space or "\n" in token.whitespace_):
            doc[i + 1].is_sent_start = True
    return doc


def add_paragraph_breaker(nlp: Language) -> None:
    """Insert the breaker before the parser (the parser keeps preset boundaries)."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
