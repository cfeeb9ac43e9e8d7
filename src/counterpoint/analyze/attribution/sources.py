"""Source finding: who is speaking, given a cue word.

Why syntax: in news English the speaker is the cue verb's subject ("the ministry
said"), the object of "according to", the agent of a passive ("was told by"), or the
subject of the verb a cue hangs off ("declined to comment and said ..."). The span is
the speaker's noun phrase, appositions included ("Brafman, his lawyer,"), cut before
any quotation so a quote never becomes its own speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from counterpoint.analyze.attribution.cues import Cue
from counterpoint.analyze.attribution.speaker_words import STATEMENT_WORDS
from counterpoint.analyze.doctext import doc_text
from counterpoint.lexicon import QUOTE_MARKS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
INHERIT_DEPS = ("xcomp", "conj", "advcl", "acl", "relcl", "pcomp")
EDGE_PUNCT = set(',.;:—–-“”"‘’«»()') | {"''", "``"}
MAX_CLIMB = 3
MAX_COLON_SPEAKER_WORDS = 5
MAX_AFTER_QUOTE_WORDS = 14
# "WASHINGTON --", "LOS ANGELES (AP) —", "KANSAS CITY, Mo. -": a place in capitals (four
# letters at least, so "US - China" stays), an optional state and agency, then a dash
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+)*)(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?: \([^)\n]{1,40}\))? ?(?:--|—|–|-) ?"
)


def _own_subject(token: Token) -> Token | None:
    # Parsers sometimes give a verb two subjects ("Twelve were hurt, two of them
    # seriously, ..., the fire service said"): the speaker is the one nearest the verb.
    subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
    if subjects:
        return min(subjects, key=lambda child: abs(child.i - token.i))
    for child in token.children:
        if child.dep_ == "agent":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def subject_of(cue: Token) -> Token | None:
    """The word heading the speaker phrase of a cue, climbing through control and
    coordination ("X declined to comment", "X said ... and added ...")."""
    passive = any(child.dep_ == "nsubjpass" for child in cue.children)
    if passive:
        for child in cue.children:
            if child.dep_ == "agent":
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None  # "X is expected to win": X is what is said, nobody says it
    token = cue
    for _ in range(MAX_CLIMB):
        found = _own_subject(token)
        if found is not None:
            return found
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        if token.dep_ not in INHERIT_DEPS or token.head is token:
            break
        token = token.head
    if cue.pos_ == "NOUN":
        for child in cue.children:
            if child.dep_ == "poss":
                return child
    return None


def according_to_object(cue: Token) -> Token | None:
    """The object of 'according to X'."""
    doc = cue.doc
    if cue.i + 1 >= len(doc):
        return None
    to = doc[cue.i + 1]
    for candidate in (to, cue):
        for child in candidate.children:
            if child.dep_ == "pobj":
                return child
    return None


def phrase_range(head: Token, stop_before: set[int] | None = None) -> tuple[int, int] | None:
    """Character range of a noun phrase (its subtree), trimmed of edge punctuation and
    cut at the first token in `stop_before` (e.g. quote tokens)."""
    tokens = sorted(head.subtree, key=lambda t: t.i)
    blocked = stop_before or set()
    kept: list[Token] = []
    for token in tokens:
        if token.i in blocked or "\n" in token.text:
            if token.i < head.i:
                kept = []
                continue
            break
        kept.append(token)
    while kept and (kept[0].text in EDGE_PUNCT or kept[0].is_space):
        kept.pop(0)
    while kept and (kept[-1].text in EDGE_PUNCT or kept[-1].is_space):
        if kept[-1].text == ")" and any(t.text == "(" for t in kept):
            break
        kept.pop()
    if not kept:
        return None
    start, end = kept[0].idx, kept[-1].idx + len(kept[-1].text)
    return start, _closing_punctuation(doc_text(head.doc), start, end)


def _closing_punctuation(text: str, start: int, end: int) -> int:
    """Keep the comma or dash that closes an apposition ("Kerr Putney, the chief, said"):
    PolNeAR-style speaker spans include it."""
    inner = text[start:end]
    for mark in (",", " --", " —"):
        if text.startswith(mark, end) and mark.strip() in inner:
            return end + len(mark)
    return end


def find_source(cue: Cue, quoted: set[int]) -> tuple[int, int] | None:
    """Character range of the speaker phrase for a cue, or None when there is none."""
    if cue.according_to:
        head = according_to_object(cue.head)
    elif cue.trailer:
        return _trailer_speaker(cue)
    elif cue.colon:
        return _colon_speaker(cue.head)
    else:
        head = subject_of(cue.head)
        if head is None or (head.lower_ == "it" and head.dep_ == "nsubjpass"):
            head = statement_author(cue.head) or head
        if head is None or head.i in quoted:
            return _after_quote_speaker(cue, quoted)
    if head is None or head.i in quoted:
        return None
    found = phrase_range(head, quoted)
    return without_dateline(doc_text(cue.head.doc), found) if found else None


def without_dateline(text: str, source: tuple[int, int]) -> tuple[int, int]:
    """A source at the start of a paragraph loses a wire dateline ("WASHINGTON --
    President Obama on Friday said"): the place is not the speaker."""
    start, end = source
    if start > 0 and text[start - 1] != "\n":
        return source
    match = DATELINE.match(text, start, end)
    if match is None or match.end() >= end or sum(c.isalpha() for c in match["place"]) < 4:
        return source
    return match.end(), end


def _after_quote_speaker(cue: Cue, quoted: set[int]) -> tuple[int, int] | None:
    """'“...,” Flynn, a top Trump surrogate, said': the parse lost the subject, but the
    words between the closing quote and the cue name the speaker (up to a participle
    clause: 'Eric Garner, gasping on a sidewalk, said')."""
    doc = cue.head.doc
    first = cue.head.i - 1
    while first >= 0 and doc[first].idx >= cue.start:
        first -= 1  # the cue's own words ("has said")
    floor = first - MAX_AFTER_QUOTE_WORDS - 2
    while first >= max(0, floor) and first not in quoted:
        first -= 1
    if first < 0 or first not in quoted:
        return None
    words = [t for t in doc[first + 1 : cue.head.i] if t.idx + len(t.text) <= cue.start]
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    if not words or len(words) > MAX_AFTER_QUOTE_WORDS or "\n" in "".join(t.text for t in words):
        return None
    if words[0].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
        return None
    for number, token in enumerate(words):
        if token.pos_ in ("VERB", "AUX"):
            words = words[:number]
            break
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return start, _closing_punctuation(doc_text(doc), start, end)


def statement_author(cue: Token) -> Token | None:
    """'In a written statement made by the ministry, it was stated that ...': the
    author of a statement named in the cue's sentence stands in for an impersonal
    'it'."""
    subject = _own_subject(cue)
    if subject is not None and not (subject.lower_ == "it" and subject.dep_ == "nsubjpass"):
        return None
    for token in cue.sent:
        if token.lower_ not in STATEMENT_WORDS:
            continue
        for inner in token.subtree:
            if inner.dep_ == "agent" or (inner.dep_ == "prep" and inner.lower_ == "by"):
                objects = [g for g in inner.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
            if inner.dep_ == "poss" and inner.head is token and inner.pos_ != "PRON":
                return inner  # "the ministry's statement said"
    return None


def _trailer_speaker(cue: Cue) -> tuple[int, int] | None:
    """The name after a trailing dash, to the end of its line, without a final period."""
    text = doc_text(cue.head.doc)
    line_end = text.find("\n", cue.end)
    line_end = len(text) if line_end == -1 else line_end
    start, end = cue.end, line_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;"):
        end -= 1
    return (start, end) if end > start else None


def _colon_speaker(colon: Token) -> tuple[int, int] | None:
    """'Pat Caddell: ...': the words from the line (or sentence) start to the colon when
    they are a short name, else the named entity just before the colon."""
    doc = colon.doc
    line_start = max(doc_text(doc).rfind("\n", 0, colon.idx) + 1, colon.sent.start_char)
    prefix = doc_text(doc)[line_start : colon.idx]
    if 0 < len(prefix.split()) <= MAX_COLON_SPEAKER_WORDS:
        start = line_start + len(prefix) - len(prefix.lstrip(QUOTE_MARKS + " \t\u00a0"))
        return start, line_start + len(prefix.rstrip())
    previous = doc[colon.i - 1]
    if previous.ent_type_:
        for ent in doc.ents:
            if ent.start <= previous.i < ent.end:
                return ent.start_char, ent.end_char
    return previous.idx, previous.idx + len(previous.text)
