"""Small text helpers the brief writer needs: sentence splitting, words, clean-up.

The summarizer must also work on raw multi-source text (no analyze stage), so it
carries its own light sentence splitter; the clean-up rules (datelines, leading
connectives) make an extracted sentence stand on its own inside a brief.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from counterpoint.lexicon import APOSTROPHE_AND_QUOTE_MARKS

# Abbreviations that end with a period but do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "d.c", "e.g", "i.e",
    "a.m", "p.m", "ft", "mt", "pres", "sens", "reps", "calif", "fla", "ky", "tex", "mass", "ariz",
    "wash", "va", "pa", "ill", "mich", "minn", "wis", "ore", "colo", "conn", "del", "ga", "md",
    "mo", "nev", "okla", "tenn", "vt", "wyo", "ala", "ark", "kan", "neb", "gop",
}  # fmt: skip
_QUOTES = APOSTROPHE_AND_QUOTE_MARKS
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

LEADING_CONNECTIVES = (
    "but", "however", "meanwhile", "still", "and", "also", "in addition", "moreover", "so",
    "yet", "additionally", "furthermore", "instead", "nonetheless", "nevertheless", "besides",
    "as a result", "in turn", "then", "now", "plus", "indeed", "in fact", "at the same time",
)  # fmt: skip
_CONNECTIVE = re.compile(
    r"^(?:" + "|".join(re.escape(c) for c in LEADING_CONNECTIVES) + r")\b,?\s+(?=\S)", re.I
)
# "WASHINGTON (Reuters) - ", "BAGHDAD, Jan 25 (AP) — ", "(CNN) - ", "WASHINGTON — ",
# "WASHINGTON ― ", "WASHINGTON—" (a dash without spaces only when it is not a hyphen),
# "Denver (AP) – "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*(?:[-—–―:]+\s+|[—–―]\s*)"
    r"|\([A-Za-z .&]{2,30}\)\s*[-—–―:]*\s+"
    # "Denver (AP) – ": a title-case place only with a wire agency's tag
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},?\s*\((?:AP|Reuters|AFP|UPI|CNN)\)\s*[-—–―:]+\s*)"
)
# "By JANE DOE, Associated Press Writer", "By Jane Doe | Fox News": a byline run into the text.
_BYLINE = re.compile(
    r"^By\s+(?:[A-Z][A-Za-z.'\-]+\s+){1,3}?[A-Z][A-Za-z.'\-]+"
    r"(?:\s*(?:,|\||and|—|-)\s*[A-Z][A-Za-z.' ]{2,40}?"
    r"(?:Writer|Press|News|Times|Post|Staff)(?:\s+Writer)?)?\s+"
    r"(?=[A-Z])"
)


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping abbreviations like 'Sen.' intact."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip(_QUOTES + ")")
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        token = last.rstrip(".").lstrip(_QUOTES + "(").lower()
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        piece = text[start : match.start()].strip()
        if piece:
            pieces.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits), the unit for overlap and length."""
    return [w.lower() for w in _WORD.findall(text)]


# "UPDATE 2:52 p.m. -- ", "UPDATED: ", "Editor's note: " before the text itself
_UPDATE = re.compile(
    r"^(?:UPDATE[DS]?\b.{0,30}?(?:--|—|–|:(?!\d)|\s-\s)"
    r"|(?:Updated?|EDITOR['’]S NOTE|Editor['’]s note)\s*:)\s*"
)


def strip_dateline(sentence: str) -> str:
    """Remove an update label, a byline and a wire dateline ('WASHINGTON (Reuters) - ')."""
    stripped = _UPDATE.sub("", sentence, count=1)
    stripped = _BYLINE.sub("", stripped, count=1)
    stripped = _DATELINE.sub("", stripped, count=1)
    return stripped if len(stripped) >= 20 else sentence


def strip_leading_connective(sentence: str) -> str:
    """Drop a connective ('But', 'However,') that only made sense after the previous sentence."""
    stripped = _CONNECTIVE.sub("", sentence, count=1)
    if stripped == sentence or not stripped:
        return sentence
    return stripped[0].upper() + stripped[1:]


# "In a stinging blow to the White House, ...", "In a major victory for X, ...": an
# opener that only frames the news. It is dropped from the brief's own voice when
# what follows is a whole sentence on its own.
_FRAMING_OPENER = re.compile(
    r"^(?:In|With|Dealing|Handing|Delivering)\s+(?:an?\s+|another\s+|the\s+latest\s+)?"
    r"(?:[\w\-]+\s+){0,3}?"
    r"(?:blow|rebuke|victory|setback|defeat|win|twist|slap|swipe|jab|reversal|snub|"
    r"turn\s+of\s+events|shot|embarrassment|broadside|challenge|sign|move|escalation|"
    r"triumph|loss|boost|development)"
    r"(?:\s+(?:to|for|against|over|from)\s+[^,]{1,80})?,\s+",
    re.I,
)


def strip_framing_opener(text: str) -> str:
    """The sentence without a framing opener ('In a stinging blow to X, ...')."""
    match = _FRAMING_OPENER.match(text)
    if match is None:
        return text
    rest = text[match.end() :]
    if len(rest.split()) < 5 or not rest[:1].isalpha():
        return text
    return rest[0].upper() + rest[1:]


