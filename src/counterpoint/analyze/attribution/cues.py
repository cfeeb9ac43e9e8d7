"""Cue finding: which words introduce an attribution ("said", "according to", "denied").

Why learned: attribution cues are a long tail (say, tell, note, argue, warn, accuse,
call for ...) whose meaning depends on syntax ("said that" vs "said goodbye"). A
logistic-regression scorer over spaCy features, trained on PolNeAR train by
scripts/train_attribution.py, ranks candidate words; its weights ship as a small JSON
file next to this module. The rule lexicon below is the fallback when no weights exist.
When the token tagger runs (tagger.py), its contextual cue probability is averaged in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from counterpoint.analyze.attribution import tagger
from counterpoint.analyze.attribution.linear import load_model, probability
from counterpoint.analyze.attribution.quotes import Quote
from counterpoint.analyze.attribution.speaker_words import NON_SPEAKER_LABELS
from counterpoint.analyze.doctext import doc_text
from counterpoint.lexicon import QUOTE_MARKS
from counterpoint.package_files import package_file

WEIGHTS_PATH = package_file("counterpoint.analyze.attribution", "cue_weights.json")
CUE_THRESHOLD = 0.3
CANDIDATE_POS = {"VERB", "AUX", "NOUN"}
COLON_MARKS = {":", "—", "–", "―"}
QUOTE_CHARS = set(QUOTE_MARKS)

# Fallback lexicon: reporting verbs that are cues whenever they govern a clause or quote.
RULE_CUE_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "note",
        "claim",
        "argue",
        "explain",
        "write",
        "report",
        "insist",
        "deny",
        "warn",
        "suggest",
        "state",
        "announce",
        "confirm",
        "declare",
        "acknowledge",
        "admit",
        "assert",
        "stress",
        "emphasize",
        "continue",
        "tweet",
        "decline",
        "refuse",
        "reject",
        "believe",
        "think",
        "ask",
        "respond",
        "reply",
        "point",
        "allege",
        "predict",
        "promise",
        "vow",
        "urge",
        "contend",
        "maintain",
    }
)
DENIAL_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "disavow"})
DECLINE_LEMMAS = frozenset({"decline", "refuse"})
# what one declines to do when declining to comment; a negated cue among these ("did
# not disclose", "would not say") is a refusal to comment, any other negated cue ("did
# not read", "don't believe") says nothing at all
COMMENT_WORDS = frozenset(
    {
        "comment",
        "respond",
        "discuss",
        "answer",
        "elaborate",
        "say",
        "speak",
        "confirm",
        "specify",
        "reply",
        "address",
        "identify",
        "describe",
        "explain",
        "disclose",
        "detail",
        "name",
    }
)
CUE_PARTICLE_DEPS = {"aux", "auxpass", "neg", "prt"}
MAX_HEADLINE_SPEAKER_WORDS = 5
TRAILER_DASHES = {"—", "–", "―", "--"}
# a transcript has several turns: line-start upper-case labels followed by a colon
TRANSCRIPT_LINE = re.compile(r"^[\"“']?[A-Z][A-Z.'’ -]{0,40}:", re.MULTILINE)
MIN_TRANSCRIPT_TURNS = 2
MAX_TRAILER_WORDS = 5


@dataclass
class Cue:
    """A cue word (`head`) and the character range shown as the cue."""

    head: Token
    start: int
    end: int
    score: float
    according_to: bool = False
    colon: bool = False
    trailer: bool = False  # '“quote” ― Name': the speaker follows the mark


def quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """For each token, the index of the quote it lies in, or -1."""
    inside = [-1] * len(doc)
    for number, quote in enumerate(quotes):
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            inside[token.i] = number
    return inside


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    return None


def _char_after(doc: Doc, token: Token) -> str:
    """First non-space, non-comma character after a token."""
    text = doc_text(doc)
    i = token.idx + len(token.text)
    while i < len(text) and (text[i].isspace() or text[i] in ",:"):
        i += 1
    return text[i] if i < len(text) else ""


def _char_before(doc: Doc, token: Token, source: Token | None) -> str:
    """Last non-space character before the cue clause (before its subject if first)."""
    first = token.idx
    if source is not None and source.idx < first:
        first = min(t.idx for t in source.subtree)
    text = doc_text(doc)
    i = first - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def cue_features(doc: Doc, token: Token, inside: list[int]) -> dict[str, float]:
    """Sparse features for one candidate cue word (used for training and scoring)."""
    lemma = token.lemma_.lower()
    child_deps = {child.dep_ for child in token.children}
    subject = _subject(token)
    features: dict[str, float] = {
        "bias": 1.0,
        f"lemma={lemma}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"lemma|dep={lemma}|{token.dep_}": 1.0,
        f"head_lemma={token.head.lemma_.lower()}": 1.0,
        f"head_dep={token.head.dep_}": 1.0,
        "in_quote": 1.0 if inside[token.i] >= 0 else 0.0,
    }
    for dep in child_deps:
        features[f"child={dep}"] = 1.0
        features[f"lemma|child={lemma}|{dep}"] = 1.0
    if subject is not None:
        kind = subject.ent_type_ or ("PRON" if subject.pos_ == "PRON" else subject.pos_)
        features[f"subj={kind}"] = 1.0
        features[f"subj_lower={subject.lower_}"] = 1.0 if subject.pos_ == "PRON" else 0.0
    else:
        features["no_subj"] = 1.0
    after = _char_after(doc, token)
    before = _char_before(doc, token, subject)
    if after in QUOTE_CHARS:
        features["quote_after"] = 1.0
        features[f"lemma|quote_after={lemma}"] = 1.0
    if before in QUOTE_CHARS or before == ",":
        features[f"before={before if before == ',' else 'quote'}"] = 1.0
        features[f"lemma|before={lemma}|{before == ','}"] = 1.0
    sentence = token.sent
    if any(number >= 0 for number in inside[sentence.start : sentence.end]):
        features["sent_has_quote"] = 1.0
    features[f"prev={doc[token.i - 1].lower_ if token.i > 0 else '<s>'}"] = 1.0
    features[f"next={doc[token.i + 1].lower_ if token.i + 1 < len(doc) else '</s>'}"] = 1.0
    features.update(_context_features(token, lemma, subject))
    return features


def _context_features(token: Token, lemma: str, subject: Token | None) -> dict[str, float]:
    """What the word governs and who governs it: 'said that', 'called for', 'declined
    to', 'a spokesman said', modal or negated verbs, nouns with a 'that' clause."""
    features: dict[str, float] = {}
    for child in token.children:
        dep = child.dep_
        if dep == "prep":
            features[f"lemma|prep={lemma}|{child.lower_}"] = 1.0
            features[f"prep={child.lower_}"] = 1.0
        elif dep in ("ccomp", "xcomp", "advcl"):
            marks = [g.lower_ for g in child.children if g.dep_ in ("mark", "aux")]
            features[f"{dep}_mark={marks[0] if marks else '-'}"] = 1.0
            features[f"lemma|{dep}_lemma={lemma}|{child.lemma_.lower()}"] = 0.5
        elif dep in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            kind = child.ent_type_ or child.pos_
            features[f"lemma|{dep}={lemma}|{kind}"] = 1.0
        elif dep in ("aux", "auxpass") and child.tag_ == "MD":
            features["modal"] = 1.0
        elif dep == "neg":
            features[f"lemma|neg={lemma}"] = 1.0
        elif dep == "acl" and token.pos_ == "NOUN":
            features["noun_acl"] = 1.0
    if subject is not None:
        kind = subject.ent_type_ or subject.pos_
        features[f"lemma|subj={lemma}|{kind}"] = 1.0
        if subject.pos_ == "NOUN":
            features[f"subj_lemma={subject.lemma_.lower()}"] = 1.0
    head = token.head
    if head.i != token.i:
        features[f"head_lemma|dep={head.lemma_.lower()}|{token.dep_}"] = 1.0
        features[f"tag|dep={token.tag_}|{token.dep_}"] = 1.0
    return features


