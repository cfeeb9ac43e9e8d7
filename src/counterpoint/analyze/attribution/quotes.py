"""Find quoted passages by their marks, in every common quote-mark style.

Why a scanner rather than the parser: quotes cross sentence and paragraph breaks, and
news text mixes “curly”, "straight", ‘single’, «guillemets» and „low-nine“ marks, with
unclosed marks where a multi-paragraph quote reopens each paragraph. Content finding
snaps to these spans, so a direct quote keeps exactly its own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from counterpoint.lexicon import QUOTE_MARKS

# opening mark -> closing marks accepted for it
PAIRS: dict[str, str] = {
    "“": '”“"',  # “English” (and the odd “doubled“ or “mixed")
    "„": "“”",  # „German“ / „Polish”
    "«": "»",
    "»": "«",  # »Danish« style
    '"': '"',
    "‘": "’",
    "‹": "›",
    "‚": "‘’",
    "”": "”",  # ”Swedish” style, or a mistyped opener at a paragraph start
}
DOUBLE_OPENERS = '“„«»"‹'
ALL_MARKS = set(QUOTE_MARKS)
MIN_QUOTE_CHARS = 2


@dataclass(frozen=True)
class Quote:
    """A quoted passage: `start`/`end` include the marks; `closed` is False for an
    unclosed mark that ran to the end of its paragraph."""

    start: int
    end: int
    closed: bool

    def inner(self, text: str) -> tuple[int, int]:
        """Offsets without the marks, for comparing quoted words."""
        start = (
            self.start + 1
            if self.start < len(text) and text[self.start] in ALL_MARKS
            else self.start
        )
        end = self.end - 1 if self.closed else self.end
        return start, max(start, end)


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ‘ between letters (don’t, ’90s, rock ’n’ roll) is not a quote mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return text[i] in "‘’" and after.isdigit()


def _next_paragraph_start(text: str, i: int) -> int:
    while i < len(text) and text[i] in "\n\r \t\u00a0":
        i += 1
    return i


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if text[i] in "‘’‚":
        return not before.isalnum() and not _is_apostrophe(text, i)
    if text[i] == '"':
        return not before.isalnum() or before in "([{"
    if text[i] == "”":
        return before.isspace() and after.isalnum()
    return True


def _can_close(text: str, i: int) -> bool:
    if text[i] in "’‘" and _is_apostrophe(text, i):
        return False
    if text[i] == "’":
        after = text[i + 1] if i + 1 < len(text) else " "
        return not after.isalnum()
    return True


def _scan_from(text: str, start: int) -> tuple[int, bool]:
    """End offset (exclusive) of the quote opened at `start`, and whether it closed.

    A paragraph that ends inside the quote continues it when the next paragraph opens
    with a mark of the same kind (the multi-paragraph convention); otherwise the quote
    is taken as unclosed and ends with its paragraph.
    """
    opener = text[start]
    closers = PAIRS[opener]
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\n":
            following = _next_paragraph_start(text, i)
            if following < len(text) and text[following] == opener:
                i = following + 1
                continue
            return _trim_right(text, i), False
        if char in closers and _can_close(text, i) and (char != opener or opener in '"»”'):
            return i + 1, True
        if char in closers and char == opener and opener == "“":
            # “doubled“ quotes: a second “ followed by space/punctuation closes
            after = text[i + 1] if i + 1 < len(text) else " "
            if not after.isalnum():
                return i + 1, True
        i += 1
    return _trim_right(text, len(text)), False


def _trim_right(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """Non-overlapping quoted passages, outermost only (quotes inside quotes are part
    of the outer passage)."""
    original = text
    # typewriter doubled apostrophes (''quote'') act as one straight double mark
    text = text.replace(" ''", '  "').replace("''", ' "') if "''" in text else text
    quotes: list[Quote] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in PAIRS and _can_open(text, i):
            end, closed = _scan_from(text, i)
            if end - i > MIN_QUOTE_CHARS and (closed or (char in DOUBLE_OPENERS and char != "”")):
                start = i - 1 if original[i - 1 : i + 1] == "''" else i
                quotes.append(Quote(start, end, closed))
                i = end
                continue
        i += 1
    return quotes


def split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of [start, end) separated by line breaks, each trimmed of white space."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    while cursor < end:
        stop = text.find("\n", cursor, end)
        stop = end if stop == -1 else stop
        a, b = cursor, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append((a, b))
        cursor = stop + 1
    return pieces
