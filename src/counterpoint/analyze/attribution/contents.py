"""Content finding: what was said, given a cue word.

Why syntax first, quotes second: the parse knows what a cue governs (its clausal
complement "said that ...", its infinitive "declined to comment", its object "denied
the report", or, for a parenthetical "..., he said, ...", the clause it interrupts).
Where that content is essentially a quotation, it snaps to the quotation's marks so a
direct quote keeps exactly its words, also across sentences and paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from counterpoint.analyze.attribution import boundaries
from counterpoint.analyze.attribution.cues import Cue
from counterpoint.analyze.attribution.quotes import Quote, split_paragraphs
from counterpoint.analyze.doctext import doc_text

CharRange = tuple[int, int]
EDGE_PUNCT = {",", ".", ";", ":", "—", "–", "-", "(", ")", "--", "―"}
PARENTHETICAL_DEPS = {"parataxis", "advcl", "ccomp", "conj", "dep"}
LISTENER_LEMMAS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "brief"}
DISCOURSE_OPENERS = {
    "however",
    "meanwhile",
    "moreover",
    "furthermore",
    "still",
    "instead",
    "nonetheless",
    "nevertheless",
    "additionally",
    "for instance",
    "for example",
    "in addition",
    "in fact",
    "indeed",
    "in other words",
    "in short",
    "of course",
}
MAX_OPENER_WORDS = 3
OBJECT_CONTENT_POS = {"NOUN", "PROPN", "PRON", "NUM"}
OBJECT_COMPLEMENT_DEPS = {"xcomp", "prep", "oprd", "ccomp", "dative"}
MAX_LOOSE_TOKENS = 0  # words outside the marks make a quote "mixed" ("that “...”")


@dataclass
class Content:
    """Content fragments (character ranges, in text order) and how they were quoted."""

    fragments: list[CharRange]
    kind: Literal["direct", "indirect", "mixed"]


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def syntactic_content(cue: Cue) -> set[int]:
    """Token ids of the content the cue governs (empty when the parse shows none)."""
    head = cue.head
    if cue.according_to:
        clause = head.head
        if clause is head:
            return set()
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head
        return {t.i for t in clause.subtree} - _subtree_ids(head)
    if cue.colon:
        return _rest_of_line(head)
    if boundaries.available():
        learned = boundaries.learned_content(head)
        if learned:
            return learned
    children = sorted(head.children, key=lambda c: c.i)
    for wanted in ("ccomp", "csubj"):
        for child in children:
            if child.dep_ == wanted:
                return _subtree_ids(child)
    objects = [c for c in children if c.dep_ in ("dobj", "attr") and c.pos_ in OBJECT_CONTENT_POS]
    xcomps = [c for c in children if c.dep_ == "xcomp"]
    if objects and (head.lemma_.lower() not in LISTENER_LEMMAS or xcomps):
        # "accused X of Y", "urged X to Y", "called X a Z": object plus its complements
        ids = _subtree_ids(objects[0])
        for child in children:
            if child.i > objects[0].i and child.dep_ in OBJECT_COMPLEMENT_DEPS:
                ids |= _subtree_ids(child)
        return ids
    for child in xcomps:
        inner = [g for g in child.children if g.dep_ == "ccomp"]
        if inner:
            return _subtree_ids(inner[0])  # "appeared to suggest that ..."
        return _subtree_ids(child)
    for child in children:
        if child.dep_ == "prep" and child.i == head.i + 1:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return _subtree_ids(objects[0])
    return _parenthetical(head)


def _parenthetical(head: Token) -> set[int]:
    """'..., he said, ...' / 'X, a source said': the clause the cue interrupts."""
    if head.dep_ in PARENTHETICAL_DEPS and head.head is not head:
        clause = head.head
        if head.i > clause.i:  # "A, but B, a source said": the whole coordination
            while clause.dep_ == "conj" and clause.head is not clause and clause.head.i < clause.i:
                clause = clause.head
        return {t.i for t in clause.subtree} - _subtree_ids(head)
    return set()


def _rest_of_line(head: Token) -> set[int]:
    """Tokens after a cue up to the end of its line (headline 'Name: claim', or the
    paragraph a 'said:' introduces)."""
    doc = head.doc
    ids: set[int] = set()
    for token in doc[head.i + 1 :]:
        if "\n" in token.text:
            break
        ids.add(token.i)
    return ids


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


def _introduces_colon(head: Token) -> bool:
    doc = head.doc
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return following is not None and following.text == ":"


def _drop_discourse_opener(doc: Doc, ids: set[int]) -> set[int]:
    """'However, X' / 'For instance, X': the connective belongs to the writer, not to
    what was said."""
    if not ids:
        return ids
    first = min(ids)
    for i in range(first, min(first + MAX_OPENER_WORDS + 1, len(doc))):
        if doc[i].text == ",":
            opener = doc[first:i].text.lower()
            if opener in DISCOURSE_OPENERS and i + 1 in ids:
                return {j for j in ids if j > i}
            return ids
    if doc[first].lower_ in DISCOURSE_OPENERS and first + 1 in ids:
        return ids - {first}
    return ids


def _same_paragraph(text: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return "\n" not in text[low:high]


def _fragments(doc: Doc, ids: set[int]) -> list[CharRange]:
    """Contiguous runs of tokens as character ranges, trimmed of edge punctuation."""
    runs: list[list[Token]] = []
    for i in sorted(ids):
        if runs and runs[-1][-1].i == i - 1:
            runs[-1].append(doc[i])
        else:
            runs.append([doc[i]])
    ranges: list[CharRange] = []
    for run in runs:
        while run and (run[0].text in EDGE_PUNCT or run[0].is_space):
            run.pop(0)
        while run and (run[-1].text in EDGE_PUNCT or run[-1].is_space):
            run.pop()
        if run and any(not t.is_punct for t in run):
            ranges.append((run[0].idx, run[-1].idx + len(run[-1].text)))
    return ranges


def _quote_fragments(text: str, quote: Quote) -> list[CharRange]:
    return split_paragraphs(text, quote.start, quote.end)


def find_content(
    cue: Cue,
    quotes: list[Quote],
    inside: list[int],
    source: CharRange | None,
) -> Content | None:
    """Content of one cue, or None when nothing is said."""
    doc = cue.head.doc
    if cue.trailer:
        before = _quote_before(doc_text(doc), quotes, cue.start)
        if before is None:
            return None
        return Content(_quote_fragments(doc_text(doc), before), "direct")
    if cue.colon and inside[cue.head.i] >= 0:  # transcript 'NAME: words' inside a quote
        said = split_paragraphs(doc_text(doc), cue.end, _line_end(doc_text(doc), cue.end))
        return Content(said, "direct") if said else None
    ids = syntactic_content(cue)
    if not cue.colon and _introduces_colon(cue.head):
        ids |= _rest_of_line(cue.head)
    if source is not None:
        ids = {i for i in ids if not (source[0] <= doc[i].idx < source[1])}
    cue_ids = {t.i for t in doc.char_span(cue.start, cue.end, alignment_mode="expand") or []}
    ids -= cue_ids
    ids = {
        i for i in ids if inside[i] >= 0 or _same_paragraph(doc_text(doc), doc[i].idx, cue.start)
    }
    touched = sorted({inside[i] for i in ids if inside[i] >= 0})
    loose = [i for i in ids if inside[i] < 0 and not doc[i].is_punct and not doc[i].is_space]
    if not ids or not any(not doc[i].is_punct for i in ids):
        adjacent = _adjacent_quote(cue, quotes, inside, source)
        if adjacent is None:
            return None
        return Content(_quote_fragments(doc_text(doc), quotes[adjacent]), "direct")
    if touched and len(loose) <= MAX_LOOSE_TOKENS:
        chosen = set(touched)
        chosen |= _sentence_quotes(cue, quotes, inside, source, chosen)
        fragments: list[CharRange] = []
        for number in sorted(chosen):
            fragments.extend(_quote_fragments(doc_text(doc), quotes[number]))
        return Content(fragments, "direct")
    ids = _drop_discourse_opener(doc, ids)
    fragments = _fragments(doc, ids)
    if not fragments:
        return None
    if boundaries.TAIL_ENABLED:
        fragments[-1] = boundaries.trim_tail(doc, fragments[-1], inside, cue.head)
    if touched:
        fragments = _extend_to_quote_ends(fragments, [quotes[n] for n in touched])
        return Content(fragments, "mixed")
    return Content(fragments, "indirect")


def _extend_to_quote_ends(fragments: list[CharRange], touched: list[Quote]) -> list[CharRange]:
    """A fragment that stops inside a quotation runs on to its closing mark."""
    extended: list[CharRange] = []
    for start, end in fragments:
        for quote in touched:
            if quote.start < end < quote.end:
                end = quote.end
            if quote.start < start < quote.end:
                start = quote.start
        extended.append((start, end))
    return extended


def _sentence_quotes(
    cue: Cue, quotes: list[Quote], inside: list[int], source: CharRange | None, chosen: set[int]
) -> set[int]:
    """Quotations of the cue's sentence that join the chosen ones with nothing but
    punctuation between (split quotes: “A,” she said, “B.”)."""
    text = doc_text(cue.head.doc)
    sentence = cue.head.sent
    doc = cue.head.doc
    # the second half of a split quote may be parsed as the next sentence
    following = doc[sentence.end].sent if sentence.end < len(doc) else sentence
    window = range(sentence.start, following.end)
    candidates = sorted({inside[i] for i in window if inside[i] >= 0} - chosen)
    region = [cue.start, cue.end]
    if source is not None:
        region = [min(region[0], source[0]), max(region[1], source[1])]
    for number in chosen:
        region = [min(region[0], quotes[number].start), max(region[1], quotes[number].end)]
    added: set[int] = set()
    changed = True
    while changed:
        changed = False
        for number in candidates:
            if number in added:
                continue
            quote = quotes[number]
            if quote.end <= region[0]:
                gap = text[quote.end : region[0]]
            elif quote.start >= region[1]:
                gap = text[region[1] : quote.start]
            else:
                continue
            if "\n" in gap or any(ch.isalnum() for ch in gap):
                continue
            added.add(number)
            region = [min(region[0], quote.start), max(region[1], quote.end)]
            changed = True
    return added


def _quote_before(text: str, quotes: list[Quote], offset: int) -> Quote | None:
    """The quotation that ends right before `offset` (white space between)."""
    for quote in quotes:
        if quote.end <= offset and not text[quote.end : offset].strip():
            return quote
    return None


def _adjacent_quote(
    cue: Cue, quotes: list[Quote], inside: list[int], source: CharRange | None
) -> int | None:
    """A quotation right after the cue ('said: “...”') or right before the speaker
    and cue ('“...,” said X' / '“...,” X said')."""
    doc = cue.head.doc
    text = doc_text(doc)
    after = cue.end
    while after < len(text) and (text[after].isspace() or text[after] in ",:—–"):
        after += 1
    for number, quote in enumerate(quotes):
        if quote.start == after:
            return number
    before = min(cue.start, source[0]) if source is not None else cue.start
    before -= 1
    while before >= 0 and (text[before].isspace() or text[before] in ",—–"):
        before -= 1
    for number, quote in enumerate(quotes):
        if quote.end == before + 1:
            return number
    return None