def clean_sentence(sentence: str) -> str:
    """Make an extracted sentence stand alone: no byline, dateline, connective or framing opener."""
    text = " ".join(sentence.split())
    text = strip_dateline(text)
    text = strip_leading_connective(text)
    text = strip_framing_opener(text)
    if text and text[-1] not in '.!?"”’)':
        text += "."
    return balance_quotes(text)


def balance_quotes(text: str) -> str:
    """Close a quotation the sentence opens but never closes (a quote split mid-way)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    if curly == 1 and straight == 1:  # “...," he said: one mark of each kind
        return text
    if curly > 0:
        return text + "”"
    if straight == 1 and text.rstrip().endswith((".", "!", "?")):
        return text + '"'
    return text


# Words that may start a sentence and are safe to lower-case after "X says ...".
_LOWERABLE = {
    "the", "a", "an", "it", "its", "there", "this", "that", "these", "those", "in", "on",
    "at", "after", "before", "during", "while", "some", "many", "most", "more", "several",
    "both", "all", "no", "one", "two", "three", "his", "her", "their", "our", "we", "they",
    "he", "she", "as", "if", "when", "for", "from", "with", "about", "over", "under",
    "officials", "lawmakers", "experts", "critics", "supporters", "protesters", "police",
    "amid", "among", "despite", "although", "though", "since", "until", "because",
    "following", "according", "without", "within", "unlike", "like", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
    "hundreds", "thousands", "millions", "dozens", "former", "additional", "earlier", "later",
}  # fmt: skip


def lowercase_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Words safe to lower-case at a sentence start: not names.

    A word the texts write in lower case more often than capitalised inside a
    sentence, or one that only ever opens a sentence ("Joining a chorus of ...",
    "Splashed across the cover ..."). Names ("Trump", "Republicans") are capitalised
    mid-sentence, so they stay capitalised.
    """
    lower: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    openers: set[str] = set()
    for text in texts:
        for sentence in split_sentences(text):
            tokens = _WORD.findall(strip_dateline(sentence))
            lower.update(w for w in tokens if w.islower())
            if tokens:
                openers.add(tokens[0])
            inside.update(w.lower() for w in tokens[1:] if w[:1].isupper())
    used_lower = {w for w, n in lower.items() if n > inside[w]}
    # "Republicans" may only open sentences while "Republican" is capitalised inside one
    name_stems = {w[:6] for w in inside}
    only_openers = {
        w.lower()
        for w in openers
        if w[:1].isupper() and not w.isupper() and w.lower()[:6] not in name_stems
    }
    return frozenset(used_lower | only_openers)


def lower_first(sentence: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Lower-case the first letter when the first word is not a name, for 'X says that ...'."""
    tokens = sentence.split()
    first = tokens[0] if tokens else ""
    bare = first.strip(",;:\"“'‘").lower()
    if not first[:1].isupper() or (first.isupper() and len(first) > 1):
        return sentence
    if len(tokens) > 1 and tokens[1][:1].isupper() and bare not in _LOWERABLE:
        return sentence  # "Tea Party groups", "President Obama's": part of a name
    if bare in _LOWERABLE or bare in vocabulary:
        return sentence[0].lower() + sentence[1:]
    return sentence


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when the range [start, end) sits inside quotation marks in `text`."""
    before = text[:start]
    opens = sum(before.count(c) for c in "“«„")
    closes = sum(before.count(c) for c in "”»")
    if opens > closes:
        return True
    return before.count('"') % 2 == 1


def inside_quotation(text: str, start: int) -> bool:
    """True when offset `start` of `text` falls inside a quotation its paragraph opened earlier.

    A sentence in the middle of a several-sentence quotation carries no quotation
    marks of its own; out of its paragraph it would read as the outlet's words.
    """
    paragraph = text[text.rfind("\n", 0, start) + 1 : start]
    return is_quoted(paragraph + " ", len(paragraph), len(paragraph) + 1)


def reopen_quotation(sentence: str) -> str:
    """Give a sentence from inside a running quotation back its opening mark."""
    mark = '"' if '"' in sentence and "”" not in sentence else "“"
    return mark + sentence


def in_context(text: str, start: int, sentence: str) -> str:
    """The sentence at offset `start` of `text`, with the quotation state it has there.

    Inside a running quotation it gets its opening mark back; a sentence that begins
    with the mark closing the previous sentence's quotation loses that stray mark.
    """
    if not inside_quotation(text, start):
        return sentence
    if sentence[:1] in '"”':
        return sentence[1:].lstrip()
    return reopen_quotation(sentence)


def headline_shaped(text: str) -> bool:
    """A headline written as a headline: most of its longer words capitalised.

    "Perry TV Ad: I Can Defend Faith from Obama's War on Religion" is a title, not a
    sentence a brief can state; "Romney reaffirms belief in marriage" is sentence case.
    """
    tokens = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)[1:]
    longer = [w for w in tokens if len(w) > 3]
    if not longer:
        return True
    capitals = sum(1 for w in longer if w[:1].isupper())
    return capitals / len(longer) >= 0.5 or ":" in text