def is_candidate(token: Token) -> bool:
    """Words that may head a cue: verbs and nouns, 'according', and introducing colons."""
    if token.lower_ == "according":
        return True
    if token.text in COLON_MARKS:
        return True
    return token.pos_ in CANDIDATE_POS and token.is_alpha


def _model() -> dict[str, object] | None:
    return load_model(WEIGHTS_PATH)


def _weights() -> dict[str, float] | None:
    data = _model()
    if data is None:
        return None
    weights = data["weights"]
    assert isinstance(weights, dict)
    return weights


def learned_threshold() -> float:
    """The decision threshold chosen by cross-validation on train (card value)."""
    data = _model()
    value = data.get("threshold", CUE_THRESHOLD) if data else CUE_THRESHOLD
    return float(value) if isinstance(value, (int, float)) else CUE_THRESHOLD


def score_cue(features: dict[str, float]) -> float:
    """Probability that a candidate is a cue head (learned weights, else rules)."""
    weights = _weights()
    if weights is None:
        return _rule_score(features)
    return probability(weights, features)


def _rule_score(features: dict[str, float]) -> float:
    lemma = next((name[6:] for name in features if name.startswith("lemma=")), "")
    governs = any(name in features for name in ("child=ccomp", "child=xcomp", "quote_after"))
    if lemma in RULE_CUE_LEMMAS and governs and not features.get("in_quote"):
        return 0.9
    return 0.0


def cue_span(token: Token) -> tuple[int, int, bool]:
    """Character range shown as the cue: the word plus adjacent auxiliaries/particles;
    'according to' as one phrase."""
    if token.lower_ == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        end = (
            nxt.idx + len(nxt.text)
            if nxt is not None and nxt.lower_ == "to"
            else token.idx + len(token.text)
        )
        return token.idx, end, True
    left = token.i
    right = token.i
    for child in sorted(token.children, key=lambda c: c.i):
        if child.dep_ in CUE_PARTICLE_DEPS:
            if child.i == left - 1:
                left = child.i
            elif child.i == right + 1:
                right = child.i
    doc = token.doc
    return doc[left].idx, doc[right].idx + len(doc[right].text), False


