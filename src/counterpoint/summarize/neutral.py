"""Keep one side's framing out of the brief's own voice.

A loaded word ("regime", "slammed", "witch hunt") is fine inside a quote, where the
reader sees who chose it; stated as fact by the brief it takes a side. So a chosen
sentence that uses such a word in the outlet's own voice is attributed to the
outlet that wrote it and the word is put in quotation marks. The word list is
data (loaded_terms.json), grouped by kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from counterpoint.package_files import read_json
from counterpoint.summarize.text import is_quoted


@dataclass(frozen=True)
class LoadedTerm:
    """One occurrence of a charged word in a sentence."""

    start: int
    end: int
    text: str
    kind: str
    quoted: bool


@lru_cache(maxsize=1)
def loaded_lexicon() -> dict[str, str]:
    """Every charged surface form -> its kind, from the packaged word list."""
    data = read_json("counterpoint.summarize", "loaded_terms.json")
    lexicon: dict[str, str] = {}
    for kind, terms in data.items():
        if kind.startswith("_"):
            continue
        for term in terms:
            lexicon[term.lower()] = kind
    return lexicon


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    terms = sorted(loaded_lexicon(), key=len, reverse=True)
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.I)


def find_loaded(text: str) -> list[LoadedTerm]:
    """All charged words in `text`, each marked as quoted (attributed) or not."""
    lexicon = loaded_lexicon()
    found = []
    for match in _pattern().finditer(text):
        key = " ".join(match.group(0).lower().split())
        found.append(
            LoadedTerm(
                start=match.start(),
                end=match.end(),
                text=match.group(0),
                kind=lexicon.get(key, "loaded"),
                quoted=is_quoted(text, match.start(), match.end()),
            )
        )
    return found


def unquoted_loaded(text: str) -> list[LoadedTerm]:
    """Charged words used in the writer's own voice (not inside a quotation)."""
    return [term for term in find_loaded(text) if not term.quoted]
