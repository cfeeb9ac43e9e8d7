"""Does an outlet state what a brief sentence says? The citation-support check.

A brief sentence may cite an outlet only if that outlet's own text states it. The
check is rules first, then a sentence-embedding similarity:

1. *verbatim*: the sentence's words run unbroken through the outlet's text (the
   sentence it came from, possibly trimmed);
2. *rewritten*: it is the outlet's sentence with only a name put in (a resolved
   speaker, "X said ..."): every other word lines up with the outlet's sentence, the
   added words are names the outlet itself uses or a speech verb, and the numbers
   and negation are unchanged;
3. *same facts*: another sentence of the outlet carries the same numbers (every
   figure of the brief sentence, e.g. "$139 million" is not "$141 million"), the
   same names, the same polarity (both negated or neither), shares most content
   words and is close in meaning (MiniLM cosine, through counterpoint.models).

Anything else is unsupported, and the writer drops that citation (or the sentence
when no citation is left). `Verdict.how` says which rule decided, for the
benchmark's fidelity figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from counterpoint.analyze.quantities import find_quantities
from counterpoint.lexicon import (
    MONTH_NAMES,
    OPENING_QUOTES,
    STOPWORDS,
    WEEKDAY_NAMES,
    negation_regex,
)
from counterpoint.summarize.text import is_quoted, split_sentences

# A paraphrase in another outlet: close in meaning and sharing most content words.
MIN_COSINE = 0.75
MIN_CONTENT_RECALL = 0.6
# Cosine high enough that a shared-facts sentence needs fewer shared words.
HIGH_COSINE = 0.85
MIN_RECALL_AT_HIGH = 0.45
# Content words the outlet never uses anywhere (a detail it does not report) may be
# at most this share of the sentence's content words.
MAX_NOVEL_SHARE = 0.2
# A rewrite keeps nearly every word of the outlet's sentence in order.
MIN_REWRITE_COVER = 0.8

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_CAPITAL = re.compile(r"(?<![\w'’])[A-Z][A-Za-z'’.\-]*[A-Za-z]|(?<![\w'’])[A-Z]\b")
_YEAR = re.compile(r"(?<![\d,.$])(?:1[89]|20)\d\d(?![\d,])")
# a negation word, or a verb of denial or failure: a rewrite must not drop or add one
_DENIAL_VERBS = "denied denies deny denying refused refuses rejected rejects failed fails"
_NEGATION = re.compile(negation_regex(*_DENIAL_VERBS.split()), re.I)
# the shared stopwords plus what a reporter's attribution adds ("told", titles, first person)
_STOP = STOPWORDS | frozenset("told not no i me my mr mrs ms dr new just".split())
# Words a rewrite may add besides names: the verb of "X said ...".
_ADDED_OK = frozenset({"said", "says", "that", "according", "to", "reports", "report"})
# Capitalised words that are not names (sentence openers, titles, months are kept).
_NOT_NAMES = frozenset(
    """the a an in on at for from by with and or but if when while after before as it its
    this that these those there he she they we i you his her their our my mr mrs ms dr
    president sen rep gov said says however meanwhile still yet so also some many most all
    both no not one two three according""".split()
)


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def numbers(text: str) -> frozenset[float]:
    """Every figure in the text (quantities normalised, plus years)."""
    found = {q.value for q in find_quantities(text)}
    found.update(float(m.group(0)) for m in _YEAR.finditer(text))
    return frozenset(found)


def names(text: str) -> frozenset[str]:
    """Lower-cased capitalised words that are not the sentence's first word."""
    found: set[str] = set()
    for sentence in split_sentences(text) or [text]:
        first = True
        for match in _CAPITAL.finditer(sentence):
            token = match.group(0).rstrip(".").lower()
            at_start = not sentence[: match.start()].strip(" \"“‘'(")
            if first and at_start:
                first = False
                continue
            first = False
            if token not in _NOT_NAMES and len(token) > 1:
                found.add(token)
    return frozenset(found)


def negated(text: str) -> bool:
    return _NEGATION.search(text) is not None