def find_cues(
    doc: Doc,
    quotes: list[Quote],
    threshold: float | None = None,
    tagged: np.ndarray | None = None,
) -> list[Cue]:
    """Cue words of a parsed document, best-scored first within each sentence.

    `tagged` holds the token tagger's probabilities (tagger.token_probabilities);
    with it, a candidate's learned score is averaged with the tagger's cue
    probability and compared with the tagger card's threshold.
    """
    learned = _weights() is not None
    with_tagger = tagged is not None and learned
    if threshold is None:
        if with_tagger:
            threshold = tagger.cue_threshold()
        else:
            threshold = learned_threshold() if learned else CUE_THRESHOLD
    inside = quote_index(doc, quotes)
    cues: list[Cue] = _trailer_cues(doc, quotes)
    taken = {cue.head.i for cue in cues}
    for token in doc:
        if token.i in taken:
            continue
        if not is_candidate(token):
            continue
        if token.text in COLON_MARKS:
            colon = _colon_cue(doc, token, inside)
            if colon is not None:
                cues.append(colon)
            continue
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            start, end, _ = cue_span(token)
            cues.append(Cue(token, start, end, 1.0, according_to=True))
            continue
        if inside[token.i] >= 0:
            continue
        probability = score_cue(cue_features(doc, token, inside))
        if with_tagger:
            assert tagged is not None
            probability = tagger.cue_probability(probability, tagged, token.i)
        if probability >= threshold:
            start, end, _ = cue_span(token)
            cues.append(Cue(token, start, end, probability))
    return cues


def _trailer_cues(doc: Doc, quotes: list[Quote]) -> list[Cue]:
    """'“Quote.” ― Sonya Herridge': a dash after a closing quote, followed by a short
    name that ends its line (collections of readers' or voters' voices)."""
    text = doc_text(doc)
    cues: list[Cue] = []
    for quote in quotes:
        i = quote.end
        while i < len(text) and text[i] in " \t\u00a0":
            i += 1
        mark = "--" if text.startswith("--", i) else text[i : i + 1]
        if mark not in TRAILER_DASHES:
            continue
        line_end = text.find("\n", i)
        line_end = len(text) if line_end == -1 else line_end
        words = text[i + len(mark) : line_end].split()
        if not (0 < len(words) <= MAX_TRAILER_WORDS) or not words[0][:1].isupper():
            continue
        span = doc.char_span(i, i + len(mark), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        cues.append(Cue(span[0], i, i + len(mark), 0.6, trailer=True))
    return cues


def transcript_label(doc: Doc, token: Token) -> bool:
    """'"WALLACE: Let’s start ...': an upper-case speaker label opening a line (maybe
    after a quote mark) in a transcript."""
    if token.text != ":":
        return False
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    prefix = text[line_start : token.idx].strip().lstrip("".join(QUOTE_CHARS)).strip()
    return _speaker_label(prefix) and len(TRANSCRIPT_LINE.findall(text)) >= MIN_TRANSCRIPT_TURNS


def _speaker_label(prefix: str) -> bool:
    words = prefix.split()
    return (
        0 < len(words) <= MAX_HEADLINE_SPEAKER_WORDS
        and prefix.isupper()
        and any(ch.isalpha() for ch in prefix)
        and prefix.lower() not in NON_SPEAKER_LABELS
    )


def _colon_cue(doc: Doc, token: Token, inside: list[int]) -> Cue | None:
    """'Name: “quote”', 'Name — “quote”', the headline 'Name: Claim' or a transcript's
    'NAME: words': a colon or dash right after a named speaker that opens what they
    said."""
    if token.i == 0:
        return None
    if transcript_label(doc, token):
        return Cue(token, token.idx, token.idx + len(token.text), 0.6, colon=True)
    if inside[token.i] >= 0:
        return None
    previous = doc[token.i - 1]
    if previous.lemma_.lower() in RULE_CUE_LEMMAS and previous.pos_ == "VERB":
        return None  # "said: “...”" -- the verb is the cue
    if previous.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") and previous.pos_ not in (
        "PRON",
        "PROPN",
    ):
        return None
    line_start = doc_text(doc).rfind("\n", 0, token.idx) + 1
    prefix = doc_text(doc)[line_start : token.idx]
    if token.text != ":" and (previous.ent_type_ == "GPE" or prefix.strip().isupper()):
        return None  # a dateline: "WASHINGTON — ..."
    if prefix.strip().strip("".join(QUOTE_CHARS)).lower() in NON_SPEAKER_LABELS:
        return None  # "UPDATE: ...", "Related: ..."
    headline = len(prefix.split()) <= MAX_HEADLINE_SPEAKER_WORDS and token.text == ":"
    if _char_after(doc, token) not in QUOTE_CHARS and not headline:
        return None
    return Cue(token, token.idx, token.idx + len(token.text), 0.6, colon=True)
