"""The text of a spaCy Doc, computed once.

`Doc.text` joins every token on each access; code that looks at characters
around many tokens would rebuild it thousands of times per article.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "counterpoint_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached in the Doc's user data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_KEY] = text
    return text