def content(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in words(text) if w not in _STOP and not w.isdigit())


@dataclass(frozen=True)
class Verdict:
    """Whether an outlet supports a sentence, which rule decided, and on what text."""

    supported: bool
    # verbatim | rewritten | same facts; or why not: name, detail, number, polarity, meaning
    how: str
    evidence: str | None = None


@dataclass
class OutletText:
    """One outlet's own words: headline and body."""

    name: str
    text: str
    title: str | None = None

    @cached_property
    def sentences(self) -> list[str]:
        body = [s for s in split_sentences(self.text) if len(words(s)) >= 3]
        return ([self.title] if self.title and self.title.strip() else []) + body

    @cached_property
    def joined(self) -> str:
        """Every word of title and text, space-separated, for verbatim look-ups."""
        return " " + " ".join(words((self.title or "") + " . " + self.text)) + " "

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """First five letters of every content word the outlet uses."""
        return frozenset(w[:5] for w in content((self.title or "") + " " + self.text))

    @cached_property
    def names(self) -> frozenset[str]:
        """Words the outlet writes capitalised inside a sentence (its names)."""
        return names((self.title or "") + ". " + self.text)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the outlet uses, names included."""
        return self.names | frozenset(words((self.title or "") + " " + self.text))


# A sentence may be cut after these words ("X said [that] ...", "But ..."), or at
# punctuation; never after "whether", "if", "denied that" and the like.
_CUT_AFTER = frozenset(
    """said says told added stated wrote noted saying that and but however meanwhile also
    so still yet then now""".split()
)


def _clean_cut(text: str, kept_from: int) -> bool:
    """True when cutting `text` before its word number `kept_from` leaves a whole clause."""
    if kept_from == 0:
        return True
    spans = [m.span() for m in _WORD.finditer(text)]
    if kept_from >= len(spans):
        return False
    gap = text[spans[kept_from - 1][1] : spans[kept_from][0]]
    if any(mark in gap for mark in ',;:—–-("“”'):
        return True
    return text[slice(*spans[kept_from - 1])].lower() in _CUT_AFTER


def _edits_ok(source_text: str, target: list[str], names: frozenset[str]) -> bool:
    """True when `target` is `source` trimmed at its ends, with names put in.

    Allowed: words cut from the start (at punctuation or after "said", "that", a
    connective) or the end, a short span (a pronoun, "the ministry") replaced by a
    name, and names or "said" inserted. Not allowed: words dropped from the middle
    (two clauses glued together) or any other word changed.
    """
    if not target:
        return False
    source = words(source_text)
    ops = SequenceMatcher(None, source, target, autojunk=False).get_opcodes()
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return False
    first_kept = ops[equal[0]][1]
    cut = ops[0][0] in ("delete", "replace") and ops[0][2] - ops[0][1] > 2
    if cut and not _clean_cut(source_text, first_kept):
        return False  # "announces whether he plans ..." is not "he plans ..."
    covered = sum(op[4] - op[3] for op in ops if op[0] == "equal")
    if covered < MIN_REWRITE_COVER * len(target) - 2:
        return False
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        inside = equal[0] < k < equal[-1]
        added = target[j1:j2]
        if op == "delete" and inside:
            return False
        if op == "insert" or op == "replace":
            if not all(w in _ADDED_OK or w in names for w in added):
                return False
            if op == "replace" and inside and i2 - i1 > 4:
                return False
    return True


class SupportChecker:
    """Checks (sentence, outlet) pairs against a story's outlet texts.

    `encode` maps texts to unit vectors; by default counterpoint.models.embed (the
    project's one MiniLM), loaded only when a rule cannot decide.
    """

    def __init__(
        self,
        outlets: Sequence[OutletText],
        encode: Callable[[list[str]], Any] | None = None,
    ) -> None:
        self.outlets = {o.name: o for o in outlets}
        self._encode = encode
        self._vectors: dict[str, np.ndarray] = {}

    def _embed(self, texts: list[str]) -> list[np.ndarray]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if todo:
            encode = self._encode
            if encode is None:
                from counterpoint.models import embed

                encode = embed
            for text, vector in zip(todo, np.asarray(encode(todo)), strict=True):
                self._vectors[text] = vector
        return [self._vectors[t] for t in texts]

    def check(self, sentence: str, outlet: str) -> Verdict:
        """Does `outlet` state `sentence` (a brief sentence without its citation)?"""
        source = self.outlets.get(outlet)
        body = words(sentence)
        if source is None or not body:
            return Verdict(False, "no text")
        if f" {' '.join(body)} " in source.joined:
            return Verdict(True, "verbatim")
        figures, polarity = numbers(sentence), negated(sentence)
        own_names = names(sentence)
        if not own_names <= source.vocabulary:
            return Verdict(False, "name")
        rewrite = self._rewrite(sentence, body, figures, polarity, source)
        if rewrite is not None:
            return rewrite
        return self._same_facts(sentence, figures, polarity, own_names, source)

    def _rewrite(
        self,
        sentence: str,
        body: list[str],
        figures: frozenset[float],
        polarity: bool,
        source: OutletText,
    ) -> Verdict | None:
        sentences = source.sentences
        pairs = [" ".join(sentences[i : i + 2]) for i in range(len(sentences))]
        for candidate in sentences + pairs:
            if not _edits_ok(candidate, body, source.names):
                continue
            if figures <= numbers(candidate) and negated(candidate) == polarity:
                return Verdict(True, "rewritten", candidate)
        return None

    def _same_facts(
        self,
        sentence: str,
        figures: frozenset[float],
        polarity: bool,
        own_names: frozenset[str],
        source: OutletText,
    ) -> Verdict:
        own_content = content(sentence)
        novel = [w for w in own_content if w[:5] not in source.prefixes]
        if len(novel) > MAX_NOVEL_SHARE * len(own_content):
            return Verdict(False, "detail")
        why = "meaning"
        shortlist = []
        for candidate in source.sentences:
            if not figures <= numbers(candidate):
                why = "number" if why == "meaning" else why
                continue
            if negated(candidate) != polarity:
                why = "polarity" if why == "meaning" else why
                continue
            cand_names = names(candidate) | frozenset(words(candidate))
            if own_names and len(own_names & cand_names) * 2 < len(own_names):
                continue
            recall = len(own_content & content(candidate)) / max(len(own_content), 1)
            if recall >= MIN_RECALL_AT_HIGH:
                shortlist.append((candidate, recall))
        if not shortlist:
            return Verdict(False, why)
        vectors = self._embed([sentence] + [c for c, _ in shortlist])
        best: tuple[float, str] | None = None
        for (candidate, recall), vector in zip(shortlist, vectors[1:], strict=True):
            cosine = float(np.dot(vectors[0], vector))
            close = (cosine >= MIN_COSINE and recall >= MIN_CONTENT_RECALL) or cosine >= HIGH_COSINE
            if close and (best is None or cosine > best[0]):
                best = (cosine, candidate)
        if best is None:
            return Verdict(False, "meaning")
        return Verdict(True, "same facts", best[1])

    def supporting(self, sentence: str, outlets: Sequence[str]) -> list[str]:
        """The outlets among `outlets` that state `sentence`, in the given order."""
        return [o for o in outlets if self.check(sentence, o).supported]


# --------------------------------------------------------------------------- whole clauses

_SPEECH_END = re.compile(
    r"\b(?:said|says|told|added|stated|wrote|tweeted|according to|explained|noted|"
    r"continued|asked|argued|insisted|declared|announced|saying)(?:\s+that)?\s*[.:,;]?\s*[\"”’]?$",
    re.I,
)
# A sentence may end on a preposition ("where it came from."), never on an article,
# a conjunction or "of".
_DANGLING_END = re.compile(
    r"\b(?:the|a|an|of|and|or|but|its|their|his|when|whether|because|although|though|"
    r"which|who|whose|while|unless|than|as|where|if)\s*[.:,;]?$",
    re.I,
)
# "unknown" standing where a speaker's name should be (an unresolved pronoun).
_PLACEHOLDER = re.compile(
    r"(?:^|\b(?:says|said|reports?|that)\s+)unknown\b|\bunknown\s+(?:said|says|told|added)\b",
    re.I,
)


def whole_clause(text: str) -> bool:
    """False for a cut-off sentence ('X said.', '... of the.') or a placeholder speaker."""
    core = text.strip().rstrip('.!?"”’) ').strip()
    if len(words(core)) < 4:
        return False
    if _DANGLING_END.search(core):
        return False
    speech = _SPEECH_END.search(core)
    if speech is not None:
        # "Repairs take six weeks, the mayor said." carries its content before the
        # speaker; "The police commissioner said." has none left.
        before = core[: speech.start()]
        cut = max(before.rfind(","), before.rfind("”"), before.rfind('"'), before.rfind("—"))
        if cut < 0 or len(words(before[:cut])) < 2:
            return False
    if _PLACEHOLDER.search(text.strip()):
        return False
    return not core.endswith((":", ",", ";", "—", "-"))


_OPEN_QUOTES = OPENING_QUOTES + "‘'"  # a line opening on a single mark is quoted too
_POINTER_START = re.compile(
    r"^(?:he|she|they|it|this|that|these|those|his|her|their|its|we|i|our)\b", re.I
)
# "The statement also quotes ...", "One of its members ...": a thing or group named in
# an earlier sentence the brief does not carry
_POINTING_NOUN = re.compile(
    r"^(?:(?:the|this|that|these|those)\s+(?:statement|letter|report|note|memo|source|sources|"
    r"remarks|comments|move|document|message|e-?mail|questions|announcement|decision)\b"
    r"|one\s+of\s+(?:its|their|his|her)\b)",
    re.I,
)
# "The Times later stood by that version of events": what "that" points at is in an
# earlier sentence; "..., the official said": which official, the brief does not say
_BACK_REFERENCE = re.compile(
    r"\b(?:that|those|these)\s+(?:version|account|claims?|reports?|statements?|decision|"
    r"figures?|numbers?|remarks|comments|allegations?|accusations?)\b"
    r"|\b(?:the|that)\s+(?:official|officials|spokesman|spokeswoman|spokesperson|source|"
    r"sources|aide|person)\s+(?:said|says|added|told|wrote)\b",
    re.I,
)


def _points_back(text: str, match: re.Match[str]) -> bool:
    """A back-reference outside quotation marks; "said that reports ..." is a clause, not one."""
    if is_quoted(text, match.start(), match.end()):
        return False
    before = words(text[: match.start()])[-1:]
    return not (match.group(0).lower().startswith("that") and before and before[0] in _THAT_CLAUSE)


# verbs after which "that" opens a clause ("said that figures show ...")
_THAT_CLAUSE = frozenset(
    """said says say told tells argued argues believe believes noted notes claimed claims
    insisted insists added adds reported reports showed shows found finds suggest suggests
    suggested warned warns wrote writes stated states announced announces""".split()
)
_PRONOUN_SPEAKER = re.compile(
    r"[,.!?]?[\"”’]\s*,?\s*(?:he|she|they|it|we)\s+(?:said|says|added|told|wrote|noted)\b",
    re.I,
)


# first and second person: a speaker's words (a letter, an ad, a speech) set without
# quotation marks
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|stated|states|read|reads|"
    r"asked|asks|noted|notes|tweeted|argued|argues|continued|continues|declared|"
    r"according to|explained|insisted|recalled|warned|replied)\b",
    re.I,
)


def reports_speech(text: str) -> bool:
    """Whether the sentence quotes or reports someone (a quotation mark or a speech verb)."""
    return any(mark in text for mark in '"“”') or _SPEECH_VERB.search(text) is not None


_FIRST_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ll|ve|d)|me|[Mm]y|[Ww]e|[Ww]e['’](?:re|ll|ve)|[Oo]ur|us|[Yy]ou|[Yy]our|"
    r"[Yy]ou['’](?:re|ll|ve))\b"
)  # case-sensitive: "US" is a country
# "O'Neill said to The Daily Caller ...": only the attribution of a quotation the
# sentence before holds.
_BARE_ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w'’.\-]*\s+){1,4}(?:said|says|told|wrote)\s+(?:to\s+)?(?:the\s+)?"
    rf"(?!(?:{'|'.join(n.capitalize() for n in WEEKDAY_NAMES + MONTH_NAMES)})\b)[A-Z]"
)


_MONTHS_DAYS = frozenset(MONTH_NAMES + WEEKDAY_NAMES)
# ", he decried ...", "the ceremony, in which he pardoned ...": a pronoun subject
_PRONOUN_SUBJECT = re.compile(r"(?:,|\bwhich|\bwhen|\bwhere)\s+(?:he|she|they)\s+[a-z]")


def _dangling_subject(text: str) -> bool:
    """'In a statement released Tuesday, he decried ...': no name before the pronoun."""
    match = _PRONOUN_SUBJECT.search(text)
    if match is None or is_quoted(text, match.start(), match.end()):
        return False
    before = {re.split("['’]", name)[0] for name in names(text[: match.start()])}
    return not before - _MONTHS_DAYS


_SPEAKER_THEN_COMMA = re.compile(
    r"^(?:[A-Z][\w'’.\-]*\s+){1,4}(?:said|says|added|adds|told\s+\w+|wrote|continued)\s*,"
)


def _first_person_outside_quotes(text: str) -> bool:
    return any(not is_quoted(text, m.start(), m.end()) for m in _FIRST_PERSON.finditer(text))


def stands_alone(text: str) -> bool:
    """A whole clause a reader can follow out of its article.

    Not: a fragment starting in lower case, a bare quotation with nobody named as
    its speaker, a quotation given to "he" / "she", first-person words outside
    quotation marks (a speaker's words passed off as the outlet's), an attribution
    left without its quotation, or a sentence opening on a word that points back
    ("He", "This", "The statement", "One of its") to something the brief does not say.
    """
    if not whole_clause(text):
        return False
    stripped = text.strip()
    core = stripped.lstrip(_OPEN_QUOTES + "(")
    if not core[:1].isupper() and not core[:1].isdigit() and not core.startswith("$"):
        return False
    if stripped[:1] in _OPEN_QUOTES:
        outside = re.sub(r"[\"“][^\"”]*[\"”]", " ", stripped)
        if not _SPEECH_VERB.search(outside):  # nobody is named as its speaker
            return False
    if _PRONOUN_SPEAKER.search(stripped):
        return False
    if _first_person_outside_quotes(stripped):  # someone's words without quotation marks
        return False
    if _dangling_subject(stripped):
        return False
    if _BARE_ATTRIBUTION.match(stripped) and " that " not in stripped:
        return False
    tail = _SPEAKER_THEN_COMMA.match(stripped)
    if tail and len(words(stripped[tail.end() :])) < 6:  # "Mrs. Clinton said, her voice rising."
        return False
    quoted = stripped[:1] in _OPEN_QUOTES  # "I" inside a quotation is its speaker's
    if _POINTING_NOUN.match(core):
        return False
    if any(_points_back(stripped, m) for m in _BACK_REFERENCE.finditer(stripped)):
        return False
    return quoted or _POINTER_START.match(core) is None


_SUBORDINATORS = frozenset(
    "when while although though because if unless since once as after before whereas until".split()
)


@lru_cache(maxsize=4096)
def has_main_clause(text: str) -> bool:
    """True when spaCy finds a verb heading a main clause (not 'Maria Cino, a veteran
    operative who ...', not 'When the question was taken up by Ed Royce, ...')."""
    from counterpoint.models import spacy_english

    for sentence in spacy_english()(text).sents:
        root = sentence.root
        if root.pos_ not in ("VERB", "AUX"):
            continue
        first = sentence[0] if sentence[0].is_alpha else sentence[min(1, len(sentence) - 1)]
        if first.head == root and first.lower_ in _SUBORDINATORS:
            continue
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)
        if root.tag_ == "VB" and not subject:  # an imperative: someone's words, unquoted
            continue
        return True
    return False
