"""Turn chosen sentences into cited brief sentences, and back into plain text.

Every sentence in a brief names its sources. The citation forms are fixed here so
that `uncited_text` can remove exactly what was added: the plain rendering is what
content metrics (ROUGE) score, the cited one is what a reader gets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from counterpoint.records import Brief, BriefSentence
from counterpoint.summarize.neutral import unquoted_loaded
from counterpoint.summarize.text import lower_first

_END = ".!?"


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# a sentence ending on an abbreviation ("... said Steve Israel, D-N.Y.", "Jr.", "p.m.")
# keeps its period: it belongs to the abbreviation
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]{1,3}\.){2,}|\b(?:Jr|Sr|Inc|Corp|Ltd)\.)$")


def _split_end(text: str) -> tuple[str, str]:
    """(text without its final stop, the stop); a quote that closes the sentence stays."""
    text = text.rstrip()
    if _ABBREVIATION_END.search(text):
        return text, "."
    if text and text[-1] in _END:
        return text[:-1].rstrip(), text[-1]
    bare = text.rstrip("”\"’'")
    if len(bare) < len(text) and bare and bare[-1] in _END:  # a quotation closes it
        return text, ""
    return text, "."


def with_citation(body: str, sources: Sequence[str]) -> str:
    """'X happened (A, B).' — the citation sits before the final stop."""
    core, stop = _split_end(body)
    return f"{core} ({', '.join(sources)}){stop}"


def attributed(body: str, sources: Sequence[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """'A and B report that x.' — used when the sentence carries a charged word."""
    verb = "reports" if len(sources) == 1 else "report"
    return f"{join_names(sources)} {verb} that {lower_first(body, vocabulary)}"


def neutral_sentence(
    body: str, sources: Sequence[str], *, vocabulary: frozenset[str] = frozenset()
) -> str:
    """Cite the sources; a sentence with an unquoted charged word is attributed to them.

    This holds for reported speech too ("X said the radical plan ..."): outside a
    quotation the wording is the outlet's, so the outlet is named. No quotation
    marks are added: they would put words in quotes the outlet did not quote
    ("“hard-right” conservatives" where it wrote hard-right). `vocabulary` (see
    text.lowercase_vocabulary) tells which first words may be lower-cased after
    'A reports that'.
    """
    if unquoted_loaded(body):
        return attributed(body, sources, vocabulary)
    return with_citation(body, sources)


def dispute_sentence(
    side_a: tuple[str, str], side_b: tuple[str, str], vocabulary: frozenset[str] = frozenset()
) -> str:
    """'A says x; B says y.' for two outlets' conflicting claims."""
    (outlet_a, text_a), (outlet_b, text_b) = side_a, side_b
    core_a, _ = _split_end(text_a)
    core_b, stop = _split_end(text_b)
    a, b = lower_first(core_a, vocabulary), lower_first(core_b, vocabulary)
    return f"{outlet_a} says {a}; {outlet_b} says {b}{stop}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def uncited(sentence: BriefSentence) -> str:
    """The sentence without the citations this module added (content only)."""
    text = sentence.text
    names = sentence.sources
    suffix = f" ({', '.join(names)})"
    core, stop = _split_end(text)
    if names and core.endswith(suffix):
        body = core[: -len(suffix)]
        return body if _ABBREVIATION_END.search(body) else body + stop
    for verb in ("reports", "report"):
        prefix = f"{join_names(names)} {verb} that "
        if names and text.startswith(prefix):
            return _upper_first(text[len(prefix) :])
    if sentence.kind == "dispute" and len(names) == 2:
        first = f"{names[0]} says "
        middle = f"; {names[1]} says "
        if text.startswith(first) and middle in text:
            a, b = text[len(first) :].split(middle, 1)
            return _upper_first(a) + "; " + b
    return text


def cited_parts(sentence: BriefSentence) -> list[tuple[str, list[str]]]:
    """(statement, the outlets it cites) for each statement in the sentence.

    A dispute ("A says x; B says y") holds two statements, each citing one outlet;
    every other sentence holds one statement citing all its sources.
    """
    names = sentence.sources
    if sentence.kind == "dispute" and len(names) == 2:
        first, middle = f"{names[0]} says ", f"; {names[1]} says "
        if sentence.text.startswith(first) and middle in sentence.text:
            a, b = sentence.text[len(first) :].split(middle, 1)
            return [(_upper_first(a), [names[0]]), (_upper_first(b), [names[1]])]
    return [(uncited(sentence), list(names))]


# The brief's reading shape in every format: a lead paragraph (no heading), then the
# confirmed disputes, then what one source alone reports.
SECTION_TITLES = {
    "lead": "",
    "disputes": "Where the sources differ",
    "single": "Reported by one source only",
}
_SECTION_OF = {"context": "lead", "consensus": "lead", "dispute": "disputes", "unique": "single"}


def brief_sections(sentences: Sequence[BriefSentence]) -> list[tuple[str, list[BriefSentence]]]:
    """[(title, sentences)] in reading order, empty sections left out; the lead's title is ''."""
    grouped: dict[str, list[BriefSentence]] = {name: [] for name in SECTION_TITLES}
    for sentence in sentences:
        grouped[_SECTION_OF.get(sentence.kind, "lead")].append(sentence)
    return [(SECTION_TITLES[name], items) for name, items in grouped.items() if items]


def uncited_text(brief: Brief) -> str:
    """The whole brief as plain text without citations."""
    return " ".join(uncited(s) for s in brief.sentences)


def cites_sources(sentence: BriefSentence) -> bool:
    """True when the sentence names at least one outlet it draws on."""
    return any(name and name in sentence.text for name in sentence.sources)
