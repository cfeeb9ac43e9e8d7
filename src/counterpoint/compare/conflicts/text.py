"""Word-level helpers the conflict checks share: content stems, overlap, cues."""

from __future__ import annotations

import re

from counterpoint.compare.checks import stem
from counterpoint.lexicon import (
    CLOSING_QUOTES,
    CURLY_CLOSING_QUOTES,
    CURLY_OPENING_QUOTES,
    NEGATION_WORDS,
    OPENING_QUOTES,
    STOPWORDS,
    STRAIGHT_QUOTE,
)

WORD = re.compile(r"[A-Za-z][A-Za-z\-]*(?:['’][a-z]+)?|\d[\d,\.]*\d|\d")
NEGATORS = NEGATION_WORDS
# verbs of saying: a date attached to them dates the statement, not the event
SPEECH = frozenset(
    """say says said saying tell tells told telling announce announced announces add added
    note noted state stated claim claimed report reported reports write wrote written
    insist insisted argue argued explain explained confirm confirmed deny denied denies
    tweet tweeted respond responded reply replied""".split()
)
# words that make a statement a forecast, plan or possibility rather than a report
MODAL = frozenset(
    """will would could might may should shall expect expected expects plan plans planned
    scheduled schedule set hope hopes intend intends likely possibly perhaps if unless
    'll""".split()
)


def tokens(text: str) -> list[str]:
    """Lower-cased words in order (apostrophes folded)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def is_number(word: str) -> bool:
    return word[0].isdigit()


# common irregular past forms, so "held" meets "hold" and "left" meets "leave"
IRREGULAR = {
    "held": "hold", "left": "leave", "met": "meet", "won": "win", "lost": "lose", "paid": "pay",
    "sent": "send", "spent": "spend", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "made": "make", "brought": "bring", "began": "begin", "begun": "begin",
    "ran": "run", "went": "go", "gone": "go", "came": "come", "fell": "fall", "rose": "rise",
    "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak", "sold": "sell",
    "bought": "buy", "struck": "strike", "quit": "leave", "resigned": "resign",
}  # fmt: skip


def content(words: list[str]) -> list[str]:
    """Stems of the words that carry content (no stopwords, negators or numbers)."""
    out = []
    for word in words:
        word = word.removesuffix("'s")
        if word in STOPWORDS or word in NEGATORS or word.endswith("n't") or is_number(word):
            continue
        if len(word) < 2:
            continue
        word = IRREGULAR.get(word, word)
        if word.endswith("ies") and len(word) > 5:
            word = word[:-3] + "y"  # "primaries" meets "primary"
        out.append(stem(word))
    return out


def stems(text: str) -> set[str]:
    return set(content(tokens(text)))


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller side's content stems that the other side has too."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def modal(text: str) -> bool:
    """A forecast, plan or conditional: 'will vote', 'is expected to', 'could'."""
    words = tokens(text)
    return any(w in MODAL for w in words) or "going to" in text.lower()


def name_stems(text: str) -> set[str]:
    """Stems of capitalised words not at the start of the text: names ("Tea Party")."""
    found = set()
    for match in WORD.finditer(text):
        word = match.group(0)
        if match.start() > 0 and word[0].isupper():
            found.update(content([word.lower()]))
    return found


def has_negator(text: str) -> bool:
    return any(w in NEGATORS or w.endswith("n't") for w in tokens(text))


def common(a_text: str, b_text: str, a: set[str], b: set[str]) -> set[str]:
    """Shared content stems that are not names: what the two say, not who they name."""
    return (a & b) - name_stems(a_text) - name_stems(b_text)


# a sentence that reports one party disputing another's claim
DISPUTE_CUE = re.compile(
    r"\b(?:den(?:ies|ied)|disputed|disagree(?:s|d)?|challenged (?:the )?claims?|"
    r"(?:was|were|is|are) lying|responded that|rejected (?:the |that )?(?:claim|charge|allegation|"
    r"suggestion|report)s?|(?:is|was|were|are) (?:false|untrue|not true))\b",
    re.I,
)


def dispute_cue(text: str) -> str | None:
    """The first dispute cue outside quotation marks ("if we disagree" inside a quoted
    remark is the speaker's wording, not a report of a dispute)."""
    for match in DISPUTE_CUE.finditer(text):
        if not inside_quote(text, match.start()):
            return match.group(0)
    return None


def surface(text: str, wanted: set[str], limit: int = 3) -> list[str]:
    """The words of `text` whose stems are in `wanted`, as written, in order."""
    found: list[str] = []
    for word in WORD.findall(text):
        stems = content([word.lower()])
        if stems and stems[0] in wanted and word.lower() not in {w.lower() for w in found}:
            found.append(word)
    return found[:limit]


NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def inside_quote(sentence: str, at: int) -> bool:
    """Whether position `at` of a sentence sits inside a quotation (curly marks counted
    open minus closed, straight ones by parity; single marks are apostrophes too often
    to count). A quotation left open by an earlier sentence is not seen."""
    head = sentence[: max(0, at)]
    curly = sum(head.count(m) for m in CURLY_OPENING_QUOTES) - sum(
        head.count(m) for m in CURLY_CLOSING_QUOTES
    )
    return curly > 0 or head.count(STRAIGHT_QUOTE) % 2 == 1


def unquoted(text: str) -> str:
    """The words of a text without double quotation marks or outer punctuation."""
    kept = "".join(" " if ch in OPENING_QUOTES + CLOSING_QUOTES else ch for ch in text)
    return " ".join(kept.split()).strip(" .,;:")


def named_in(asserter: str, sentence: str) -> bool:
    """Whether a speaker's name (its surname: 'Etheridge' for 'Bob Etheridge') is
    written in the sentence itself."""
    words = [
        w
        for w in asserter.replace(",", " ").split()
        if w[:1].isupper() and w.lower() not in NAME_SUFFIXES
    ]
    if not words:
        return False
    return re.search(rf"\b{re.escape(words[-1])}\b", sentence) is not None
