"""Word and character lists several stages read: one home each, so they cannot drift apart.

Quote marks, negation words, stopwords and month/weekday names used to be copied into
each module that needed them, with differing contents (a mark or a word missing here
and there). Stages import them from here and add what is particular to them by name
(e.g. the brief's attribution words on top of STOPWORDS). Lists a trained model's
features were computed with stay as frozen copies beside that model and say so: a
change there needs a retrain, not an edit here.
"""

from __future__ import annotations

__all__ = [
    "APOSTROPHE_AND_QUOTE_MARKS",
    "CLOSING_QUOTES",
    "CURLY_CLOSING_QUOTES",
    "CURLY_OPENING_QUOTES",
    "EXCEPTION_MARKERS",
    "MONTH_NAMES",
    "NEGATION_WORDS",
    "OPENING_QUOTES",
    "QUOTE_MARKS",
    "STOPWORDS",
    "STRAIGHT_QUOTE",
    "WEEKDAY_NAMES",
    "YEAR",
    "negation_regex",
]

# Every quotation mark news text uses: straight and curly doubles, single curly ones,
# „low-nine“ and ‚single low-nine‘, «guillemets» and ‹single guillemets›. The straight
# apostrophe is not one: inside a word it is an apostrophe far more often than a quote.
QUOTE_MARKS = '"“”„«»‘’‹›‚'
# For trimming a quoted text's ends, where a straight ' opens or closes a quotation too.
APOSTROPHE_AND_QUOTE_MARKS = QUOTE_MARKS + "'"
# Where a double quotation opens or closes. Curly marks and guillemets say which end they
# are; the straight mark is one character for both ends (count it by parity); single
# marks are left out, as they are apostrophes too often.
CURLY_OPENING_QUOTES = "“«"
CURLY_CLOSING_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
OPENING_QUOTES = CURLY_OPENING_QUOTES + STRAIGHT_QUOTE
CLOSING_QUOTES = CURLY_CLOSING_QUOTES + STRAIGHT_QUOTE

# Words that negate their clause. "n't" is the token spaCy splits off ("did n't");
# regexes over raw text match the contracted word with negation_regex.
NEGATION_WORDS = frozenset(
    "no not never nothing none neither nor without cannot nobody nowhere n't".split()
)

# Function words left out when comparing the content words of two sentences.
STOPWORDS = frozenset(
    """a an the of to in on at for from by with and or but is are was were be been being has
    have had will would could should may might can do does did that this these those it its
    their his her they them he she we our us you your as than then there here which who whom
    what when where why how said says say also into over about after before more most
    such""".split()
)

# The words that introduce the exception in "no X except Y" (regex alternation, longest first).
EXCEPTION_MARKERS = (
    r"with the exception of|except(?:\s+for)?|other than|apart from|save for|but only|only"
)

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A four-digit year news text can mean, 1800-2099 (a regex without groups: callers name it).
YEAR = r"(?:1[89]|20)\d\d"


def negation_regex(*extra: str) -> str:
    """A regex alternation matching a negation word, a contracted negative ("didn't",
    "didn’t") or one of `extra` (a stage's own words, e.g. denial verbs), whole words."""
    words = sorted((NEGATION_WORDS - {"n't"}) | set(extra), key=len, reverse=True)
    return r"\b(?:" + "|".join(words) + r"|\w+n['’]t)\b"
